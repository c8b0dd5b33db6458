import { parseListSearch, type ListSearch } from '../records/search';

/** The accounts list and board keep "not contacted in N days" in the URL beside the list's own filters. */
export interface AccountSearch extends ListSearch {
  notContactedDays?: string;
}

/** The choices the "not contacted" filter offers, in days. */
export const NOT_CONTACTED_CHOICES = [7, 14, 30, 60, 90, 180, 365] as const;

export function parseAccountSearch(s: Record<string, unknown>): AccountSearch {
  const days = Number(s.notContactedDays);
  return { ...parseListSearch(s), notContactedDays: Number.isInteger(days) && days >= 1 && days <= 3650 ? String(days) : undefined };
}

/** The board's filters: owner, tag and "not contacted" (the list's sort, letter and name box stay on the list). */
export function boardSearch(s: AccountSearch): AccountSearch {
  return { ownerId: s.ownerId, tag: s.tag, notContactedDays: s.notContactedDays };
}
