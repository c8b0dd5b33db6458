/** List filters kept in the URL, so back / forward and reload keep the user's place. */
export interface ListSearch {
  q?: string;
  letter?: string;
  sort?: string;
  ownerId?: string;
  contactType?: string;
  tag?: string;
  /** Deals: open, won or lost; leads: their status. */
  status?: string;
  /** Leads: where they came from. */
  source?: string;
  /** Accounts and contacts: only customers (an account with a won deal), only with open deals. */
  customer?: string;
  withOpenDeals?: string;
}

const str = (v: unknown, max = 100): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, max) : typeof v === 'number' ? String(v) : undefined);
const flag = (v: unknown): string | undefined => (v === true || v === 'true' ? 'true' : undefined);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | undefined => (values as readonly unknown[]).includes(v) ? (v as T) : undefined;

export function parseListSearch(s: Record<string, unknown>): ListSearch {
  return {
    q: str(s.q), letter: str(s.letter, 1), sort: str(s.sort, 40), ownerId: str(s.ownerId, 20), contactType: str(s.contactType, 20), tag: str(s.tag, 50),
    customer: flag(s.customer), withOpenDeals: flag(s.withOpenDeals),
  };
}

/** The deals page: board or list, the pipeline on the board, and the list's filters. */
export interface DealSearch extends ListSearch {
  view?: 'board' | 'list';
  pipelineId?: string;
}
export function parseDealSearch(s: Record<string, unknown>): DealSearch {
  return {
    q: str(s.q), sort: str(s.sort, 40), ownerId: str(s.ownerId, 20), tag: str(s.tag, 50), status: oneOf(s.status, ['open', 'won', 'lost'] as const),
    view: oneOf(s.view, ['board', 'list'] as const), pipelineId: str(s.pipelineId, 20),
  };
}

/** The filters a list may have; cleared together by "Clear filters". */
export const clearedFilters: Partial<ListSearch> = { q: undefined, letter: undefined, contactType: undefined, tag: undefined, ownerId: undefined, status: undefined, source: undefined, customer: undefined, withOpenDeals: undefined };

export const hasFilters = (s: ListSearch) => Boolean(s.q || s.letter || s.ownerId || s.contactType || s.tag || s.status || s.source || s.customer || s.withOpenDeals);

export const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '#'];
