import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The rate limit's shared counts (migration 012): each process adds the hits it counted since its last flush to the
 * key's row and learns the total of every process. A window that ended starts afresh with this flush's hits.
 */
export async function addRateLimitHits(
  db: Kysely<DB>,
  hits: Array<{ key: string; windowStart: number; count: number }>,
  now: number,
  windowMs: number,
): Promise<Map<string, { count: number; windowStart: number }>> {
  const totals = new Map<string, { count: number; windowStart: number }>();
  if (!hits.length) return totals;
  await db.transaction().execute(async (trx) => {
    for (const h of hits) {
      const row = await trx
        .insertInto('rate_limit_hits')
        .values({ key: h.key, window_start: h.windowStart, count: h.count })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limit_hits.window_start + ${windowMs} <= ${now} then excluded.count else rate_limit_hits.count + excluded.count end`,
            window_start: sql<number>`case when rate_limit_hits.window_start + ${windowMs} <= ${now} then excluded.window_start else rate_limit_hits.window_start end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow();
      totals.set(h.key, { count: Number(row.count), windowStart: Number(row.window_start) });
    }
  });
  return totals;
}

/** Forgets windows that ended long ago. */
export async function pruneRateLimitHits(db: Kysely<DB>, before: number): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('window_start', '<', before).execute();
}

/** What every process counted so far for these keys (the keys this process saw lately but has no new hits for). */
export async function readRateLimitCounts(db: Kysely<DB>, keys: string[]): Promise<Map<string, { count: number; windowStart: number }>> {
  const totals = new Map<string, { count: number; windowStart: number }>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom('rate_limit_hits').select(['key', 'count', 'window_start']).where('key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) totals.set(r.key, { count: Number(r.count), windowStart: Number(r.window_start) });
  }
  return totals;
}
