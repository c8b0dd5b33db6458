import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { afterCursor, keysetFor, pageOf, type SortColumn } from '../records/keyset.ts';
import { joinableRecord, visibleRecords } from '../records/visible-records.ts';
import { hasTag } from '../tags/record-tags.ts';
import { notContactedSince } from './accounts.repository.ts';
import type { Period } from './activity-board.periods.ts';

/**
 * The Kanban by next activity reads the accounts' cached next/last activity columns (kept by refreshAccountActivity),
 * never the activities table's millions of rows: a dated column is a range of `accounts_board` (next_activity_at, id),
 * the `none` column a walk of `accounts_board_none` (name_sort, id); both carry the owner and restriction columns
 * that visibility reads, and the last activity that "not contacted" reads (migration 013), so a page stops at its limit
 * and a count reads only the index.
 */

export interface BoardFilters {
  ownerId?: number;
  tag?: string;
  /** Only accounts not contacted since this instant (ISO). */
  notContactedSince?: string;
}

const sortColumns: Record<'at' | 'name', SortColumn> = {
  at: { column: 'accounts.next_activity_at', kind: 'text' },
  name: { column: 'accounts.name_sort', kind: 'text' },
};

function inPeriod(period: Period): RawBuilder<boolean> {
  const at = sql.ref('accounts.next_activity_at');
  if (period.none) return sql<boolean>`${at} is null`;
  const parts = [sql`${at} is not null`];
  if (period.from) parts.push(sql`${at} >= ${period.from}`);
  if (period.to) parts.push(sql`${at} < ${period.to}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

function inColumn(db: Kysely<DB>, actor: Actor, f: BoardFilters, period: Period) {
  let qb = visibleRecords(db, actor, 'accounts').where(inPeriod(period));
  if (f.ownerId !== undefined) qb = qb.where('accounts.owner_id', '=', f.ownerId);
  if (f.tag) qb = qb.where(hasTag('accounts', f.tag));
  if (f.notContactedSince) qb = qb.where(notContactedSince(f.notContactedSince));
  return qb;
}

/** How many accounts the actor can see in the column. */
export async function countColumn(db: Kysely<DB>, actor: Actor, f: BoardFilters, period: Period): Promise<number> {
  const r = await inColumn(db, actor, f, period)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface BoardCardRow {
  id: number;
  name: string;
  owner_id: number | null;
  owner_name: string | null;
  next_activity_at: string | null;
  last_activity_at: string | null;
  /** Null when there is no next activity or the actor may not see it. */
  activity_id: number | null;
  activity_type: string | null;
  activity_subject: string | null;
  sort_value: string;
}

/**
 * A page of a column: dated columns by (next_activity_at, id), `none` by (name_sort, id). The next activity is joined
 * only when the actor may see it; otherwise the card keeps just its date.
 */
export async function columnPage(db: Kysely<DB>, actor: Actor, f: BoardFilters, period: Period, limit: number, cursor?: string) {
  const k = keysetFor(period.none ? 'name' : 'at', sortColumns, 'accounts.id');
  const seesActivities = can(actor, 'view', 'activities');
  let qb = inColumn(db, actor, f, period)
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .leftJoin('activities as na', (j) => j.onRef('na.id', '=', 'accounts.next_activity_id').on(seesActivities ? joinableRecord(actor, 'activities', 'na') : sql<boolean>`1 = 0`))
    .select([
      'accounts.id',
      'accounts.name',
      'accounts.owner_id',
      'owner.name as owner_name',
      'accounts.next_activity_at',
      'accounts.last_activity_at',
      'na.id as activity_id',
      'na.type as activity_type',
      'na.subject as activity_subject',
      k.orderExpr.as('sort_value'),
    ]);
  if (cursor) qb = qb.where(afterCursor(k, cursor));
  const rows = await qb.orderBy(k.orderExpr).orderBy('accounts.id').limit(limit + 1).execute();
  return pageOf(rows as BoardCardRow[], limit);
}

/** Won value per account and currency over the deals the actor can see (one query for every card on the page). */
export async function wonTotals(db: Kysely<DB>, actor: Actor, accountIds: number[]): Promise<Array<{ account_id: number; currency: string; total: number }>> {
  if (accountIds.length === 0 || !can(actor, 'view', 'deals')) return [];
  const rows = await visibleRecords(db, actor, 'deals')
    .where('deals.account_id', 'in', accountIds)
    .where('deals.status', '=', 'won')
    .select((eb) => ['deals.account_id', 'deals.currency', eb.fn.sum<number | null>('deals.amount').as('total')])
    .groupBy(['deals.account_id', 'deals.currency'])
    .execute();
  return rows.map((r) => ({ account_id: Number(r.account_id), currency: r.currency, total: Number(r.total ?? 0) }));
}
