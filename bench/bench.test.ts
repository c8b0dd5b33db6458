import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchUserEmail } from '../apps/server/src/cli/seed-scale.ts';
import { floorAnswers, floorWorkloads } from './compare.ts';
import { createTokens, loadContext } from './context.ts';
import { buildFloorSpec, startFloor } from './floor-spec.ts';
import { Client } from './http.ts';
import { openRaw, type Target } from './raw.ts';
import { seededTarget } from './seeded-target.ts';
import { toMarkdown } from './report.ts';
import { replay, SearchFloor } from './search-floor.ts';
import { searchWorkloads } from './search-workloads.ts';
import { startServer, type BenchServer } from './server.ts';
import { allParts, runBench } from './suite.ts';
import { collectCursors, workloads } from './workloads.ts';

// Smoke run of the whole suite at a small scale on the engine the environment selects: it must complete and produce
// numbers (not fast ones), and the floor must answer exactly what Kontor answers (so it cannot drift from Kontor's SQL
// or JSON). The full-scale figures are made by hand: see docs/BENCHMARKS.md.
let target: Target;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ target, cleanup } = await seededTarget('bench', 2000));
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

const names = (list: Array<{ name: string }>) => list.map((w) => w.name);

describe('the HTTP floor', () => {
  it('answers the list requests byte for byte as Kontor does, and only for a valid token', async () => {
    const tokens = await createTokens(target);
    const raw = await openRaw(target);
    const kontor = await startServer(target, { KONTOR_WORKERS: '1' });
    let floor: BenchServer | null = null;
    try {
      const ctx = await loadContext(raw, 1);
      ctx.cursors = (await collectCursors(new Client([kontor.url], tokens.sales), 3)).slice(0, 3);
      expect(ctx.cursors.length).toBe(3);
      const spec = await buildFloorSpec(target, tokens.sales, floorWorkloads.map((w) => w.shape(ctx)));
      floor = await startFloor(target, spec, 1);
      const answers = await floorAnswers({ kontor, floor }, tokens.sales, ctx, floorWorkloads);
      expect(answers.map((a) => a.workload)).toEqual(['list.first', 'list.filtered', 'list.next', 'list.next', 'list.next']);
      for (const a of answers) {
        expect(a.kontor.status, a.path).toBe(200);
        expect((JSON.parse(a.kontor.body) as { data: unknown[] }).data.length, a.path).toBeGreaterThan(0);
        expect(a.floor.status, a.path).toBe(200);
        expect(a.floor.body, `${a.workload}: ${a.path}`).toBe(a.kontor.body);
      }
      expect((JSON.parse(answers[0]?.floor.body ?? '{}') as { nextCursor: string | null }).nextCursor).not.toBeNull();
      const statusFor = async (token: string) => (await fetch(`${floor?.url}/api/v1/contacts?limit=50`, { headers: { authorization: `Bearer ${token}` } })).status;
      expect(await statusFor('kontor_not_a_token')).toBe(401);
      expect(await statusFor(tokens.admin)).toBe(401); // its SQL was compiled for the salesperson only
    } finally {
      await floor?.stop();
      await kontor.stop();
      await raw.close();
    }
  }, 60_000);
});

describe('the search floor', () => {
  it('replays the statements behind what Kontor answers over HTTP, for the salesperson and the administrator', async () => {
    const tokens = await createTokens(target);
    const raw = await openRaw(target);
    const kontor = await startServer(target, { KONTOR_WORKERS: '1' });
    const floor = new SearchFloor(target);
    try {
      for (const [who, token] of [['sales', tokens.sales], ['admin', tokens.admin]] as const) {
        const client = new Client([kontor.url], token);
        for (const q of ['mül', 'Sch*', 'Jonson~', 'email:*@web.de']) {
          const request = { q, types: 'contact,account', limit: 10 };
          const res = await client.ok<{ data: Array<{ type: string; id: string; title: string }> }>('GET', `/api/v1/search?q=${encodeURIComponent(q)}&types=contact,account&limit=10`);
          expect(res.data.length, `${who} ${q}`).toBeGreaterThan(0);
          const [statements] = await floor.statements(`${who}:${q}`, who, [request]);
          const rows = await replay(raw, statements ?? []);
          const found = new Set(rows.map((r) => `${Number(r.record_id)} ${String(r.title)}`));
          for (const hit of res.data) expect(found.has(`${hit.id} ${hit.title}`), `${who} ${q}: ${hit.type} ${hit.id}`).toBe(true);
        }
        client.close();
      }
    } finally {
      await floor.close();
      await kontor.stop();
      await raw.close();
    }
  }, 60_000);
});

describe('bench smoke', () => {
  it('runs Kontor beside the floor on two workers, every workload over HTTP and raw, the mixed workload and the start-ups', async () => {
    // The board has full columns to page (before deal.win closes some of them).
    const columns = await query(`select stage_id, count(*) as n from deals where status = 'open' and pipeline_id = (select id from pipelines where is_default = 1) group by stage_id`);
    expect(Math.max(...columns.map((c) => Number(c.n)))).toBeGreaterThan(50);
    const report = await runBench({
      target,
      parts: allParts,
      workers: [2],
      floor: { rounds: 1, warmupMs: 200, rewarmMs: 50, latencyMs: 200, throughputMs: 300, connections: 8 },
      single: { warmupMs: 50, durationMs: 150 },
      mixed: { clients: 8, durationMs: 1500, warmupMs: 300 },
      starts: 1,
      upkeep: { rounds: 1, ops: 5, warmup: 2, bulk: 200, batch: 100 },
    });
    expect(report.contacts).toBeGreaterThanOrEqual(2000);
    // Every workload ran, but the one-request account page where the server does not have it yet.
    expect([...names(report.workloads), ...report.skipped.map((s) => s.split(':')[0] ?? '')].sort()).toEqual(names(workloads).sort());
    for (const s of report.skipped) expect(s).toMatch(/^detail\.account\.page: .*\/page/);
    for (const w of report.workloads) {
      expect(w.api.n, w.name).toBeGreaterThan(0);
      expect(w.api.p95, w.name).toBeGreaterThan(0);
      expect(w.raw.n, w.name).toBeGreaterThan(0);
    }
    const [set] = report.floor;
    expect(set?.comparisons.map((c) => c.workload)).toEqual(names(floorWorkloads));
    for (const c of set?.comparisons ?? []) {
      for (const phase of [...c.kontor.latency, ...c.kontor.throughput, ...c.floor.latency, ...c.floor.throughput]) {
        expect(phase.errors, c.workload).toBe(0);
        expect(phase.rps, c.workload).toBeGreaterThan(0);
      }
    }
    // Memory is read per worker: two of each.
    expect(set?.peak.kontor?.workers).toBe(2);
    expect(set?.peak.floor?.workers).toBe(2);
    expect(set?.peak.kontor?.anonPerWorkerMb).toBeGreaterThan(0);
    expect(report.mixed.length).toBe(1);
    for (const m of report.mixed) {
      expect(m.result.requests).toBeGreaterThan(0);
      expect(m.result.errors, JSON.stringify(m.result.statuses)).toBe(0);
      expect(m.consistency.ok, JSON.stringify(m.consistency)).toBe(true);
    }
    expect(report.startup.map((s) => [s.workers, s.kontor.startMs.length, s.floor?.startMs.length])).toEqual([[2, 1, 1]]);
    // The search workloads ran as the salesperson and the administrator, and for all four types.
    const ran = new Set(names(report.workloads));
    expect(names(searchWorkloads).filter((n) => !ran.has(n))).toEqual([]);
    expect(names(searchWorkloads)).toEqual(expect.arrayContaining(['search.sales.infix.mul', 'search.admin.fuzzy.jonson', 'search.sales.all-types.phone.national']));
    // The upkeep part wrote with and without the hook, single and bulk, then removed all of it and its documents.
    const u = report.upkeep;
    expect(u?.single.map((s) => [s.with.n, s.without.n])).toEqual([[5, 5]]);
    expect(u?.bulk?.rounds.length).toBe(1);
    expect(u?.bulk?.rounds[0]?.withMs).toBeGreaterThan(0);
    expect(u?.cleanup.contacts).toBe(2 * 2 + 2 * 5 + 2 * 100 + 2 * 200);
    const left = await query(`select count(*) as n from contacts where description like 'bench:upkeep-%' or description like 'bench-import:%'`);
    expect(Number(left[0]?.n)).toBe(0);
    expect(Number((await query(`select count(*) as n from search_pending`))[0]?.n)).toBe(0);
    const documents = await query(`select count(*) as n from search_documents where module = 'contacts'`);
    const live = await query(`select count(*) as n from contacts where deleted_at is null`);
    expect(Number(documents[0]?.n)).toBe(Number(live[0]?.n));
    const md = toMarkdown(report, 'smoke');
    expect(md).toContain('| list.first |');
    expect(md).toContain('| list.first | 2 |');
    expect(md).toContain('| search.sales.prefix.sch |');
    expect(md).toContain('#### Search index upkeep');
    // The bench user won deals over HTTP.
    const won = await query(`select count(*) as n from deals d join users u on u.id = d.updated_by where d.status = 'won' and d.version > 1 and u.email = ?`, [benchUserEmail(5)]);
    expect(Number(won[0]?.n)).toBeGreaterThan(0);
  }, 120_000);
});
