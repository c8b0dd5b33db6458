/**
 * The suggested mapping of an import's columns (issue #15): by a known export layout when the headers are one, else
 * by name (`header-dictionary.ts`), custom fields by their label or key, numbered groups (`E-mail 1 - Value`) as
 * such; then adapted to the module and cleaned up (one column per single-valued target, a whole-name column only
 * where the file has no first/last name columns, a repeated `Email` header as a second, `other` e-mail).
 */
import type { ImportModule } from '@kontor/contract/imports';
import { dictionaryTarget, normaliseHeader } from './header-dictionary.ts';
import { detectLayout, layoutTarget, type Layout } from './layouts.ts';
import { hasPoints, isTargetAllowed, type TargetCustomField } from './targets.ts';

export interface SuggestedMapping {
  /** The export layout recognised (`outlook`, `outlook_de`, `google`, `zoho`, `salesforce`, `hubspot`, `pipedrive`, `dynamics`, `kontor`), or null. */
  layout: string | null;
  /** One target per header (null: ignored). */
  targets: (string | null)[];
}

/** `E-mail 1 - Value`, `Phone 2 - Label`, `Address 1 - Postal Code` (Google Contacts, Kontor's export). */
const NUMBERED = /^(e-?mail|phone|website|address|custom field) ([1-9][0-9]?) - (label|type|value|formatted|street|city|po box|region|postal code|country|extended address)$/i;
const NUMBERED_PARTS: Record<string, string | null> = {
  label: 'label', type: 'label', value: 'value', formatted: 'full', street: 'street', 'extended address': 'street', city: 'city',
  region: 'region', 'postal code': 'postalCode', country: 'country', 'po box': null,
};

function numberedTarget(header: string): string | null | undefined {
  const m = NUMBERED.exec(header.trim());
  if (!m) return undefined;
  const kind = (m[1] ?? '').toLowerCase().replace('-', '');
  const part = NUMBERED_PARTS[(m[3] ?? '').toLowerCase()];
  if (kind === 'custom field' || part === null || part === undefined) return null;
  if (kind === 'address') return part === 'value' ? null : `address#${m[2]}:${part}`;
  return part === 'value' || part === 'label' ? `${kind}#${m[2]}:${part}` : null;
}

/** A contacts-flavoured target as `module` takes it (a company column is an account's own name in an accounts file). */
export function adaptTarget(module: ImportModule, target: string | null): string | null {
  if (target === null) return null;
  if (module === 'accounts') {
    if (target === 'company' || target === 'fullName') return 'field:name';
    if (target === 'phone:fax') return 'field:fax';
    if (target.startsWith('address:work:')) return `address:billing:${target.slice(13)}`;
  }
  if (module === 'leads') {
    if (target === 'company') return 'field:company';
    if (target === 'field:leadSource') return 'field:source';
    if (target.startsWith('email:') || target.startsWith('email#')) return target.endsWith(':label') ? null : 'field:email';
    if (target.startsWith('phone:') || target.startsWith('phone#')) return target === 'phone:fax' || target.endsWith(':label') ? null : 'field:phone';
  }
  if (module === 'deals' && target === 'fullName') return 'field:name';
  return target;
}

/** Targets several columns may share: points and address parts (each adds or joins), tags (all kept). */
function isRepeatable(target: string): boolean {
  return target === 'tags' || /^(email|phone|website):/.test(target) || /^address:[^:]*:street$/.test(target) || /^address#\d+:street$/.test(target);
}

function customFieldOf(header: string, customFields: readonly TargetCustomField[]): string | null {
  const key = normaliseHeader(header);
  if (key === '') return null;
  const field = customFields.find((f) => normaliseHeader(f.label) === key || normaliseHeader(f.key) === key);
  return field ? `custom:${field.key}` : null;
}

function suggestOne(module: ImportModule, header: string, layout: Layout | null, customFields: readonly TargetCustomField[]): string | null {
  const trimmed = header.trim();
  if (trimmed === '') return null;
  const custom = customFieldOf(trimmed, customFields);
  if (custom) return custom;
  const bare = layout?.prefix ? trimmed.replace(layout.prefix, '') : trimmed;
  const numbered = numberedTarget(bare);
  if (numbered !== undefined) return numbered;
  if (layout) {
    const fromLayout = layoutTarget(layout, normaliseHeader(bare), module);
    if (fromLayout !== undefined) return fromLayout;
  }
  return dictionaryTarget(bare) ?? null;
}

const CUSTOM_VALUE = /^custom field ([1-9][0-9]?) - value$/i;
const CUSTOM_LABEL = (n: string) => `custom field ${n} - label`;

/**
 * Google's `Custom Field n - Value` columns name their field in the `- Label` column beside them, per row: when the
 * samples of that label column all name one of the module's custom fields, the value column maps to it.
 */
function googleCustomFields(headers: readonly string[], targets: (string | null)[], customFields: readonly TargetCustomField[], samples: readonly (readonly string[])[]): void {
  headers.forEach((header, i) => {
    const m = CUSTOM_VALUE.exec(header.trim());
    if (!m || targets[i] !== null) return;
    const labelColumn = headers.findIndex((h) => h.trim().toLowerCase() === CUSTOM_LABEL(m[1] ?? ''));
    const labels = [...new Set((samples[labelColumn] ?? []).map((s) => normaliseHeader(s)).filter((s) => s !== ''))];
    if (labels.length !== 1) return;
    const field = customFields.find((f) => normaliseHeader(f.label) === labels[0] || normaliseHeader(f.key) === labels[0]);
    if (field) targets[i] = `custom:${field.key}`;
  });
}

/**
 * The suggested target of every header for `module`. `samples` (optional, per column: its first non-empty values)
 * lets Google's custom field columns find their field by the label in the rows.
 */
export function suggestMapping(
  module: ImportModule,
  headers: readonly string[],
  customFields: readonly TargetCustomField[],
  samples: readonly (readonly string[])[] = [],
): SuggestedMapping {
  const layout = detectLayout(headers);
  const targets = headers.map((header) => {
    const target = adaptTarget(module, suggestOne(module, header, layout, customFields));
    return target !== null && isTargetAllowed(module, target, customFields) ? target : null;
  });
  googleCustomFields(headers, targets, customFields, samples);

  // a whole name only where the file has no name parts of its own (Pipedrive's `Person - Name`, Zoho's `Contact Name`)
  if (targets.some((t) => t === 'field:firstName' || t === 'field:lastName')) targets.forEach((t, i) => t === 'fullName' && (targets[i] = null));

  const taken = new Set<string>();
  const seenHeaders = new Map<string, string>();
  targets.forEach((target, i) => {
    if (target === null) return;
    const header = normaliseHeader(headers[i] ?? '');
    const earlier = seenHeaders.get(header);
    if (earlier !== undefined && hasPoints(module) && /^(email|phone|website):/.test(target)) {
      // the same header twice (`Email,Email`): both values kept, the second as an `other` point
      targets[i] = `${target.slice(0, target.indexOf(':'))}:other`;
      return;
    }
    if (header !== '') seenHeaders.set(header, target);
    if (isRepeatable(target)) return;
    if (taken.has(target)) targets[i] = null;
    else taken.add(target);
  });
  return { layout: layout?.name ?? null, targets };
}
