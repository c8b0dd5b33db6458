import type { duplicateSorts } from '@kontor/contract/duplicates';

/** `/contacts/duplicates?sort=score&ownerId=3&tag=VIP&accountId=7`: the duplicates page's order and filters. */
export interface DuplicatesSearch {
  sort?: (typeof duplicateSorts)[number];
  ownerId?: string;
  /** A tag by name, as the lists' tag filter (the request asks by its id). */
  tag?: string;
  accountId?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' && v.length <= 100 ? v : typeof v === 'number' ? String(v) : undefined);

export function parseDuplicatesSearch(s: Record<string, unknown>): DuplicatesSearch {
  // the router's parsers ship with the app's entry: the contract's schemas stay out of it
  const sort = s.sort === 'score' || s.sort === '-score' ? s.sort : undefined;
  const out: DuplicatesSearch = { sort, ownerId: text(s.ownerId), tag: text(s.tag), accountId: text(s.accountId) };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as DuplicatesSearch;
}
