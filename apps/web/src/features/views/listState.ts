import { emptyFilter, filterSchema, isSubgroup, type Filter, type FilterCondition, type FilterField, type FilterSubgroup, type Selection, type View } from '@kontor/contract/views';
import type { QueryValue } from '../../lib/api';

/**
 * A list's view state in the URL (issue #13), so a link shows what the sender saw: the saved view (`viewId`; the deals
 * page already uses `view` for board/list), the filter the user is editing (`filter`, a `filterSchema` object), the
 * columns (`columns`, comma-separated), their widths (`widths`, `key:px,…`) and the page size. `sort` lives in the list
 * search beside the quick filters. Absent values fall back to the view's.
 */
export interface ViewSearch {
  /** A saved view's id, `system.<key>`, or `all` for no view (absent: the user's default view). */
  viewId?: string;
  filter?: Filter;
  columns?: string;
  widths?: string;
  pageSize?: number;
}

/** "All records": no view, even when the user's default view is another. */
export const ALL_VIEW = 'all';
export const DEFAULT_PAGE_SIZE = 50;
export const PAGE_SIZES = [25, 50, 100, 200] as const;

const VIEW_ID = /^(\d{1,19}|system\.[a-z-]{1,40}|all)$/;

/** A `filter` search value: an object (the router parses JSON search values) or its JSON text; anything invalid is dropped. */
export function parseFilterParam(v: unknown): Filter | undefined {
  let raw: unknown = v;
  if (typeof v === 'string') {
    if (v.length > 20_000) return undefined;
    try {
      raw = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (raw === null || typeof raw !== 'object') return undefined;
  const parsed = filterSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, max) : typeof v === 'number' ? String(v) : undefined);

export function parseViewSearch(s: Record<string, unknown>): ViewSearch {
  const viewId = text(s.viewId, 60);
  const columns = text(s.columns, 4000);
  const widths = text(s.widths, 4000);
  const size = Number(s.pageSize);
  return {
    viewId: viewId && VIEW_ID.test(viewId) ? viewId : undefined,
    filter: parseFilterParam(s.filter),
    columns: columns && /^[\w.,-]+$/.test(columns) ? columns : undefined,
    widths: widths && /^[\w.-]+:\d{2,4}(,[\w.-]+:\d{2,4})*$/.test(widths) ? widths : undefined,
    pageSize: Number.isInteger(size) && size >= 10 && size <= 200 ? size : undefined,
  };
}

/** The view-state keys of the URL, cleared together when a view is chosen or saved. */
export const clearedViewState = { filter: undefined, columns: undefined, widths: undefined, pageSize: undefined, sort: undefined } as const;

export const splitList = (s: string | undefined): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

export function parseWidths(s: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of splitList(s)) {
    const at = part.lastIndexOf(':');
    const w = Number(part.slice(at + 1));
    if (at > 0 && Number.isFinite(w)) out[part.slice(0, at)] = Math.min(1200, Math.max(40, Math.round(w)));
  }
  return out;
}
export const formatWidths = (w: Record<string, number>): string | undefined => {
  const parts = Object.entries(w).map(([k, px]) => `${k}:${Math.round(px)}`);
  return parts.length ? parts.join(',') : undefined;
};

// ---- filters ------------------------------------------------------------------------------------------------------

export const isEmptyFilter = (f: Filter | undefined | null): boolean => !f || f.conditions.length === 0;

/** Two filters say the same (an empty filter equals no filter). */
export function sameFilter(a: Filter | undefined | null, b: Filter | undefined | null): boolean {
  if (isEmptyFilter(a) && isEmptyFilter(b)) return true;
  return JSON.stringify(a ?? emptyFilter) === JSON.stringify(b ?? emptyFilter);
}

/** A filter as the conditions of an AND, or null when it cannot be one level ("any" over groups). */
function asAndParts(f: Filter): (FilterCondition | FilterSubgroup)[] | null {
  if (f.match === 'all' || f.conditions.length <= 1) {
    if (f.conditions.length === 1 && f.match === 'any') {
      const only = f.conditions[0];
      return only ? [only] : [];
    }
    return f.conditions;
  }
  if (f.conditions.some(isSubgroup)) return null;
  return [{ match: 'any', conditions: f.conditions.filter((c): c is FilterCondition => !isSubgroup(c)) }];
}

/** Both filters at once (AND), or null when the result would need a second level of groups. */
export function andFilters(...filters: (Filter | null | undefined)[]): Filter | null {
  const parts: (FilterCondition | FilterSubgroup)[] = [];
  for (const f of filters) {
    if (!f || isEmptyFilter(f)) continue;
    const p = asAndParts(f);
    if (!p) return filters.filter((x) => x && !isEmptyFilter(x)).length === 1 ? f : null;
    parts.push(...p);
  }
  return { match: 'all', conditions: parts };
}

// ---- quick filters as conditions -----------------------------------------------------------------------------------

/** The quick filters of the list pages (URL params the list API takes directly). */
export interface QuickFilterValues {
  ownerId?: string;
  contactType?: string;
  tag?: string;
  /** Deals: open, won or lost; leads: their status. */
  status?: string;
  /** Leads: where they came from. */
  source?: string;
  /** Accounts and contacts: only customers (a won deal), only with open deals. */
  customer?: string;
  withOpenDeals?: string;
  /** Accounts: no completed activity in the last N days (the accounts pages parse it). */
  notContactedDays?: string;
}
export const quickFilterKeys = ['ownerId', 'contactType', 'tag', 'status', 'source', 'customer', 'withOpenDeals', 'notContactedDays'] as const;
export type QuickFilterKey = (typeof quickFilterKeys)[number];

/** Catalogue keys a yes/no quick filter may have (the first one the module's catalogue offers is used). */
const flagFields: Partial<Record<QuickFilterKey, string[]>> = {
  customer: ['customer', 'isCustomer'],
  withOpenDeals: ['hasOpenDeal', 'withOpenDeals'],
};

/**
 * The quick filters as filter conditions, for what takes only a view and a filter (a mass action on "all matching",
 * an export, the print page, saving a view). `unexpressed` names those the module's filter catalogue cannot say.
 */
export function quickFilterConditions(q: QuickFilterValues, fields: FilterField[]): { conditions: FilterCondition[]; expressed: QuickFilterKey[]; unexpressed: QuickFilterKey[] } {
  const has = (key: string) => fields.some((f) => f.key === key);
  const conditions: FilterCondition[] = [];
  const expressed: QuickFilterKey[] = [];
  const unexpressed: QuickFilterKey[] = [];
  for (const key of quickFilterKeys) {
    const v = q[key];
    if (!v) continue;
    let c: FilterCondition | null;
    if (key === 'tag') c = has('tags') ? { field: 'tags', op: 'anyOf', value: [v] } : null;
    else if (key === 'ownerId' || key === 'contactType' || key === 'status' || key === 'source') c = has(key) ? { field: key, op: 'is', value: v } : null;
    // "not contacted in N days" is "last activity not in the last N days", never-contacted included
    else if (key === 'notContactedDays') c = has('lastActivityAt') && Number(v) > 0 ? { field: 'lastActivityAt', op: 'notInLast', value: Number(v) } : null;
    else {
      const field = flagFields[key]?.find(has);
      c = field ? { field, op: 'is', value: true } : null;
    }
    if (c) {
      conditions.push(c);
      expressed.push(key);
    } else unexpressed.push(key);
  }
  return { conditions, expressed, unexpressed };
}

// ---- the effective state ------------------------------------------------------------------------------------------

export interface ResolvedListState {
  /** The view in use (null: all records). */
  view: View | null;
  /** The conditions the user edits: the URL's, else the saved view's (system views: only what the user added). */
  filter: Filter;
  /** A system view's own conditions: shown, not editable (the server applies them by the view id). */
  lockedFilter: Filter | null;
  sort: string;
  /** The URL chose the sort (otherwise the view's or the module's applies). */
  sortChosen: boolean;
  columns: string[];
  /** The columns were chosen (URL or a saved view), not the module's defaults. */
  columnsChosen: boolean;
  widths: Record<string, number>;
  pageSize: number;
  /** The URL differs from the view. */
  dirty: boolean;
}

export interface ListDefaults {
  sort: string;
  columns: string[];
}

export function resolveListState(search: ViewSearch & { sort?: string }, view: View | null, defaults: ListDefaults): ResolvedListState {
  const system = view?.kind === 'system';
  const viewSort = view && view.sort.length ? view.sort.join(',') : undefined;
  // a system view shows the module's own default columns (it was designed by nobody)
  const viewColumns = view && !system && view.columns.length ? view.columns : undefined;
  const urlColumns = splitList(search.columns);
  const filter = system ? (search.filter ?? emptyFilter) : (search.filter ?? view?.filter ?? emptyFilter);
  const columns = urlColumns.length ? urlColumns : (viewColumns ?? defaults.columns);
  const widths = { ...(view?.columnWidths ?? {}), ...parseWidths(search.widths) };
  const pageSize = search.pageSize ?? view?.pageSize ?? DEFAULT_PAGE_SIZE;
  const sort = search.sort ?? viewSort ?? defaults.sort;

  let dirty = false;
  if (view) {
    const baseFilter = system ? emptyFilter : view.filter;
    dirty =
      !sameFilter(filter, baseFilter) ||
      (search.sort !== undefined && search.sort !== (viewSort ?? defaults.sort)) ||
      (urlColumns.length > 0 && urlColumns.join(',') !== (viewColumns ?? defaults.columns).join(',')) ||
      (search.widths !== undefined && JSON.stringify(widths) !== JSON.stringify(view.columnWidths)) ||
      (search.pageSize !== undefined && search.pageSize !== view.pageSize);
  }
  return {
    view,
    filter,
    lockedFilter: system && view && !isEmptyFilter(view.filter) ? view.filter : null,
    sort,
    sortChosen: search.sort !== undefined,
    columns,
    columnsChosen: urlColumns.length > 0 || viewColumns !== undefined,
    widths,
    pageSize,
    dirty,
  };
}

/** The view the URL names, else the user's default view, else none. */
export function pickView(views: View[] | undefined, defaultViewId: string | undefined, viewId: string | undefined): View | null {
  if (!views) return null;
  if (viewId === ALL_VIEW) return views.find((v) => v.systemKey === 'all') ?? null;
  const id = viewId ?? defaultViewId;
  return views.find((v) => v.id === id) ?? null;
}

/**
 * What the list API gets for the view part: a system view by id (the server knows what "unread" means) with the user's
 * extra conditions; a saved view by id while its filter is untouched; otherwise the edited filter on its own (the
 * server ANDs a view's filter with the inline one, so an edited view is sent as its filter alone).
 */
export function viewRequest(state: ResolvedListState): { view?: string; filter?: Filter } {
  const { view, filter } = state;
  if (!view) return isEmptyFilter(filter) ? {} : { filter };
  if (view.kind === 'system') return isEmptyFilter(filter) ? { view: view.id } : { view: view.id, filter };
  if (sameFilter(filter, view.filter)) return { view: view.id };
  return isEmptyFilter(filter) ? {} : { filter };
}

/** List API parameters for the view part (the quick filters and the name box are added by the list). */
export function viewListParams(state: ResolvedListState): Record<string, QueryValue> {
  const r = viewRequest(state);
  // a view sent by id brings its own sort; the URL's overrides it
  const sort = state.sortChosen || !r.view ? state.sort : undefined;
  return { view: r.view, filter: r.filter ? JSON.stringify(r.filter) : undefined, sort };
}

/**
 * "Everything that matches" as a selection (mass actions, export jobs): the view, the filter with the quick filters
 * added as conditions, the name box and the letter. Null when a quick filter cannot be said as a condition (the
 * selection would then take more than the list shows).
 */
export function allMatchingSelection(state: ResolvedListState, quick: QuickFilterValues & { q?: string; letter?: string }, fields: FilterField[]): Extract<Selection, { all: true }> | null {
  const r = viewRequest(state);
  const { conditions, unexpressed } = quickFilterConditions(quick, fields);
  if (unexpressed.length) return null;
  const filter = andFilters(r.filter, conditions.length ? { match: 'all', conditions } : null);
  if (filter === null) return null;
  return {
    all: true,
    ...(r.view ? { view: r.view } : {}),
    ...(isEmptyFilter(filter) ? {} : { filter }),
    ...(quick.q ? { q: quick.q } : {}),
    ...(quick.letter ? { letter: quick.letter } : {}),
  };
}
