import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Job } from '@kontor/contract/views';
import { createHarness, useHarness, type TestClient } from '../../test/harness.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findUserRow } from '../users/users.repository.ts';
import { enqueueJob } from './jobs.service.ts';
import { JobRunner, registerJobHandler, STALE_AFTER_MS } from './jobs.runner.ts';

const { h, admin } = useHarness();

/** What the test handler does, by payload. */
const testPayload = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('file'), name: z.string(), size: z.number().int(), mime: z.string() }),
  z.object({ mode: z.literal('wait') }),
  z.object({ mode: z.literal('fail-rule') }),
  z.object({ mode: z.literal('fail-crash') }),
  z.object({ mode: z.literal('skips'), count: z.number().int() }),
]);

/** The bytes of the test file: a pattern, streamed in uneven pieces so chunk boundaries fall inside them. */
function fileBytes(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + (i >> 11)) & 0xff;
  return out;
}
async function* pieces(data: Buffer): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += 300_001) yield new Uint8Array(data.subarray(at, Math.min(data.length, at + 300_001)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForJob(client: TestClient, id: string, done: (job: Job) => boolean, timeoutMs = 15_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json<Job>();
    if (done(job)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status}`);
    await sleep(50);
  }
}
const finished = (job: Job) => ['done', 'failed', 'cancelled'].includes(job.status);

async function actorOf(client: TestClient): Promise<Actor> {
  const user = await findUserRow(h.database.db, Number(client.userId));
  if (!user) throw new Error('no such user');
  return loadActor(h.database.db, user, 'token', null);
}

/** The test handler stands in for an export (the kind whose jobs write files); registered after the app's own. */
function useTestHandler(): void {
  registerJobHandler('export', async (_db, job) => {
    const p = testPayload.parse(job.payload);
    if (p.mode === 'file') {
      await job.progress({ total: 1, processed: 0, succeeded: 0, skipped: 0 });
      await job.writeFile(p.name, p.mime, pieces(fileBytes(p.size)));
      await job.progress({ processed: 1, succeeded: 1, skipped: 0 });
    } else if (p.mode === 'wait') {
      let n = 0;
      while (!(await job.cancelled())) {
        n += 1;
        await job.progress({ processed: n, succeeded: n, skipped: 0 });
        await sleep(20);
      }
    } else if (p.mode === 'fail-rule') {
      throw new AppError('forbidden', 'You may no longer export contacts.');
    } else if (p.mode === 'fail-crash') {
      throw new Error('connection to 10.0.0.5 lost at /srv/kontor/secret.ts:42');
    } else {
      const skips = Array.from({ length: p.count }, (_, i) => ({ id: String(i + 1), name: `Record ${i + 1}`, code: 'forbidden', message: 'no' }));
      await job.progress({ total: p.count, processed: p.count, succeeded: 0, skipped: p.count }, skips);
    }
  });
}

beforeAll(() => useTestHandler());

describe('jobs', () => {
  it('runs a queued job in the background and serves the file it wrote, in chunks, with its name encoded', async () => {
    const size = 2 * 1024 * 1024 + 12_345;
    const queued = await enqueueJob(h.database.db, await actorOf(admin), {
      kind: 'export',
      module: 'contacts',
      action: 'csv',
      payload: { mode: 'file', name: 'Kontakte Müller "Q3".csv', size, mime: 'text/csv' },
      total: 1,
    });
    expect(queued).toMatchObject({ kind: 'export', module: 'contacts', action: 'csv', status: 'queued', downloadUrl: null });
    const job = await waitForJob(admin, queued.id, finished);
    expect(job).toMatchObject({ status: 'done', processed: 1, succeeded: 1, skipped: 0, error: null, fileName: 'Kontakte Müller "Q3".csv' });
    expect(job.downloadUrl).toBe(`/api/v1/jobs/${job.id}/download`);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();

    const chunks = await h.database.db.selectFrom('job_file_chunks').select(['seq']).where('job_id', '=', Number(job.id)).orderBy('seq').execute();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2]);

    const res = await admin.get(job.downloadUrl ?? '');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Kontakte Muller _Q3_.csv"; filename*=UTF-8''Kontakte%20M%C3%BCller%20%22Q3%22.csv`);
    expect(res.rawPayload.equals(fileBytes(size))).toBe(true);
  });

  it('lists my jobs newest first, and nobody but me (or an administrator) can read, cancel or download one', async () => {
    const sales = await h.client('sales');
    const other = await h.client('sales');
    const first = await enqueueJob(h.database.db, await actorOf(sales), { kind: 'export', module: 'contacts', action: 'csv', payload: { mode: 'file', name: 'a.csv', size: 10, mime: 'text/csv' }, total: 1 });
    await waitForJob(sales, first.id, finished);
    const second = await enqueueJob(h.database.db, await actorOf(sales), { kind: 'export', module: 'deals', action: 'csv', payload: { mode: 'file', name: 'b.csv', size: 10, mime: 'text/csv' }, total: 1 });
    await waitForJob(sales, second.id, finished);

    const mine = (await sales.get('/api/v1/jobs')).json<{ data: Job[] }>().data;
    expect(mine.map((j) => j.id)).toEqual([second.id, first.id]);
    expect((await other.get('/api/v1/jobs')).json<{ data: Job[] }>().data).toEqual([]);

    for (const res of [await other.get(`/api/v1/jobs/${first.id}`), await other.post(`/api/v1/jobs/${first.id}/cancel`), await other.get(`/api/v1/jobs/${first.id}/download`)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
    expect((await other.get('/api/v1/jobs/999999')).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/jobs/${first.id}`)).json<Job>().id).toBe(first.id);
    expect((await admin.get(`/api/v1/jobs/${first.id}/download`)).statusCode).toBe(200);
    // The administrator's own list holds only their own jobs.
    expect((await admin.get('/api/v1/jobs')).json<{ data: Job[] }>().data.map((j) => j.id)).not.toContain(first.id);
  });

  it('cancels a running job at its next check and keeps what it counted', async () => {
    const queued = await enqueueJob(h.database.db, await actorOf(admin), { kind: 'export', module: 'accounts', action: 'csv', payload: { mode: 'wait' }, total: null });
    const running = await waitForJob(admin, queued.id, (j) => j.status === 'running' && j.processed > 2);
    expect(running.finishedAt).toBeNull();
    const res = await admin.post(`/api/v1/jobs/${queued.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json<Job>().status).toBe('cancelled');
    await sleep(400);
    const after = (await admin.get(`/api/v1/jobs/${queued.id}`)).json<Job>();
    expect(after.status).toBe('cancelled');
    expect(after.processed).toBeGreaterThan(2);
    // The handler stopped: its count no longer moves.
    await sleep(300);
    expect((await admin.get(`/api/v1/jobs/${queued.id}`)).json<Job>().processed).toBe(after.processed);
    // Cancelling a finished job answers it as it is.
    expect((await admin.post(`/api/v1/jobs/${queued.id}/cancel`)).json<Job>().status).toBe('cancelled');
    expect((await admin.get(`/api/v1/jobs/${queued.id}/download`)).statusCode).toBe(404);
  });

  it('records a failure with the rule\'s message, and never an unexpected error\'s text', async () => {
    const actor = await actorOf(admin);
    const rule = await enqueueJob(h.database.db, actor, { kind: 'export', module: 'contacts', action: 'csv', payload: { mode: 'fail-rule' }, total: null });
    const crash = await enqueueJob(h.database.db, actor, { kind: 'export', module: 'contacts', action: 'csv', payload: { mode: 'fail-crash' }, total: null });
    expect(await waitForJob(admin, rule.id, finished)).toMatchObject({ status: 'failed', error: 'You may no longer export contacts.', downloadUrl: null });
    const failed = await waitForJob(admin, crash.id, finished);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('The job stopped on an unexpected error.');
  });

  it('keeps the first 100 skipped records and counts them all', async () => {
    const job = await enqueueJob(h.database.db, await actorOf(admin), { kind: 'export', module: 'contacts', action: 'csv', payload: { mode: 'skips', count: 130 }, total: 130, inline: true });
    expect(job).toMatchObject({ status: 'done', total: 130, processed: 130, skipped: 130 });
    expect(job.skips).toHaveLength(100);
    expect(job.skips[0]).toEqual({ id: '1', name: 'Record 1', code: 'forbidden', message: 'no' });
  });

  it('fails the job of a user deactivated before it ran', async () => {
    const sales = await h.client('sales');
    const actor = await actorOf(sales);
    await h.database.db.updateTable('users').set({ active: 0 }).where('id', '=', Number(sales.userId)).execute();
    const queued = await enqueueJob(h.database.db, actor, { kind: 'export', module: 'contacts', action: 'csv', payload: { mode: 'file', name: 'x.csv', size: 1, mime: 'text/csv' }, total: 1 });
    expect(await waitForJob(admin, queued.id, finished)).toMatchObject({ status: 'failed', error: 'The user who started this job is deactivated.', downloadUrl: null });
  });

  it('queues again a job whose process stopped beating, and gives up one that keeps killing its process', async () => {
    const db = h.database.db;
    const user = Number(admin.userId);
    const old = new Date(Date.now() - STALE_AFTER_MS - 5_000).toISOString();
    const base = { kind: 'export', module: 'contacts', action: 'csv', user_id: user, status: 'running', total: 1, created_at: old, started_at: old, heartbeat_at: old };
    const orphan = await db
      .insertInto('jobs')
      .values({ ...base, payload: JSON.stringify({ mode: 'file', name: 'orphan.csv', size: 5, mime: 'text/csv' }), attempts: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const poison = await db
      .insertInto('jobs')
      .values({ ...base, payload: JSON.stringify({ mode: 'file', name: 'poison.csv', size: 5, mime: 'text/csv' }), attempts: 3 })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A runner starting (a process after a restart) looks for orphans first.
    const runner = new JobRunner(db);
    runner.start();
    try {
      const revived = await waitForJob(admin, String(orphan.id), finished);
      expect(revived).toMatchObject({ status: 'done', fileName: 'orphan.csv' });
      const row = await db.selectFrom('jobs').select(['attempts']).where('id', '=', orphan.id).executeTakeFirstOrThrow();
      expect(row.attempts).toBe(2);
      expect(await waitForJob(admin, String(poison.id), finished)).toMatchObject({ status: 'failed', error: 'The job stopped its server process repeatedly and was given up.' });
    } finally {
      await runner.stop();
    }
  });

  it('stops with the app: a job running then is queued again for the next process, and closing does not wait for it to end', async () => {
    const other = await createHarness();
    useTestHandler();
    try {
      const user = await other.client('admin');
      const found = await findUserRow(other.database.db, Number(user.userId));
      if (!found) throw new Error('no user');
      const queued = await enqueueJob(other.database.db, await loadActor(other.database.db, found, 'token', null), { kind: 'export', module: 'contacts', action: 'csv', payload: { mode: 'wait' }, total: null });
      await waitForJob(user, queued.id, (j) => j.status === 'running' && j.processed > 0);
      const started = Date.now();
      await other.app.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      const row = await other.database.db.selectFrom('jobs').select(['status', 'attempts', 'started_at']).where('id', '=', Number(queued.id)).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'queued', attempts: 1, started_at: null });
    } finally {
      await other.database.dispose();
    }
  });
});
