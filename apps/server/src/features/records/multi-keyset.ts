import { sql, type RawBuilder } from 'kysely';
import { decodeCursorValues, encodeCursorValues, type CursorValue } from '../../lib/cursor.ts';
import { keysetFor, type SortColumn } from './keyset.ts';

/**
 * Keyset paging over up to three sort keys (`lastName,-createdAt`) and the id: stable under concurrent inserts, no
 * OFFSET. When every key runs the same way the "after the cursor" condition is one row-value comparison, which both
 * engines serve from a (sort…, id) index; mixed directions expand to the equivalent OR chain.
 */
export interface SortPart {
  key: string;
  column: SortColumn;
  expr: RawBuilder<unknown>;
  descending: boolean;
}
export interface MultiKeyset {
  parts: SortPart[];
  idColumn: string;
  /** The id runs the way the last key runs. */
  idDescending: boolean;
}

/** `sort` is a checked comma list of the module's sort keys (the contract's `sortListParam`). */
export function multiKeysetFor(sort: string, columns: Record<string, SortColumn>, idColumn: string, opts: { unindexed?: boolean } = {}): MultiKeyset {
  const parts = sort
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const k = keysetFor(s, columns, idColumn, opts);
      return { key: k.sortKey, column: k.column, expr: k.orderExpr, descending: k.descending };
    });
  const last = parts[parts.length - 1];
  if (!last) throw new Error('empty sort');
  return { parts, idColumn, idDescending: last.descending };
}

/** The sort values a page's rows carry (`sort_0`, `sort_1`, …) so the next cursor can be made from the last one. */
export function sortValueSelections(k: MultiKeyset) {
  return k.parts.map((p, i) => p.expr.as(`sort_${i}`));
}

const cmp = (descending: boolean) => sql.raw(descending ? '<' : '>');

/** The WHERE condition for "after the cursor". */
export function afterKeyset(k: MultiKeyset, cursor: string): RawBuilder<boolean> {
  const { values, id } = decodeCursorValues(
    cursor,
    k.parts.map((p) => p.column.kind),
  );
  const idRef = sql.ref(k.idColumn);
  const sameWay = k.parts.every((p) => p.descending === k.idDescending);
  if (sameWay) {
    const exprs = sql.join([...k.parts.map((p) => p.expr), idRef]);
    const vals = sql.join([...values.map((v) => sql`${v}`), sql`${id}`]);
    return sql<boolean>`((${exprs}) ${cmp(k.idDescending)} (${vals}))`;
  }
  const branches: RawBuilder<unknown>[] = [];
  for (let i = 0; i <= k.parts.length; i++) {
    const equal = k.parts.slice(0, i).map((p, j) => sql`${p.expr} = ${values[j]}`);
    const part = k.parts[i];
    const step = part ? sql`${part.expr} ${cmp(part.descending)} ${values[i]}` : sql`${idRef} ${cmp(k.idDescending)} ${id}`;
    branches.push(sql`(${sql.join([...equal, step], sql` and `)})`);
  }
  return sql<boolean>`(${sql.join(branches, sql` or `)})`;
}

/** ORDER BY terms, in order, ending with the id. */
export function orderTerms(k: MultiKeyset): Array<{ expr: RawBuilder<unknown>; direction: 'asc' | 'desc' }> {
  return [...k.parts.map((p) => ({ expr: p.expr, direction: p.descending ? ('desc' as const) : ('asc' as const) })), { expr: sql.ref(k.idColumn), direction: k.idDescending ? 'desc' : 'asc' }];
}

/** Cuts the extra row fetched to know whether a next page exists, and makes the cursor from the last row kept. */
export function keysetPage<R extends { id: number }>(rows: R[], limit: number, k: MultiKeyset): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1] as (R & Record<string, unknown>) | undefined;
  if (!last) return { rows: kept, nextCursor: null };
  const values = k.parts.map((_, i): CursorValue => {
    const v = last[`sort_${i}`];
    return typeof v === 'number' || typeof v === 'string' ? v : String(v ?? '');
  });
  return { rows: kept, nextCursor: encodeCursorValues(values, last.id) };
}
