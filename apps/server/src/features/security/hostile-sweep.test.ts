/**
 * The generated hostile sweep (issue #8, items 7 and 10): every route the app serves (from the OpenAPI document, plus
 * the routes hidden from it) gets every hostile value in each path parameter, each query parameter and each top-level
 * body property, one at a time, with everything else valid and pointing at real records, so the hostile value is what
 * is tested. Every answer must be below 500, and the values the mechanisms refuse (ids out of range, NUL bytes, nesting,
 * forged cursors) must be the same 400 on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import { accountSortFields } from '@kontor/contract/accounts';
import { contactSortFields } from '@kontor/contract/contacts';
import { createHarness, useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { createSession } from '../auth/sessions.ts';
import { sha256 } from '../auth/tokens.ts';

const { h, admin } = useHarness();

// ---------------------------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------------------------

const NUL = 'a\u0000b';
/** Ids the database cannot hold, or that are not ids at all: a path or filter id with any of these is a 400. */
const badIds = ['2147483648', '9223372036854775808', '99999999999999999999', '-1', '0', '1.5', 'abc', '1e3', ' 1', NUL];
/** Text hostile anywhere: every one is a string a client can send in a path, a query or a body. */
const hostileStrings = [...badIds, 'x'.repeat(10_000), '\u200b\u200b\u200b', '\u202egnp.exe', 'NaN', 'Infinity', 'true', 'null', ' '];
const deep = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const DEEP = deep(100);
/** JSON values for body properties: the strings above plus numbers out of every range, wrong types and containers. */
const hostileJson: unknown[] = [
  ...hostileStrings,
  2147483648,
  2 ** 63,
  1e308,
  -1e308,
  -1,
  0,
  1.5,
  true,
  false,
  null,
  [],
  [NUL],
  ['2147483648'],
  [2147483648],
  [null],
  {},
  { a: NUL },
  { [NUL]: 1 },
  { a: { b: { c: 1 } } },
  DEEP,
];
const hundredKDeep = '['.repeat(100_000) + ']'.repeat(100_000);
/** Whole request bodies: raw text with a JSON content type. */
const hostileBodies: string[] = [
  hundredKDeep,
  '{"a":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_001),
  '"abc"',
  'null',
  'true',
  '1e308',
  '[]',
  '[{}]',
  '{',
  '{"a":"\\u0000"}',
  '{"\\u0000":1}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  JSON.stringify({ x: 'y'.repeat(10_000) }),
];

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** Forged keyset cursors: each is refused (400, fields.cursor) on every list, whatever the sort. */
const forgedCursors = [
  b64(['a', 2147483648]),
  b64('["a",9223372036854775808]'),
  b64(['a', -1]),
  b64(['a', 0]),
  b64(['a', 1.5]),
  b64(['a', '1']),
  b64([1, 2147483648]),
  b64([NUL, 1]),
  b64([null, 1]),
  b64([[], 1]),
  b64([{}, 1]),
  b64('[1e400, 1]'),
  b64(['a', 1, 2]),
  b64([1]),
  b64('"x"'),
  b64('{"0":"a","1":1}'),
  b64('null'),
  b64('not json'),
  '!!!not-base64!!!',
  'x'.repeat(499),
];
/** Cursors of the wrong kind for some sort columns: refused where the kind is wrong, below 500 everywhere. */
const kindCursors = [b64(['abc', 1]), b64([1, 1]), b64([1.5, 1]), b64([1e308, 1]), b64('[9007199254740993,1]'), b64(['x'.repeat(1001), 1]), b64(['2025-01-01T00:00:00.000Z', 1])];

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
// Real records, fresh for each operation (a hostile value that is accepted may change or delete one)
// ---------------------------------------------------------------------------------------------------------------

let uniq = 0;
const u = () => `${Date.now().toString(36)}${(uniq += 1)}`;
const PASSWORD = 'test-password-123';

interface Fixtures {
  account: Account;
  account2: Account;
  contact: Contact;
  contact2: Contact;
  deletedAccount: Account;
  tagId: string;
  tag2Id: string;
  contactTypeId: string;
  customFieldId: string;
  roleId: string;
  salesRoleId: string;
  profileId: string;
  /** Another user (invited, so no password hashing per fixture set), with a session, a token and a pending invitation. */
  user: { id: string };
  userTokenId: string;
  userSessionId: string;
  inviteToken: string;
  ownTokenId: string;
  accountShareId: string;
  contactShareId: string;
  deal: { id: string };
  dealShareId: string;
  pipelineId: string;
  pipeline2Id: string;
}

async function ok<T>(res: Promise<LightMyRequestResponse>, what: string): Promise<T> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`fixture ${what}: ${r.statusCode} ${r.body}`);
  return r.statusCode === 204 ? (undefined as T) : r.json<T>();
}

async function makeFixtures(c: TestClient): Promise<Fixtures> {
  // A swept PATCH may have made a custom field required (`required: true` is a valid value); records must stay creatable.
  await h.database.db.updateTable('custom_field_defs').set({ required: 0 }).execute();
  const account = await makeAccount(c);
  const account2 = await makeAccount(c);
  const contact = await makeContact(c, { accountId: account.id });
  const contact2 = await makeContact(c);
  const deletedAccount = await makeAccount(c);
  await ok(c.delete(`/api/v1/accounts/${deletedAccount.id}`), 'delete account');
  const tag = await ok<{ id: string }>(c.post('/api/v1/tags', { name: `tag ${u()}` }), 'tag');
  const tag2 = await ok<{ id: string }>(c.post('/api/v1/tags', { name: `tag ${u()}` }), 'tag');
  const ct = await ok<{ id: string }>(c.post('/api/v1/contact-types', { name: `type ${u()}` }), 'contact type');
  const cf = await ok<{ id: string }>(c.post('/api/v1/custom-fields', { module: 'accounts', key: `f${u()}`, label: 'Field', type: 'text' }), 'custom field');
  const roles = (await ok<{ data: Array<{ id: string; key: string }> }>(c.get('/api/v1/roles'), 'roles')).data;
  const salesRoleId = roles.find((r) => r.key === 'sales')?.id ?? '';
  const role = await ok<{ id: string }>(c.post('/api/v1/roles', { name: `role ${u()}`, parentId: salesRoleId }), 'role');
  const profile = await ok<{ id: string }>(c.post('/api/v1/profiles', { name: `profile ${u()}`, rights: viewRights }), 'profile');
  const invite = await ok<{ user: { id: string }; invitePath: string }>(c.post('/api/v1/users/invite', { email: `other-${u()}@example.com`, name: 'Other User', role: 'sales' }), 'invite');
  const userId = Number(invite.user.id);
  const session = await createSession(h.database.db, userId, { ip: null, userAgent: null });
  const userToken = await createApiToken(h.database.db, userId, 'sweep');
  const ownToken = await ok<{ id: string }>(c.post('/api/v1/tokens', { name: `sweep ${u()}` }), 'token');
  const accountShare = await ok<{ id: string }>(c.post(`/api/v1/accounts/${account.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const contactShare = await ok<{ id: string }>(c.post(`/api/v1/contacts/${contact.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const deal = await ok<{ id: string }>(c.post('/api/v1/deals', { name: `Deal ${u()}`, accountId: account.id, amount: 100 }), 'deal');
  const dealShare = await ok<{ id: string }>(c.post(`/api/v1/deals/${deal.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const stages = [{ name: 'One', probability: 10 }, { name: 'Two', probability: 50 }];
  const pipeline = await ok<{ id: string }>(c.post('/api/v1/pipelines', { name: `pipeline ${u()}`, stages }), 'pipeline');
  const pipeline2 = await ok<{ id: string }>(c.post('/api/v1/pipelines', { name: `pipeline ${u()}`, stages }), 'pipeline');
  return {
    deal,
    dealShareId: dealShare.id,
    pipelineId: pipeline.id,
    pipeline2Id: pipeline2.id,
    account,
    account2,
    contact,
    contact2,
    deletedAccount,
    tagId: tag.id,
    tag2Id: tag2.id,
    contactTypeId: ct.id,
    customFieldId: cf.id,
    roleId: role.id,
    salesRoleId,
    profileId: profile.id,
    user: { id: invite.user.id },
    userTokenId: String(userToken.id),
    userSessionId: sha256(session.token),
    inviteToken: invite.invitePath.split('/').pop() ?? '',
    ownTokenId: ownToken.id,
    accountShareId: accountShare.id,
    contactShareId: contactShare.id,
  };
}

/** A user with a password, made once, for the login sweep (hashing a password per fixture set costs seconds). */
let loginUser: Promise<{ email: string }> | undefined;
const loginEmail = async (c: TestClient): Promise<string> => {
  const email = `login-${u()}@example.com`;
  loginUser ??= ok<{ email: string }>(c.post('/api/v1/users', { email, name: 'Login User', password: PASSWORD, role: 'sales' }), 'login user');
  return (await loginUser).email;
};

/** The real value of a path parameter, so that only the parameter under test is hostile. */
function realParam(path: string, name: string, fx: Fixtures): string {
  const segs = path.split('/');
  const before = segs[segs.indexOf(`:${name}`) - 1];
  const module = path.startsWith('/api/v1/contacts') ? 'contacts' : path.startsWith('/api/v1/deals') ? 'deals' : 'accounts';
  if (name === '*') return 'x';
  if (name === 'module') return 'accounts';
  if (name === 'token') return fx.inviteToken;
  if (name === 'shareId') return { contacts: fx.contactShareId, deals: fx.dealShareId, accounts: fx.accountShareId }[module];
  if (name === 'tokenId') return fx.userTokenId;
  if (name === 'sessionId') return fx.userSessionId;
  if (name === 'id') {
    if (path.startsWith('/api/v1/recycle-bin')) return fx.deletedAccount.id;
    const byResource: Record<string, string> = {
      accounts: fx.account.id,
      contacts: fx.contact.id,
      users: fx.user.id,
      tokens: fx.ownTokenId,
      tags: fx.tagId,
      'contact-types': fx.contactTypeId,
      'custom-fields': fx.customFieldId,
      roles: fx.roleId,
      profiles: fx.profileId,
      deals: fx.deal.id,
      pipelines: fx.pipelineId,
    };
    const v = before ? byResource[before] : undefined;
    if (v) return v;
  }
  throw new Error(`hostile sweep: no real value for :${name} in ${path}; add one to realParam()`);
}

type Body = Record<string, unknown>;
type BaseBody = (fx: Fixtures, c: TestClient) => Body | Promise<Body>;

const viewRights = { modules: { accounts: ['view'], contacts: ['view'] }, admin: [] };
const versionOf = async (c: TestClient, url: string, id?: string): Promise<number> => {
  const r = (await c.get(url)).json<{ version?: number; data?: Array<{ id: string; version: number }> }>();
  return (id ? r.data?.find((x) => x.id === id)?.version : r.version) ?? 1;
};

/**
 * A valid body for each operation that takes one (its variants are swept separately), built fresh for every request:
 * unique names, current versions. An operation with a body and no entry here fails the sweep, so new routes join it.
 */
const baseBodies: Record<string, BaseBody[]> = {
  'POST /api/v1/auth/login': [async (_fx, c) => ({ email: await loginEmail(c), password: PASSWORD })],
  'POST /api/v1/auth/invite/:token': [() => ({ password: 'a-new-password-1' })],
  'PATCH /api/v1/me': [() => ({})],
  'POST /api/v1/tokens': [() => ({ name: `token ${u()}` })],
  'POST /api/v1/users': [() => ({ email: `new-${u()}@example.com`, name: 'New User', password: PASSWORD, role: 'sales' })],
  'PATCH /api/v1/users/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/users/${fx.user.id}`) })],
  'POST /api/v1/users/invite': [() => ({ email: `invited-${u()}@example.com`, name: 'Invited', role: 'sales' })],
  'POST /api/v1/users/:id/password': [() => ({ password: 'a-new-password-1' })],
  'POST /api/v1/users/:id/transfer': [(_fx, c) => ({ toUserId: c.userId })],
  'POST /api/v1/me/password': [() => ({ currentPassword: PASSWORD, newPassword: 'a-new-password-1' })],
  'POST /api/v1/accounts': [() => ({ name: `Hostile ${u()} AG` })],
  'PATCH /api/v1/accounts/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/accounts/${fx.account.id}`) })],
  'POST /api/v1/accounts/:id/contacts': [(fx) => ({ contactId: fx.contact2.id })],
  'POST /api/v1/contacts': [() => ({ lastName: `Hostile ${u()}` })],
  'PATCH /api/v1/contacts/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/contacts/${fx.contact.id}`) })],
  'POST /api/v1/contacts/:id/move': [async (fx, c) => ({ accountId: fx.account2.id, version: await versionOf(c, `/api/v1/contacts/${fx.contact.id}`) })],
  'POST /api/v1/tags': [() => ({ name: `tag ${u()}` })],
  'PATCH /api/v1/tags/:id': [() => ({})],
  'POST /api/v1/tags/:id/merge': [(fx) => ({ intoId: fx.tag2Id })],
  'POST /api/v1/contact-types': [() => ({ name: `type ${u()}` })],
  'PATCH /api/v1/contact-types/:id': [() => ({})],
  'POST /api/v1/custom-fields': [() => ({ module: 'accounts', key: `k${u()}`, label: 'Label', type: 'text' })],
  'PATCH /api/v1/custom-fields/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/custom-fields?module=accounts', fx.customFieldId) })],
  'PUT /api/v1/settings': [async (_fx, c) => (await c.get('/api/v1/settings')).json<Body>()],
  'POST /api/v1/accounts/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/contacts/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/roles': [(fx) => ({ name: `role ${u()}`, parentId: fx.salesRoleId })],
  'PATCH /api/v1/roles/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/roles', fx.roleId) })],
  'POST /api/v1/profiles': [() => ({ name: `profile ${u()}`, rights: viewRights })],
  'PATCH /api/v1/profiles/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/profiles', fx.profileId) })],
  'POST /api/v1/deals': [(fx) => ({ name: `Hostile deal ${u()}`, accountId: fx.account.id })],
  'PATCH /api/v1/deals/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/deals/${fx.deal.id}`) })],
  'POST /api/v1/deals/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/pipelines': [() => ({ name: `pipeline ${u()}`, stages: [{ name: 'Only', probability: 10 }] })],
  'PATCH /api/v1/pipelines/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/pipelines/${fx.pipelineId}`) })],
};

/** Query parameters an operation requires, so that the one under test is what is refused. */
const baseQueries: Record<string, Array<[string, string]>> = {
  'GET /api/v1/recycle-bin': [['module', 'accounts']],
  'GET /api/v1/custom-fields': [['module', 'accounts']],
};

/** Operations on the caller's own credentials (a hostile value may change its password or revoke its token): each request gets a fresh caller. */
const ownCredentials = new Set(['POST /api/v1/me/password', 'POST /api/v1/auth/logout']);

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
    if (!fixtures || fixturesDirty) fixtures = await makeFixtures(admin);
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
