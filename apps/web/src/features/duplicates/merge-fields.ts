import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import type { DuplicateModule, MergeInput } from '@kontor/contract/duplicates';

/*
 * Which values a merge asks about (issue #16), pure so it can be tested: the fields a user edits in the module's form
 * (API names, custom fields as `customFields.<key>`), leaving out what a merge combines (contact points, tags) or
 * decides by itself (restricted access: the strictest list wins), and the default the server applies too
 * (features/duplicates/merge/merge-values.ts): the most recently updated record's value unless it is empty, never a
 * linked account the reader may not see nor a parent inside the merge, and the owner the survivor's.
 */

/** The fields a merge chooses a value for, in the order the forms show them. */
export const mergeFieldKeys: Record<DuplicateModule, readonly string[]> = {
  contacts: ['salutation', 'firstName', 'lastName', 'position', 'department', 'accountId', 'ownerId', 'birthday', 'leadSource', 'contactType', 'emailOptOut', 'description'],
  accounts: [
    'name', 'ownerId', 'parentAccountId', 'accountType', 'industry', 'ownership', 'rating', 'employees', 'annualRevenue', 'contactType', 'fax',
    'tickerSymbol', 'accountNumber', 'accountSite', 'billingAddress', 'shippingAddress', 'description',
  ],
};

/** A record as a merge reads it: its id, version, last update, custom fields and (as a record) every field by API name. */
export type MergeSource = {
  id: string;
  version: number;
  updatedAt: string;
  customFields: Record<string, unknown>;
};

export const customFieldKey = (key: string) => `customFields.${key}`;

/** Every field a merge of this module chooses: the form's, then the custom fields in their order. */
export const mergeKeys = (module: DuplicateModule, defs: CustomFieldDefinition[]): string[] => [...mergeFieldKeys[module], ...defs.map((d) => customFieldKey(d.key))];

export function valueOf(record: MergeSource, key: string): unknown {
  if (key.startsWith('customFields.')) return record.customFields[key.slice('customFields.'.length)];
  const fields: Record<string, unknown> = record;
  return fields[key];
}

/** Nothing there: null, blank text, an unticked box, an empty list, an address with every part empty. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v).every(isEmptyValue);
  return false;
}

/** Two values alike for a merge: equal as data, every kind of empty alike. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The records newest first (by last update); on a tie the survivor, then the order given, as the server does. */
export function newestFirst<R extends MergeSource>(records: R[], survivorId?: string): R[] {
  const rank = (r: R) => (r.id === survivorId ? -1 : records.indexOf(r));
  return [...records].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || rank(a) - rank(b));
}

/** Links whose name the record answers when the reader may see the linked record (null: hidden). */
const referenceNames: Record<string, string> = { accountId: 'accountName', parentAccountId: 'parentAccountName' };

/**
 * Whether a record's value may be the survivor's: a linked account the reader may see, and never a parent inside the
 * merge (it would be the survivor itself: the server answers `merge_hierarchy`).
 */
export function acceptableValue(records: MergeSource[], record: MergeSource, key: string): boolean {
  const nameKey = referenceNames[key];
  if (nameKey !== undefined && !isEmptyValue(valueOf(record, key)) && isEmptyValue(valueOf(record, nameKey))) return false;
  return !(key === 'parentAccountId' && records.some((r) => r.id === valueOf(record, key)));
}

/** The fields whose values differ between the records: the only ones the user is asked about. */
export const differingKeys = (records: MergeSource[], keys: string[]): string[] =>
  keys.filter((k) => records.some((r) => !sameValue(valueOf(r, k), valueOf(records[0] ?? r, k))));

/**
 * The record whose value a field keeps by default: the most recently updated one with an acceptable value, else the
 * survivor; the owner is always the survivor's.
 */
export function defaultSource(records: MergeSource[], key: string, survivorId: string): string {
  if (key === 'ownerId') return survivorId;
  const found = newestFirst(records, survivorId).find((r) => !isEmptyValue(valueOf(r, key)) && acceptableValue(records, r, key));
  return found?.id ?? survivorId;
}

/** The default choice of every differing field. */
export const defaultChoices = (records: MergeSource[], keys: string[], survivorId: string): Record<string, string> =>
  Object.fromEntries(differingKeys(records, keys).map((k) => [k, defaultSource(records, k, survivorId)]));

/** The request: the survivor, the others, each differing field's chosen record, and the versions the user saw. */
export function mergeRequest(survivorId: string, records: MergeSource[], choices: Record<string, string>, keys: string[]): MergeInput {
  const differing = new Set(differingKeys(records, keys));
  return {
    survivorId,
    mergedIds: records.map((r) => r.id).filter((id) => id !== survivorId),
    fields: Object.fromEntries(Object.entries(choices).filter(([k, id]) => differing.has(k) && records.some((r) => r.id === id))),
    versions: Object.fromEntries(records.map((r) => [r.id, r.version])),
  };
}
