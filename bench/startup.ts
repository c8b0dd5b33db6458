import os from 'node:os';
import type { FloorSpec } from './floor-server.ts';
import { startFloor } from './floor-spec.ts';
import { Client } from './http.ts';
import type { Target } from './raw.ts';
import { startServer, type BenchServer } from './server.ts';

export interface StartupTimes {
  /** Spawn to the first answered request (/api/health), per start. */
  startMs: number[];
  /** The first contacts list page right after, per start (actor, caches and statements still cold). */
  firstPageMs: number[];
  /** One-minute load average right after each start. */
  loadavg: number[];
}

export interface Startup {
  workers: number;
  kontor: StartupTimes;
  floor: StartupTimes | null;
}

async function once(start: () => Promise<BenchServer>, token: string, into: StartupTimes): Promise<void> {
  const server = await start();
  try {
    const client = new Client([server.url], token);
    const t = performance.now();
    await client.ok('GET', '/api/v1/contacts?limit=50');
    into.firstPageMs.push(performance.now() - t);
    into.startMs.push(server.startupMs);
    into.loadavg.push(os.loadavg()[0] ?? 0);
    client.close();
  } finally {
    await server.stop();
  }
}

/**
 * Starts Kontor (and the floor, when given its spec) `starts` times each, alternating, with `workers` processes.
 * Kontor runs the compiled server as it is (KONTOR_NO_BUILD: an earlier start of the run has built it).
 */
export async function measureStartups(t: Target, spec: FloorSpec | null, token: string, workers: number, starts: number): Promise<Startup> {
  const result: Startup = { workers, kontor: { startMs: [], firstPageMs: [], loadavg: [] }, floor: spec ? { startMs: [], firstPageMs: [], loadavg: [] } : null };
  for (let i = 0; i < starts; i++) {
    await once(() => startServer(t, { KONTOR_WORKERS: String(workers), KONTOR_NO_BUILD: '1' }), token, result.kontor);
    if (spec && result.floor) await once(() => startFloor(t, spec, workers), token, result.floor);
  }
  return result;
}
