import { leadSources, leadStatuses } from '@kontor/contract/leads';
import { parseListSearch, type ListSearch } from '../records/search';

/** The leads list's filters in the URL: the name box, sort, owner, tag, status and source. */
export function parseLeadSearch(s: Record<string, unknown>): ListSearch {
  const { q, sort, ownerId, tag } = parseListSearch(s);
  return { q, sort, ownerId, tag, status: leadStatuses.find((x) => x === s.status), source: leadSources.find((x) => x === s.source) };
}
