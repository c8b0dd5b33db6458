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

/**
 * What goes along between the accounts list and board: owner, tag and "not contacted" (the board's filters), and the
 * list's view and filter, which the board does not apply but keeps, so list -> board -> list comes back to the same
 * view. The list's sort, letter, name box and column choices stay on the list.
 */
export function boardSearch(s: AccountSearch): AccountSearch {
  return { ownerId: s.ownerId, tag: s.tag, notContactedDays: s.notContactedDays, viewId: s.viewId, filter: s.filter };
}
