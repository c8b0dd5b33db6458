import { useQuery } from '@tanstack/react-query';
import type { ActivityBoard, ActivityBoardColumnKey, ActivityBoardColumnPage } from '@kontor/contract/activity-board';
import type { HierarchySummary } from '@kontor/contract/account-hierarchy';
import type { Activity } from '@kontor/contract/activities';
import { api } from '../../lib/api';
import { recordKeys } from '../records/api';
import { browserTimeZone } from '../activities/api';

/** The board's filters and the reader's time zone (where days and weeks begin). */
export interface ActivityBoardQuery {
  ownerId?: string;
  tag?: string;
  notContactedDays?: string;
  tz: string;
}
export const ACTIVITY_BOARD_LIMIT = 50;

export const boardQuery = (filters: Omit<ActivityBoardQuery, 'tz'>): ActivityBoardQuery => ({ ...filters, tz: browserTimeZone() });

/** Under the accounts key, so whatever refreshes accounts (an activity written anywhere) refreshes the board too. */
export const activityBoardKey = (q: ActivityBoardQuery) => [...recordKeys.module('accounts'), 'activity-board', q] as const;

export function useActivityBoard(q: ActivityBoardQuery) {
  return useQuery({ queryKey: activityBoardKey(q), queryFn: () => api.get<ActivityBoard>('/accounts/activity-board', { ...q, limit: ACTIVITY_BOARD_LIMIT }) });
}

/** The next cards of one column, after its cursor. */
export const fetchBoardColumn = (key: ActivityBoardColumnKey, q: ActivityBoardQuery, cursor: string) =>
  api.get<ActivityBoardColumnPage>('/accounts/activity-board/column', { ...q, key, cursor, limit: ACTIVITY_BOARD_LIMIT });

/** An activity as it is now (its version, before completing it from a card). */
export const fetchActivity = (id: string) => api.get<Activity>(`/activities/${id}`);

/** The member accounts roll-up of an account. */
export function useHierarchySummary(accountId: string, enabled: boolean) {
  return useQuery({
    queryKey: recordKeys.related('accounts', accountId, 'hierarchy-summary', {}),
    queryFn: () => api.get<HierarchySummary>(`/accounts/${accountId}/hierarchy-summary`),
    enabled,
  });
}
