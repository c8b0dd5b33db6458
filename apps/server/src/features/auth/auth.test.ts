import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../users/users.service.ts';
import { createHarness, type Harness } from '../../test/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await insertUser(h.database.db, { email: 'eva@example.com', name: 'Eva', password: 'correct-horse-battery', role: 'sales', locale: 'de' });
});
afterAll(() => h?.close());

async function login(email: string, password: string) {
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const cookie = res.cookies.find((c) => c.name === 'kontor_session');
  return { res, cookie: cookie ? `kontor_session=${cookie.value}` : '', csrf: res.statusCode === 200 ? res.json<{ csrfToken: string }>().csrfToken : '' };
}

describe('authentication', () => {
  it('serves the OpenAPI document without authentication, and nothing else', async () => {
    const doc = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/accounts', '/api/v1/contacts/{id}', '/api/v1/accounts/{id}/contacts']));
    for (const url of ['/api/v1/accounts', '/api/v1/contacts', '/api/v1/me', '/api/v1/users', '/api/v1/tags']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
    }
  });

  it('logs in with a session cookie, answers the same for unknown e-mail and wrong password', async () => {
    const wrong = await login('eva@example.com', 'wrong-password-xx');
    const unknown = await login('nobody@example.com', 'wrong-password-xx');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json()).toEqual(unknown.res.json());

    const ok = await login('EVA@example.com', 'correct-horse-battery');
    expect(ok.res.statusCode).toBe(200);
    const set = ok.res.cookies.find((c) => c.name === 'kontor_session');
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: ok.cookie } });
    expect(me.json()).toMatchObject({ email: 'eva@example.com', role: 'sales', locale: 'de' });
  });

  it('requires the CSRF token on unsafe cookie requests', async () => {
    const { cookie, csrf } = await login('eva@example.com', 'correct-horse-battery');
    const body = { name: 'CSRF Test AG' };
    const without = await h.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json<{ error: { code: string } }>().error.code).toBe('csrf_failed');
    const forged = await h.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie, 'x-csrf-token': 'forged' }, payload: body });
    expect(forged.statusCode).toBe(403);
    const list = await h.app.inject({ method: 'GET', url: '/api/v1/accounts?q=CSRF', headers: { cookie } });
    expect(list.json<{ data: unknown[] }>().data).toHaveLength(0);
    const good = await h.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie, 'x-csrf-token': csrf }, payload: body });
    expect(good.statusCode).toBe(201);
  });

  it('logs out: the session stops working', async () => {
    const { cookie, csrf } = await login('eva@example.com', 'correct-horse-battery');
    const out = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('creates, uses and revokes API tokens; a revoked token is refused', async () => {
    const client = await h.client('sales');
    const created = await client.post('/api/v1/tokens', { name: 'integration', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json<{ token: string; id: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);
    expect((await client.delete(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
    const stored = await h.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', Number(id)).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
  });

  it('lets a read-only user read but not write, and only admins manage users', async () => {
    const ro = await h.client('readonly');
    expect((await ro.get('/api/v1/accounts')).statusCode).toBe(200);
    expect((await ro.post('/api/v1/accounts', { name: 'Nope' })).statusCode).toBe(403);
    const sales = await h.client('sales');
    expect((await sales.post('/api/v1/users', { email: 'x@example.com', name: 'X', password: 'long-enough-pw', role: 'admin' })).statusCode).toBe(403);
    const admin = await h.client('admin');
    const created = await admin.post('/api/v1/users', { email: 'new@example.com', name: 'New', password: 'long-enough-pw', role: 'sales' });
    expect(created.statusCode).toBe(201);
    const dup = await admin.post('/api/v1/users', { email: 'NEW@example.com', name: 'New', password: 'long-enough-pw', role: 'sales' });
    expect(dup.statusCode).toBe(409);
  });
});

describe('actor cache', () => {
  it('reuses a resolved caller briefly and forgets it when users, roles or settings change here', async () => {
    const cached = await createHarness({ actorCacheMs: 60_000 });
    try {
      const admin = await cached.client('admin');
      const sales = await cached.client('sales');
      expect((await sales.get('/api/v1/accounts')).statusCode).toBe(200);
      // Changed behind the app's back (as another process would): the cached caller stands until the TTL.
      await cached.database.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', Number(sales.userId)).execute();
      expect((await sales.get('/api/v1/accounts')).statusCode).toBe(200);
      // A change through this process's API clears the cache at once.
      const me = (await admin.get(`/api/v1/users/${admin.userId}`)).json<{ version: number }>();
      expect((await admin.patch(`/api/v1/users/${admin.userId}`, { name: 'Renamed', version: me.version })).statusCode).toBe(200);
      expect((await sales.get('/api/v1/accounts')).statusCode).toBe(401);
    } finally {
      await cached.close();
    }
  });
});
