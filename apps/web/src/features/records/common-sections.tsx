import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ListResponse } from '@kontor/contract/common';
import type { DealListItem } from '@kontor/contract/deals';
import type { ItemModule } from '@kontor/contract/notes';
import { recordPageLists, type ActivitySections, type DealSections } from '@kontor/contract/record-pages';
import type { TimelinePage } from '@kontor/contract/timeline';
import { api } from '../../lib/api';
import { browserTimeZone } from '../activities/api';
import { RelatedActivitiesSection } from '../activities/RelatedActivitiesSection';
import type { ActivityPrefill } from '../activities/activity-form-values';
import { AttachmentsSection } from '../attachments/AttachmentsSection';
import type { useMyRights } from '../auth/permissions';
import { NotesSection } from '../notes/NotesSection';
import { TimelineSection } from '../timeline/TimelineSection';
import { attachmentsKey } from '../attachments/api';
import { notesKey } from '../notes/api';
import { recordKeys } from './api';
import type { PageSection } from './ArrangedSections';

type Rights = ReturnType<typeof useMyRights>;

/** The activities section of a record page (none for a user who may not view activities). */
export const activitiesSection = (t: TFunction, rights: Rights, module: ItemModule, id: string, prefill: ActivityPrefill): PageSection => ({
  key: 'activities',
  title: t('activities.title'),
  node: rights.can('activities', 'view') ? <RelatedActivitiesSection module={module} id={id} prefill={prefill} /> : null,
});

/** Notes, files and the timeline: the sections every record page ends with. */
export const itemSections = (t: TFunction, module: ItemModule, id: string, canWrite: boolean): PageSection[] => [
  { key: 'notes', title: t('notes.title'), node: <NotesSection module={module} id={id} canWrite={canWrite} /> },
  { key: 'files', title: t('attachments.title'), node: <AttachmentsSection module={module} id={id} canWrite={canWrite} /> },
  { key: 'timeline', title: t('timeline.title'), node: <TimelineSection module={module} id={id} /> },
];

/** What a record page answers (`GET /{module}/{id}/page`) for the sections every page ends with. */
interface CommonSections {
  activities: ActivitySections | null;
  notes: ListResponse<unknown>;
  attachments: ListResponse<unknown>;
  timeline: TimelinePage;
}

/** A first page as a paged list's cache holds it (the key and parameters the section's own hook uses). */
export function seedFirstPage(qc: QueryClient, key: readonly unknown[], page: { nextCursor: string | null }): void {
  qc.setQueryData(key, { pages: [page], pageParams: [null] });
}

/**
 * Seeds the caches of the sections below from a record page's answer, under the keys their hooks use, so they render
 * without a request of their own and page on (or refetch after a change) through their own endpoints. `tz` is the one
 * the page was asked with, the browser's, as `useRelatedActivities` sends it. A null list (not viewable) is left alone.
 */
export function seedCommonSections(qc: QueryClient, module: ItemModule, id: string, page: CommonSections, tz: string): void {
  if (page.activities) {
    seedFirstPage(qc, recordKeys.related(module, id, 'activities', { done: false, tz }), page.activities.open);
    seedFirstPage(qc, recordKeys.related(module, id, 'activities', { done: true, tz }), page.activities.closed);
  }
  seedFirstPage(qc, notesKey(module, id), page.notes);
  seedFirstPage(qc, attachmentsKey(module, id), page.attachments);
  // useTimeline's key with no filter and the default window (`recordPageLists.timeline`).
  seedFirstPage(qc, recordKeys.related(module, id, 'timeline', { filter: [], all: false }), page.timeline);
}

/** The deals section's three lists (RelatedDealsSection: open, won and lost, sorted by name at first). */
export function seedDealSections(qc: QueryClient, module: 'accounts' | 'contacts', id: string, deals: DealSections | null): void {
  if (!deals) return;
  const sort = recordPageLists.deals.sort;
  for (const status of ['open', 'won', 'lost'] as const) seedFirstPage(qc, recordKeys.related(module, id, 'deals', { status, sort }), deals[status] satisfies ListResponse<DealListItem>);
}

/**
 * The record of a record page. Its first load is the whole page in one request (`GET /{module}/{id}/page`), whose
 * lists `seed` puts into the sections' caches before they mount, so the page renders from one round trip; the
 * sections then page on and refetch through their own endpoints. Later loads (after an edit) read the record alone.
 */
export function usePageRecord<R, P extends { record: R }>(module: 'accounts' | 'contacts' | 'deals', id: string, seed: (qc: QueryClient, page: P, tz: string) => void) {
  const qc = useQueryClient();
  const key = recordKeys.detail(module, id);
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      if (qc.getQueryData(key) !== undefined) return api.get<R>(`/${module}/${id}`);
      const tz = browserTimeZone();
      const page = await api.get<P>(`/${module}/${id}/page`, { tz });
      seed(qc, page, tz);
      return page.record;
    },
  });
}
