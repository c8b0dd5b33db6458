import { useQuery } from '@tanstack/react-query';
import type { Deal, DealBoard, DealCreate, DealListItem, DealUpdate, Pipeline } from '@kontor/contract/deals';
import type { DealPage } from '@kontor/contract/record-pages';
import { api, type QueryValue } from '../../lib/api';
import { recordKeys, usePagedList } from '../records/api';
import { seedCommonSections, usePageRecord } from '../records/page-record';

export const dealPath = (id: string) => `/deals/${id}`;

export const pipelinesKey = ['pipelines'] as const;
/** The pipelines in their order, each with its stages in order. */
export function usePipelines() {
  return useQuery({
    queryKey: pipelinesKey,
    queryFn: () =>
      api.get<{ data: Pipeline[] }>('/pipelines').then((r) =>
        [...r.data].sort((a, b) => a.position - b.position).map((p) => ({ ...p, stages: [...p.stages].sort((a, b) => a.position - b.position) })),
      ),
    staleTime: 60_000,
  });
}

/** The deal of a deal page, loaded with the whole page at first (its activities, notes, files, timeline). */
export const useDeal = (id: string) => usePageRecord<Deal, DealPage>('deals', id, (qc, page, tz) => seedCommonSections(qc, 'deals', id, page, tz));

export const createDeal = (body: DealCreate) => api.post<Deal>('/deals', body);
export const updateDeal = (id: string, body: DealUpdate) => api.patch<Deal>(dealPath(id), body);
export const deleteDeal = (id: string) => api.delete(dealPath(id));
export const cloneDeal = (id: string) => api.post<Deal>(`${dealPath(id)}/clone`);
export const fetchDeal = (id: string) => api.get<Deal>(dealPath(id));

export interface BoardParams {
  pipelineId?: string;
  ownerId?: string;
  tag?: string;
}
export const BOARD_LIMIT = 50;
export const boardKey = (params: BoardParams) => ['deals', 'board', params] as const;
export const boardKeys = ['deals', 'board'] as const;

export function useDealBoard(params: BoardParams, enabled: boolean) {
  return useQuery({
    queryKey: boardKey(params),
    queryFn: () => api.get<DealBoard>('/deals/board', { ...params, limit: BOARD_LIMIT } as Record<string, QueryValue>),
    enabled,
  });
}

/** The next cards of a board column: the open deals of the stage, newest change first, as the board orders them. */
export const fetchColumnPage = (stageId: string, params: BoardParams, cursor: string) =>
  api.get<{ data: DealListItem[]; nextCursor: string | null }>('/deals', { stageId, ownerId: params.ownerId, tag: params.tag, status: 'open', sort: '-updatedAt', cursor, limit: BOARD_LIMIT });

/** A record's deals: by status, so a page can show the open ones first. */
export function useRelatedDeals(module: 'accounts' | 'contacts', id: string, status: Deal['status'], sort: string) {
  return usePagedList<DealListItem>(recordKeys.related(module, id, 'deals', { status, sort }), `/${module}/${id}/deals`, { status, sort });
}

/** The list row of a deal the API answered whole (after a move, a win, an edit). */
export function toListItem(d: Deal): DealListItem {
  const { description: _d, restrictedTo, access: _a, createdBy: _cb, updatedBy: _ub, ...rest } = d;
  return { ...rest, restricted: restrictedTo !== null };
}
