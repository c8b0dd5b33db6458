import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { build } from 'esbuild';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { contactListQuerySchema } from '@kontor/contract/contacts';
import type { DB } from '../apps/server/src/db/schema.ts';
import { findLiveTokenUser } from '../apps/server/src/features/auth/auth.repository.ts';
import { listContacts } from '../apps/server/src/features/contacts/contacts.service.ts';
import { loadActor } from '../apps/server/src/features/permissions/load-actor.ts';
import { encodeCursor } from '../apps/server/src/lib/cursor.ts';
import type { Bind, FloorRoute, FloorSpec } from './floor-server.ts';
import type { Target } from './raw.ts';
import { startServer, type BenchServer } from './server.ts';

/** A request the floor answers: `/api/v1/contacts` with this query; `fixed` keys must match exactly, the others are bound. */
export interface FloorShape {
  name: string;
  query: Record<string, string>;
  fixed?: string[];
}

export const floorPath = (s: FloorShape): string => `/api/v1/contacts?${new URLSearchParams(s.query).toString()}`;

/** A Kysely on the target that records the SQL and parameters of every query Kontor's code runs through it. */
function capturingDb(t: Target): { db: Kysely<DB>; log: CompiledQuery[] } {
  const log: CompiledQuery[] = [];
  const dialect =
    t.engine === 'sqlite'
      ? new SqliteDialect({ database: new SQLite(path.join(t.dataDir ?? '', 'kontor.sqlite')) })
      : new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1, options: ['-c jit=off', ...(t.schema ? [`-c search_path=${t.schema}`] : [])].join(' ') }) });
  const db = new Kysely<DB>({ dialect, log: (e) => void (e.level === 'query' && log.push(e.query)) });
  return { db, log };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs `run` with base values, then once per var with that var changed; parameters that change with a var are bound
 * from it in the floor (`add`: a number offset, as the limit's +1), the rest stay the literals Kontor bound.
 */
async function captureBinds(
  log: CompiledQuery[],
  what: string,
  run: (vars: Record<string, string | number>) => Promise<unknown>,
  base: Record<string, string | number>,
  alt: Record<string, string | number>,
): Promise<{ sql: string; params: Bind[] }> {
  const once = async (vars: Record<string, string | number>) => {
    log.length = 0;
    await run(vars);
    const [q, ...more] = log;
    if (!q || more.length) throw new Error(`${what} ran ${log.length} queries; the floor (bench/floor-server.ts) answers with one: update it to follow Kontor.`);
    return q;
  };
  const first = await once(base);
  const params: Bind[] = first.parameters.map((lit) => ({ lit }));
  for (const [name, value] of Object.entries(alt)) {
    const other = await once({ ...base, [name]: value });
    if (other.sql !== first.sql) throw new Error(`${what}: the SQL depends on the value of ${name}; the floor cannot bind it.`);
    other.parameters.forEach((p, i) => {
      const was = first.parameters[i];
      if (same(p, was)) return;
      const given = base[name];
      if (typeof was === 'number' && typeof given !== 'undefined' && Number.isFinite(Number(given))) params[i] = { var: name, add: was - Number(given) };
      else if (was === given) params[i] = { var: name };
      else throw new Error(`${what}: parameter ${i + 1} follows ${name} in a way the floor does not know (${JSON.stringify(was)} for ${JSON.stringify(given)}).`);
    });
  }
  return { sql: first.sql, params };
}

/** The query vars the floor reads from a request (floor-server.ts, varsOf): a cursor splits into its value and id. */
function varsOf(query: Record<string, string>): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k !== 'cursor') vars[k] = v;
    else [vars['cursor.0'], vars['cursor.1']] = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as [string | number, number];
  }
  return vars;
}

function queryOf(vars: Record<string, string | number>): Record<string, string> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) if (!k.startsWith('cursor.')) q[k] = String(v);
  if (vars['cursor.1'] !== undefined) q.cursor = encodeCursor(vars['cursor.0'] ?? '', Number(vars['cursor.1']));
  return q;
}

const changed = (v: string | number): string | number => (typeof v === 'number' || /^\d+$/.test(v) ? (typeof v === 'number' ? v + 1 : String(Number(v) + 1)) : `${v}~`);

/**
 * The floor's specification: Kontor's token lookup and, for each shape, the list query Kontor's repository compiles
 * for the token's user (its visibility rule included), captured by running Kontor's own code against the target.
 */
export async function buildFloorSpec(t: Target, token: string, shapes: FloorShape[]): Promise<FloorSpec> {
  const { db, log } = capturingDb(t);
  try {
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    const now = new Date().toISOString();
    const tokenQuery = await captureBinds(log, 'the token lookup', (v) => findLiveTokenUser(db, String(v.tokenHash), String(v.now)), { tokenHash: hash, now }, { tokenHash: hash.replace(/^./, (c) => (c === '0' ? '1' : '0')), now: new Date(Date.now() + 1000).toISOString() });
    const user = await findLiveTokenUser(db, hash, now);
    if (!user) throw new Error('the bench token does not resolve to a user');
    const actor = { ...(await loadActor(db, user, 'token', null)), readOnlyToken: user.token_scope === 'read' };
    const routes: FloorRoute[] = [];
    for (const shape of shapes) {
      const fixed = shape.fixed ?? [];
      const base = varsOf(shape.query);
      const alt = Object.fromEntries(Object.entries(base).filter(([k]) => !fixed.includes(k)).map(([k, v]) => [k, changed(v)]));
      const run = (vars: Record<string, string | number>) => listContacts(db, actor, contactListQuerySchema.parse(queryOf(vars)));
      const q = await captureBinds(log, `the contacts list (${shape.name})`, run, base, alt);
      routes.push({ name: `floor_${shape.name.replace(/\W/g, '_')}`, path: '/api/v1/contacts', keys: Object.keys(shape.query), fixed: Object.fromEntries(fixed.map((k) => [k, shape.query[k] ?? ''])), ...q });
    }
    const engine = t.engine === 'sqlite' ? { engine: 'sqlite' as const, sqliteFile: path.join(t.dataDir ?? '', 'kontor.sqlite') } : { engine: 'postgres' as const, url: t.url, schema: t.schema ?? null };
    return { ...engine, userId: user.id, token: tokenQuery, routes };
  } finally {
    await db.destroy();
  }
}

const repoRoot = path.resolve(import.meta.dirname, '..');
let compiled: Promise<string> | null = null;

/** floor-server.ts as one plain-JavaScript module (the database drivers stay imports; the contract's name rule is bundled in), built once per benchmark process. */
export function compileFloor(): Promise<string> {
  compiled ??= (async () => {
    const outfile = path.join(repoRoot, 'node_modules/.cache/kontor-bench/floor-server.mjs');
    const tmp = `${outfile}.${process.pid}.tmp`; // renamed into place: a run on the other engine may be starting it meanwhile
    await build({ entryPoints: [path.join(import.meta.dirname, 'floor-server.ts')], outfile: tmp, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['better-sqlite3', 'pg'], logLevel: 'warning' });
    fs.renameSync(tmp, outfile);
    return outfile;
  })();
  return compiled;
}

/** Starts the floor server with `workers` processes (1: a single process, as KONTOR_WORKERS=1). */
export async function startFloor(t: Target, spec: FloorSpec, workers: number): Promise<BenchServer> {
  const file = path.join(os.tmpdir(), `kontor-floor-${process.pid}-${crypto.randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify(spec));
  const server = await startServer(t, { FLOOR_SPEC: file, FLOOR_WORKERS: String(workers) }, { argv: [await compileFloor()] });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      fs.rmSync(file, { force: true });
    },
  };
}
