// The HTTP floor: the least any Node service can do to answer the contacts list here. Plain node:http (no framework,
// no query builder, no schema validation), the SQL Kontor runs for the same request (captured from Kontor's own
// repository code by floor-spec.ts and handed over in the FLOOR_SPEC file) as prepared statements with the app's
// pragmas / connection options, the bearer token checked with one cached lookup, and the same JSON, byte for byte
// (bench.test.ts compares the answers). FLOOR_WORKERS > 1 forks that many workers sharing the port (node:cluster),
// as `kontor serve` does with KONTOR_WORKERS. Compiled to plain JavaScript before it runs (floor-spec.ts), so it
// starts without a transpiler, as Kontor does.
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { personName } from '@kontor/contract/person-name';

/** Where a statement parameter comes from: a literal captured from Kontor, or a value of the request. */
export type Bind = { lit: unknown } | { var: string; add?: number };

/** One request shape: the path, exactly these query keys (some with a fixed value), and the statement that answers it. */
export interface FloorRoute {
  name: string;
  path: string;
  keys: string[];
  fixed: Record<string, string>;
  sql: string;
  params: Bind[];
}

export interface FloorSpec {
  engine: 'sqlite' | 'postgres';
  sqliteFile?: string;
  url?: string;
  schema?: string | null;
  /** The user the routes' SQL was compiled for (the visibility rule of that user is in it). */
  userId: number;
  /** Kontor's token lookup; binds the vars `tokenHash` and `now`; answers the user row. */
  token: { sql: string; params: Bind[] };
  routes: FloorRoute[];
}

type Row = Record<string, unknown>;
type Vars = Record<string, string | number>;

interface Db {
  all(name: string, sql: string, values: unknown[]): Promise<Row[]>;
}

// As db/database.ts: int8 and numeric come back as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

function openDb(spec: FloorSpec): Db {
  if (spec.engine === 'sqlite') {
    const sqlite = new SQLite(spec.sqliteFile ?? '');
    for (const p of ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'mmap_size = 1073741824', 'cache_size = -65536']) sqlite.pragma(p);
    const statements = new Map<string, SQLite.Statement>();
    return {
      all: async (name, sql, values) => {
        let s = statements.get(name);
        if (!s) statements.set(name, (s = sqlite.prepare(sql)));
        return s.all(values) as Row[];
      },
    };
  }
  const options = ['-c jit=off', ...(spec.schema ? [`-c search_path=${spec.schema}`] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: spec.url, max: 10, options });
  return { all: async (name, text, values) => (await pool.query({ name, text, values })).rows as Row[] };
}

const bind = (params: Bind[], vars: Vars): unknown[] =>
  params.map((p) => {
    if ('lit' in p) return p.lit;
    const v = vars[p.var];
    if (v === undefined) throw new BadRequest(`missing ${p.var}`);
    if (p.add === undefined) return v;
    const n = Number(v) + p.add;
    if (!Number.isSafeInteger(n)) throw new BadRequest(`${p.var} is not a number`);
    return n;
  });

class BadRequest extends Error {}

/** The query vars of a request; a cursor is `[value, id]` in base64url JSON, bound as `cursor.0` and `cursor.1`. */
function varsOf(query: URLSearchParams): Vars {
  const vars: Vars = {};
  for (const [k, v] of query) {
    if (k !== 'cursor') vars[k] = v;
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
      } catch {
        parsed = null;
      }
      if (!Array.isArray(parsed) || parsed.length !== 2 || !Number.isSafeInteger(parsed[1]) || (typeof parsed[0] !== 'string' && typeof parsed[0] !== 'number')) throw new BadRequest('bad cursor');
      vars['cursor.0'] = parsed[0] as string | number;
      vars['cursor.1'] = parsed[1] as number;
    }
  }
  return vars;
}

const str = (v: unknown): string | null => (v == null ? null : String(v));

/** A contacts list row as the API shows it (contacts.presenter.ts, presentContactListItem). */
function contactItem(r: Row) {
  const id = r.id as number;
  const ownerId = r.owner_id as number | null;
  const tags = r.tag_names as string | null;
  return {
    id: String(id),
    salutation: r.salutation,
    firstName: r.first_name,
    lastName: r.last_name,
    fullName: personName({ firstName: r.first_name as string | null, lastName: r.last_name as string | null }),
    position: r.position,
    department: r.department,
    ownerId: str(ownerId),
    owner: ownerId == null ? null : { id: String(ownerId), name: (r.owner_name as string | null) ?? '' },
    accountId: str(r.account_id),
    accountName: r.account_name,
    contactType: str(r.contact_type_id),
    tags: tags ? tags.split('\u001f') : [],
    photoUrl: r.photo_file_id == null ? null : `/api/v1/contacts/${id}/photo?v=${String(r.photo_file_id)}`,
    primaryEmail: r.primary_email,
    primaryPhone: r.primary_phone,
    emailOptOut: r.email_opt_out === 1,
    restricted: r.restricted === 1,
    customFields: JSON.parse((r.custom_fields as string | null) ?? '{}') as unknown,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The page and the cursor after its last row (records/keyset.ts, pageOf; lib/cursor.ts, encodeCursor). */
function listBody(rows: Row[], limit: number): string {
  const kept = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = rows.length > limit ? kept[kept.length - 1] : undefined;
  const v = last?.sort_0;
  const nextCursor = last ? Buffer.from(JSON.stringify([typeof v === 'number' || typeof v === 'string' ? v : String(v ?? ''), last.id])).toString('base64url') : null;
  return JSON.stringify({ data: kept.map(contactItem), nextCursor });
}

function matchRoute(routes: FloorRoute[], path: string, query: URLSearchParams): FloorRoute | undefined {
  const keys = [...query.keys()];
  return routes.find((r) => r.path === path && r.keys.length === keys.length && r.keys.every((k) => query.has(k)) && Object.entries(r.fixed).every(([k, v]) => query.get(k) === v));
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function serveFloor(spec: FloorSpec, port: number, host: string): void {
  const db = openDb(spec);
  const users = new Map<string, number | null>();
  /** The user behind a bearer token: one lookup per token, cached for the life of the process. */
  const userOf = async (authorization: string | undefined): Promise<number | null> => {
    const token = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    let id = users.get(hash);
    if (id === undefined) {
      const [row] = await db.all('floor_token', spec.token.sql, bind(spec.token.params, { tokenHash: hash, now: new Date().toISOString() }));
      users.set(hash, (id = row ? Number(row.id) : null));
    }
    return id;
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (path === '/api/health') return send(res, 200, '{"status":"ok"}');
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    const route = req.method === 'GET' ? matchRoute(spec.routes, path, query) : undefined;
    if (!route) return send(res, 404, '{"error":{"code":"not_found","message":"The floor serves only the benchmark\'s list requests."}}');
    userOf(req.headers.authorization)
      .then(async (userId) => {
        if (userId !== spec.userId) return send(res, 401, '{"error":{"code":"unauthenticated","message":"The API token is invalid."}}');
        const vars = varsOf(query);
        const rows = await db.all(route.name, route.sql, bind(route.params, vars));
        send(res, 200, listBody(rows, Number(vars.limit)));
      })
      .catch((err: unknown) => {
        if (err instanceof BadRequest) send(res, 400, JSON.stringify({ error: { code: 'invalid', message: err.message } }));
        else send(res, 500, JSON.stringify({ error: { code: 'internal', message: String(err) } }));
      });
  });
  server.keepAliveTimeout = 72_000; // as Fastify: connections stay open between benchmark phases
  server.listen(port, host);
}

function main(): void {
  const spec = JSON.parse(fs.readFileSync(process.env.FLOOR_SPEC ?? '', 'utf8')) as FloorSpec;
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const workers = Number(process.env.FLOOR_WORKERS ?? 1);
  if (cluster.isPrimary && workers > 1) {
    for (let i = 0; i < workers; i++) cluster.fork();
    process.once('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exit(0);
    });
    return;
  }
  serveFloor(spec, port, host);
  process.once('SIGTERM', () => process.exit(0));
}

if (process.env.FLOOR_SPEC) main();
