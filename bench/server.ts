import fs from 'node:fs';
import type { Target } from './raw.ts';
import { childNodePids, startServer as startProcess, type RunningServer } from '../apps/server/src/test/process.ts';

export { freePort } from '../apps/server/src/test/process.ts';

export function serverEnv(t: Target, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KONTOR_RATE_LIMIT: '0', LOG_LEVEL: 'warn', KONTOR_ADMIN_EMAIL: '', KONTOR_ADMIN_PASSWORD: '', ...extra };
  if (t.engine === 'sqlite') {
    delete env.DATABASE_URL;
    env.DATA_DIR = t.dataDir;
  } else {
    env.DATABASE_URL = t.url;
    env.DATABASE_SCHEMA = t.schema ?? '';
  }
  return env;
}

export interface Memory {
  rssMb: number;
  /** Anonymous memory: the JS heap, native allocations, SQLite's page cache. */
  anonMb: number;
  /** File-backed pages: the memory-mapped SQLite file and the node binary. */
  fileMb: number;
}

export interface BenchServer extends RunningServer {
  /** The serving processes: the workers of a primary, or the process itself when it serves alone. */
  workerPids(): number[];
  /** Memory of each serving process. */
  memory(): Memory[];
}

/**
 * Starts `kontor serve` for a benchmark target (`KONTOR_WORKERS` in `extra` sets its processes), or with `argv` another
 * server script (the floor). BENCH_PROFILE_DIR=dir writes a V8 CPU profile of each process.
 */
export async function startServer(t: Target, extra: NodeJS.ProcessEnv = {}, opts: { argv?: string[] } = {}): Promise<BenchServer> {
  const nodeArgs = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const server = await startProcess(serverEnv(t, extra), { nodeArgs, pollMs: 20, ...(opts.argv && { argv: opts.argv }) });
  const workerPids = () => {
    const children = childNodePids(server.pid);
    return children.length ? children : [server.pid];
  };
  return { ...server, workerPids, memory: () => workerPids().flatMap((pid) => readMemory(pid) ?? []) };
}

export function readMemory(pid: number): Memory | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, anonMb: kb('RssAnon') / 1024, fileMb: (kb('RssFile') + kb('RssShmem')) / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) used so far by a server: its primary and every worker. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...childNodePids(pid)]) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** The worst serving process of a sample: the highest RSS, and the highest anonymous part (not always the same one). */
export interface PeakMemory extends Memory {
  /** Highest anonymous RSS of any one worker. */
  anonPerWorkerMb: number;
  workers: number;
}

/** Samples a server's workers every `everyMs` until stopped; keeps the highest RSS and anonymous RSS of any worker. */
export function sampleMemory(server: Pick<BenchServer, 'memory'>, everyMs = 200): { stop(): PeakMemory | null } {
  let peak: PeakMemory | null = null;
  const tick = () => {
    const all = server.memory();
    for (const m of all) {
      if (!peak) peak = { ...m, anonPerWorkerMb: m.anonMb, workers: all.length };
      if (m.rssMb > peak.rssMb) Object.assign(peak, m);
      peak.anonPerWorkerMb = Math.max(peak.anonPerWorkerMb, m.anonMb);
      peak.workers = Math.max(peak.workers, all.length);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}
