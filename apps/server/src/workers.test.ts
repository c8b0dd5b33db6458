/**
 * `kontor serve` with several workers (issue #11): real processes from the compiled build, real HTTP, each request on
 * a fresh connection so node:cluster spreads them over the workers. What one worker changes, every worker enforces at
 * once; concurrent writes through different workers lose nothing; a killed worker is replaced.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childNodePids, isolatedEnv, runKontor, startServer, type RunningServer } from './test/process.ts';

interface Answer<T = Record<string, unknown>> {
  status: number;
  worker: string;
  body: T;
}

/** One request on its own connection (no keep-alive), so consecutive requests reach different workers. */
function call<T = Record<string, unknown>>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: false,
        headers: { connection: 'close', ...(token && { authorization: `Bearer ${token}` }), ...(payload !== undefined && { 'content-type': 'application/json' }) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: String(res.headers['x-kontor-worker'] ?? ''), body: (text ? JSON.parse(text) : {}) as T }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path}: no answer in 5 s`)));
    req.end(payload);
  });
}

async function tokenFor(env: NodeJS.ProcessEnv, email: string, role: string): Promise<string> {
  if (role !== 'admin') expect((await runKontor(['user', 'create', '--email', email, '--password', 'worker-test-pw-1', '--role', role], env)).code).toBe(0);
  const out = await runKontor(['token', 'create', '--email', email], env);
  expect(out.code).toBe(0);
  return out.stdout.trim().split('\n').pop() ?? '';
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function twoWorkers(extra: NodeJS.ProcessEnv = {}): Promise<{ server: RunningServer; env: NodeJS.ProcessEnv; admin: string }> {
  const e = await isolatedEnv();
  cleanups.push(e.cleanup);
  const env = { ...e.env, KONTOR_WORKERS: '2', KONTOR_ADMIN_EMAIL: 'admin@workers.test', KONTOR_ADMIN_PASSWORD: 'workers-admin-pw', ...extra };
  const server = await startServer(env);
  cleanups.push(server.stop);
  return { server, env, admin: await tokenFor(env, 'admin@workers.test', 'admin') };
}

describe('kontor serve with two workers', () => {
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;
  let admin: string;
  beforeAll(async () => {
    ({ server, env, admin } = await twoWorkers());
  }, 60_000);

  it('runs the compiled build in every worker, and both answer', async () => {
    expect(childNodePids(server.pid)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 12 }, () => call<{ compiled: boolean }>(server.url, 'GET', '/api/health')));
    expect(answers.every((a) => a.status === 200 && a.body.compiled === true)).toBe(true);
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
  });

  it('a role change made through one worker is enforced by every worker at once', async () => {
    const sales = await tokenFor(env, 'sam@workers.test', 'sales');
    const me = await call<{ id: string }>(server.url, 'GET', '/api/v1/me', sales);
    // Both workers resolve and cache the salesperson, who may create contacts.
    const before = await Promise.all(Array.from({ length: 6 }, (_, i) => call(server.url, 'POST', '/api/v1/contacts', sales, { lastName: `Before ${i}` })));
    expect(before.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(before.map((a) => a.worker)).size).toBe(2);

    const user = await call<{ version: number }>(server.url, 'GET', `/api/v1/users/${me.body.id}`, admin);
    const changed = await call(server.url, 'PATCH', `/api/v1/users/${me.body.id}`, admin, { role: 'readonly', version: user.body.version });
    expect(changed.status).toBe(200);

    const after = await Promise.all(Array.from({ length: 6 }, (_, i) => call(server.url, 'POST', '/api/v1/contacts', sales, { lastName: `After ${i}` })));
    expect(after.map((a) => a.status)).toEqual(Array(6).fill(403));
    expect(new Set(after.map((a) => a.worker)).size).toBe(2);
    // Deactivated in one worker: the token stops working in both.
    const current = await call<{ version: number }>(server.url, 'GET', `/api/v1/users/${me.body.id}`, admin);
    expect((await call(server.url, 'PATCH', `/api/v1/users/${me.body.id}`, admin, { active: false, version: current.body.version })).status).toBe(200);
    const gone = await Promise.all(Array.from({ length: 6 }, () => call(server.url, 'GET', '/api/v1/contacts', sales)));
    expect(gone.map((a) => a.status)).toEqual(Array(6).fill(401));
  });

  it('concurrent edits of one record through both workers: one winner per version, no update lost', async () => {
    const created = await call<{ id: string; version: number }>(server.url, 'POST', '/api/v1/contacts', admin, { lastName: 'Counter', position: '0' });
    const { id, version } = created.body;
    // Sixteen edits of the same version at once: exactly one wins, the rest are told the record changed.
    const race = await Promise.all(Array.from({ length: 16 }, (_, i) => call(server.url, 'PATCH', `/api/v1/contacts/${id}`, admin, { firstName: `Racer ${i}`, version })));
    expect(race.filter((a) => a.status === 200)).toHaveLength(1);
    expect(race.filter((a) => a.status === 409)).toHaveLength(15);
    expect(new Set(race.map((a) => a.worker)).size).toBe(2);

    // Six clients each add 5 to a counter by read-modify-write, retrying on 409: the sum arrives whole.
    const client = async () => {
      for (let done = 0; done < 5; ) {
        const read = await call<{ position: string; version: number }>(server.url, 'GET', `/api/v1/contacts/${id}`, admin);
        const write = await call(server.url, 'PATCH', `/api/v1/contacts/${id}`, admin, { position: String(Number(read.body.position) + 1), version: read.body.version });
        if (write.status === 200) done++;
        else expect(write.status).toBe(409);
      }
    };
    await Promise.all(Array.from({ length: 6 }, client));
    const final = await call<{ position: string; version: number }>(server.url, 'GET', `/api/v1/contacts/${id}`, admin);
    expect(final.body.position).toBe('30');
    expect(final.body.version).toBe(version + 31);
  }, 60_000);

  it('a worker killed mid-request is replaced, and no request but the one in flight is lost', async () => {
    const [victim] = childNodePids(server.pid);
    let failed = 0;
    const workers = new Set<string>();
    for (let i = 0; i < 80; i++) {
      if (i === 20 && victim) process.kill(victim, 'SIGKILL');
      try {
        const a = await call(server.url, 'GET', '/api/v1/contacts?limit=5', admin);
        if (a.status === 200) workers.add(a.worker);
        else failed++;
      } catch (err) {
        failed++;
        console.log(`request ${i} failed: ${String(err)}`);
      }
      if (i >= 20) await new Promise((r) => setTimeout(r, 25));
    }
    expect(failed).toBeLessThanOrEqual(1);
    const alive = childNodePids(server.pid);
    expect(alive).toHaveLength(2);
    expect(alive).not.toContain(victim);
    expect(workers.has('3')).toBe(true); // the replacement answered
  }, 60_000);
});

describe('the API rate limit across workers', () => {
  it('counts every worker\'s requests against one limit', async () => {
    const { server, admin } = await twoWorkers({ KONTOR_RATE_LIMIT: '20' });
    const statuses: number[] = [];
    const workers = new Set<string>();
    // 3 bursts of 10 a little over a second apart: each worker alone sees 15, under the limit; together they see 30.
    for (let burst = 0; burst < 3; burst++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => call(server.url, 'GET', '/api/v1/me', admin)));
      for (const a of answers) {
        statuses.push(a.status);
        workers.add(a.worker);
      }
      await new Promise((r) => setTimeout(r, 1300));
    }
    expect(workers.size).toBe(2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
  }, 60_000);
});
