import { keepPreviousData, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  DuplicateCheck, DuplicateCheckResponse, DuplicateListResponse, DuplicateModule, MergeInfo, MergeInput,
} from '@kontor/contract/duplicates';
import { api, type QueryValue } from '../../lib/api';
import { recordKeys } from '../records/api';

/*
 * Duplicates (issue #16): the check on entry, the clusters, "not duplicates", merges and their undo. Every cache key
 * starts with the module, so whatever refreshes a module's records (an edit, a delete, an import) refreshes these too.
 */

export const duplicateKeys = {
  all: (m: DuplicateModule) => [m, 'duplicates'] as const,
  check: (m: DuplicateModule, draft: DuplicateCheck) => [m, 'duplicates', 'check', draft] as const,
  clusters: (m: DuplicateModule, params: Record<string, QueryValue>) => [m, 'duplicates', 'clusters', params] as const,
  source: (m: DuplicateModule, id: string) => [m, 'duplicates', 'source', id] as const,
  merge: (id: string) => ['merges', id] as const,
};

/** How many clusters a page of the duplicates page shows. */
export const CLUSTER_PAGE = 20;

/**
 * The likely duplicates of a form's draft; `draft` null asks nothing. A newer draft supersedes the older request (its
 * answer is never shown) while the last answer stays in view until the new one comes.
 */
export function useDuplicateCheck(module: DuplicateModule, draft: DuplicateCheck | null) {
  return useQuery({
    queryKey: duplicateKeys.check(module, draft ?? {}),
    queryFn: () => api.post<DuplicateCheckResponse>(`/${module}/duplicates/check`, draft).then((r) => r.data),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
}

/** The clusters of likely duplicates, best first (or `sort=score`), filtered by owner, tag or account, page by page. */
export function useDuplicateClusters(module: DuplicateModule, params: Record<string, QueryValue>) {
  return useInfiniteQuery({
    queryKey: duplicateKeys.clusters(module, params),
    queryFn: ({ pageParam }) => api.get<DuplicateListResponse>(`/${module}/duplicates`, { ...params, limit: CLUSTER_PAGE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** "Not duplicates": the pairs among these records are never suggested again. */
export const dismissDuplicates = (module: DuplicateModule, ids: string[]) => api.post<void>(`/${module}/duplicates/dismiss`, { ids });

export interface MergeResult {
  mergeId: string;
  record: { id: string };
}
export const mergeRecords = (module: DuplicateModule, body: MergeInput) => api.post<MergeResult>(`/${module}/merge`, body);

/** A merge as its undo sees it; asked only for merges recent enough to be undone. */
export function useMergeInfo(id: string, enabled: boolean) {
  return useQuery({ queryKey: duplicateKeys.merge(id), queryFn: () => api.get<MergeInfo>(`/merges/${id}`), enabled, staleTime: 60_000, retry: false });
}
export const undoMerge = (id: string) => api.post<unknown>(`/merges/${id}/undo`);

/**
 * After a merge or its undo: every record involved, the module's lists and clusters, and the merge itself are read
 * afresh. The survivor's page may be open (it refetches); a merged id answers with its survivor after a merge and with
 * itself again after an undo, so nothing cached may stand for it.
 */
export function refreshAfterMerge(qc: QueryClient, module: DuplicateModule, merge: { survivorId: string; mergedIds: string[]; mergeId: string }): void {
  for (const id of merge.mergedIds) qc.removeQueries({ queryKey: recordKeys.detail(module, id) });
  void qc.invalidateQueries({ queryKey: recordKeys.module(module) });
  // contacts move with merged accounts; an account's contact count and a contact's account change
  void qc.invalidateQueries({ queryKey: recordKeys.module(module === 'accounts' ? 'contacts' : 'accounts') });
  void qc.invalidateQueries({ queryKey: recordKeys.module('deals') });
  void qc.invalidateQueries({ queryKey: duplicateKeys.merge(merge.mergeId) });
}
