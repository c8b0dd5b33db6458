/**
 * The generated hostile sweep (issue #8, items 7 and 10): every route the app serves (from the OpenAPI document, plus
 * the routes hidden from it) gets every hostile value in each path parameter, each query parameter and each top-level
 * body property, one at a time, with everything else valid and pointing at real records, so the hostile value is what
 * is tested. Every answer must be below 500, and the values the mechanisms refuse (ids out of range, NUL bytes, nesting,
 * forged cursors) must be the same 400 on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { accountSortFields } from '@kontor/contract/accounts';
import { contactSortFields } from '@kontor/contract/contacts';
import { createHarness, useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';

const { h, admin } = useHarness();

import { NUL, badIds, hostileStrings, DEEP, hostileJson, hundredKDeep, hostileBodies, b64, forgedCursors, kindCursors } from './hostile-values.ts';
import { u, PASSWORD, makeFixtures, realParam, baseBodies, baseQueries, ownCredentials, type Fixtures, type Body, type BaseBody } from './hostile-fixtures.ts';

// ---------------------------------------------------------------------------------------------------------------
// Route discovery (at collection time, so each operation is its own test)
// ---------------------------------------------------------------------------------------------------------------

interface Operation {
  method: string;
  /** Fastify form: /api/v1/accounts/:id */
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyProps: string[] | null;
  hidden: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
}

/** Routes from `printRoutes` (a tree of path segments with their methods): every route, hidden ones included. */
function parseRouteTree(tree: string): Array<{ path: string; methods: string[] }> {
  const out: Array<{ path: string; methods: string[] }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([\s│]*)[└├]── (.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    out.push({ path: stack.join('').replace(/\/+/g, '/'), methods: (m[3] ?? '').split(', ').filter((x) => x !== 'HEAD') });
  }
  return out;
}

async function discover(): Promise<Operation[]> {
  const hx = await createHarness();
  try {
    const doc = (await hx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<OpenApiDoc>();
    const ops: Operation[] = [];
    const seen = new Set<string>();
    for (const [oaPath, methods] of Object.entries(doc.paths)) {
      const path = oaPath.replace(/\{([^}]+)\}/g, ':$1');
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const json = op.requestBody?.content?.['application/json'];
        ops.push({
          method: method.toUpperCase(),
          path,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
          bodyProps: json ? Object.keys(json.schema?.properties ?? {}) : null,
          hidden: false,
        });
        seen.add(`${method.toUpperCase()} ${path}`);
      }
    }
    for (const r of parseRouteTree(hx.app.printRoutes({ commonPrefix: false }))) {
      for (const method of r.methods) {
        if (seen.has(`${method} ${r.path}`)) continue;
        const pathParams = [...r.path.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? '*');
        ops.push({ method, path: r.path, pathParams, queryParams: [], bodyProps: null, hidden: true });
      }
    }
    return ops;
  } finally {
    await hx.close();
  }
}

const operations = await discover();

// ---------------------------------------------------------------------------------------------------------------
// Requests and expectations
// ---------------------------------------------------------------------------------------------------------------

let ip = 0;
/** Each request from its own address, so that login throttling (per address) answers for the value, not for the count. */
function nextIp(): string {
  ip += 1;
  return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
}

const isIdParam = (name: string) => name === 'id' || /Id$/.test(name) || ['replaceWith', 'contactType', 'restrictedTo'].includes(name);
const hasNul = (v: unknown): boolean => {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string' && x.includes('\u0000')) return true;
    if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) stack.push(k, y);
  }
  return false;
};
const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 40)}…(${s.length} chars)` : s;
};

interface Case {
  where: string;
  value: unknown;
  /** 'lt500' (any answer below 500), 'client' (4xx), 'validation' (400 validation_failed). */
  expect: 'lt500' | 'client' | 'validation';
  /** For 'validation': the field the error must name. */
  field?: string;
}

let total = 0;
let fixtures: Fixtures | undefined;
let fixturesDirty = true;
const perLocation: Record<string, number> = { path: 0, query: 0, body: 0, 'whole body': 0, cursor: 0 };

function check(res: LightMyRequestResponse, c: Case): string | null {
  const s = res.statusCode;
  const bad = s >= 500 || (c.expect !== 'lt500' && (s < 400 || s >= 500));
  let msg = bad ? `${s}` : null;
  if (!bad && c.expect === 'validation') {
    const body = res.json<{ error?: { code?: string; fields?: Record<string, string> } }>();
    if (s !== 400 || body.error?.code !== 'validation_failed') msg = `${s} ${body.error?.code ?? ''} (expected 400 validation_failed)`;
    else if (c.field && !Object.keys(body.error.fields ?? {}).some((f) => f === c.field || f.startsWith(`${c.field}.`))) msg = `400 without fields.${c.field}: ${res.body.slice(0, 200)}`;
  }
  return msg ? `${c.where} = ${show(c.value)} -> ${msg}${s >= 500 ? ` ${res.body.slice(0, 200)}` : ''}` : null;
}

describe('hostile sweep', () => {
  it('discovers the routes, hidden ones included, and has a valid body for each operation that takes one', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.some((o) => o.hidden && o.path === '/api/health')).toBe(true);
    const missing = operations.filter((o) => o.bodyProps && !baseBodies[`${o.method} ${o.path}`]).map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}${o.hidden ? ' (hidden)' : ''}`, o] as const))('%s', async (_name, op) => {
    const key = `${op.method} ${op.path}`;
    // Fresh records after any operation that may have changed them; reads share the last set.
    if (!fixtures || fixturesDirty) fixtures = await makeFixtures(admin, h.database.db);
    fixturesDirty = op.method !== 'GET';
    const fx = fixtures;
    const failures: string[] = [];
    /** A 2xx may have changed what the next request relies on (a version, the caller's password): rebuild it then. */
    let changed = true;
    let ownCaller: TestClient | undefined;
    const caller = async (): Promise<TestClient> => {
      if (!ownCredentials.has(key)) return admin;
      if (changed || !ownCaller) ownCaller = await h.client('admin');
      return ownCaller;
    };
    const baseCache = new Map<BaseBody, Body>();
    const baseBody = async (b: BaseBody): Promise<Body> => {
      if (changed) baseCache.clear();
      changed = false;
      const cached = baseCache.get(b) ?? (await b(fx, admin));
      baseCache.set(b, cached);
      return cached;
    };
    const url = (params: Record<string, string>, hostileQuery: Array<[string, string]>) => {
      let p = op.path;
      for (const name of op.pathParams) p = p.replace(name === '*' ? '*' : `:${name}`, encodeURIComponent(params[name] ?? realParam(op.path, name, fx)));
      const query = [...(baseQueries[key] ?? []).filter(([k]) => !hostileQuery.some(([h]) => h === k)), ...hostileQuery];
      const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      return qs ? `${p}?${qs}` : p;
    };
    const bases = baseBodies[key] ?? [];
    const send = async (c: TestClient, u: string, body: unknown, raw?: string) => {
      const opts: InjectOptions = { method: op.method as InjectOptions['method'], url: u, remoteAddress: nextIp() };
      if (raw !== undefined) Object.assign(opts, { payload: raw, headers: { 'content-type': 'application/json' } });
      else if (body !== undefined) opts.payload = body as InjectOptions['payload'];
      return c.raw(opts);
    };
    const run = async (c: Case, u: string, body?: unknown, raw?: string) => {
      total += 1;
      const who = await caller();
      const res = await send(who, u, body, raw);
      if (res.statusCode < 300) changed = true;
      const f = check(res, c);
      if (f) failures.push(f);
    };
    const validBody = async (): Promise<Body | undefined> => {
      const b = bases[0];
      return b ? baseBody(b) : op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
    };
    /** The requests of this operation; reads run 8 at a time, writes one after another (each may change the next). */
    const jobs: Array<() => Promise<void>> = [];

    // Path parameters: every hostile string is a malformed id (or token, or module): always a 4xx, 400 for ids.
    for (const name of op.pathParams) {
      for (const v of hostileStrings) {
        if (name === '*') continue;
        perLocation.path! += 1;
        const expectation: Case['expect'] = isIdParam(name) && v.length < 100 && v.trim() !== '' ? 'validation' : 'client';
        jobs.push(async () => run({ where: `path :${name}`, value: v, expect: hasNul(v) ? 'validation' : expectation }, url({ [name]: v }, []), await validBody()));
      }
    }

    // Query parameters (declared ones, and one nobody declared), with repeated keys for arrays.
    for (const name of [...op.queryParams, 'undeclared']) {
      const values: Array<string | string[]> = [...hostileStrings, ['1', '2'], [NUL, '1'], ['2147483648', '1']];
      if (name === 'cursor') values.push(...forgedCursors);
      for (const v of values) {
        perLocation.query! += 1;
        const pairs: Array<[string, string]> = (Array.isArray(v) ? v : [v]).map((x) => [name, x]);
        const nul = hasNul(v);
        const idLike = isIdParam(name) && typeof v === 'string' && badIds.includes(v);
        const forged = name === 'cursor' && typeof v === 'string' && forgedCursors.includes(v);
        const c: Case = { where: `query ${name}`, value: v, expect: nul || idLike || forged ? 'validation' : 'lt500', field: forged || idLike ? name : undefined };
        jobs.push(async () => run(c, url({}, pairs), await validBody()));
      }
    }

    // Cursors against every sort the list offers: forged ones are refused, wrongly typed ones never reach the database.
    if (op.queryParams.includes('cursor') && op.queryParams.includes('sort')) {
      // Ascending for every column (the direction changes only the operator), descending for the default one.
      for (const field of [...new Set<string>([...accountSortFields, ...contactSortFields])]) {
        for (const sort of field === 'name' || field === 'lastName' ? [field, `-${field}`] : [field]) {
          const probe = await admin.get(url({}, [['sort', sort]]));
          if (probe.statusCode !== 200) continue;
          for (const cur of [...forgedCursors, ...kindCursors]) {
            perLocation.cursor! += 1;
            const forged = forgedCursors.includes(cur);
            const c: Case = { where: `cursor (sort=${sort})`, value: cur, expect: forged ? 'validation' : 'lt500', field: forged ? 'cursor' : undefined };
            jobs.push(() => run(c, url({}, [['sort', sort], ['cursor', cur]])));
          }
        }
      }
    }

    // Top-level body properties, one at a time, in each valid base body.
    if (op.bodyProps) {
      for (const base of bases) {
        for (const prop of op.bodyProps) {
          for (const v of hostileJson) {
            perLocation.body! += 1;
            const idLike = isIdParam(prop) && (typeof v === 'string' ? badIds.includes(v) : Array.isArray(v) && v.length > 0 && v.every((x) => x === '2147483648'));
            const outOfInt = (prop === 'version' || prop === 'position') && typeof v === 'number' && v > 2147483647;
            const refused = hasNul(v) || v === DEEP || idLike || outOfInt;
            const c: Case = { where: `body ${prop}`, value: v, expect: refused ? 'validation' : 'lt500', field: idLike || outOfInt ? prop : undefined };
            jobs.push(async () => run(c, url({}, []), { ...(await baseBody(base)), [prop]: v }));
          }
        }
      }
    }

    // Whole bodies, for every method that takes one.
    if (op.method !== 'GET') {
      for (const raw of hostileBodies) {
        perLocation['whole body']! += 1;
        const mustRefuse = raw === hundredKDeep || raw.startsWith('{"a":{"a":') || raw.includes('\\u0000');
        jobs.push(() => run({ where: 'whole body', value: raw, expect: mustRefuse ? 'client' : 'lt500' }, url({}, []), undefined, raw));
      }
    }

    if (op.method === 'GET') {
      for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map((job) => job()));
    } else {
      for (const job of jobs) await job();
    }

    expect(failures).toEqual([]);
  });

  it('swept every location', () => {
    const params = {
      path: operations.reduce((n, o) => n + o.pathParams.length, 0),
      query: operations.reduce((n, o) => n + o.queryParams.length, 0),
      body: operations.reduce((n, o) => n + (o.bodyProps?.length ?? 0), 0),
      hidden: operations.filter((o) => o.hidden).length,
    };
    console.log(`hostile sweep: ${operations.length} operations, ${total} requests`, { params, requests: perLocation });
    expect(total).toBeGreaterThan(5000);
  });
});

interface ErrorJson {
  error: { code: string; fields?: Record<string, string> };
}

describe('names, ids and cursors through the API (the same on both engines)', () => {
  it('refuses names that show nothing and strips bidi controls from the ones it keeps', async () => {
    const invisible = await admin.post('/api/v1/accounts', { name: '\u200b\u200b\u200b' });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json<ErrorJson>().error.fields?.name).toBe('must contain a visible character');

    const a = await makeAccount(admin, { name: '\u202eAcme\u2069 AG', tags: ['\u202evip', '\u200bkey\u200b'] });
    expect(a.name).toBe('Acme AG');
    expect([...a.tags].sort()).toEqual(['key', 'vip']);

    const tag = await admin.post('/api/v1/tags', { name: '\u2066\u2069' });
    expect(tag.json<ErrorJson>().error.fields?.name).toBe('must contain a visible character');
    const type = await admin.post('/api/v1/contact-types', { name: '\u200d' });
    expect(type.json<ErrorJson>().error.fields?.name).toBe('must contain a visible character');
    const user = await admin.post('/api/v1/users', { email: `spoof-${u()}@example.com`, name: '\u200b\u200c', password: PASSWORD, role: 'sales' });
    expect(user.json<ErrorJson>().error.fields?.name).toBe('must contain a visible character');
  });

  it('keeps the first-or-last-name rule for contacts, and an invisible first name is an error, not an empty one', async () => {
    const onlyLast = await makeContact(admin, { firstName: '', lastName: ' \u202eMüller ' });
    expect(onlyLast).toMatchObject({ firstName: null, lastName: 'Müller' });
    const none = await admin.post('/api/v1/contacts', { firstName: '  ', lastName: '' });
    expect(none.json<ErrorJson>().error.fields?.lastName).toBe('a first or a last name is required');
    const invisible = await admin.post('/api/v1/contacts', { firstName: '\u200b\u200b\u200b', lastName: 'Real' });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json<ErrorJson>().error.fields?.firstName).toBe('must contain a visible character');
  });

  it('answers 400 for ids the database cannot hold, and 404 for the largest one it can', async () => {
    for (const url of ['/api/v1/accounts/2147483648', '/api/v1/contacts/9223372036854775808', '/api/v1/accounts?ownerId=2147483648']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorJson>().error.code).toBe('validation_failed');
    }
    expect((await admin.get('/api/v1/accounts/2147483647')).statusCode).toBe(404);
  });

  it('refuses NUL anywhere and absurd nesting with 400 validation_failed, naming the field', async () => {
    const q = await admin.get('/api/v1/contacts?q=a%00b');
    expect(q.json<ErrorJson>().error.fields).toEqual({ q: 'must not contain a NUL character' });
    const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a\u0000@example.com', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json<ErrorJson>().error.fields).toEqual({ email: 'must not contain a NUL character' });
    const deepBody = await admin.raw({ method: 'POST', url: '/api/v1/accounts', payload: hundredKDeep, headers: { 'content-type': 'application/json' } });
    expect(deepBody.statusCode).toBe(400);
    expect(deepBody.json<ErrorJson>().error.code).toBe('validation_failed');
  });

  it('pages through number, integer and text sort columns with the cursors it issues, and refuses cursors of another kind', async () => {
    const tag = `paging-${u()}`;
    for (let i = 0; i < 5; i++) await makeAccount(admin, { name: `Paging ${i}`, employees: i === 2 ? null : i * 1000, annualRevenue: i === 3 ? null : i * 1.5, tags: [tag] });
    for (const sort of ['employees', '-employees', 'annualRevenue', '-annualRevenue', 'name', 'website']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await admin.get(`/api/v1/accounts?tag=${tag}&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, sort).toBe(200);
        const page = res.json<{ data: Array<{ id: string }>; nextCursor: string | null }>();
        seen.push(...page.data.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(5);
    }
    const wrongKind: Array<[string, unknown]> = [
      ['employees', ['abc', 1]],
      ['employees', [1.5, 1]],
      ['employees', [1e19, 1]],
      ['annualRevenue', ['abc', 1]],
      ['name', [1, 1]],
      ['createdAt', [null, 1]],
    ];
    for (const [sort, value] of wrongKind) {
      const res = await admin.get(`/api/v1/accounts?sort=${sort}&cursor=${b64(value)}`);
      expect(res.statusCode, `${sort} ${JSON.stringify(value)}`).toBe(400);
      expect(res.json<ErrorJson>().error.fields?.cursor).toBeDefined();
    }
    for (const url of ['/api/v1/recycle-bin?module=contacts&cursor=', '/api/v1/audit-log?cursor=']) {
      const res = await admin.get(url + b64(['2025-01-01T00:00:00.000Z', 2147483648]));
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorJson>().error.fields?.cursor).toBeDefined();
    }
  });
});
