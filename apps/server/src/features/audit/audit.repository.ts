import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function insertAuditRow(db: Kysely<DB>, row: Insertable<DB['audit_log']>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Newest first: up to `limit` entries with ids below `beforeId`, whose action starts with `actionPrefix`. */
export async function listAuditRows(db: Kysely<DB>, opts: { limit: number; beforeId?: number; actionPrefix?: string }) {
  let q = db.selectFrom('audit_log').selectAll();
  // A prefix match: `%` and `_` in the filter are literal (action names contain underscores).
  if (opts.actionPrefix) q = q.where(sql<boolean>`action like ${`${opts.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}
