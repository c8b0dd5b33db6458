import type { AddressPoint } from '@kontor/contract/contact-points';
import type { CustomFieldDefinition, CustomFieldValue, CustomFieldValues } from '@kontor/contract/custom-fields';

let seq = 0;
export const rowKey = () => `r${++seq}`;

export interface PointRow {
  key: string;
  label: string;
  value: string;
  primary: boolean;
}
export interface AddressRow {
  key: string;
  label: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  primary: boolean;
}
export interface ContactPointRows {
  emails: PointRow[];
  phones: PointRow[];
  websites: PointRow[];
  addresses: AddressRow[];
}

export function toPointRows(points: { label: string; value: string; primary: boolean }[] | undefined): PointRow[] {
  return (points ?? []).map((p) => ({ key: rowKey(), label: p.label, value: p.value, primary: p.primary }));
}
export function toAddressRows(points: AddressPoint[] | undefined): AddressRow[] {
  return (points ?? []).map((p) => ({ key: rowKey(), ...p }));
}
export const emptyPointRows = (): ContactPointRows => ({ emails: [], phones: [], websites: [], addresses: [] });

const addressParts = ['street', 'city', 'region', 'postalCode', 'country'] as const;
const isBlankAddress = (a: AddressRow) => addressParts.every((p) => a[p].trim() === '');

/**
 * Rows to the API shape. Blank rows are dropped; `index` maps the position sent to the row
 * on screen, so an error on `emails.1.value` lands beside the right input.
 */
export function pointsPayload(rows: ContactPointRows) {
  const index: Record<string, number[]> = {};
  const keep = <R extends { key: string }>(kind: string, list: R[], blank: (r: R) => boolean) => {
    const kept: R[] = [];
    index[kind] = [];
    list.forEach((r, i) => {
      if (blank(r)) return;
      kept.push(r);
      index[kind]?.push(i);
    });
    return kept;
  };
  const point = ({ label, value, primary }: PointRow) => ({ label, value, primary });
  const payload = {
    emails: keep('emails', rows.emails, (r) => r.value.trim() === '').map(point),
    phones: keep('phones', rows.phones, (r) => r.value.trim() === '').map(point),
    websites: keep('websites', rows.websites, (r) => r.value.trim() === '').map(point),
    addresses: keep('addresses', rows.addresses, isBlankAddress).map(({ key: _key, ...rest }) => rest),
  };
  return { payload, index };
}

/** `emails.1.value` (position sent) -> `emails.3.value` (row on screen). */
export function remapPointErrors<T>(errors: Record<string, T>, index: Record<string, number[]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [path, msg] of Object.entries(errors)) {
    const m = /^(emails|phones|websites|addresses)\.(\d+)(\..*)?$/.exec(path);
    const mapped = m ? index[m[1] ?? '']?.[Number(m[2])] : undefined;
    out[m && mapped !== undefined ? `${m[1]}.${mapped}${m[3] ?? ''}` : path] = msg;
  }
  return out;
}

/** Custom field values as the form keeps them: strings for text-like inputs. */
export type CustomFormValues = Record<string, CustomFieldValue>;

export function customFieldsPayload(defs: CustomFieldDefinition[], values: CustomFormValues): CustomFieldValues {
  const out: CustomFieldValues = {};
  for (const d of defs) {
    const v = values[d.key];
    switch (d.type) {
      case 'number':
      case 'currency':
        out[d.key] = v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v);
        break;
      case 'checkbox':
        out[d.key] = v === true;
        break;
      case 'multiselect':
        out[d.key] = Array.isArray(v) ? v : [];
        break;
      default:
        out[d.key] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
    }
  }
  return out;
}

/** Required custom fields the user left empty. */
export function requiredCustomErrors(defs: CustomFieldDefinition[], values: CustomFieldValues, message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of defs) {
    if (!d.required || d.type === 'checkbox') continue;
    const v = values[d.key];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) out[`customFields.${d.key}`] = message;
  }
  return out;
}

export const blankToNull = (v: string): string | null => (v.trim() === '' ? null : v);
export const numberOrNull = (v: string | number): number | null => (v === '' ? null : typeof v === 'number' ? v : Number.isNaN(Number(v)) ? null : Number(v));
