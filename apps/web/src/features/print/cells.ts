import type { TFunction } from 'i18next';
import type { Module } from '@kontor/contract/custom-fields';
import type { FilterField } from '@kontor/contract/views';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';

/**
 * One cell of the print table as text: the list item's value under the column's key (custom fields under
 * `customFields`), shown by the type the field catalogue gives it (dates and numbers in the user's locale, picklist
 * values translated, yes/no), or, for columns the catalogue does not type (names, the owner, tags), by its shape.
 */

export type Item = Record<string, unknown>;

const CUSTOM = 'customFields.';

/** Where a picklist's values are translated, by module and column. */
const picklistKeys: Partial<Record<Module, Record<string, string>>> = {
  accounts: { industry: 'picklist.industries', ownership: 'picklist.ownerships', accountType: 'picklist.accountTypes', rating: 'picklist.ratings' },
  contacts: { salutation: 'picklist.salutations', leadSource: 'picklist.leadSources' },
  deals: { status: 'deals.status' },
  leads: { status: 'leads.status', source: 'leads.source' },
  activities: { type: 'activities.types' },
};

/** The value under a column key (`customFields.<key>` reads the item's custom fields). */
export function valueOf(item: Item, key: string): unknown {
  if (!key.startsWith(CUSTOM)) return item[key];
  const custom = item.customFields;
  return custom !== null && typeof custom === 'object' ? (custom as Record<string, unknown>)[key.slice(CUSTOM.length)] : undefined;
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function byShape(t: TFunction, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return formatNumber(v, 2);
  if (typeof v === 'string') return ISO_MOMENT.test(v) ? formatDateTime(v) : ISO_DATE.test(v) ? formatDate(v) : v;
  if (Array.isArray(v)) return v.map((x) => byShape(t, x)).filter(Boolean).join(', ');
  if (typeof v === 'object' && 'name' in v) return typeof v.name === 'string' ? v.name : '';
  return '';
}

export interface CellContext {
  t: TFunction;
  module: Module;
  /** The catalogue's field of this key, when it has one. */
  field?: FilterField;
  /** A contact type's label by id. */
  contactType: (id: string) => string;
}

export function cellText(ctx: CellContext, item: Item, key: string): string {
  const { t, module, field } = ctx;
  const v = valueOf(item, key);
  if (v === null || v === undefined || v === '') return '';
  if (key === 'contactType' && typeof v === 'string') return ctx.contactType(v);
  if (key === 'amount' && typeof v === 'number' && typeof item.currency === 'string') return formatMoney(v, item.currency);
  const picklist = picklistKeys[module]?.[key];
  if (picklist && typeof v === 'string') return t(`${picklist}.${v}`, { defaultValue: v });
  switch (field?.type) {
    case 'date':
      return typeof v === 'string' ? formatDate(v) : byShape(t, v);
    case 'datetime':
      // An all-day activity's dates are days (stored at midnight UTC): printed without a time, as the lists show them.
      if (typeof v === 'string' && item.allDay === true) return formatDate(v.slice(0, 10));
      return typeof v === 'string' ? formatDateTime(v) : byShape(t, v);
    case 'number':
      return typeof v === 'number' ? formatNumber(v, 2) : byShape(t, v);
    case 'boolean':
      return typeof v === 'boolean' ? (v ? t('common.yes') : t('common.no')) : byShape(t, v);
    case 'multiselect':
      return Array.isArray(v) ? v.map(String).join(', ') : byShape(t, v);
    case undefined:
      return byShape(t, v);
    default:
      // Typed as text (or a picklist, a reference): shown as it is, never read as a date.
      return typeof v === 'string' ? v : byShape(t, v);
  }
}
