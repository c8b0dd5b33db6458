import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Module } from '@kontor/contract/custom-fields';
import type { jobKinds, jobSkipSchema } from '@kontor/contract/views';
import type { DB, JobRow } from '../../db/schema.ts';
import { AppError, refused } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findUserRow } from '../users/users.repository.ts';
import {
  anyQueuedJob,
  beatJob,
  claimNextJob,
  deleteJobFile,
  finishJobRow,
  insertJobFileChunk,
  jobStatusOf,
  pruneFinishedJobs,
  requeueJobRow,
  requeueStaleJobs,
  setJobFile,
  writeJobProgress,
} from './jobs.repository.ts';

/**
 * Background jobs (issue #13): every server process runs one `JobRunner`, which polls for queued jobs every 250 ms
 * (and at once when this process enqueues one), claims the oldest atomically, runs it with the handler registered for
 * its kind, one job at a time, and records how it ended. A job belongs to the user who started it; its handler acts
 * as that user, re-derived when it runs (rights, role tree and org-wide defaults as they are then; a deactivated
 * user's jobs fail). A process that dies leaves its job `running` without heartbeat: after a minute any runner queues
 * it again (it runs from the start; handlers are written so that running twice does no harm).
 */

export type JobKind = (typeof jobKinds)[number];
/** A record a job left alone, and why (`forbidden`, `not_found`, or the code a rule answered). */
export type JobSkip = z.infer<typeof jobSkipSchema>;

/** Counts so far (absolute, not increments); `total` when the handler learns or corrects it. */
export interface JobProgress {
  total?: number | null;
  processed: number;
  succeeded: number;
  skipped: number;
}

/** What a handler gets: the job, the user it acts as, and the ways to report, to stop and to leave a file. */
export interface RunningJob {
  id: number;
  userId: number;
  /** The job's user as they are now (an administrator's job acts as an administrator). */
  actor: Actor;
  module: Module;
  action: string;
  /** The job's input as enqueued; the handler parses it with its own zod schema. */
  payload: unknown;
  /**
   * Reports the counts so far and the records newly skipped (the job keeps the first 100). Written at most about four
   * times a second; the last counts are always written when the handler returns.
   */
  progress(progress: JobProgress, skips?: JobSkip[]): Promise<void>;
  /** Whether to stop now: the user cancelled the job, or this process is shutting down (the job then runs again later). */
  cancelled(): Promise<boolean>;
  /** Stores the job's file (an export) in ~1 MB chunks as it streams; answers its size in bytes. Replaces an earlier one. */
  writeFile(name: string, mime: string, source: AsyncIterable<Uint8Array>): Promise<number>;
}

export type JobHandler = (db: Kysely<DB>, job: RunningJob) => Promise<void>;

const handlers = new Map<JobKind, JobHandler>();

/** Registers the code that runs jobs of a kind (a feature calls it when its routes are registered). */
export function registerJobHandler(kind: JobKind, handler: JobHandler): void {
  handlers.set(kind, handler);
}

const MAX_SKIPS = 100;
const PROGRESS_EVERY_MS = 250;
const CANCEL_CHECK_EVERY_MS = 250;
const POLL_MS = 250;
/**
 * A running job whose heartbeat is older than this lost its process (`KONTOR_JOB_STALE_MS` shortens it: the crash
 * tests kill a server mid-import and restart it); the heartbeat beats three times within it.
 */
export const STALE_AFTER_MS = Number(process.env.KONTOR_JOB_STALE_MS) > 0 ? Number(process.env.KONTOR_JOB_STALE_MS) : 60_000;
const HEARTBEAT_MS = Math.min(10_000, Math.floor(STALE_AFTER_MS / 3));
const UPKEEP_EVERY_MS = 30_000;
/** A job claimed this often without finishing (it takes its process down each time) is given up. */
const MAX_ATTEMPTS = 3;
/** Finished jobs and their files are kept this long. */
const KEEP_FINISHED_MS = 7 * 86_400_000;
const FILE_CHUNK_BYTES = 1024 * 1024;

type Log = (message: string, err: unknown) => void;

/** The message a failed job keeps: a rule's own words, never a stack trace or a database's error text. */
function failureMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  return 'The job stopped on an unexpected error.';
}

class JobContext implements RunningJob {
  readonly id: number;
  readonly userId: number;
  readonly module: Module;
  readonly action: string;
  readonly payload: unknown;
  private counts: JobProgress = { processed: 0, succeeded: 0, skipped: 0 };
  private total: number | null | undefined = undefined;
  private readonly skips: JobSkip[] = [];
  private dirty = false;
  private lastWrite = 0;
  private lastCancelCheck = 0;
  private wasCancelled = false;

  constructor(
    private readonly db: Kysely<DB>,
    row: JobRow,
    readonly actor: Actor,
    private readonly interrupted: () => boolean,
  ) {
    this.id = row.id;
    this.userId = row.user_id;
    this.module = row.module as Module;
    this.action = row.action;
    this.payload = parsePayload(row.payload);
  }

  async progress(p: JobProgress, skips: JobSkip[] = []): Promise<void> {
    this.counts = { processed: p.processed, succeeded: p.succeeded, skipped: p.skipped };
    if (p.total !== undefined) this.total = p.total;
    for (const skip of skips) if (this.skips.length < MAX_SKIPS) this.skips.push(skip);
    this.dirty = true;
    if (Date.now() - this.lastWrite >= PROGRESS_EVERY_MS) await this.flush();
  }

  /** Writes the counts not written yet. */
  async flush(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    await writeJobProgress(this.db, this.id, { ...this.counts, ...(this.total !== undefined && { total: this.total }), skips: JSON.stringify(this.skips) }, nowIso());
  }

  async cancelled(): Promise<boolean> {
    if (this.interrupted() || this.wasCancelled) return true;
    if (Date.now() - this.lastCancelCheck < CANCEL_CHECK_EVERY_MS) return false;
    this.lastCancelCheck = Date.now();
    const status = await jobStatusOf(this.db, this.id);
    this.wasCancelled = status === undefined || status === 'cancelled';
    return this.wasCancelled;
  }

  async writeFile(name: string, mime: string, source: AsyncIterable<Uint8Array>): Promise<number> {
    await deleteJobFile(this.db, this.id);
    let seq = 0;
    let size = 0;
    let parts: Buffer[] = [];
    let pending = 0;
    const store = async (data: Buffer) => {
      await insertJobFileChunk(this.db, this.id, seq, data);
      seq += 1;
    };
    for await (const piece of source) {
      if (piece.byteLength === 0) continue;
      parts.push(Buffer.from(piece));
      pending += piece.byteLength;
      size += piece.byteLength;
      if (pending < FILE_CHUNK_BYTES) continue;
      let all = Buffer.concat(parts);
      while (all.length >= FILE_CHUNK_BYTES) {
        await store(all.subarray(0, FILE_CHUNK_BYTES));
        all = all.subarray(FILE_CHUNK_BYTES);
      }
      parts = all.length ? [Buffer.from(all)] : [];
      pending = all.length;
    }
    if (pending > 0) await store(Buffer.concat(parts));
    await setJobFile(this.db, this.id, { name, mime, size });
    return size;
  }
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The job's user, as auth would build them now; a user gone or deactivated cannot run jobs. */
async function actorOfJob(db: Kysely<DB>, row: JobRow): Promise<Actor> {
  const user = await findUserRow(db, row.user_id);
  if (!user || user.active !== 1) throw refused('forbidden', 'job_user_deactivated');
  return loadActor(db, user, 'system', null);
}

/**
 * Runs a claimed job to its end: the handler for its kind as the given actor (or its user as they are now), a
 * heartbeat meanwhile, the last counts, and done / failed (or queued again when `interrupted` stopped it).
 */
export async function runClaimedJob(db: Kysely<DB>, row: JobRow, opts: { actor?: Actor; interrupted?: () => boolean; log?: Log } = {}): Promise<void> {
  const interrupted = opts.interrupted ?? (() => false);
  const beat = setInterval(() => void beatJob(db, row.id, nowIso()).catch(() => undefined), HEARTBEAT_MS);
  beat.unref();
  let context: JobContext | null = null;
  try {
    const handler = handlers.get(row.kind as JobKind);
    if (!handler) throw new AppError('internal', `This server cannot run ${row.kind} jobs.`);
    const actor = opts.actor ?? (await actorOfJob(db, row));
    context = new JobContext(db, row, actor, interrupted);
    await handler(db, context);
    await context.flush();
    if (interrupted() && (await jobStatusOf(db, row.id)) === 'running') await requeueJobRow(db, row.id);
    else await finishJobRow(db, row.id, 'done', null, nowIso());
  } catch (err) {
    if (!(err instanceof AppError)) opts.log?.(`job ${row.id} (${row.kind} ${row.module} ${row.action}) failed`, err);
    await context?.flush().catch(() => undefined);
    await finishJobRow(db, row.id, 'failed', failureMessage(err), nowIso()).catch((e: unknown) => opts.log?.(`job ${row.id}: could not record its failure`, e));
  } finally {
    clearInterval(beat);
  }
}

/** Runners of this process, woken when this process enqueues a job. */
const runners = new Set<JobRunner>();

/** A job was queued by this process: its runners look at once instead of at their next poll. */
export function wakeJobRunners(): void {
  for (const runner of runners) runner.wake();
}

/** One per server process: polls, claims and runs queued jobs one at a time; queues again what a dead process left. */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private woken = false;
  private stopped = true;
  private lastUpkeep = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: Log = () => undefined,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    runners.add(this);
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.loop) {
      this.woken = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.loop = this.work().finally(() => {
      this.loop = null;
      if (this.stopped) return;
      if (this.woken) {
        this.woken = false;
        this.wake();
      } else this.schedule();
    });
  }

  /**
   * Stops polling; a job running now is asked to stop at its next check and is queued again (another process, or this
   * one after a restart, runs it). Resolves when nothing of the runner is left running.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    runners.delete(this);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, POLL_MS);
    this.timer.unref();
  }

  private async work(): Promise<void> {
    try {
      if (Date.now() - this.lastUpkeep >= UPKEEP_EVERY_MS) await this.upkeep();
      while (!this.stopped && (await anyQueuedJob(this.db))) {
        const row = await claimNextJob(this.db, nowIso());
        if (!row) break;
        await runClaimedJob(this.db, row, { interrupted: () => this.stopped, log: this.log });
      }
    } catch (err) {
      this.log('the job runner failed to poll', err);
    }
  }

  /** Jobs of processes that died are queued again (or given up); finished jobs older than a week go with their files. */
  private async upkeep(): Promise<void> {
    this.lastUpkeep = Date.now();
    const now = Date.now();
    await requeueStaleJobs(this.db, new Date(now - STALE_AFTER_MS).toISOString(), MAX_ATTEMPTS, nowIso(), 'The job stopped its server process repeatedly and was given up.');
    await pruneFinishedJobs(this.db, new Date(now - KEEP_FINISHED_MS).toISOString());
  }
}

/**
 * The app's job runner: started when the app is ready (the server, and every test harness), stopped before the app
 * closes its database. It works on the app's database handle without plugins, so its polling never shows up in what a
 * test records of the app's statements.
 */
export function registerJobRunner(app: FastifyInstance, db: Kysely<DB>): JobRunner {
  const runner = new JobRunner(db.withoutPlugins(), (message, err) => app.log.error({ err }, message));
  app.addHook('onReady', async () => runner.start());
  app.addHook('preClose', async () => runner.stop());
  return runner;
}
