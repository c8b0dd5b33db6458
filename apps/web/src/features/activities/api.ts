import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Activity, ActivityCreate, ActivityListItem, ActivityType, ActivityUpdate, MyActivities } from '@kontor/contract/activities';
import { api } from '../../lib/api';
import { recordKeys, usePagedList } from '../records/api';

/** The records an activity can sit on, each with its related list of activities. */
export type ActivityParentModule = 'accounts' | 'contacts' | 'deals' | 'leads';

const activityPath = (id: string) => `/activities/${id}`;

/** The browser's time zone: the server decides overdue / today / upcoming with it. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const createActivity = (body: ActivityCreate) => api.post<Activity>('/activities', body);
export const updateActivity = (id: string, body: ActivityUpdate) => api.patch<Activity>(activityPath(id), body);
export const deleteActivity = (id: string, version: number) => api.delete(activityPath(id), { version });
/** The calendar file of a call or meeting (the session cookie authenticates the download). */
export const icsUrl = (id: string) => `/api/v1${activityPath(id)}/ics`;

/**
 * What the user may do with one activity (a list row does not say; the activity itself does), so its dialog offers
 * only Save and Delete when the server allows them. Undefined while it loads.
 */
export function useActivityAccess(id: string | undefined) {
  const q = useQuery({ queryKey: recordKeys.detail('activities', id ?? ''), queryFn: () => api.get<Activity>(activityPath(id ?? '')), enabled: id !== undefined, staleTime: 10_000 });
  return q.data?.access;
}

/** A record's open (soonest first) or closed (latest first) activities. */
export function useRelatedActivities(module: ActivityParentModule, id: string, done: boolean, enabled = true) {
  const tz = browserTimeZone();
  return usePagedList<ActivityListItem>(recordKeys.related(module, id, 'activities', { done, tz }), `/${module}/${id}/activities`, { done, tz }, enabled);
}

export const myActivitiesKey = (params: { tz: string; type?: ActivityType }) => [...recordKeys.module('activities'), 'mine', params] as const;

/** "My activities": overdue, today and upcoming, with their counts. */
export function useMyActivities(type: ActivityType | undefined) {
  const params = { tz: browserTimeZone(), type };
  return useQuery({ queryKey: myActivitiesKey(params), queryFn: () => api.get<MyActivities>('/activities/mine', params) });
}

/**
 * What shows an activity besides itself: the activity lists, "My activities", and the pages of the records it sits
 * on (their related lists, timelines, the account's next activity and the Kanban by next activity).
 */
export function invalidateActivityViews(qc: QueryClient): void {
  for (const m of ['activities', 'accounts', 'contacts', 'deals', 'leads'] as const) void qc.invalidateQueries({ queryKey: recordKeys.module(m) });
}
