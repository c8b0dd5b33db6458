import { useInfiniteQuery } from '@tanstack/react-query';
import type { TimelineFilter, TimelinePage } from '@kontor/contract/timeline';
import { api } from '../../lib/api';
import { recordKeys, type RecordModule } from '../records/api';

/**
 * A record's timeline, page by page. Kept under the record's detail key, so whatever reloads the record (an edit,
 * a new note, a completed activity) reloads its timeline too. `all` lifts the six-month window.
 */
export function useTimeline(module: RecordModule, id: string, filter: TimelineFilter[], all: boolean) {
  return useInfiniteQuery({
    queryKey: recordKeys.related(module, id, 'timeline', { filter, all }),
    queryFn: ({ pageParam }) =>
      api.get<TimelinePage>(`/${module}/${id}/timeline`, { limit: 30, cursor: pageParam ?? undefined, filter: filter.length ? filter.join(',') : undefined, since: all ? 'all' : undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
