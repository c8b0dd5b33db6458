import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { searchResponseSchema, searchTypeModules, searchTypes, type SearchResponse, type SearchType } from '@kontor/contract/search';
import { ApiError, toQuery } from '../../lib/api';
import { useMyRights } from '../auth/permissions';
import { sessionKey } from '../auth/session';

/** An answer with the query it answers, so "nothing found for …" names what was searched, not what is being typed. */
export interface SearchResult extends SearchResponse {
  q: string;
}

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string, types: readonly SearchType[], limit: number) => ['search', q, types.join(','), limit] as const,
};

/**
 * GET /api/v1/search with the query's abort signal, so TanStack Query cancels the request a newer keystroke replaced
 * (`api.get` in lib/api takes no signal). The answer is checked against the contract's schema.
 */
async function fetchSearch(q: string, types: readonly SearchType[], limit: number, signal: AbortSignal): Promise<SearchResult> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/search${toQuery({ q, types: types.join(','), limit })}`, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    throw ApiError.fromBody(res.status, json, res.statusText);
  }
  return { ...searchResponseSchema.parse(json), q };
}

/** The record types this user may see, in the order the results show them. */
export function useSearchableTypes(): SearchType[] {
  const rights = useMyRights();
  return searchTypes.filter((type) => rights.can(searchTypeModules[type], 'view'));
}

/**
 * The global search for `q` (already debounced by the caller). The previous answer stays on screen while the next
 * loads, so results do not flicker between keystrokes.
 */
export function useGlobalSearch(q: string, limit: number) {
  const types = useSearchableTypes();
  const qc = useQueryClient();
  const trimmed = q.trim();
  return useQuery({
    queryKey: searchKeys.query(trimmed, types, limit),
    queryFn: async ({ signal }) => {
      try {
        return await fetchSearch(trimmed, types, limit, signal);
      } catch (e) {
        // an expired session: the gate re-checks it and shows the login page (what lib/api does for its requests)
        if (e instanceof ApiError && e.status === 401) void qc.invalidateQueries({ queryKey: sessionKey });
        throw e;
      }
    },
    enabled: trimmed !== '' && types.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    retry: false,
  });
}
