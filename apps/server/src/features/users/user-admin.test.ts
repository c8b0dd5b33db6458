import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { AuditEntry } from '@kontor/contract/audit';
import type { Profile, RoleNode } from '@kontor/contract/permissions';
import type { SessionInfo, User } from '@kontor/contract/users';
import { createHarness, useHarness } from '../../test/harness.ts';
import { makeAccount } from '../../test/factories.ts';

const { h, admin } = useHarness();

async function login(email: string, password: string) {
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const c = res.cookies.find((x) => x.name === 'kontor_session');
  return { status: res.statusCode, cookie: c ? `kontor_session=${c.value}` : '', csrf: res.statusCode === 200 ? res.json<{ csrfToken: string }>().csrfToken : '' };
}
const auditActions = async () => (await admin.get('/api/v1/audit-log?limit=200')).json<{ data: AuditEntry[] }>().data.map((e) => e.action);

describe('users, sessions and tokens', () => {
  it('answers /me with role and profile', async () => {
    const me = (await admin.get('/api/v1/me')).json<User>();
    expect(me).toMatchObject({ role: 'admin', roleName: 'Administrator', profileName: 'Administrator' });
  });

  it('deactivates a user: sessions end, login fails, records stay and can be transferred', async () => {
    const created = (await admin.post('/api/v1/users', { email: 'leaving@example.com', name: 'Leaving', password: 'leaving-password', role: 'sales' })).json<User>();
    const s = await login('leaving@example.com', 'leaving-password');
    expect(s.status).toBe(200);
    const account = await makeAccount(admin, { ownerId: created.id });
    const off = await admin.patch(`/api/v1/users/${created.id}`, { active: false, version: created.version });
    expect(off.json<User>().active).toBe(false);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    expect((await login('leaving@example.com', 'leaving-password')).status).toBe(401);
    expect((await admin.get(`/api/v1/accounts/${account.id}`)).json<Account>().ownerId).toBe(created.id);
    const moved = await admin.post(`/api/v1/users/${created.id}/transfer`, { toUserId: admin.userId });
    expect(moved.json()).toEqual({ accounts: 1, contacts: 0, deals: 0, activities: 0, leads: 0 });
    expect((await admin.get(`/api/v1/accounts/${account.id}`)).json<Account>().ownerId).toBe(admin.userId);
    expect((await admin.post(`/api/v1/users/${admin.userId}/transfer`, { toUserId: created.id })).statusCode).toBe(400);
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.create', 'user.update', 'user.transfer_records', 'login.success']));
  });

  it('resets a password (all sessions end) and lets users change their own', async () => {
    const u = (await admin.post('/api/v1/users', { email: 'pw@example.com', name: 'Pw', password: 'first-password', role: 'sales' })).json<User>();
    const s1 = await login('pw@example.com', 'first-password');
    await admin.post(`/api/v1/users/${u.id}/password`, { password: 'second-password' });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s1.cookie } })).statusCode).toBe(401);
    const s2 = await login('pw@example.com', 'second-password');
    const other = await login('pw@example.com', 'second-password');
    const wrong = await h.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: s2.cookie, 'x-csrf-token': s2.csrf }, payload: { currentPassword: 'nope', newPassword: 'third-password' } });
    expect(wrong.statusCode).toBe(400);
    const ok = await h.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: s2.cookie, 'x-csrf-token': s2.csrf }, payload: { currentPassword: 'second-password', newPassword: 'third-password' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ sessionsEnded: 1, tokensRevoked: 0 });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s2.cookie } })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: other.cookie } })).statusCode).toBe(401);
  });

  it('lists and revokes sessions', async () => {
    const u = (await admin.post('/api/v1/users', { email: 'sess@example.com', name: 'Sess', password: 'sess-password', role: 'sales' })).json<User>();
    const a = await login('sess@example.com', 'sess-password');
    await login('sess@example.com', 'sess-password');
    const list = (await h.app.inject({ method: 'GET', url: `/api/v1/users/${u.id}/sessions`, headers: { cookie: a.cookie } })).json<{ data: SessionInfo[] }>().data;
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const other = list.find((s) => !s.current);
    expect((await admin.delete(`/api/v1/users/${u.id}/sessions/${other?.id}`)).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/users/${u.id}/sessions`, headers: { cookie: a.cookie } })).json<{ data: SessionInfo[] }>().data).toHaveLength(1);
  });

  it('issues read-only and expiring tokens, stored hashed', async () => {
    const sales = await h.client('sales');
    const read = (await sales.post('/api/v1/tokens', { name: 'reporting', scope: 'read', expiresInDays: 1 })).json<{ token: string; expiresAt: string; scope: string }>();
    expect(read.scope).toBe('read');
    expect(Date.parse(read.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const bearer = { authorization: `Bearer ${read.token}` };
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(200);
    const write = await h.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: bearer, payload: { name: 'No' } });
    expect(write.statusCode).toBe(403);
    await h.database.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('name', '=', 'reporting').execute();
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(401);
  });
});

describe('roles and profiles', () => {
  it('lets admins build the hierarchy and custom profiles, refusing cycles and deleting what is in use', async () => {
    const roles = (await admin.get('/api/v1/roles')).json<{ data: RoleNode[] }>().data;
    const manager = roles.find((r) => r.key === 'manager');
    const sales = roles.find((r) => r.key === 'sales');
    const dach = (await admin.post('/api/v1/roles', { name: 'Sales DACH', parentId: manager?.id })).json<RoleNode>();
    expect(dach).toMatchObject({ key: 'sales_dach', parentId: manager?.id, builtin: false });
    expect((await admin.patch(`/api/v1/roles/${manager?.id}`, { parentId: dach.id, version: manager?.version })).statusCode).toBe(400);
    expect((await admin.delete(`/api/v1/roles/${sales?.id}`)).statusCode).toBe(422);

    const profile = (await admin.post('/api/v1/profiles', { name: 'Contacts clerk', rights: { modules: { accounts: [], contacts: ['create'] }, admin: [] } })).json<Profile>();
    expect(profile.rights.modules.contacts).toEqual(['create', 'view']);
    const clerk = (await admin.post('/api/v1/users', { email: 'clerk@example.com', name: 'Clerk', password: 'clerk-password', role: dach.key, profileId: profile.id })).json<User>();
    expect(clerk).toMatchObject({ role: 'sales_dach', roleName: 'Sales DACH', profileName: 'Contacts clerk' });
    expect((await admin.delete(`/api/v1/profiles/${profile.id}`)).statusCode).toBe(422);
    expect((await admin.delete(`/api/v1/roles/${dach.id}`)).statusCode).toBe(422);
    const administrator = (await admin.get('/api/v1/profiles')).json<{ data: Profile[] }>().data.find((p) => p.key === 'administrator');
    // An administrator holds the Administrator profile, and nobody edits the profile they hold.
    expect((await admin.patch(`/api/v1/profiles/${administrator?.id}`, { rights: { modules: { accounts: [], contacts: [] }, admin: [] }, version: administrator?.version })).statusCode).toBe(403);

    const sales2 = await h.client('sales');
    expect((await sales2.post('/api/v1/roles', { name: 'Mine', parentId: dach.id })).statusCode).toBe(403);
    expect((await sales2.post('/api/v1/profiles', { name: 'Mine', rights: { modules: { accounts: [], contacts: [] }, admin: [] } })).statusCode).toBe(403);
    expect(await auditActions()).toEqual(expect.arrayContaining(['role.create', 'profile.create']));
  });

  it('audits sharing, restrictions and purges', async () => {
    const a = await makeAccount(admin, { restrictedTo: [] });
    const sales = await h.client('sales');
    await admin.post(`/api/v1/accounts/${a.id}/shares`, { userId: sales.userId, access: 'read' });
    await admin.delete(`/api/v1/accounts/${a.id}`);
    await admin.delete(`/api/v1/recycle-bin/accounts/${a.id}`);
    expect(await auditActions()).toEqual(expect.arrayContaining(['record.restrict', 'record.share', 'record.purge']));
    expect((await sales.get('/api/v1/audit-log')).statusCode).toBe(403);
  });
});

describe('API rate limit', () => {
  it('answers 429 with a JSON error past the limit', async () => {
    const limited = await createHarness({ rateLimitPerMinute: 5 });
    try {
      const c = await limited.client('admin');
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await c.get('/api/v1/me')).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const last = await c.get('/api/v1/me');
      expect(last.statusCode).toBe(429);
      expect(last.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
