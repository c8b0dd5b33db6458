import fs from 'node:fs';
import type { Target } from './raw.ts';
import { startServer as startKontor, type RunningServer } from '../apps/server/src/test/process.ts';

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
  memory(): Memory | null;
}

/** Starts `kontor serve` for a benchmark target; BENCH_PROFILE_DIR=dir writes a V8 CPU profile of the server. */
export async function startServer(t: Target, extra: NodeJS.ProcessEnv = {}): Promise<BenchServer> {
  const nodeArgs = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const server = await startKontor(serverEnv(t, extra), { nodeArgs, pollMs: 20 });
  return { ...server, memory: () => readMemory(server.pid) };
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

/** Samples a process's memory every `everyMs` until stopped; keeps the sample with the highest RSS. */
export function sampleMemory(pid: number, everyMs = 200): { stop(): Memory | null } {
  let peak: Memory | null = null;
  const tick = () => {
    const m = readMemory(pid);
    if (m && (!peak || m.rssMb > peak.rssMb)) peak = m;
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
