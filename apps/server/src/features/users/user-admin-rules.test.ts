/**
 * The `users` admin right is not a full administrator (issue #8, items 1 and 9): nobody grants more than they hold,
 * only administrators manage administrators and define roles and profiles, nobody edits the profile they hold, and a
 * password reset or change ends what the old password may have handed out.
 */
import { describe, expect, it } from 'vitest';
import type { Profile, RoleNode } from '@kontor/contract/permissions';
import type { User } from '@kontor/contract/users';
import { useHarness, type TestClient } from '../../test/harness.ts';

const { h, admin } = useHarness();

const profiles = async () => (await admin.get('/api/v1/profiles')).json<{ data: Profile[] }>().data;
const profileId = async (key: string) => (await profiles()).find((p) => p.key === key)?.id ?? '';
const emailOf = async (c: TestClient) => (await c.get('/api/v1/me')).json<User>().email;
const asToken = (token: string) => ({ method: 'GET' as const, url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

/** A user manager: the `users` admin right and a little record access, in the manager role (below admin, above sales). */
async function userManager() {
  const res = await admin.post('/api/v1/profiles', {
    name: `User manager ${Date.now()}${Math.random()}`,
    rights: { modules: { accounts: ['view', 'create', 'edit'], contacts: ['view', 'create', 'edit'] }, admin: ['users'] },
  });
  const profile = res.json<Profile>();
  return { client: await h.client('manager', { profileId: profile.id }), profile };
}

describe('the users admin right', () => {
  it('creates and invites only into weaker profiles and roles below its own', async () => {
    const { client: um, profile } = await userManager();
    const readOnly = await profileId('read_only');
    const make = (role: string, pid: string, email: string) => um.post('/api/v1/users', { email, name: 'New', password: 'new-password-1', role, profileId: pid });
    expect((await make('admin', await profileId('administrator'), 'a1@esc.example')).statusCode).toBe(403);
    expect((await make('sales', await profileId('administrator'), 'a2@esc.example')).statusCode).toBe(403);
    // The salesperson profile may share and delete, which this user manager may not.
    expect((await make('sales', await profileId('salesperson'), 'a3@esc.example')).statusCode).toBe(403);
    expect((await make('manager', readOnly, 'a4@esc.example')).statusCode).toBe(403);
    expect((await make('admin', readOnly, 'a5@esc.example')).statusCode).toBe(403);
    expect((await um.post('/api/v1/users/invite', { email: 'a6@esc.example', name: 'Inv', role: 'admin', profileId: await profileId('administrator') })).statusCode).toBe(403);
    expect((await make('sales', readOnly, 'ok1@esc.example')).statusCode).toBe(201);
    expect((await make('readonly', profile.id, 'ok2@esc.example')).statusCode).toBe(201);
    expect((await um.post('/api/v1/users/invite', { email: 'ok3@esc.example', name: 'Inv', role: 'sales', profileId: readOnly })).statusCode).toBe(201);
    const emails = (await admin.get('/api/v1/users')).json<{ data: User[] }>().data.map((u) => u.email);
    expect(emails.filter((e) => e.endsWith('@esc.example')).sort()).toEqual(['ok1@esc.example', 'ok2@esc.example', 'ok3@esc.example']);
  });

  it('never touches an administrator: no reset, no deactivation, no edit, no sessions, no tokens', async () => {
    const { client: um } = await userManager();
    const boss = await h.client('admin');
    const bossUser = (await admin.get(`/api/v1/users/${boss.userId}`)).json<User>();
    expect((await um.post(`/api/v1/users/${boss.userId}/password`, { password: 'taken-over-pw' })).statusCode).toBe(403);
    expect((await um.patch(`/api/v1/users/${boss.userId}`, { active: false, version: bossUser.version })).statusCode).toBe(403);
    expect((await um.patch(`/api/v1/users/${boss.userId}`, { name: 'Renamed', version: bossUser.version })).statusCode).toBe(403);
    expect((await um.get(`/api/v1/users/${boss.userId}/sessions`)).statusCode).toBe(403);
    expect((await um.get(`/api/v1/users/${boss.userId}/tokens`)).statusCode).toBe(403);
    expect((await um.post(`/api/v1/users/${boss.userId}/invite`)).statusCode).toBe(403);
    expect((await um.post(`/api/v1/users/${boss.userId}/transfer`, { toUserId: um.userId })).statusCode).toBe(403);
    expect((await h.app.inject(asToken(boss.token))).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/users/${boss.userId}`)).json<User>()).toMatchObject({ name: bossUser.name, active: true, version: bossUser.version });
  });

  it('manages users below it with weaker profiles, but never changes a role or a profile', async () => {
    const { client: um } = await userManager();
    const u = (await um.post('/api/v1/users', { email: `below${Date.now()}@esc.example`, name: 'Below', password: 'below-password', role: 'sales', profileId: await profileId('read_only') })).json<User>();
    expect((await um.patch(`/api/v1/users/${u.id}`, { name: 'Below renamed', version: u.version })).statusCode).toBe(200);
    expect((await um.post(`/api/v1/users/${u.id}/password`, { password: 'reset-password-1' })).statusCode).toBe(204);
    expect((await um.get(`/api/v1/users/${u.id}/sessions`)).statusCode).toBe(200);
    const current = (await admin.get(`/api/v1/users/${u.id}`)).json<User>();
    expect((await um.patch(`/api/v1/users/${u.id}`, { profileId: await profileId('salesperson'), version: current.version })).statusCode).toBe(403);
    expect((await um.patch(`/api/v1/users/${u.id}`, { role: 'manager', version: current.version })).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { profileId: await profileId('salesperson'), version: current.version })).statusCode).toBe(200);
    // Now the user's profile grants share and delete, which the user manager lacks: hands off.
    expect((await um.post(`/api/v1/users/${u.id}/password`, { password: 'reset-password-2' })).statusCode).toBe(403);
    // Repeating the current role is no change: it must not reset the profile to the role's (stronger) default.
    const again = (await admin.get(`/api/v1/users/${u.id}`)).json<User>();
    expect((await admin.patch(`/api/v1/users/${u.id}`, { profileId: await profileId('read_only'), version: again.version })).statusCode).toBe(200);
    const weak = (await admin.get(`/api/v1/users/${u.id}`)).json<User>();
    expect((await um.patch(`/api/v1/users/${u.id}`, { role: 'sales', name: 'Same role', version: weak.version })).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/users/${u.id}`)).json<User>()).toMatchObject({ role: 'sales', profileId: await profileId('read_only') });
    const self = await h.client('admin', { profileId: await profileId('read_only') });
    const me = (await self.get('/api/v1/me')).json<User>();
    // Sending one's own role back is allowed (no change), and it must not bring the role's Administrator profile.
    expect((await self.patch(`/api/v1/users/${self.userId}`, { role: 'admin', version: me.version })).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/users/${self.userId}`)).json<User>().profileId).toBe(await profileId('read_only'));
    // A peer in the same role is not below.
    const peer = await h.client('manager', { profileId: await profileId('read_only') });
    expect((await um.post(`/api/v1/users/${peer.userId}/password`, { password: 'reset-password-3' })).statusCode).toBe(403);
  });

  it('cannot raise its own profile, define profiles or roles, or reset its own password without the current one', async () => {
    const { client: um, profile } = await userManager();
    const raised = { ...profile.rights, admin: ['users', 'settings', 'fields'] };
    expect((await um.patch(`/api/v1/profiles/${profile.id}`, { rights: raised, version: profile.version })).statusCode).toBe(403);
    expect((await um.post('/api/v1/profiles', { name: 'Mine', rights: raised })).statusCode).toBe(403);
    const roles = (await admin.get('/api/v1/roles')).json<{ data: RoleNode[] }>().data;
    expect((await um.post('/api/v1/roles', { name: 'Mine', parentId: roles[0]?.id })).statusCode).toBe(403);
    expect((await um.post(`/api/v1/users/${um.userId}/password`, { password: 'no-current-pw' })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/users/${admin.userId}/password`, { password: 'no-current-pw' })).statusCode).toBe(403);
    // An administrator may edit that profile, since they do not hold it.
    expect((await admin.patch(`/api/v1/profiles/${profile.id}`, { name: 'User manager (renamed)', version: profile.version })).statusCode).toBe(200);
    const holder = await h.client('manager', { profileId: profile.id });
    expect(holder.userId).toBeTruthy();
  });
});

describe('passwords and tokens', () => {
  it("an admin's reset ends every session and API token of the user", async () => {
    const u = await h.client('sales');
    const email = await emailOf(u);
    const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'test-password-123' } });
    const cookie = `kontor_session=${login.cookies.find((c) => c.name === 'kontor_session')?.value}`;
    expect((await admin.post(`/api/v1/users/${u.userId}/password`, { password: 'after-reset-pw' })).statusCode).toBe(204);
    expect((await h.app.inject(asToken(u.token))).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    const audit = (await admin.get('/api/v1/audit-log?action=user.password_reset')).json<{ data: Array<{ targetId: string; details: Record<string, unknown> }> }>().data;
    expect(audit.find((e) => e.targetId === u.userId)?.details).toEqual({ tokensRevoked: 1 });
  });

  it('changing your own password ends your other sessions and, if you ask, your tokens', async () => {
    for (const revokeTokens of [false, true]) {
      const u = await h.client('sales');
      const email = await emailOf(u);
      const sign = async () => {
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'test-password-123' } });
        return { cookie: `kontor_session=${res.cookies.find((c) => c.name === 'kontor_session')?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
      };
      const [mine, other] = [await sign(), await sign()];
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { cookie: mine.cookie, 'x-csrf-token': mine.csrf },
        payload: { currentPassword: 'test-password-123', newPassword: 'changed-password', revokeTokens },
      });
      expect(res.json()).toEqual({ sessionsEnded: 1, tokensRevoked: revokeTokens ? 1 : 0 });
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: mine.cookie } })).statusCode).toBe(200);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: other.cookie } })).statusCode).toBe(401);
      expect((await h.app.inject(asToken(u.token))).statusCode).toBe(revokeTokens ? 401 : 200);
    }
  });

  it("admins list and revoke any user's tokens; others may not", async () => {
    const u = await h.client('sales');
    const second = (await u.post('/api/v1/tokens', { name: 'laptop' })).json<{ id: string; token: string }>();
    const listed = (await admin.get(`/api/v1/users/${u.userId}/tokens`)).json<{ data: Array<{ id: string; name: string }> }>().data;
    expect(listed.map((t) => t.name).sort()).toEqual(['laptop', 'test']);
    expect(JSON.stringify(listed)).not.toContain(second.token);
    const peer = await h.client('sales');
    expect((await peer.get(`/api/v1/users/${u.userId}/tokens`)).statusCode).toBe(403);
    expect((await peer.delete(`/api/v1/users/${u.userId}/tokens/${second.id}`)).statusCode).toBe(403);
    expect((await u.get(`/api/v1/users/${u.userId}/tokens`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/users/${u.userId}/tokens/${second.id}`)).statusCode).toBe(204);
    expect((await h.app.inject(asToken(second.token))).statusCode).toBe(401);
    expect((await h.app.inject(asToken(u.token))).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/users/${peer.userId}/tokens/${second.id}`)).statusCode).toBe(404);
  });
});
