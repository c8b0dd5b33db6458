import { useEffect, useState, type RefObject } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ListResponse } from '@kontor/contract/common';
import type { Module } from '@kontor/contract/custom-fields';
import { api, type QueryValue } from '../../lib/api';
import { recordKeys } from '../records/api';

/** A keyset-paged list with the view's page size; each page passes the previous page's `nextCursor`. */
export function useViewList<T>(module: Module, params: Record<string, QueryValue>, pageSize: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: recordKeys.list(module, { ...params, limit: pageSize }),
    queryFn: ({ pageParam }) => api.get<ListResponse<T>>(`/${module}`, { ...params, limit: pageSize, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/**
 * How tall the table's scroll box may be so that it ends inside the window (leaving `reserve` px below it for
 * "Load more"): measured from where the box starts, again when the window or the tool rows above it change size.
 */
export function useFitHeight(ref: RefObject<HTMLElement | null>, watch: RefObject<HTMLElement | null>, reserve: number, min = 320): number {
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - reserve)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    if (watch.current) observer.observe(watch.current);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [ref, watch, reserve, min]);
  return height;
}
