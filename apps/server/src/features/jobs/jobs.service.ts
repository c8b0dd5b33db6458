import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { Job } from '@kontor/contract/views';
import type { DB, JobRow } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { presentJob } from './jobs.presenter.ts';
import { cancelJobRow, findJobRow, insertJobRow, jobFileChunk, listJobRowsOf } from './jobs.repository.ts';
import { runClaimedJob, wakeJobRunners, type JobKind } from './jobs.runner.ts';

export interface EnqueueJob {
  kind: JobKind;
  module: Module;
  /** The mass action, or the export format. */
  action: string;
  /** The handler's input, stored as JSON (validate it before enqueueing; the handler parses it again). */
  payload: unknown;
  /** How many records it will go through, when known. */
  total: number | null;
  /**
   * Run it now, in the caller's request, as `actor`, and answer it finished (small sets: no polling). Otherwise it is
   * queued and this process's runner is woken.
   */
  inline?: boolean;
}

/** Creates a job owned by the actor and answers it: queued, or (inline) already finished. */
export async function enqueueJob(db: Kysely<DB>, actor: Actor, input: EnqueueJob): Promise<Job> {
  const now = nowIso();
  const row = await insertJobRow(db, {
    kind: input.kind,
    module: input.module,
    action: input.action,
    user_id: actor.id,
    status: input.inline ? 'running' : 'queued',
    payload: JSON.stringify(input.payload ?? null),
    total: input.total,
    created_at: now,
    ...(input.inline && { started_at: now, heartbeat_at: now, attempts: 1 }),
  });
  if (!input.inline) {
    wakeJobRunners();
    return presentJob(row);
  }
  await runClaimedJob(db, row, { actor });
  return presentJob(await jobRowOr404(db, actor, row.id));
}

/** A job the actor may see: their own, or any for an administrator; 404 otherwise (someone else's looks missing). */
async function jobRowOr404(db: Kysely<DB>, actor: Actor, id: number): Promise<JobRow> {
  const row = await findJobRow(db, id);
  if (!row || (row.user_id !== actor.id && !actor.isAdmin)) throw notFound('job');
  return row;
}

export async function getJob(db: Kysely<DB>, actor: Actor, id: number): Promise<Job> {
  return presentJob(await jobRowOr404(db, actor, id));
}

/** The actor's own jobs, newest first. */
export async function listMyJobs(db: Kysely<DB>, actor: Actor, limit = 50): Promise<Job[]> {
  const now = Date.now();
  return (await listJobRowsOf(db, actor.id, limit)).map((row) => presentJob(row, now));
}

/**
 * Cancels a queued job at once, a running one at its handler's next check (what it did so far stays done). A job
 * already finished is answered as it is.
 */
export async function cancelJob(db: Kysely<DB>, actor: Actor, id: number): Promise<Job> {
  await jobRowOr404(db, actor, id);
  await cancelJobRow(db, id, nowIso());
  return getJob(db, actor, id);
}

export interface JobFile {
  name: string;
  mime: string;
  size: number;
  stream: Readable;
}

/** The file a finished job left (an export), streamed one stored chunk at a time. */
export async function openJobFile(db: Kysely<DB>, actor: Actor, id: number): Promise<JobFile> {
  const row = await jobRowOr404(db, actor, id);
  if (row.status !== 'done' || row.file_name == null) throw notFound('file of this job');
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const data = await jobFileChunk(db, id, seq);
      if (!data) return;
      yield Buffer.from(data);
    }
  }
  return { name: row.file_name, mime: row.file_mime ?? 'application/octet-stream', size: Number(row.file_size ?? 0), stream: Readable.from(chunks()) };
}
