import { parseListSearch, type ListSearch } from '../records/search';

/**
 * The activities list's URL: the view state, the subject box, sort, owner and tag. No letter: the A-Z index would
 * pick activities by the first letter of their subject, which says nothing about them. Type and open/done are
 * conditions of the filter (`list-filter.ts`).
 */
export function parseActivityListSearch(s: Record<string, unknown>): ListSearch {
  const { viewId, filter, columns, widths, pageSize, q, sort, ownerId, tag } = parseListSearch(s);
  return { viewId, filter, columns, widths, pageSize, q, sort, ownerId, tag };
}
