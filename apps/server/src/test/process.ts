import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
export const kontorBin = path.join(repoRoot, 'apps/server/bin/kontor.mjs');

/** Environment for a `kontor` process with its own database: a temp DATA_DIR, or a fresh schema when DATABASE_URL is set. */
export async function isolatedEnv(): Promise<{ env: NodeJS.ProcessEnv; cleanup(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-proc-'));
  const url = process.env.DATABASE_URL;
  const schema = url ? `p_${crypto.randomBytes(6).toString('hex')}` : '';
  if (url) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_SCHEMA: schema, KONTOR_ADMIN_EMAIL: '', KONTOR_ADMIN_PASSWORD: '', LOG_LEVEL: 'warn' };
  return {
    env,
    async cleanup() {
      if (url) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function runKontor(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [kontorBin, ...args], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

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

export interface RunningServer {
  url: string;
  pid: number;
  /** Spawn to the first answered /api/health. */
  startupMs: number;
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  timeoutMs?: number;
  pollMs?: number;
  /** What node runs instead of `kontor serve` (the benchmark's floor server); it must answer /api/health too. */
  argv?: string[];
}

/**
 * Starts `kontor serve` (node directly, so the pid is the server's) on a free port and waits until it answers
 * /api/health. Used by the process tests, the benchmarks and the end-to-end runner.
 */
export async function startServer(env: NodeJS.ProcessEnv, opts: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(opts.argv ?? [kontorBin, 'serve'])], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-50_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kontor serve exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kontor serve did not answer /api/health in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 50));
  }
  return {
    url,
    pid: child.pid ?? 0,
    startupMs: performance.now() - started,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const nodeExe = fs.realpathSync(process.execPath);

/** Node processes started by `pid` (cluster workers; not an esbuild service or other helpers). */
export function childNodePids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
        try {
          if (fs.readlinkSync(`/proc/${c}/exe`) === nodeExe) out.push(Number(c));
        } catch {
          // gone meanwhile
        }
      }
    }
  } catch {
    // no /proc (not Linux) or the process is gone
  }
  return out;
}
