import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ImportRow, ImportsTable } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import type { ImportJobFacts } from './imports.presenter.ts';

/** The SQL of the imports service (issue #15). */

export type ImportWithUser = ImportRow & { user_name: string };

const withUser = (db: Kysely<DB>) => db.selectFrom('imports').innerJoin('users', 'users.id', 'imports.user_id').selectAll('imports').select('users.name as user_name');

export const findImportRow = (db: Kysely<DB>, id: number): Promise<ImportWithUser | undefined> => withUser(db).where('imports.id', '=', id).executeTakeFirst();

export async function findImportJobFacts(db: Kysely<DB>, jobId: number): Promise<ImportJobFacts | null> {
  const job = await db.selectFrom('jobs').select(['processed', 'total', 'started_at', 'status']).where('id', '=', jobId).executeTakeFirst();
  return job ? { processed: job.processed, total: job.total, startedAt: job.started_at, status: job.status } : null;
}

export async function insertImportRow(db: Kysely<DB>, row: Insertable<ImportsTable>): Promise<number> {
  return (await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateImportRow(db: Kysely<DB>, id: number, set: Updateable<ImportsTable>): Promise<void> {
  await db.updateTable('imports').set(set).where('id', '=', id).execute();
}

export async function deleteImportRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('imports').where('id', '=', id).execute();
}

/** Newest first; `userId` null lists everyone's. */
export function listImportRows(db: Kysely<DB>, q: { userId: number | null; module?: string; beforeId?: number; limit: number }): Promise<ImportWithUser[]> {
  let query = withUser(db).orderBy('imports.id', 'desc').limit(q.limit);
  if (q.userId !== null) query = query.where('imports.user_id', '=', q.userId);
  if (q.module) query = query.where('imports.module', '=', q.module);
  if (q.beforeId !== undefined) query = query.where('imports.id', '<', q.beforeId);
  return query.execute();
}

/** Marks an import queued for a (new) run: counts, checkpoint and problems from before are gone. */
export async function resetImportForRun(db: Kysely<DB>, id: number, dryRun: boolean): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: 'queued', dry_run: dryRun ? 1 : 0, rows_done: 0, created: 0, updated: 0, skipped: 0, failed: 0, accounts_created: 0, error: null, started_at: null, finished_at: null })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('import_problems').where('import_id', '=', id).execute();
}

/** Cancels the import's job (queued: at once; running: at its next check). */
export async function cancelImportRun(db: Kysely<DB>, id: number, jobId: number): Promise<void> {
  const now = nowIso();
  await db.updateTable('jobs').set({ status: 'cancelled', finished_at: now }).where('id', '=', jobId).where('status', 'in', ['queued', 'running']).execute();
  await db.updateTable('imports').set({ status: 'cancelled', finished_at: now }).where('id', '=', id).where('status', '=', 'queued').execute();
}
