import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, JobRow, JobsTable } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';

/** Statuses a job is still in (a cancel request is honoured by the handler at its next check). */
const unfinished = ['queued', 'running'] as const;

export async function insertJobRow(db: Kysely<DB>, row: Insertable<JobsTable>): Promise<JobRow> {
  return db.insertInto('jobs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findJobRow(db: Kysely<DB>, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user's newest jobs first (served by `jobs_user`). */
export async function listJobRowsOf(db: Kysely<DB>, userId: number, limit: number): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function jobStatusOf(db: Kysely<DB>, id: number): Promise<string | undefined> {
  return (await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

/** Whether any job waits: the runner's cheap poll (one read of `jobs_status`), before it tries to claim with a write. */
export async function anyQueuedJob(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('jobs').select('id').where('status', '=', 'queued').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Claims the oldest queued job for this process, atomically: on PostgreSQL the candidate row is locked with `skip
 * locked` (two runners never wait on, or take, the same job); on SQLite the statement runs under the writer lock and
 * re-checks the status. Its progress starts over (a job queued again after its process died runs from the start).
 */
export async function claimNextJob(db: Kysely<DB>, now: string): Promise<JobRow | undefined> {
  const lock = isSqlite(db) ? sql`` : sql` for update skip locked`;
  const { rows } = await sql<JobRow>`update jobs set status = 'running', started_at = ${now}, heartbeat_at = ${now}, finished_at = null,
      attempts = attempts + 1, processed = 0, succeeded = 0, skipped = 0, skips = '[]', error = null
    where id = (select id from jobs where status = 'queued' order by created_at, id limit 1${lock}) and status = 'queued'
    returning *`.execute(db);
  return rows[0];
}

/** Running jobs whose process stopped beating before `before` (it died): queued again, or failed after `maxAttempts` claims. */
export async function requeueStaleJobs(db: Kysely<DB>, before: string, maxAttempts: number, now: string, error: string): Promise<number> {
  const stale = await db.selectFrom('jobs').select('id').where('status', '=', 'running').where('heartbeat_at', '<', before).limit(1).executeTakeFirst();
  if (!stale) return 0;
  await db
    .updateTable('jobs')
    .set({ status: 'failed', finished_at: now, error })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', before)
    .where('attempts', '>=', maxAttempts)
    .execute();
  const res = await db
    .updateTable('jobs')
    .set({ status: 'queued', started_at: null, heartbeat_at: null })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', before)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function beatJob(db: Kysely<DB>, id: number, now: string): Promise<void> {
  await db.updateTable('jobs').set({ heartbeat_at: now }).where('id', '=', id).where('status', '=', 'running').execute();
}

export interface ProgressRow {
  total?: number | null;
  processed: number;
  succeeded: number;
  skipped: number;
  skips: string;
}

/** A running job's counts (also once it was cancelled meanwhile, so its last counts show what was done). */
export async function writeJobProgress(db: Kysely<DB>, id: number, p: ProgressRow, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ processed: p.processed, succeeded: p.succeeded, skipped: p.skipped, skips: p.skips, heartbeat_at: now, ...(p.total !== undefined && { total: p.total }) })
    .where('id', '=', id)
    .where('status', 'in', ['running', 'cancelled'])
    .execute();
}

/** Ends a running job (a job cancelled meanwhile stays cancelled); answers whether it was still running. */
export async function finishJobRow(db: Kysely<DB>, id: number, status: 'done' | 'failed', error: string | null, now: string): Promise<boolean> {
  const res = await db.updateTable('jobs').set({ status, error, finished_at: now }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A job interrupted by its process stopping: queued again for the next runner. */
export async function requeueJobRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('jobs').set({ status: 'queued', started_at: null, heartbeat_at: null }).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Cancels a queued or running job; answers whether it was one. */
export async function cancelJobRow(db: Kysely<DB>, id: number, now: string): Promise<boolean> {
  const res = await db.updateTable('jobs').set({ status: 'cancelled', finished_at: now }).where('id', '=', id).where('status', 'in', [...unfinished]).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---- files -------------------------------------------------------------------------------------------------------

export async function deleteJobFile(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('job_file_chunks').where('job_id', '=', id).execute();
  await db.updateTable('jobs').set({ file_name: null, file_mime: null, file_size: null }).where('id', '=', id).execute();
}

export async function insertJobFileChunk(db: Kysely<DB>, id: number, seq: number, data: Buffer): Promise<void> {
  await db.insertInto('job_file_chunks').values({ job_id: id, seq, data }).execute();
}

export async function setJobFile(db: Kysely<DB>, id: number, file: { name: string; mime: string; size: number }): Promise<void> {
  await db.updateTable('jobs').set({ file_name: file.name, file_mime: file.mime, file_size: file.size }).where('id', '=', id).execute();
}

export async function jobFileChunk(db: Kysely<DB>, id: number, seq: number): Promise<Buffer | undefined> {
  return (await db.selectFrom('job_file_chunks').select('data').where('job_id', '=', id).where('seq', '=', seq).executeTakeFirst())?.data;
}

/** Finished jobs created before `before`, with their files: gone (an export's file is kept a week). */
export async function pruneFinishedJobs(db: Kysely<DB>, before: string): Promise<number> {
  const old = db.selectFrom('jobs').select('id').where('status', 'in', ['done', 'failed', 'cancelled']).where('created_at', '<', before);
  const any = await old.limit(1).executeTakeFirst();
  if (!any) return 0;
  await db.deleteFrom('job_file_chunks').where('job_id', 'in', old).execute();
  const res = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed', 'cancelled']).where('created_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
