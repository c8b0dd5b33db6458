import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ListResponse } from '@kontor/contract/common';
import type { DealListItem } from '@kontor/contract/deals';
import type { ItemModule } from '@kontor/contract/notes';
import { recordPageLists, type ActivitySections, type DealSections } from '@kontor/contract/record-pages';
import type { TimelinePage } from '@kontor/contract/timeline';
import { api } from '../../lib/api';
import { browserTimeZone } from '../activities/api';
import { attachmentsKey } from '../attachments/api';
import { notesKey } from '../notes/api';
import { recordKeys } from './api';

/*
 * A record page's data: its first load and the caches it seeds. Apart from the sections' components
 * (common-sections.tsx), so a module's api (which a list's create form imports) does not bring the record page along.
 */

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
