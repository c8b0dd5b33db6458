/**
 * Limits that hold under pressure (issue #8, items 4-6): the login throttle under any concurrency and across
 * processes, client addresses that cannot be forged unless a proxy is configured, and an API rate limit keyed on
 * what the caller really is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../app.ts';
import { parseTrustProxy } from '../../config.ts';
import { openDatabase } from '../../db/open.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { LOGIN_LIMITS } from './throttle.ts';

const wrongLogin = (email: string, extra: Partial<InjectOptions> = {}): InjectOptions => ({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { email, password: 'definitely-wrong-1' },
  ...extra,
});
const statuses = (codes: number[]) => codes.reduce<Record<number, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe('login throttle', () => {
  let h: Harness;
  let second: { app: FastifyInstance; close(): Promise<void> };
  beforeAll(async () => {
    h = await createHarness();
    // A second server process over the same database: its own pool, its own app.
    const database = await openDatabase(h.database.config);
    const app = await buildApp(h.database.config, database);
    await app.ready();
    second = { app, close: async () => (await app.close(), await database.close()) };
  });
  afterAll(async () => {
    await second.close();
    await h.close();
  });

  it('checks at most the limit of 40 parallel attempts on one address, across two processes', async () => {
    const target = await h.client('sales');
    const email = (await target.get('/api/v1/me')).json<{ email: string }>().email;
    const attempts = Array.from({ length: 40 }, (_, i) => (i % 2 ? second.app : h.app).inject(wrongLogin(email, { remoteAddress: `10.1.0.${i}` })));
    const codes = (await Promise.all(attempts)).map((r) => r.statusCode);
    expect(statuses(codes)).toEqual({ 401: LOGIN_LIMITS.account, 429: 40 - LOGIN_LIMITS.account });
    const failures = (await h.database.db.selectFrom('audit_log').select('id').where('action', '=', 'login.failure').execute()).length;
    expect(failures).toBe(LOGIN_LIMITS.account);
    // Even the right password is refused now, with the same answer as for an unknown address.
    const right = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'test-password-123' } });
    expect(right.statusCode).toBe(429);
  });

  it('gives a successful sign-in its slots back', async () => {
    const u = await h.client('sales');
    const email = (await u.get('/api/v1/me')).json<{ email: string }>().email;
    for (let i = 0; i < LOGIN_LIMITS.account - 1; i++) expect((await h.app.inject(wrongLogin(email, { remoteAddress: '10.2.0.1' }))).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'test-password-123' }, remoteAddress: '10.2.0.1' })).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.account; i++) expect((await h.app.inject(wrongLogin(email, { remoteAddress: '10.2.0.1' }))).statusCode).toBe(401);
    expect((await h.app.inject(wrongLogin(email, { remoteAddress: '10.2.0.1' }))).statusCode).toBe(429);
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For unless a proxy is configured: the per-IP login limit holds and the audit log is true', async () => {
    const h = await createHarness();
    try {
      const forged = (i: number) => wrongLogin(`nobody${i}@example.com`, { remoteAddress: '192.0.2.7', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      const codes: number[] = [];
      for (let i = 0; i <= LOGIN_LIMITS.ip; i++) codes.push((await h.app.inject(forged(i))).statusCode);
      expect(codes.slice(0, LOGIN_LIMITS.ip).every((c) => c === 401)).toBe(true);
      expect(codes[LOGIN_LIMITS.ip]).toBe(429);
      const ips = await h.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'login.failure').execute();
      expect(new Set(ips.map((r) => r.ip))).toEqual(new Set(['192.0.2.7']));
    } finally {
      await h.close();
    }
  });

  it('believes X-Forwarded-For from a configured proxy only', async () => {
    const h = await createHarness({ trustProxy: ['192.0.2.1'] });
    try {
      await h.app.inject(wrongLogin('a@example.com', { remoteAddress: '192.0.2.1', headers: { 'x-forwarded-for': '198.51.100.5' } }));
      await h.app.inject(wrongLogin('b@example.com', { remoteAddress: '192.0.2.99', headers: { 'x-forwarded-for': '198.51.100.6' } }));
      const ips = (await h.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'login.failure').orderBy('id').execute()).map((r) => r.ip);
      expect(ips).toEqual(['198.51.100.5', '192.0.2.99']);
    } finally {
      await h.close();
    }
  });

  it('reads KONTOR_TRUST_PROXY strictly', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.0/8, loopback, ::1')).toEqual(['10.0.0.0/8', 'loopback', '::1']);
    expect(() => parseTrustProxy('true')).toThrow(/forge/);
    expect(() => parseTrustProxy('*')).toThrow(/forge/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an address/);
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/not an address/);
  });
});

describe('API rate limit', () => {
  const LIMIT = 5;
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ rateLimitPerMinute: LIMIT });
  });
  afterAll(async () => h.close());

  const burst = async (make: (i: number) => InjectOptions, n = LIMIT + 1) => {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) codes.push((await h.app.inject(make(i))).statusCode);
    return codes;
  };

  it('keys on the user, however the credential is spelled and however many tokens they hold', async () => {
    const c = await h.client('sales');
    const other = (await c.post('/api/v1/tokens', { name: 'second' })).json<{ token: string }>().token; // request 1
    const spellings = [`Bearer ${c.token}`, `Bearer    ${c.token}`, `bearer ${c.token}`, `Bearer ${other}`, `BEARER\t${c.token}  `];
    const codes = await burst((i) => ({ method: 'GET', url: '/api/v1/me', remoteAddress: `10.3.0.${i}`, headers: { authorization: spellings[i % spellings.length] ?? '' } }));
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
    const last = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${other}` } });
    expect(last.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts failed authentication (bad tokens, Basic, no credential) against the address', async () => {
    const remoteAddress = '10.4.0.1';
    const kinds = [{ authorization: 'Bearer kontor_forged' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }, {}, { authorization: 'Bearer' }, { authorization: 'Negotiate x' }];
    const codes = await burst((i) => ({ method: 'GET', url: '/api/v1/accounts', remoteAddress, headers: kinds[i % kinds.length] }));
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('matches the API path after decoding, so /%61pi/ counts as /api/', async () => {
    const remoteAddress = '10.5.0.1';
    const urls = ['/%61pi/v1/accounts', '/api/v1/accounts', '/%2561pi/v1/accounts', '/API/v1/accounts', '//api/v1/accounts', '/%61%70%69/v1/me'];
    const codes = await burst((i) => ({ method: 'GET', url: urls[i % urls.length] ?? '/', remoteAddress }), 8);
    const limited = codes.filter((c) => c === 429).length;
    expect(codes.every((c) => c < 500)).toBe(true);
    expect(limited).toBeGreaterThanOrEqual(2);
  });

  it('a forged X-Forwarded-For does not make a new client', async () => {
    const codes = await burst((i) => ({ method: 'GET', url: '/api/v1/accounts', remoteAddress: '10.6.0.1', headers: { 'x-forwarded-for': `203.0.113.${i}` } }));
    expect(codes.at(-1)).toBe(429);
  });
});
