import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface RunningServer {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  logs: () => string;
  stop: () => Promise<void>;
}

export const ADMIN = { email: 'admin@example.com', password: 'e2e-admin-password-42' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh database: a temporary SQLite directory, or a new PostgreSQL schema when DATABASE_URL is set. */
async function freshDatabase(): Promise<{ env: NodeJS.ProcessEnv; label: string; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-e2e-'));
  const url = process.env.DATABASE_URL;
  if (!url) {
    return { env: { DATA_DIR: dataDir }, label: `SQLite in ${dataDir}`, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const schema = `e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema "${schema}"`);
  await client.end();
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_SCHEMA: schema },
    label: `PostgreSQL schema ${schema}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startServer(repoRoot: string): Promise<RunningServer> {
  const port = await freePort();
  const db = await freshDatabase();
  console.log(`Database: ${db.label}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...db.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KONTOR_ADMIN_EMAIL: ADMIN.email,
    KONTOR_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  if (!process.env.DATABASE_URL) delete env.DATABASE_URL;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'apps/server/bin/kontor.mjs'), 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`The server exited before it was ready:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /api/health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      const timeout = new Promise<void>((r) => setTimeout(r, 5000));
      await Promise.race([done, timeout]);
      if (!exited) child.kill('SIGKILL');
    }
    await db.drop().catch((e: unknown) => console.error('Could not drop the test database:', e));
  };
  return { baseUrl, env, logs: () => output, stop };
}
