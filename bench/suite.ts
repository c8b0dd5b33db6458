import { Client } from './http.ts';
import { createTokens, loadContext } from './context.ts';
import { checkConsistency, runMixed, type Consistency, type MixedResult } from './mixed.ts';
import { openRaw, type Target } from './raw.ts';
import { sampleMemory, startServer, type BenchServer, type Memory } from './server.ts';
import { measure, type Stats } from './stats.ts';
import { collectCursors, workloads } from './workloads.ts';

export interface BenchOptions {
  target: Target;
  /** Workload names to run one client at a time (default: all). */
  only?: string[];
  warmupMs: number;
  durationMs: number;
  mixed: { clients: number; durationMs: number } | null;
  /** PostgreSQL: also run the mixed workload against two processes, round-robin. */
  twoProcesses?: boolean;
  log?: (line: string) => void;
}

export interface WorkloadResult {
  name: string;
  description: string;
  targetP95Ms?: number;
  api: Stats;
  raw: Stats;
}

export interface MixedReport {
  processes: number;
  clients: number;
  result: Omit<MixedResult, 'created' | 'updates'>;
  consistency: Consistency;
  memory: Memory | null;
}

export interface BenchReport {
  engine: string;
  contacts: number;
  startupMs: number;
  firstPageMs: number;
  idleMemory: Memory | null;
  workloads: WorkloadResult[];
  mixed: MixedReport[];
}

/** Starts Kontor on the target, measures every workload over HTTP and on the raw engine, then the mixed workload. */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const log = o.log ?? (() => undefined);
  const tokens = await createTokens(o.target);
  const raw = await openRaw(o.target);
  const servers: BenchServer[] = [];
  try {
    const server = await startServer(o.target);
    servers.push(server);
    const client = new Client([server.url], tokens.sales);
    const t = performance.now();
    await client.ok('GET', '/api/v1/contacts?limit=50');
    const firstPageMs = performance.now() - t;
    log(`server up in ${server.startupMs.toFixed(0)} ms; first contacts page ${firstPageMs.toFixed(0)} ms later`);
    const contacts = Number((await raw.all('select count(*) as n from contacts'))[0]?.n ?? 0);
    const ctx = await loadContext(raw, o.mixed?.clients ?? 1);
    ctx.cursors = await collectCursors(client);
    const report: BenchReport = { engine: o.target.engine, contacts, startupMs: server.startupMs, firstPageMs, idleMemory: server.memory(), workloads: [], mixed: [] };
    for (const w of workloads.filter((x) => !o.only || o.only.includes(x.name))) {
      const why = w.unavailable?.(ctx);
      if (why) {
        log(`${w.name.padEnd(16)} skipped: ${why}`);
        continue;
      }
      const api = await measure((i) => w.http(client, ctx, i).then(() => undefined), { warmupMs: o.warmupMs, durationMs: o.durationMs });
      const floor = await measure((i) => w.raw(raw, ctx, i).then(() => undefined), { warmupMs: o.warmupMs, durationMs: Math.min(o.durationMs, 3000) });
      report.workloads.push({ name: w.name, description: w.description, targetP95Ms: w.targetP95Ms, api, raw: floor });
      log(`${w.name.padEnd(16)} api p50 ${api.p50.toFixed(2)} p95 ${api.p95.toFixed(2)} p99 ${api.p99.toFixed(2)} ms (${api.throughput.toFixed(0)}/s) | raw p50 ${floor.p50.toFixed(3)} p95 ${floor.p95.toFixed(3)} ms`);
    }
    client.close();
    if (o.mixed) {
      const rounds = o.twoProcesses && o.target.engine === 'postgres' ? [1, 2] : [1];
      const baseRunId = ctx.runId;
      for (const processes of rounds) {
        ctx.runId = `${baseRunId}-p${processes}`; // each round's creates carry their own marker for the consistency check
        if (processes === 2) servers.push(await startServer(o.target));
        const mem = sampleMemory(server.pid);
        const result = await runMixed(servers.map((s) => s.url), tokens.sales, ctx, { clients: o.mixed.clients, durationMs: o.mixed.durationMs, warmupMs: Math.min(o.warmupMs, 2000) });
        const memory = mem.stop();
        const consistency = await checkConsistency(raw, ctx, result);
        const { created: _c, updates: _u, ...rest } = result;
        report.mixed.push({ processes, clients: o.mixed.clients, result: rest, consistency, memory });
        log(`mixed x${o.mixed.clients} on ${processes} process(es): ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.stats.p50.toFixed(1)} p95 ${result.stats.p95.toFixed(1)} p99 ${result.stats.p99.toFixed(1)} ms, errors ${result.errors}, consistent ${consistency.ok}, peak RSS ${memory?.rssMb.toFixed(0)} MB`);
      }
    }
    return report;
  } finally {
    for (const s of servers) await s.stop();
    await raw.close();
  }
}
