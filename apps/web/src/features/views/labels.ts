import type { i18n as I18n, TFunction } from 'i18next';
import type { Module } from '@kontor/contract/custom-fields';
import type { FilterField, FilterOperator, SystemViewKey, View } from '@kontor/contract/views';
import { formatNumber } from '../../lib/format';

/** Field keys whose label lives under another key: `ownerId` is "Owner", a list column `accountName` is "Account". */
const aliases: Record<string, string> = {
  ownerId: 'owner',
  parentAccountId: 'parentAccount',
  parentAccountName: 'parentAccount',
  accountId: 'account',
  accountName: 'account',
  contactId: 'contact',
  contactName: 'contact',
  pipelineId: 'pipeline',
  pipelineName: 'pipeline',
  stageId: 'stage',
  stageName: 'stage',
  fullName: 'name',
  isCustomer: 'customer',
};

/** Where a module keeps the labels of its own fields, looked up before the shared `fields.*`. */
const moduleFieldPrefix: Partial<Record<Module, string>> = { deals: 'deals.fields', leads: 'leads.fields', activities: 'activities.fields' };

/** The label of a standard field or list column by its key, in the user's language. */
export function standardFieldLabel(t: TFunction, i18n: I18n, module: Module, key: string): string {
  const address = /^(billing|shipping)Address\.(\w+)$/.exec(key) ?? /^(billing|shipping)(City|Country|Street|Region|PostalCode)$/.exec(key);
  if (address) {
    const part = (address[2] ?? '').replace(/^./, (c) => c.toLowerCase());
    return t('views.addressPart', { part: t(`address.${part}`), address: t(`fields.${address[1] ?? 'billing'}Address`) });
  }
  const base = aliases[key] ?? key;
  const candidates = [`views.fieldNames.${module}.${key}`, `views.fieldNames.${key}`, `views.fieldNames.${base}`];
  const prefix = moduleFieldPrefix[module];
  if (prefix) candidates.push(`${prefix}.${key}`, `${prefix}.${base}`);
  candidates.push(`fields.${key}`, `fields.${base}`);
  const found = candidates.find((k) => i18n.exists(k));
  if (found) return t(found);
  // a key nobody has translated yet: "lastActivityAt" reads "Last activity at" rather than nothing
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(t: TFunction, i18n: I18n, module: Module, field: Pick<FilterField, 'key' | 'label'>): string {
  return field.label ?? standardFieldLabel(t, i18n, module, field.key);
}

/** Picklist values of standard fields are stable keys; these translate them. */
const optionLists: Partial<Record<Module, Record<string, string>>> = {
  accounts: { industry: 'picklist.industries', ownership: 'picklist.ownerships', accountType: 'picklist.accountTypes', rating: 'picklist.ratings' },
  contacts: { salutation: 'picklist.salutations', leadSource: 'picklist.leadSources' },
  deals: { status: 'deals.status' },
  leads: { status: 'leads.status', source: 'leads.source' },
  activities: { type: 'activities.types' },
};

export function optionLabel(t: TFunction, i18n: I18n, module: Module, field: Pick<FilterField, 'key' | 'custom'>, value: string): string {
  if (field.custom) return value;
  const list = optionLists[module]?.[field.key];
  const key = list ? `${list}.${value}` : null;
  return key && i18n.exists(key) ? t(key) : value;
}

/** An operator as read in a sentence; dates say "on", "before", "after". */
export function operatorLabel(t: TFunction, op: FilterOperator, type: FilterField['type'] | undefined): string {
  if ((type === 'date' || type === 'datetime') && op === 'is') return t('views.operators.on');
  if (type === 'tags' && op === 'anyOf') return t('views.operators.hasAnyTag');
  if (type === 'tags' && op === 'noneOf') return t('views.operators.hasNoTag');
  return t(`views.operators.${op}`);
}

/** A view's name: system views by their key in the user's language, the others as their owner typed them. */
export function viewName(t: TFunction, module: Module, view: Pick<View, 'systemKey' | 'name'> | null): string {
  if (!view) return t(`views.all.${module}`);
  return view.systemKey ? systemViewName(t, module, view.systemKey) : view.name;
}
export function systemViewName(t: TFunction, module: Module, key: SystemViewKey): string {
  if (key === 'all') return t(`views.all.${module}`);
  return key === 'mine' ? t(`views.mine.${module}`) : t(`views.system.${key}`);
}

/** "12 accounts", "about 1,234 contacts". */
export function countText(t: TFunction, module: Module, count: number, approximate = false): string {
  const text = t(`views.count.${module}`, { count, formatted: formatNumber(count) });
  return approximate ? t('views.bulk.about', { text }) : text;
}
