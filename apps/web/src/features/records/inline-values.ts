import { z } from 'zod';
import type { PostalAddress } from '@kontor/contract/addresses';
import type { CustomFieldDefinition, CustomFieldValue, CustomFieldValues } from '@kontor/contract/custom-fields';
import { customFieldsPayload, requiredCustomErrors } from './form-utils';

/** A picklist option as the editors show it. */
export interface Option {
  value: string;
  label: string;
}

/** How a field is edited in place; `key` is the field's key on the page (`customFields.<key>` for a custom field). */
export type InlineSpec =
  | { kind: 'text'; key: string; input?: 'url' | 'email' | 'tel' }
  | { kind: 'textarea'; key: string }
  | { kind: 'number'; key: string }
  | { kind: 'date'; key: string }
  | { kind: 'birthday'; key: string }
  | { kind: 'select'; key: string; options: Option[]; clearable: boolean }
  | { kind: 'owner'; key: string }
  | { kind: 'record'; key: string; module: 'accounts' | 'contacts'; nameKey: string; exclude?: string[]; params?: Record<string, string> }
  | { kind: 'checkbox'; key: string }
  | { kind: 'address'; key: string }
  | { kind: 'custom'; key: string; def: CustomFieldDefinition };

/** What the user has typed or chosen so far. */
export type Draft =
  | { kind: 'text'; value: string }
  | { kind: 'choice'; value: string | null }
  | { kind: 'record'; value: string | null; label: string | null }
  | { kind: 'flag'; value: boolean }
  | { kind: 'address'; value: PostalAddress }
  | { kind: 'custom'; value: CustomFieldValue };

/** A record as the inline editors read it: each field by its key, custom fields in `customFields`. */
export type EditableRecord = { id: string; version: number; customFields: CustomFieldValues } & { [key: string]: unknown };

/** The part of a module's update schema the editors check against: one sub-schema per field. */
export type FieldSchemas = { shape: Record<string, z.ZodType> };

const CUSTOM = 'customFields.';
export const customKey = (key: string): string | null => (key.startsWith(CUSTOM) ? key.slice(CUSTOM.length) : null);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const emptyAddress: PostalAddress = { street: '', city: '', region: '', postalCode: '', country: '' };
function addressOf(v: unknown): PostalAddress {
  if (typeof v !== 'object' || v === null) return { ...emptyAddress };
  const a: Record<string, unknown> = { ...v };
  return { street: str(a.street), city: str(a.city), region: str(a.region), postalCode: str(a.postalCode), country: str(a.country) };
}

// ---- numbers in the user's locale -------------------------------------------------------------------------------

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A number as typed in the user's locale ("1.500,5" in German, "1,500.5" in English, spaces allowed), or null when
 * empty. Text that is not a number comes back unchanged, so the field's schema says what is wrong with it.
 */
export function parseNumberText(text: string, locale: string): number | string | null {
  const s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return null;
  const { group, decimal } = separators(locale);
  // thousands grouped as the locale writes them ("1.234.567,5"); a group of spaces is gone already
  const grouped = group.trim() !== '' && new RegExp(`^-?\\d{1,3}(${escape(group)}\\d{3})+(${escape(decimal)}\\d+)?$`).test(s);
  let norm = grouped ? s.split(group).join('') : s;
  if (decimal !== '.') norm = norm.replace(decimal, '.');
  return /^-?\d+(\.\d+)?$/.test(norm) ? Number(norm) : text;
}

/** A stored number as the editor shows it: no grouping, the locale's decimal separator. */
export function numberText(n: unknown, locale: string): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  const { decimal } = separators(locale);
  const plain = Math.abs(n) >= 1e21 ? n.toLocaleString('en-US', { useGrouping: false }) : String(n);
  return decimal === '.' ? plain : plain.replace('.', decimal);
}

// ---- editor value <-> record and patch --------------------------------------------------------------------------

/** The field's current value as its editor starts. */
export function draftOf(spec: InlineSpec, record: EditableRecord, locale: string): Draft {
  const custom = customKey(spec.key);
  const raw = custom === null ? record[spec.key] : record.customFields[custom];
  switch (spec.kind) {
    case 'text':
    case 'textarea':
    case 'date':
    case 'birthday':
      return { kind: 'text', value: str(raw) };
    case 'number':
      return { kind: 'text', value: numberText(raw, locale) };
    case 'select':
    case 'owner':
      return { kind: 'choice', value: strOrNull(raw) };
    case 'record':
      return { kind: 'record', value: strOrNull(raw), label: strOrNull(record[spec.nameKey]) };
    case 'checkbox':
      return { kind: 'flag', value: raw === true };
    case 'address':
      return { kind: 'address', value: addressOf(raw) };
    case 'custom':
      return { kind: 'custom', value: record.customFields[spec.def.key] ?? null };
  }
}

const textOf = (d: Draft): string => (d.kind === 'text' ? d.value : '');

/** The PATCH body of a draft (without the version): `{ key: value }`, or `{ customFields: { key: value } }`. */
export function patchOf(spec: InlineSpec, draft: Draft, locale: string): Record<string, unknown> {
  switch (spec.kind) {
    case 'text':
    case 'textarea':
      return { [spec.key]: textOf(draft) };
    case 'number':
      return { [spec.key]: parseNumberText(textOf(draft), locale) };
    case 'date':
    case 'birthday':
      return { [spec.key]: textOf(draft).trim() === '' ? null : textOf(draft).trim() };
    case 'select':
    case 'owner':
    case 'record':
      return { [spec.key]: draft.kind === 'choice' || draft.kind === 'record' ? draft.value : null };
    case 'checkbox':
      return { [spec.key]: draft.kind === 'flag' && draft.value };
    case 'address':
      return { [spec.key]: draft.kind === 'address' ? draft.value : { ...emptyAddress } };
    case 'custom':
      return { customFields: customFieldsPayload([spec.def], { [spec.def.key]: draft.kind === 'custom' ? draft.value : null }) };
  }
}

/** True when the draft would write what the record holds already (saving it sends nothing). */
export function sameDraft(a: Draft, b: Draft): boolean {
  const plain = (d: Draft) => JSON.stringify(d.kind === 'record' ? { kind: d.kind, value: d.value } : d);
  return plain(a) === plain(b);
}

// ---- checks -----------------------------------------------------------------------------------------------------

/**
 * A patch checked with the module's update schema, field by field (the form checks with the same schema): the zod
 * error (paths from the field: `employees`, `billingAddress.city`), or null when the patch is valid.
 */
export function checkPatch(schema: FieldSchemas, patch: Record<string, unknown>): z.ZodError | null {
  const shape = Object.fromEntries(Object.keys(patch).flatMap((k) => (schema.shape[k] ? [[k, schema.shape[k]]] : [])));
  const result = z.object(shape).safeParse(patch);
  return result.success ? null : result.error;
}

/** Required custom fields a patch empties, as field errors (`customFields.<key>`: 'required'). */
export function customPatchErrors(patch: Record<string, unknown>, defs: CustomFieldDefinition[]): Record<string, string> {
  const values: CustomFieldValues = typeof patch.customFields === 'object' && patch.customFields !== null ? { ...patch.customFields } : {};
  return requiredCustomErrors(defs.filter((d) => d.key in values), values, 'required');
}

/** The message for the field being edited among a server's or the schema's field errors (or the first one). */
export function messageFor<T>(key: string, fields: Record<string, T>): T | null {
  const own = Object.entries(fields).find(([path]) => path === key || path.startsWith(`${key}.`));
  return own?.[1] ?? Object.values(fields)[0] ?? null;
}

type Versions = Readonly<Record<string, unknown>>;

// ---- what changed between two versions --------------------------------------------------------------------------

/**
 * The fields that differ between two versions of a record, among `keys` (the fields a user can write: the update
 * schema's), in that order; custom fields one by one as `customFields.<key>`, and a new photo as `photoUrl`.
 */
export function changedKeys(before: Versions, after: Versions, keys: string[]): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const custom = (r: Versions): Record<string, unknown> => (typeof r.customFields === 'object' && r.customFields !== null ? { ...r.customFields } : {});
  const out: string[] = [];
  for (const key of [...keys, 'photoUrl']) {
    if (key === 'version') continue;
    if (key === 'customFields') {
      const [a, b] = [custom(before), custom(after)];
      const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of names) if (!same(a[k], b[k])) out.push(`${CUSTOM}${k}`);
      continue;
    }
    if (!same(before[key], after[key])) out.push(key);
  }
  return out;
}
