import os from 'node:os';
import { Client } from './http.ts';
import { createTokens, loadContext, type BenchContext } from './context.ts';
import { compareWithFloor, floorWorkloads, type CompareOptions, type WorkerSet } from './compare.ts';
import { buildFloorSpec, startFloor } from './floor-spec.ts';
import type { FloorSpec } from './floor-server.ts';
import { checkConsistency, runMixed, type Consistency, type MixedResult } from './mixed.ts';
import { openRaw, type RawDb, type Target } from './raw.ts';
import { SearchFloor } from './search-floor.ts';
import { measureMass, type MassReport } from './mass.ts';
import { sampleMemory, startServer, type BenchServer, type Memory, type PeakMemory } from './server.ts';
import { measureStartups, type Startup } from './startup.ts';
import { measure, type Stats } from './stats.ts';
import { measureUpkeep, type UpkeepOptions, type UpkeepReport } from './upkeep.ts';
import { collectCursors, workloads } from './workloads.ts';

export type Part = 'floor' | 'workloads' | 'mixed' | 'mass' | 'startup' | 'upkeep';
export const allParts: Part[] = ['floor', 'workloads', 'mixed', 'mass', 'startup', 'upkeep'];

export interface BenchOptions {
  target: Target;
  parts: Part[];
  /** Worker counts to run Kontor (KONTOR_WORKERS) and the floor with, e.g. [1, 2]. */
  workers: number[];
  /** Kontor beside the floor (part `floor`). */
  floor: Omit<CompareOptions, 'workloads'> & { only?: string[] };
  /** The single-client workloads, API beside the raw SQL (part `workloads`, on the first worker count). */
  single: { only?: string[]; warmupMs: number; durationMs: number; rounds?: number };
  mixed: { clients: number; durationMs: number; warmupMs: number };
  /** Start-ups per server and worker count (part `startup`). */
  starts: number;
  /** The search index's cost to writes, in-process once no server runs (part `upkeep`, upkeep.ts). */
  upkeep: Omit<UpkeepOptions, 'log'>;
  log?: (line: string) => void;
}

export interface WorkloadResult {
  name: string;
  description: string;
  targetP95Ms?: number;
  targetP50Ms?: number;
  api: Stats;
  raw: Stats;
  /** One-minute load average at the end of the API measurement (the median of the rounds). */
  loadavg: number;
  /** Each round's figures, when the workloads ran more than once (`api` and `raw` are then their medians). */
  rounds?: { api: Stats[]; raw: Stats[]; loadavg: number[] };
}

export interface MixedReport {
  workers: number;
  clients: number;
  result: Omit<MixedResult, 'created' | 'updates'>;
  consistency: Consistency;
  memory: PeakMemory | null;
  loadavg: number;
}

export interface BenchReport {
  engine: string;
  contacts: number;
  startedAt: string;
  loadavg: { start: number[]; end: number[] };
  /** The first start of the run (it may include building the server), and its first contacts page. */
  firstStart: { workers: number; startupMs: number; firstPageMs: number; idle: Memory[] };
  floor: WorkerSet[];
  workloads: WorkloadResult[];
  skipped: string[];
  mixed: MixedReport[];
  startup: Startup[];
  upkeep: UpkeepReport | null;
  /** Mass actions and export at scale (part `mass`, mass.ts). */
  mass: MassReport | null;
}

/** Each figure the median of the rounds' (a workload measured once: its figures). */
function medianOfRounds(rounds: Stats[]): Stats {
  const mid = (pick: (s: Stats) => number) => {
    const xs = rounds.map(pick).sort((a, b) => a - b);
    return xs[Math.floor((xs.length - 1) / 2)] ?? NaN;
  };
  return { n: rounds.reduce((a, r) => a + r.n, 0), p50: mid((r) => r.p50), p95: mid((r) => r.p95), p99: mid((r) => r.p99), max: Math.max(...rounds.map((r) => r.max)), throughput: mid((r) => r.throughput) };
}

/**
 * The single-client workloads over HTTP, each beside the same data fetched or written on the engine directly. With
 * more than one round the list is run again in order (so a disturbance hits one round of a workload, not all), and
 * each figure is the median of the rounds.
 */
async function runWorkloads(o: BenchOptions, client: Client, raw: RawDb, ctx: BenchContext, report: BenchReport, log: (l: string) => void): Promise<void> {
  const runnable = [];
  for (const w of workloads.filter((x) => !o.single.only || o.single.only.includes(x.name))) {
    const why = w.unavailable?.(ctx);
    if (!why) runnable.push(w);
    else {
      report.skipped.push(`${w.name}: ${why}`);
      log(`${w.name.padEnd(16)} skipped: ${why}`);
    }
  }
  const rounds = new Map(runnable.map((w) => [w.name, { api: [] as Stats[], raw: [] as Stats[], loadavg: [] as number[] }]));
  const roundCount = Math.max(1, o.single.rounds ?? 1);
  for (let r = 0; r < roundCount; r++) {
    for (const w of runnable) {
      const api = await measure((i) => w.http(client, ctx, i).then(() => undefined), { warmupMs: o.single.warmupMs, durationMs: o.single.durationMs });
      const loadavg = os.loadavg()[0] ?? 0;
      const floor = await measure((i) => w.raw(raw, ctx, i).then(() => undefined), { warmupMs: o.single.warmupMs, durationMs: Math.min(o.single.durationMs, 3000) });
      const into = rounds.get(w.name);
      into?.api.push(api);
      into?.raw.push(floor);
      into?.loadavg.push(loadavg);
      log(`${w.name.padEnd(16)} ${roundCount > 1 ? `round ${r + 1}: ` : ''}api p50 ${api.p50.toFixed(2)} p95 ${api.p95.toFixed(2)} p99 ${api.p99.toFixed(2)} ms (${api.throughput.toFixed(0)}/s) | raw p50 ${floor.p50.toFixed(3)} p95 ${floor.p95.toFixed(3)} ms | load ${loadavg.toFixed(2)}`);
    }
  }
  for (const w of runnable) {
    const r = rounds.get(w.name) ?? { api: [], raw: [], loadavg: [] };
    const loadavg = [...r.loadavg].sort((a, b) => a - b)[Math.floor((r.loadavg.length - 1) / 2)] ?? NaN;
    report.workloads.push({
      name: w.name, description: w.description, targetP95Ms: w.targetP95Ms, targetP50Ms: w.targetP50Ms,
      api: medianOfRounds(r.api), raw: medianOfRounds(r.raw), loadavg, ...(roundCount > 1 && { rounds: r }),
    });
  }
}

async function runMixedOn(server: BenchServer, workers: number, token: string, raw: RawDb, ctx: BenchContext, o: BenchOptions, log: (l: string) => void): Promise<MixedReport> {
  const mem = sampleMemory(server);
  const result = await runMixed([server.url], token, ctx, { clients: o.mixed.clients, durationMs: o.mixed.durationMs, warmupMs: o.mixed.warmupMs });
  const memory = mem.stop();
  const loadavg = os.loadavg()[0] ?? 0;
  const consistency = await checkConsistency(raw, ctx, result);
  const { created: _c, updates: _u, ...rest } = result;
  log(
    `mixed x${o.mixed.clients} on ${workers} worker(s): ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.stats.p50.toFixed(1)} p95 ${result.stats.p95.toFixed(1)} p99 ${result.stats.p99.toFixed(1)} ms, errors ${result.errors}, consistent ${consistency.ok}, peak anon RSS per worker ${memory?.anonPerWorkerMb.toFixed(0)} MB, load ${loadavg.toFixed(2)}`,
  );
  return { workers, clients: o.mixed.clients, result: rest, consistency, memory, loadavg };
}

/**
 * Per worker count: starts Kontor (and the floor), measures Kontor beside the floor, the single-client workloads (first
 * worker count only) and the mixed workload; then the start-ups, then (no server running) the search index's cost to
 * writes. Parts not asked for are left out; with none that serves, no server is started.
 */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const log = o.log ?? (() => undefined);
  const has = (p: Part) => o.parts.includes(p);
  const tokens = await createTokens(o.target);
  const raw = await openRaw(o.target);
  const running: BenchServer[] = [];
  let spec: FloorSpec | null = null;
  let ctx: BenchContext | null = null;
  const report: BenchReport = {
    engine: o.target.engine,
    contacts: Number((await raw.all('select count(*) as n from contacts'))[0]?.n ?? 0),
    startedAt: new Date().toISOString(),
    loadavg: { start: os.loadavg(), end: [] },
    firstStart: { workers: 0, startupMs: NaN, firstPageMs: NaN, idle: [] },
    floor: [],
    workloads: [],
    skipped: [],
    mixed: [],
    startup: [],
    upkeep: null,
    mass: null,
  };
  const floorOnly = floorWorkloads.filter((w) => !o.floor.only || o.floor.only.includes(w.name));
  const searchFloor = new SearchFloor(o.target);
  try {
    const serving = has('floor') || has('workloads') || has('mixed') || has('mass');
    for (const [n, workers] of serving ? o.workers.entries() : []) {
      const kontor = await startServer(o.target, { KONTOR_WORKERS: String(workers) });
      running.push(kontor);
      const client = new Client([kontor.url], tokens.sales);
      const t = performance.now();
      await client.ok('GET', '/api/v1/contacts?limit=50');
      if (n === 0) {
        report.firstStart = { workers, startupMs: kontor.startupMs, firstPageMs: performance.now() - t, idle: kontor.memory() };
        log(`kontor up in ${kontor.startupMs.toFixed(0)} ms with ${workers} worker(s); first contacts page ${report.firstStart.firstPageMs.toFixed(0)} ms later`);
        ctx = await loadContext(raw, Math.max(1, o.mixed.clients));
        ctx.cursors = await collectCursors(client);
        ctx.accountPageUnavailable = await probeAccountPage(client, ctx);
        ctx.searchFloor = searchFloor;
      }
      if (!ctx) throw new Error('no context');
      if (has('floor') && floorOnly.length) {
        spec ??= await buildFloorSpec(o.target, tokens.sales, floorOnly.map((w) => w.shape(ctx as BenchContext)));
        const floor = await startFloor(o.target, spec, workers);
        running.push(floor);
        log(`floor up in ${floor.startupMs.toFixed(0)} ms with ${workers} worker(s); warming up ${(o.floor.warmupMs / 1000).toFixed(0)} s per server and workload`);
        report.floor.push(await compareWithFloor({ kontor, floor }, tokens.sales, ctx, workers, { ...o.floor, workloads: floorOnly }, log));
        await floor.stop();
      }
      if (has('workloads') && n === 0) {
        ctx.admin = new Client([kontor.url], tokens.admin);
        await runWorkloads(o, client, raw, ctx, report, log);
        ctx.admin.close();
        ctx.admin = null;
      }
      client.close();
      if (has('mixed') && o.mixed.clients > 0) {
        ctx.runId = `${ctx.runId.replace(/-w\d+$/, '')}-w${workers}`; // each run's creates carry their own marker for the consistency check
        report.mixed.push(await runMixedOn(kontor, workers, tokens.sales, raw, ctx, o, log));
      }
      // Last, on the last worker count: the mass actions bump the versions the mixed workload's update pools hold.
      if (has('mass') && n === o.workers.length - 1) {
        const admin = new Client([kontor.url], tokens.admin);
        report.mass = await measureMass(kontor, admin, tokens.admin, log);
        admin.close();
      }
      await kontor.stop();
    }
    if (has('startup') && o.starts > 0) {
      const c = ctx;
      if (c && floorOnly.length) spec ??= await buildFloorSpec(o.target, tokens.sales, floorOnly.map((w) => w.shape(c)));
      for (const workers of o.workers) {
        const s = await measureStartups(o.target, spec, tokens.sales, workers, o.starts);
        report.startup.push(s);
        log(`start-up with ${workers} worker(s): kontor ${s.kontor.startMs.map((x) => x.toFixed(0)).join(', ')} ms; floor ${s.floor?.startMs.map((x) => x.toFixed(0)).join(', ') ?? '–'} ms`);
      }
    }
    if (has('upkeep')) report.upkeep = await measureUpkeep(o.target, { ...o.upkeep, log });
    report.loadavg.end = os.loadavg();
    return report;
  } finally {
    for (const s of running) await s.stop();
    await raw.close();
    await searchFloor.close();
  }
}

/** Whether the server has the one-request account page (GET /api/v1/accounts/{id}/page); why not, otherwise. */
async function probeAccountPage(client: Client, ctx: BenchContext): Promise<string | null> {
  const id = ctx.dealAccountIds[0] ?? ctx.accountIds[0];
  if (id === undefined) return 'no accounts in the data set';
  const res = await client.request('GET', `/api/v1/accounts/${id}/page`);
  return res.status === 200 ? null : `GET /api/v1/accounts/{id}/page answered ${res.status} (not in this server yet?)`;
}
