import type { BenchContext } from './context.ts';
import { floorPath, type FloorShape } from './floor-spec.ts';
import { runLoad, type LoadResult } from './load.ts';
import { readMemory, sampleMemory, type BenchServer, type Memory, type PeakMemory } from './server.ts';
import { at } from './workload.ts';

/** A list request measured beside the floor: the shape the floor compiles, and the paths the load cycles through. */
export interface FloorWorkload {
  name: string;
  description: string;
  shape(ctx: BenchContext): FloorShape;
  paths(ctx: BenchContext): string[];
}

const first = (): FloorShape => ({ name: 'list.first', query: { limit: '50' } });
const filtered = (ctx: BenchContext): FloorShape => ({
  name: 'list.filtered',
  query: { limit: '50', ownerId: String(ctx.ownerId), contactType: String(ctx.typeId), sort: '-createdAt' },
  fixed: ['sort'],
});
const next = (cursor: string): FloorShape => ({ name: 'list.next', query: { limit: '50', cursor } });

/** The contacts list as a salesperson sees it (the requests of list.first, list.filtered and list.next in workloads.ts). */
export const floorWorkloads: FloorWorkload[] = [
  { name: 'list.first', description: 'contacts list, first page of 50 (default sort)', shape: first, paths: () => [floorPath(first())] },
  { name: 'list.filtered', description: 'filter owner + contact type, sorted by created desc', shape: filtered, paths: (ctx) => [floorPath(filtered(ctx))] },
  {
    name: 'list.next',
    description: 'keyset next page from cursors deep in the list',
    shape: (ctx) => next(at(ctx.cursors, 0)),
    paths: (ctx) => ctx.cursors.map((c) => floorPath(next(c))),
  },
];

/** One measured phase of one round. */
export interface Phase {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  loadavg: number;
  clientCpu: number;
  serverCpu: number | null;
}

export interface SideRounds {
  /** One client, one request at a time. */
  latency: Phase[];
  /** `connections` clients at once. */
  throughput: Phase[];
}

export interface FloorComparison {
  workload: string;
  description: string;
  kontor: SideRounds;
  floor: SideRounds;
}

export interface WorkerSet {
  workers: number;
  connections: number;
  rounds: number;
  comparisons: FloorComparison[];
  /** Right after the warm-up, and the peak over the rounds, per worker. */
  idle: { kontor: Memory[]; floor: Memory[] };
  /** The primary's own memory after the warm-up, when workers serve (null: one process serves alone). */
  primary: { kontor: Memory | null; floor: Memory | null };
  peak: { kontor: PeakMemory | null; floor: PeakMemory | null };
}

export interface CompareOptions {
  workloads: FloorWorkload[];
  rounds: number;
  /** Load on each server and workload before the first round (tails settle: JIT, page cache, statement caches). */
  warmupMs: number;
  /** Unmeasured load at the start of each phase (the other server ran just before). */
  rewarmMs: number;
  latencyMs: number;
  throughputMs: number;
  connections: number;
}

const phase = (r: LoadResult): Phase => ({
  p50: r.stats.p50,
  p95: r.stats.p95,
  p99: r.stats.p99,
  rps: r.stats.throughput,
  errors: r.errors,
  loadavg: r.loadavg,
  clientCpu: r.clientCpu,
  serverCpu: r.serverCpu,
});

/**
 * Kontor beside the floor at one worker count: a warm-up of every workload on both, then `rounds` rounds, each
 * measuring every workload on both servers one after the other (the order alternating from round to round), first
 * with one client (latency), then with `connections` clients (throughput).
 */
export async function compareWithFloor(servers: { kontor: BenchServer; floor: BenchServer }, token: string, ctx: BenchContext, workers: number, o: CompareOptions, log: (l: string) => void): Promise<WorkerSet> {
  const sides = ['kontor', 'floor'] as const;
  const mem = { kontor: sampleMemory(servers.kontor, 500), floor: sampleMemory(servers.floor, 500) };
  const load = (side: (typeof sides)[number], w: FloorWorkload, connections: number, durationMs: number, warmupMs: number) =>
    runLoad(servers[side].url, token, w.paths(ctx), { connections, durationMs, warmupMs, serverPid: servers[side].pid });
  try {
    await assertSameAnswers(servers, token, ctx, o.workloads);
    for (const w of o.workloads) {
      for (const side of sides) {
        const r = await load(side, w, o.connections, o.warmupMs, 0);
        if (r.errors) throw new Error(`${side} answered ${JSON.stringify(r.statuses)} to ${w.name} during the warm-up`);
      }
    }
    const idle = { kontor: servers.kontor.memory(), floor: servers.floor.memory() };
    const primary = (s: BenchServer) => (s.workerPids().includes(s.pid) ? null : readMemory(s.pid));
    const primaries = { kontor: primary(servers.kontor), floor: primary(servers.floor) };
    const comparisons: FloorComparison[] = o.workloads.map((w) => ({ workload: w.name, description: w.description, kontor: { latency: [], throughput: [] }, floor: { latency: [], throughput: [] } }));
    for (let round = 0; round < o.rounds; round++) {
      for (const [i, w] of o.workloads.entries()) {
        const c = comparisons[i] as FloorComparison;
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          const latency = phase(await load(side, w, 1, o.latencyMs, o.rewarmMs));
          const throughput = phase(await load(side, w, o.connections, o.throughputMs, o.rewarmMs));
          c[side].latency.push(latency);
          c[side].throughput.push(throughput);
          log(
            `  ${workers}w round ${round + 1} ${w.name.padEnd(14)} ${side.padEnd(6)} p50 ${latency.p50.toFixed(2)} p95 ${latency.p95.toFixed(2)} ms | ${throughput.rps.toFixed(0)} req/s x${o.connections} (server ${throughput.serverCpu?.toFixed(2) ?? '?'} cores, client ${throughput.clientCpu.toFixed(2)}) | load ${throughput.loadavg.toFixed(2)}${latency.errors + throughput.errors ? ` | ERRORS ${latency.errors + throughput.errors}` : ''}`,
          );
        }
      }
    }
    return { workers, connections: o.connections, rounds: o.rounds, comparisons, idle, primary: primaries, peak: { kontor: mem.kontor.stop(), floor: mem.floor.stop() } };
  } finally {
    mem.kontor.stop();
    mem.floor.stop();
  }
}

export interface Answer {
  status: number;
  body: string;
}

/** Kontor's and the floor's answers to the first `perWorkload` requests of each workload, as bytes. */
export async function floorAnswers(servers: { kontor: { url: string }; floor: { url: string } }, token: string, ctx: BenchContext, list: FloorWorkload[], perWorkload = 3) {
  const get = async (base: string, p: string): Promise<Answer> => {
    const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.text() };
  };
  const out: Array<{ workload: string; path: string; kontor: Answer; floor: Answer }> = [];
  for (const w of list) {
    for (const path of w.paths(ctx).slice(0, perWorkload)) out.push({ workload: w.name, path, kontor: await get(servers.kontor.url, path), floor: await get(servers.floor.url, path) });
  }
  return out;
}

/** The floor must answer what Kontor answers (bench.test.ts checks it at 2,000 contacts; this, on the data measured). */
async function assertSameAnswers(servers: { kontor: BenchServer; floor: BenchServer }, token: string, ctx: BenchContext, list: FloorWorkload[]): Promise<void> {
  for (const a of await floorAnswers(servers, token, ctx, list)) {
    if (a.kontor.status !== 200) throw new Error(`Kontor answered ${a.kontor.status} ${a.kontor.body.slice(0, 300)} to ${a.path}`);
    if (a.floor.status !== a.kontor.status || a.floor.body !== a.kontor.body) {
      throw new Error(`${a.workload}: the floor's answer to ${a.path} differs from Kontor's; bench/floor-server.ts must follow Kontor (floor: ${a.floor.status} ${a.floor.body.slice(0, 200)})`);
    }
  }
}

/** Median and range (min-max) of per-round values. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length === 0 ? NaN : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}
