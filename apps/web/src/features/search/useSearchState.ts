import { useDebouncedValue } from '@mantine/hooks';
import type { SearchHit, SearchNotice } from '@kontor/contract/search';
import { ApiError } from '../../lib/api';
import { useGlobalSearch } from './api';

/** Waits this long after the last keystroke before searching: fast typists send one request per pause, not per key. */
export const SEARCH_DEBOUNCE_MS = 150;

export type SearchPhase =
  /** Nothing typed. */
  | 'idle'
  /** The first answer for what is typed is on its way (nothing older to show). */
  | 'loading'
  /** The server could not read the query (400): its message goes under the box. */
  | 'invalid'
  | 'error'
  | 'ready';

export interface SearchState {
  phase: SearchPhase;
  hits: SearchHit[];
  notices: SearchNotice[];
  /** The query the shown hits answer (for "nothing found for …"). */
  searched: string;
  /** The shown hits answer an earlier text; the answer for the current one is on its way. */
  stale: boolean;
  error: unknown;
  retry: () => void;
}

/** Debounces the typed text and searches it; the header box and the palette read the same state. */
export function useSearchState(text: string, limit: number): SearchState {
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const typed = text.trim();
  const query = useGlobalSearch(debounced, limit);
  const retry = () => void query.refetch();
  const base = { hits: [], notices: [], searched: '', stale: false, error: null, retry };
  if (typed === '') return { ...base, phase: 'idle' };
  if (query.isError && !query.isFetching) {
    const invalid = query.error instanceof ApiError && query.error.status === 400;
    return { ...base, phase: invalid ? 'invalid' : 'error', error: query.error, searched: debounced };
  }
  const data = query.data;
  if (!data) return { ...base, phase: 'loading' };
  return { ...base, phase: 'ready', hits: data.data, notices: data.notices, searched: data.q, stale: data.q !== typed || query.isPlaceholderData };
}
