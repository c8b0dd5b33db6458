import { describe, expect, it } from 'vitest';
import type { Import } from '@kontor/contract/imports';
import { childNodePids, isolatedEnv, runKontor, startServer, type RunningServer } from '../../test/process.ts';

/**
 * The crash test: a server killed with SIGKILL in the middle of a 200,000-row import, then started again,
 * finishes the import exactly once (every row stored, none twice), resuming after the last committed chunk.
 */

const ROWS = 200_000;

function bigCsv(rows: number): Buffer {
  const lines = ['First Name,Last Name,E-mail Address,Company'];
  for (let i = 0; i < rows; i++) lines.push(`Crash${i},Test${i % 997},crash${i}@resume.example,Resume Co ${i % 50}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api<T>(server: RunningServer, token: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function killHard(server: RunningServer): void {
  for (const pid of [...childNodePids(server.pid), server.pid]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

describe('an import killed mid-way', () => {
  it(`resumes after a restart and stores each of ${ROWS.toLocaleString('en')} rows exactly once`, async () => {
    const { env, cleanup } = await isolatedEnv();
    const jobEnv = { ...env, KONTOR_JOB_STALE_MS: '3000', KONTOR_WORKERS: '1' };
    let server: RunningServer | undefined;
    try {
      expect((await runKontor(['user', 'create', '--email', 'crash@example.com', '--password', 'crash-password-1', '--role', 'admin'], jobEnv)).code).toBe(0);
      const token = (await runKontor(['token', 'create', '--email', 'crash@example.com'], jobEnv)).stdout.trim().split('\n').at(-1) ?? '';
      server = await startServer(jobEnv);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bigCsv(ROWS))], { type: 'text/csv' }), 'crash.csv');
      const draft = await api<Import>(server, token, '/api/v1/imports?module=contacts', { method: 'POST', body: form });
      await api<Import>(server, token, `/api/v1/imports/${draft.id}/start`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      // Wait until some chunks are committed, then kill every process of the server at once.
      let before: Import | undefined;
      for (let i = 0; i < 2400; i++) {
        before = await api<Import>(server, token, `/api/v1/imports/${draft.id}`);
        if (before.counts.rows >= 6000) break;
        await sleep(50);
      }
      expect(before?.counts.rows).toBeGreaterThanOrEqual(6000);
      expect(before?.counts.rows).toBeLessThan(ROWS);
      killHard(server);
      await sleep(500);
      server = await startServer(jobEnv);
      let after: Import | undefined;
      for (let i = 0; i < 6000; i++) {
        after = await api<Import>(server, token, `/api/v1/imports/${draft.id}`);
        if (after.status === 'done' || after.status === 'failed') break;
        await sleep(100);
      }
      expect(after?.status, JSON.stringify({ before: before?.counts, after: after?.counts, status: after?.status, error: after?.error, out: server.output().slice(-2000) })).toBe("done");
      expect(after?.counts, JSON.stringify({ before: before?.counts, out: server.output().slice(-3000) })).toMatchObject({ rows: ROWS, created: ROWS, skipped: 0, failed: 0, accountsCreated: 50 });
      // Every row stored once: the export (the same engine's whole table) holds each e-mail exactly once.
      const exported = await runKontor(['export', '--module', 'contacts', '--format', 'csv', '--user', 'crash@example.com'], jobEnv);
      expect(exported.code, exported.stderr).toBe(0);
      const emails = exported.stdout.match(/crash\d+@resume\.example/g) ?? [];
      expect(emails.length).toBe(ROWS);
      expect(new Set(emails).size).toBe(ROWS);
    } finally {
      if (server) killHard(server);
      await cleanup();
    }
  }, 900_000);
});
