import type { Module } from '@kontor/contract/custom-fields';
import { defaultListColumns, type Filter, type SystemViewKey } from '@kontor/contract/views';
import { descriptorOf } from '../records/registry.ts';

/**
 * The views every user has (Zoho's "My accounts", "New this week", …), as filters over the same catalogue as saved
 * views: nothing about them is special-cased in the list queries. Weeks start on Monday, in UTC.
 */
export interface SystemView {
  key: SystemViewKey;
  filter: (now: Date) => Filter;
  sort: string[];
}

const DAY = 86_400_000;
/** Monday 00:00 UTC of the week `now` falls in, as YYYY-MM-DD. */
export function weekStart(now: Date): string {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY).toISOString().slice(0, 10);
}
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

const all = (...conditions: Filter['conditions']): Filter => ({ match: 'all', conditions });

/** Customers: accounts and contacts with a won deal; won deals; converted leads. Activities have none. */
const customersFilter: Partial<Record<Module, Filter>> = {
  accounts: all({ field: 'customer', op: 'is', value: true }),
  contacts: all({ field: 'customer', op: 'is', value: true }),
  deals: all({ field: 'status', op: 'is', value: 'won' }),
  leads: all({ field: 'status', op: 'is', value: 'converted' }),
};

export function systemViewsOf(module: Module): SystemView[] {
  const byName = [descriptorOf(module).defaultSort];
  const newest = ['-createdAt'];
  const views: SystemView[] = [
    { key: 'all', filter: () => all(), sort: byName },
    { key: 'mine', filter: () => all({ field: 'ownerId', op: 'is', value: 'me' }), sort: byName },
    { key: 'new-this-week', filter: (now) => all({ field: 'createdAt', op: 'after', value: daysBefore(weekStart(now), 1) }), sort: newest },
    {
      key: 'new-last-week',
      filter: (now) => all({ field: 'createdAt', op: 'between', value: [daysBefore(weekStart(now), 7), daysBefore(weekStart(now), 1)] }),
      sort: newest,
    },
    { key: 'unread', filter: () => all({ field: 'viewedByMe', op: 'is', value: false }), sort: byName },
    { key: 'recently-viewed', filter: () => all({ field: 'recentlyViewed', op: 'is', value: true }), sort: ['-viewedAt'] },
  ];
  const customers = customersFilter[module];
  if (customers) views.push({ key: 'customers', filter: () => customers, sort: byName });
  return views;
}

export const systemViewId = (key: SystemViewKey) => `system.${key}`;
export const systemColumns = (module: Module): string[] => [...defaultListColumns[module]];
