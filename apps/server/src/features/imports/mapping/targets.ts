/**
 * What a column of an import may map to, per module (issue #15): the module's standard fields (from its descriptor)
 * minus what an import must not set, the name, contact point and address targets, links and custom fields. The
 * syntax of a target is `importTargetPattern` in `@kontor/contract/imports`; this decides which of those a module takes.
 */
import { suggestedLabels } from '@kontor/contract/contact-points';
import { importTargetPattern, type ImportModule, type ImportTargetOption } from '@kontor/contract/imports';
import { accountsModule } from '../../accounts/accounts.module.ts';
import { contactsModule } from '../../contacts/contacts.module.ts';
import { dealsModule } from '../../deals/deals.module.ts';
import { leadsModule } from '../../leads/leads.module.ts';
import type { FieldDescriptor, ModuleDescriptor } from '../../records/descriptor.ts';

export interface TargetCustomField {
  key: string;
  label: string;
  type: string;
}

const descriptors: Record<ImportModule, ModuleDescriptor> = { accounts: accountsModule, contacts: contactsModule, leads: leadsModule, deals: dealsModule };

/**
 * Fields an import never sets: ids, stamps, the owner's id (the `owner` target names a user), conversion results,
 * references by id (`company`/`parent` targets link by name or source id), the contact type's id (`contactType` target),
 * an account's `phone`/`website` (shorthands of its primary points: the point targets fill them) and derived values.
 */
const NOT_IMPORTED = new Set([
  'id', 'version', 'createdAt', 'updatedAt', 'deletedAt', 'ownerId', 'restrictedTo', 'photo', 'photoFileId', 'contactType',
  'accountId', 'parentAccountId', 'contactId', 'pipelineId', 'stageId', 'closedAt', 'convertedAt', 'convertedContactId',
  'convertedAccountId', 'convertedDealId', 'phoneE164',
]);
const ACCOUNT_SHORTHANDS = new Set(['phone', 'website']);

/**
 * Name parts a file may have beside first and last name: a middle name joins the first name and a suffix the last
 * name (`O'Neill Jr.`), since Kontor has no fields of their own and the name must survive the import.
 */
export const NAME_PARTS = { middleName: 'Middle name', nameSuffix: 'Name suffix' } as const;

/** English labels of standard fields (the web app translates by target). */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name', salutation: 'Salutation', firstName: 'First name', lastName: 'Last name', position: 'Position', department: 'Department',
  birthday: 'Birthday', emailOptOut: 'E-mail opt-out', leadSource: 'Lead source', description: 'Description', website: 'Website',
  tickerSymbol: 'Ticker symbol', accountNumber: 'Account number', accountSite: 'Account site', phone: 'Phone', fax: 'Fax',
  industry: 'Industry', ownership: 'Ownership', accountType: 'Account type', rating: 'Rating', employees: 'Employees',
  annualRevenue: 'Annual revenue', company: 'Company', email: 'E-mail', source: 'Source', status: 'Status', amount: 'Amount',
  currency: 'Currency', lostReason: 'Lost reason', expectedCloseDate: 'Expected close date',
};

const capitalised = (s: string): string => (s === '' ? s : `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`);

/** The standard fields a column may fill, by API name (no dotted parts: an account's addresses are `address:` targets). */
export function importableFields(module: ImportModule): Array<[string, FieldDescriptor]> {
  return Object.entries(descriptors[module].fields).filter(
    ([name]) => !name.includes('.') && !NOT_IMPORTED.has(name) && !(module === 'accounts' && ACCOUNT_SHORTHANDS.has(name)),
  );
}
export function fieldDescriptor(module: ImportModule, name: string): FieldDescriptor | undefined {
  return descriptors[module].fields[name];
}

/** Modules whose records have contact point lists (leads carry one e-mail and one phone as fields; deals none). */
export const hasPoints = (module: ImportModule): boolean => module === 'accounts' || module === 'contacts';
const isPerson = (module: ImportModule): boolean => module === 'contacts' || module === 'leads';

const ADDRESS_PARTS = ['street', 'city', 'region', 'postalCode', 'country', 'full'] as const;
const PART_LABELS: Record<(typeof ADDRESS_PARTS)[number], string> = {
  street: 'street', city: 'city', region: 'region', postalCode: 'postal code', country: 'country', full: 'whole address',
};
/** Numbered column groups offered in the list (any number up to 99 is accepted). */
const OFFERED_GROUPS = 3;

/** Every target a column of `module` may map to, grouped, with English labels. */
export function importTargets(module: ImportModule, customFields: readonly TargetCustomField[]): ImportTargetOption[] {
  const out: ImportTargetOption[] = [];
  if (isPerson(module)) {
    out.push({ target: 'fullName', group: 'name', label: 'Full name (first and last name)' });
    for (const [key, label] of Object.entries(NAME_PARTS)) out.push({ target: `field:${key}`, group: 'name', label });
  }
  for (const [name] of importableFields(module)) {
    const group = name === 'firstName' || name === 'lastName' || name === 'salutation' ? 'name' : 'field';
    out.push({ target: `field:${name}`, group, label: FIELD_LABELS[name] ?? capitalised(name) });
  }
  if (hasPoints(module)) {
    const kinds = [['email', 'emails', 'E-mail'], ['phone', 'phones', 'Phone'], ['website', 'websites', 'Website']] as const;
    for (const [kind, list, noun] of kinds) {
      for (const label of suggestedLabels[list]) out.push({ target: `${kind}:${label}`, group: kind, label: `${noun} (${label})` });
      for (let n = 1; n <= OFFERED_GROUPS; n += 1) {
        out.push({ target: `${kind}#${n}:value`, group: kind, label: `${noun} ${n}: value` });
        out.push({ target: `${kind}#${n}:label`, group: kind, label: `${noun} ${n}: label` });
      }
    }
    for (const label of suggestedLabels.addresses) {
      for (const part of ADDRESS_PARTS) out.push({ target: `address:${label}:${part}`, group: 'address', label: `Address (${label}): ${PART_LABELS[part]}` });
    }
    for (let n = 1; n <= OFFERED_GROUPS; n += 1) {
      out.push({ target: `address#${n}:label`, group: 'address', label: `Address ${n}: label` });
      for (const part of ADDRESS_PARTS) out.push({ target: `address#${n}:${part}`, group: 'address', label: `Address ${n}: ${PART_LABELS[part]}` });
    }
  }
  if (module === 'contacts' || module === 'deals') {
    out.push({ target: 'company', group: 'link', label: 'Account name' });
    out.push({ target: 'companySourceId', group: 'link', label: 'Account ID in the source system' });
  }
  if (module === 'accounts') {
    out.push({ target: 'parent', group: 'link', label: 'Parent account name' });
    out.push({ target: 'parentSourceId', group: 'link', label: 'Parent account ID in the source system' });
    out.push({ target: 'primaryContact', group: 'link', label: 'Primary contact (full name)' });
  }
  out.push({ target: 'sourceId', group: 'meta', label: 'ID in the source system' });
  out.push({ target: 'tags', group: 'meta', label: 'Tags' });
  out.push({ target: 'owner', group: 'meta', label: 'Owner (e-mail or name)' });
  if (hasPoints(module)) out.push({ target: 'contactType', group: 'meta', label: 'Contact type' });
  for (const field of customFields) out.push({ target: `custom:${field.key}`, group: 'custom', label: field.label });
  return out;
}

const POINT_TARGET = /^(email|phone|website):/;
const GROUP_TARGET = /^(email|phone|website|address)#([1-9][0-9]?):/;
const ADDRESS_TARGET = /^address:/;
const LINKS: Record<string, readonly ImportModule[]> = {
  company: ['contacts', 'deals'],
  companySourceId: ['contacts', 'deals'],
  parent: ['accounts'],
  parentSourceId: ['accounts'],
  primaryContact: ['accounts'],
  fullName: ['contacts', 'leads'],
  contactType: ['accounts', 'contacts'],
  sourceId: ['accounts', 'contacts', 'leads', 'deals'],
  tags: ['accounts', 'contacts', 'leads', 'deals'],
  owner: ['accounts', 'contacts', 'leads', 'deals'],
};
const importable = new Map<ImportModule, Set<string>>();
function importableNames(module: ImportModule): Set<string> {
  let names = importable.get(module);
  if (!names) {
    names = new Set(importableFields(module).map(([name]) => name));
    if (isPerson(module)) for (const key of Object.keys(NAME_PARTS)) names.add(key);
    importable.set(module, names);
  }
  return names;
}

/** Whether `target` is a well-formed target that `module` takes (custom fields: one of `customFields`). */
export function isTargetAllowed(module: ImportModule, target: string, customFields: readonly Pick<TargetCustomField, 'key'>[]): boolean {
  if (target.length > 120 || !importTargetPattern.test(target)) return false;
  if (target.startsWith('field:')) return importableNames(module).has(target.slice(6));
  if (target.startsWith('custom:')) return customFields.some((f) => f.key === target.slice(7));
  if (POINT_TARGET.test(target) || GROUP_TARGET.test(target) || ADDRESS_TARGET.test(target)) return hasPoints(module);
  return LINKS[target]?.includes(module) ?? false;
}
