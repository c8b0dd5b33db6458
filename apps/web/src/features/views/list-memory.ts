import { useEffect, type RefObject } from 'react';

/**
 * Where the user was in each module's list (issue #14: "the breadcrumb back to a list keeps its filter, sort and
 * scroll position"): the list's path and search (view, filter, sort, letter, q, columns, the board or the table) and
 * how far its table was scrolled. The record page's breadcrumb goes back there, and the table scrolls back to where it
 * was. Kept for the browser tab (sessionStorage), so a reload keeps it too.
 */
export interface ListPlace {
  /** The list's path and search as the address bar shows it (`/accounts?sort=-createdAt&letter=A`). */
  href: string;
  /** The table's scroll offset (px). */
  scrollTop: number;
}

const STORAGE_KEY = 'kontor.list-places';
/** A restore that cannot be reached (fewer rows now) gives up after this long. */
const RESTORE_WITHIN_MS = 6000;

/** The module whose list a path shows: `/accounts`, `/accounts/board`, `/deals`, `/activities/list`…; null for any other page. */
export function listModuleOf(pathname: string): string | null {
  const m = /^\/(accounts|contacts|deals|leads|activities)(?:\/(?:board|list))?\/?$/.exec(pathname);
  return m?.[1] ?? null;
}

function load(): Record<string, ListPlace> {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
    return raw && typeof raw === 'object' ? (raw as Record<string, ListPlace>) : {};
  } catch {
    return {};
  }
}
let places: Record<string, ListPlace> | null = null;
const all = (): Record<string, ListPlace> => (places ??= load());
function save(): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(all()));
  } catch {
    // private mode or full storage: the places last for this page only
  }
}

/** A location the app showed: when it is a module's list, that list's place becomes it (its scroll kept if it is the same list). */
export function rememberLocation(location: { pathname: string; href: string }): void {
  const module = listModuleOf(location.pathname);
  if (!module) return;
  const before = all()[module];
  all()[module] = { href: location.href, scrollTop: before?.href === location.href ? before.scrollTop : 0 };
  save();
}

/** Where the breadcrumb of a module's record goes: the list as the user left it, else the module's list as it opens. */
export function listHrefOf(module: string): string {
  return all()[module]?.href ?? `/${module}`;
}

export function rememberScroll(module: string, scrollTop: number): void {
  const p = all()[module];
  if (!p) return;
  p.scrollTop = Math.max(0, Math.round(scrollTop));
  save();
}

/** Restores asked for (by the breadcrumb back): module -> [scroll offset, asked at]. */
const pending = new Map<string, [number, number]>();

/** The breadcrumb back to a list was followed: its table scrolls back to where it was once its rows are there. */
export function requestScrollRestore(module: string, now = Date.now()): void {
  const top = all()[module]?.scrollTop ?? 0;
  if (top > 0) pending.set(module, [top, now]);
  else pending.delete(module);
}

/**
 * One step of a pending restore for a table: the offset to scroll to, or null (nothing asked, or given up). Done once
 * the element reached it; a list that cannot scroll that far yet (rows still loading) is scrolled as far as it can,
 * which loads the next page, and asked again when more rows came.
 */
export function restoreStep(module: string, el: { scrollTop: number; scrollHeight: number; clientHeight: number }, now = Date.now()): number | null {
  const p = pending.get(module);
  if (!p) return null;
  const [top, at] = p;
  if (now - at > RESTORE_WITHIN_MS) {
    pending.delete(module);
    return null;
  }
  if (el.scrollHeight - el.clientHeight >= top) pending.delete(module);
  return top;
}

/** Test seam: forget every place and pending restore. */
export function resetListMemory(): void {
  places = {};
  pending.clear();
  save();
}

/**
 * A module list's table: remembers how far it is scrolled, and scrolls back there after the breadcrumb back (as its
 * rows arrive; `rowCount` changes when they do).
 */
export function useListScrollMemory(module: string | undefined, ref: RefObject<HTMLElement | null>, rowCount: number): void {
  useEffect(() => {
    const el = ref.current;
    if (!module || !el) return;
    const onScroll = () => rememberScroll(module, el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [module, ref]);
  useEffect(() => {
    const el = ref.current;
    if (!module || !el || rowCount === 0) return;
    const top = restoreStep(module, el);
    if (top !== null) el.scrollTop = top;
  }, [module, ref, rowCount]);
}
