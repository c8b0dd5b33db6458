import { parseViewSearch, type QuickFilterValues, type ViewSearch } from '../views/listState';

/** List filters and the view state kept in the URL, so back / forward, reload and a shared link keep the user's place. */
export interface ListSearch extends ViewSearch, QuickFilterValues {
  q?: string;
  /** The A-Z index: a letter (any script), `0-9` or `#`. */
  letter?: string;
  /** One to three sort keys, comma-separated, `-` for descending. */
  sort?: string;
}

const str = (v: unknown, max = 100): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, max) : typeof v === 'number' ? String(v) : undefined);
const flag = (v: unknown): string | undefined => (v === true || v === 'true' ? 'true' : undefined);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): T | undefined => (values as readonly unknown[]).includes(v) ? (v as T) : undefined;

/** The A-Z index's value: one letter of any script, `0-9` or `#`. */
export function parseLetter(v: unknown): string | undefined {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string') return undefined;
  return s === '#' || s === '0-9' || /^\p{L}$/u.test(s) ? s : undefined;
}

/** Sort keys as the URL may carry them (the list checks them against the module). */
export const parseSortParam = (v: unknown): string | undefined => {
  const s = str(v, 200);
  return s && /^-?[\w.]+(,-?[\w.]+){0,2}$/.test(s) ? s : undefined;
};

export function parseListSearch(s: Record<string, unknown>): ListSearch {
  return {
    ...parseViewSearch(s),
    q: str(s.q), letter: parseLetter(s.letter), sort: parseSortParam(s.sort), ownerId: str(s.ownerId, 20), contactType: str(s.contactType, 20), tag: str(s.tag, 50),
    customer: flag(s.customer), withOpenDeals: flag(s.withOpenDeals),
  };
}

/** The deals page: board or list, the pipeline on the board, and the list's filters and view. */
export interface DealSearch extends ListSearch {
  view?: 'board' | 'list';
  pipelineId?: string;
}
export function parseDealSearch(s: Record<string, unknown>): DealSearch {
  return {
    ...parseViewSearch(s),
    q: str(s.q), letter: parseLetter(s.letter), sort: parseSortParam(s.sort), ownerId: str(s.ownerId, 20), tag: str(s.tag, 50), status: oneOf(s.status, ['open', 'won', 'lost'] as const),
    view: oneOf(s.view, ['board', 'list'] as const), pipelineId: str(s.pipelineId, 20),
  };
}

/** The filters a list may have; cleared together by "Clear filters" (the view's own conditions come back). */
export const clearedFilters: Partial<ListSearch> = {
  q: undefined, letter: undefined, contactType: undefined, tag: undefined, ownerId: undefined, status: undefined, source: undefined, customer: undefined, withOpenDeals: undefined,
  filter: undefined,
};

export const hasFilters = (s: ListSearch) => Boolean(s.q || s.letter || s.ownerId || s.contactType || s.tag || s.status || s.source || s.customer || s.withOpenDeals || s.filter);

export const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0-9', '#'];
