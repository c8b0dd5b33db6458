import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse } from '@kontor/contract/common';
import type { Module } from '@kontor/contract/custom-fields';
import { api, type QueryValue } from '../../lib/api';

/** The record modules (accounts, contacts, deals): lists, detail pages, shares, history, the recycle bin. */
export type RecordModule = Module;

export const recordKeys = {
  module: (m: RecordModule) => [m] as const,
  lists: (m: RecordModule) => [m, 'list'] as const,
  list: (m: RecordModule, params: object) => [m, 'list', params] as const,
  count: (m: RecordModule, params: object) => [m, 'count', params] as const,
  detail: (m: RecordModule, id: string) => [m, 'detail', id] as const,
  related: (m: RecordModule, id: string, rel: string, params: object) => [m, 'detail', id, rel, params] as const,
};

export const PAGE_SIZE = 50;

/** Keyset-paged list: each page passes the previous page's nextCursor. */
export function usePagedList<T>(key: readonly unknown[], path: string, params: Record<string, QueryValue>, enabled = true) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.get<ListResponse<T>>(path, { ...params, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/**
 * The record count, only when the user asks for it (count=true costs a COUNT on the server). Beyond 10,000 records an
 * unfiltered count is an estimate (`approximate`) or, for users who may not see every record, a lower bound (`atLeast`).
 */
export function useRecordCount(module: RecordModule, params: Record<string, QueryValue>, enabled: boolean) {
  return useQuery({
    queryKey: recordKeys.count(module, params),
    queryFn: () =>
      api
        .get<ListResponse<unknown>>(`/${module}`, { ...params, limit: 1, count: true })
        .then((r): RecordCount => ({ total: r.total ?? 0, approximate: r.totalApproximate === true, atLeast: r.totalAtLeast === true })),
    enabled,
  });
}
export interface RecordCount {
  total: number;
  approximate: boolean;
  atLeast: boolean;
}

export function useInvalidateModule() {
  const qc = useQueryClient();
  return (m: RecordModule) => qc.invalidateQueries({ queryKey: recordKeys.module(m) });
}

export const restoreRecord = <T>(module: RecordModule, id: string) => api.post<T>(`/${module}/${id}/restore`);
export const uploadPhoto = <T>(module: RecordModule, id: string, file: File) => api.upload<T>(`/${module}/${id}/photo`, file);
export const deletePhoto = <T>(module: RecordModule, id: string) => api.delete<T>(`/${module}/${id}/photo`);
