import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  activityBoardColumnKeys,
  type ActivityBoard,
  type ActivityBoardColumnPage,
  type ActivityBoardColumnKey,
  type activityBoardColumnQuerySchema,
  type activityBoardQuerySchema,
} from '@kontor/contract/activity-board';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { moneyOf } from '../deals/deals.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { boardPeriods } from './activity-board.periods.ts';
import { presentBoardCard } from './activity-board.presenter.ts';
import { columnPage, countColumn, wonTotals, type BoardCardRow, type BoardFilters } from './activity-board.repository.ts';

type BoardQuery = z.output<typeof activityBoardQuerySchema>;
type ColumnQuery = z.output<typeof activityBoardColumnQuerySchema>;

const DAY = 86_400_000;

function filtersOf(q: BoardQuery, now: Date): BoardFilters {
  return {
    ownerId: q.ownerId === undefined ? undefined : fromApiId(q.ownerId),
    tag: q.tag || undefined,
    notContactedSince: q.notContactedDays === undefined ? undefined : new Date(now.getTime() - q.notContactedDays * DAY).toISOString(),
  };
}

/** The cards of a page with their won values (one aggregate over every account on it). */
async function presentCards(db: Kysely<DB>, actor: Actor, pages: BoardCardRow[][]) {
  const totals = await wonTotals(db, actor, [...new Set(pages.flat().map((r) => r.id))]);
  const byAccount = new Map<number, Array<{ currency: string; total: number }>>();
  for (const t of totals) byAccount.set(t.account_id, [...(byAccount.get(t.account_id) ?? []), t]);
  return pages.map((rows) => rows.map((r) => presentBoardCard(r, moneyOf(byAccount.get(r.id) ?? []))));
}

/**
 * The accounts Kanban by next activity (Pipedrive): six columns from "no activity planned" to "later", bounded by the
 * reader's days and weeks in `q.tz`. `now` is a parameter so that tests can fix the clock; routes never pass it.
 */
export async function accountActivityBoard(db: Kysely<DB>, actor: Actor, q: BoardQuery, now: Date = new Date()): Promise<ActivityBoard> {
  assertCan(actor, 'view', 'accounts');
  const periods = boardPeriods(now, q.tz);
  const filters = filtersOf(q, now);
  const columns = await Promise.all(
    activityBoardColumnKeys.map(async (key) => {
      const [count, page] = await Promise.all([countColumn(db, actor, filters, periods[key]), columnPage(db, actor, filters, periods[key], q.limit)]);
      return { key, count, page };
    }),
  );
  const cards = await presentCards(db, actor, columns.map((c) => c.page.rows));
  return { tz: q.tz, columns: columns.map((c, i) => ({ key: c.key, count: c.count, cards: cards[i] ?? [], nextCursor: c.page.nextCursor })) };
}

/** The next cards of one column, after the column's cursor. */
export async function accountActivityBoardColumn(db: Kysely<DB>, actor: Actor, q: ColumnQuery, now: Date = new Date()): Promise<ActivityBoardColumnPage> {
  assertCan(actor, 'view', 'accounts');
  const key: ActivityBoardColumnKey = q.key;
  const page = await columnPage(db, actor, filtersOf(q, now), boardPeriods(now, q.tz)[key], q.limit, q.cursor);
  const [cards] = await presentCards(db, actor, [page.rows]);
  return { key, cards: cards ?? [], nextCursor: page.nextCursor };
}
