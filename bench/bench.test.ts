import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open.ts';
import { benchUserEmail, seedScale } from '../apps/server/src/cli/seed-scale.ts';
import { openRaw, type Target } from './raw.ts';
import { toMarkdown } from './report.ts';
import { runBench } from './suite.ts';
import { workloads } from './workloads.ts';

// Smoke run of the whole suite at a small scale on the engine the environment selects: it must complete and produce
// numbers (not fast ones). The full-scale figures are made by hand: see docs/BENCHMARKS.md.
const url = process.env.DATABASE_URL || null;
let target: Target;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-bench-'));
  const schema = url ? `b_${crypto.randomBytes(6).toString('hex')}` : null;
  const admin = url ? new pg.Client({ connectionString: url }) : null;
  if (admin && schema) {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
  }
  const database = await openDatabase(loadConfig({}, { dataDir, databaseUrl: url, databaseSchema: schema, logLevel: 'silent' }));
  await seedScale(database, { scale: 2000, postgres: url ? { url, schema } : undefined });
  await database.close();
  target = url ? { engine: 'postgres', url, schema } : { engine: 'sqlite', dataDir };
  cleanup = async () => {
    if (admin && schema) {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}, 60_000);

afterAll(async () => cleanup?.());

async function query(sql: string, params: unknown[] = []) {
  const raw = await openRaw(target);
  try {
    return await raw.all(sql, params);
  } finally {
    await raw.close();
  }
}

describe('bench smoke', () => {
  it('runs every workload over HTTP and raw, then the mixed workload, with consistent results', async () => {
    // The board has full columns to page (before deal.win closes some of them).
    const columns = await query(`select stage_id, count(*) as n from deals where status = 'open' and pipeline_id = (select id from pipelines where is_default = 1) group by stage_id`);
    expect(Math.max(...columns.map((c) => Number(c.n)))).toBeGreaterThan(50);
    const report = await runBench({ target, warmupMs: 50, durationMs: 150, mixed: { clients: 8, durationMs: 1500 }, twoProcesses: Boolean(url) });
    expect(report.contacts).toBeGreaterThanOrEqual(2000);
    expect(report.workloads.map((w) => w.name)).toEqual(workloads.map((w) => w.name));
    for (const w of report.workloads) {
      expect(w.api.n, w.name).toBeGreaterThan(0);
      expect(w.api.p95, w.name).toBeGreaterThan(0);
      expect(w.raw.n, w.name).toBeGreaterThan(0);
    }
    expect(report.mixed.length).toBe(url ? 2 : 1);
    for (const m of report.mixed) {
      expect(m.result.requests).toBeGreaterThan(0);
      expect(m.result.errors).toBe(0);
      expect(m.consistency.ok, JSON.stringify(m.consistency)).toBe(true);
    }
    expect(toMarkdown(report, 'smoke')).toContain('| list.first |');
    // The bench user won deals over HTTP.
    const won = await query(`select count(*) as n from deals d join users u on u.id = d.updated_by where d.status = 'won' and d.version > 1 and u.email = ?`, [benchUserEmail(5)]);
    expect(Number(won[0]?.n)).toBeGreaterThan(0);
  }, 90_000);
});
