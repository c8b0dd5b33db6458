import { describe, expect, it } from 'vitest';
import type { User } from '@kontor/contract/users';
import { useHarness } from '../../test/harness.ts';

const { h, admin } = useHarness();

const publicCall = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  h.app.inject({ method, url, ...(payload !== undefined && { payload: payload as string }) });

describe('invitations', () => {
  it('invites a user who sets their own password through a one-time link', async () => {
    const res = await admin.post('/api/v1/users/invite', { email: 'New.Hire@example.com', name: 'New Hire', role: 'sales', locale: 'ro' });
    expect(res.statusCode).toBe(201);
    const { user, invitePath } = res.json<{ user: User; invitePath: string }>();
    expect(user).toMatchObject({ email: 'new.hire@example.com', role: 'sales', profileName: 'Salesperson', locale: 'ro', invitePending: true });
    const token = invitePath.replace('/invite/', '');

    expect((await publicCall('POST', '/api/v1/auth/login', { email: 'new.hire@example.com', password: 'anything-at-all' })).statusCode).toBe(401);
    const info = await publicCall('GET', `/api/v1/auth/invite/${token}`);
    expect(info.json()).toMatchObject({ email: 'new.hire@example.com', name: 'New Hire' });
    expect((await publicCall('POST', `/api/v1/auth/invite/${token}`, { password: 'short' })).statusCode).toBe(400);
    const accepted = await publicCall('POST', `/api/v1/auth/invite/${token}`, { password: 'my-own-password' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies.some((c) => c.name === 'kontor_session' && c.httpOnly)).toBe(true);
    expect(accepted.json()).toMatchObject({ user: { invitePending: false }, permissions: { isAdmin: false, rights: { modules: { contacts: expect.arrayContaining(['view', 'edit']) } } } });
    expect((await admin.get(`/api/v1/users/${user.id}`)).json<User>().invitePending).toBe(false);
    expect((await publicCall('POST', `/api/v1/auth/invite/${token}`, { password: 'again-password' })).statusCode).toBe(404);
    expect((await publicCall('GET', `/api/v1/auth/invite/${token}`)).statusCode).toBe(404);
    expect((await publicCall('POST', '/api/v1/auth/login', { email: 'new.hire@example.com', password: 'my-own-password' })).statusCode).toBe(200);
  });

  it('replaces a lost link, refuses unknown and expired ones, and is for admins only', async () => {
    const first = (await admin.post('/api/v1/users/invite', { email: 'lost@example.com', name: 'Lost', role: 'sales' })).json<{ user: User; invitePath: string }>();
    const second = (await admin.post(`/api/v1/users/${first.user.id}/invite`)).json<{ invitePath: string }>();
    expect((await publicCall('GET', `/api/v1/auth/invite/${first.invitePath.slice(8)}`)).statusCode).toBe(404);
    expect((await publicCall('GET', `/api/v1/auth/invite/${second.invitePath.slice(8)}`)).statusCode).toBe(200);
    await h.database.db.updateTable('user_invites').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await publicCall('GET', `/api/v1/auth/invite/${second.invitePath.slice(8)}`)).statusCode).toBe(404);
    expect((await publicCall('GET', '/api/v1/auth/invite/not-a-real-token-at-all-xx')).statusCode).toBe(404);
    const sales = await h.client('sales');
    expect((await sales.post('/api/v1/users/invite', { email: 'x@example.com', name: 'X', role: 'admin' })).statusCode).toBe(403);
  });
});
