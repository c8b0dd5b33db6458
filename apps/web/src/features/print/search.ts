import { modules, type Module } from '@kontor/contract/custom-fields';

/**
 * The print page's URL: the same list state as the list page's (`viewId`, `filter` as JSON, `sort`, `q`, `letter`,
 * `columns` as a comma list), so "Print" on a list opens exactly what the list shows.
 */
export interface PrintSearch {
  viewId?: string;
  filter?: string;
  sort?: string;
  q?: string;
  letter?: string;
  columns?: string;
}

/** The router parses search values as JSON where it can: a filter may arrive as an object, an id or a query as a number. */
const text = (v: unknown, max: number): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v !== '' ? v.slice(0, max) : undefined;
};
const json = (v: unknown, max: number): string | undefined => (v !== null && typeof v === 'object' ? JSON.stringify(v).slice(0, max) : text(v, max));
const list = (v: unknown, max: number): string | undefined => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',').slice(0, max) : text(v, max));

export function parsePrintSearch(s: Record<string, unknown>): PrintSearch {
  return {
    viewId: text(s.viewId, 60),
    filter: json(s.filter, 20_000),
    sort: text(s.sort, 200),
    q: text(s.q, 100),
    letter: text(s.letter, 3),
    columns: list(s.columns, 4000),
  };
}

export const isPrintModule = (v: string): v is Module => (modules as readonly string[]).includes(v);
