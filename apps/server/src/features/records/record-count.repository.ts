import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { ListTotal } from '@kontor/contract/common';
import type { DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from './visible-records.ts';

/** Up to this many records a list's total is counted exactly; beyond it an unfiltered total is estimated or capped. */
export const EXACT_COUNT_LIMIT = 10_000;

/** Parameters that page or present a list without narrowing it. */
const notFilters = new Set(['sort', 'limit', 'cursor', 'count', 'tz']);

/** Whether a list query narrows the module at all (a filter, a search, a parent): only unfiltered totals are estimated. */
export function isUnfiltered(q: object): boolean {
  return Object.entries(q).every(([key, value]) => notFilters.has(key) || value === undefined || value === false || value === '');
}

/**
 * A list's `total` (asked with `count=true`). Filtered lists and lists of at most `EXACT_COUNT_LIMIT` records are
 * counted exactly. Beyond it, an unfiltered total is never counted row by row (a million rows take a second):
 *
 * - a reader who sees every record (an administrator) gets the planner's estimate of the table's rows (PostgreSQL
 *   `pg_class.reltuples`, SQLite `sqlite_stat1` of the last ANALYZE) less the exact recycle-bin count, marked
 *   `totalApproximate` ("about N");
 * - a reader whose visibility is restricted gets `EXACT_COUNT_LIMIT` marked `totalApproximate` and `totalAtLeast`
 *   ("more than 10,000"): the table's size would tell them how many records they cannot see, so it is never used,
 *   and the exact count stops after `EXACT_COUNT_LIMIT + 1` visible rows. So does an administrator's when the engine
 *   has no statistics yet.
 */
export async function listTotal<M extends Module>(db: Kysely<DB>, actor: Actor, module: M, rows: SelectQueryBuilder<DB, M, object>, unfiltered: boolean): Promise<ListTotal> {
  if (!unfiltered) return filteredTotal(db, rows);
  const capped = await countOf(db, rows, EXACT_COUNT_LIMIT + 1);
  if (capped <= EXACT_COUNT_LIMIT) return { total: capped };
  const estimate = actor.isAdmin ? await estimatedLiveRows(db, actor, module) : null;
  if (estimate != null && estimate > EXACT_COUNT_LIMIT) return { total: estimate, totalApproximate: true };
  return { total: EXACT_COUNT_LIMIT, totalApproximate: true, totalAtLeast: true };
}

/**
 * A filtered list's total: exact on SQLite (an index-only count), and on PostgreSQL exact up to `EXACT_COUNT_LIMIT`;
 * beyond it PostgreSQL answers the planner's estimate of the filtered rows, marked `totalApproximate` ("about N"),
 * since counting a large share of a million rows there takes longer than a list may (the issue's 50 ms).
 */
async function filteredTotal<M extends Module>(db: Kysely<DB>, rows: SelectQueryBuilder<DB, M, object>): Promise<ListTotal> {
  if (isSqlite(db)) return { total: await countOf(db, rows) };
  const capped = await countOf(db, rows, EXACT_COUNT_LIMIT + 1);
  if (capped <= EXACT_COUNT_LIMIT) return { total: capped };
  const plan = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>`explain (format json) ${rows.select(sql<number>`1`.as('one'))}`.execute(db);
  const estimate = Math.round(Number(plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0));
  return { total: Math.max(estimate, EXACT_COUNT_LIMIT + 1), totalApproximate: true };
}

async function countOf<M extends Module>(db: Kysely<DB>, rows: SelectQueryBuilder<DB, M, object>, limit?: number): Promise<number> {
  const selected = rows.select(sql<number>`1`.as('one'));
  const counted = db.selectFrom((limit === undefined ? selected : selected.limit(limit)).as('r')).select((eb) => eb.fn.countAll<number>().as('n'));
  return Number((await counted.executeTakeFirst())?.n ?? 0);
}

/** The planner's row count of the module's table less the records in the recycle bin; null without statistics. */
async function estimatedLiveRows(db: Kysely<DB>, actor: Actor, module: Module): Promise<number | null> {
  const stats = isSqlite(db) ? await sqliteEstimate(db, module) : await postgresEstimate(db, module);
  if (stats == null) return null;
  if (stats.live) return stats.rows;
  const deleted = await visibleRecords(db, actor, module, { deleted: true })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Math.max(0, stats.rows - Number(deleted?.n ?? 0));
}

/** `reltuples`: what the planner takes the table's row count to be (-1 before the first ANALYZE). */
async function postgresEstimate(db: Kysely<DB>, module: Module): Promise<{ rows: number; live: boolean } | null> {
  const r = await sql<{ n: number | null }>`select reltuples::bigint as n from pg_class where oid = to_regclass(${module})`.execute(db);
  const n = Number(r.rows[0]?.n ?? -1);
  return n >= 0 ? { rows: n, live: false } : null;
}

/**
 * `sqlite_stat1` counts each index's entries: a full index counts every row (recycle bin included), an index on the
 * live rows (`where deleted_at is null`) counts those. The largest full one wins, else the largest live one.
 */
async function sqliteEstimate(db: Kysely<DB>, module: Module): Promise<{ rows: number; live: boolean } | null> {
  const r = await sql<{ full_rows: number | null; live_rows: number | null }>`
    select max(case when m.sql not like '% where %' then s.n end) as full_rows, max(case when m.sql like '% where deleted_at is null%' then s.n end) as live_rows
    from (select idx, cast(substr(stat, 1, instr(stat || ' ', ' ') - 1) as integer) as n from sqlite_stat1 where tbl = ${module}) as s
    join sqlite_master as m on m.type = 'index' and m.name = s.idx`
    .execute(db)
    .catch(() => ({ rows: [] })); // no sqlite_stat1 table before the first ANALYZE
  const row = r.rows[0];
  if (row?.full_rows != null) return { rows: Number(row.full_rows), live: false };
  if (row?.live_rows != null) return { rows: Number(row.live_rows), live: true };
  return null;
}
