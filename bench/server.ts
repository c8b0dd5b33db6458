import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Target } from './raw.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const kontorBin = path.join(repoRoot, 'apps/server/bin/kontor.mjs');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

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

export interface RunningServer {
  url: string;
  pid: number;
  /** Spawn to the first answered /api/health. */
  startupMs: number;
  memory(): Memory | null;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `kontor serve` (node directly, so the pid is the server's) and waits for its first answer. */
export async function startServer(t: Target, extra: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_PROFILE_DIR=dir writes a V8 CPU profile of the server (open it in Chrome DevTools or speedscope).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, kontorBin, 'serve'], { env: { ...serverEnv(t, extra), PORT: String(port), HOST: '127.0.0.1' }, cwd: repoRoot });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kontor serve exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`kontor serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const startupMs = performance.now() - started;
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    startupMs,
    output: () => out,
    memory: () => readMemory(pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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
