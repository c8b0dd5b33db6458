/**
 * The administration matrix: for every kind of profile x every administration path, the answer the API gives must
 * equal the rules written out below (docs/SECURITY.md): administrators do everything; the `users` right manages
 * users below its holder and never defines roles or profiles; `fields` manages tags and fields; `settings` the
 * settings; nobody else any of it. Adding a path is one line in `paths`.
 */
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { AdminRight, Profile, RoleNode } from '@kontor/contract/permissions';
import type { User } from '@kontor/contract/users';
import { useHarness, type TestClient } from '../../test/harness.ts';

const { h, admin } = useHarness();

type Outcome = 'allowed' | 'denied';
type Kind = 'administrator' | 'sales_manager' | 'salesperson' | 'read_only' | 'users_right' | 'fields_right' | 'settings_right';
const kinds: Kind[] = ['administrator', 'sales_manager', 'salesperson', 'read_only', 'users_right', 'fields_right', 'settings_right'];
const grants: Partial<Record<Kind, AdminRight>> = { users_right: 'users', fields_right: 'fields', settings_right: 'settings' };

interface World {
  adminUser: User;
  below: User;
  profile: (key: string) => Profile;
  roles: RoleNode[];
}

interface AdminPath {
  name: string;
  /** The admin right the path needs; 'administrator' when only administrators may. */
  needs: AdminRight | 'administrator';
  run(c: TestClient, w: World, n: number): Promise<LightMyRequestResponse>;
}

const fresh = (n: number) => `matrix-${n}-${Date.now()}`;

const paths: AdminPath[] = [
  { name: 'create tag', needs: 'fields', run: (c, _w, n) => c.post('/api/v1/tags', { name: fresh(n) }) },
  { name: 'create contact type', needs: 'fields', run: (c, _w, n) => c.post('/api/v1/contact-types', { name: fresh(n) }) },
  { name: 'create custom field', needs: 'fields', run: (c, _w, n) => c.post('/api/v1/custom-fields', { module: 'contacts', key: `f_${n}`, label: `F ${n}`, type: 'text' }) },
  { name: 'change settings', needs: 'settings', run: async (c) => c.put('/api/v1/settings', (await admin.get('/api/v1/settings')).json()) },
  { name: 'read audit log', needs: 'users', run: (c) => c.get('/api/v1/audit-log') },
  { name: 'create user below', needs: 'users', run: (c, w, n) => c.post('/api/v1/users', { email: `${fresh(n)}@matrix.example`, name: 'Below', password: 'below-password-1', role: 'readonly', profileId: w.profile('no_admin').id }) },
  { name: 'reset user below', needs: 'users', run: (c, w) => c.post(`/api/v1/users/${w.below.id}/password`, { password: 'reset-password-1' }) },
  { name: 'create administrator', needs: 'administrator', run: (c, w, n) => c.post('/api/v1/users', { email: `${fresh(n)}@matrix.example`, name: 'Boss', password: 'boss-password-1', role: 'admin', profileId: w.profile('administrator').id }) },
  { name: 'reset administrator', needs: 'administrator', run: (c, w) => c.post(`/api/v1/users/${w.adminUser.id}/password`, { password: 'hijacked-password' }) },
  { name: "read administrator's tokens", needs: 'administrator', run: (c, w) => c.get(`/api/v1/users/${w.adminUser.id}/tokens`) },
  {
    name: 'change the role of a user',
    needs: 'administrator',
    run: async (c, w) => {
      const now = (await admin.get(`/api/v1/users/${w.below.id}`)).json<User>();
      return c.patch(`/api/v1/users/${w.below.id}`, { role: now.role === 'sales' ? 'readonly' : 'sales', profileId: w.profile('no_admin').id, version: now.version });
    },
  },
  { name: 'create profile', needs: 'administrator', run: (c, _w, n) => c.post('/api/v1/profiles', { name: fresh(n), rights: { modules: { accounts: [], contacts: [] }, admin: [] } }) },
  { name: 'create role', needs: 'administrator', run: (c, w, n) => c.post('/api/v1/roles', { name: fresh(n), parentId: w.roles.find((r) => r.key === 'sales')?.id }) },
];

/** The rules, stated plainly. */
function expected(kind: Kind, path: AdminPath): Outcome {
  if (kind === 'administrator') return 'allowed';
  if (path.needs === 'administrator') return 'denied';
  return grants[kind] === path.needs ? 'allowed' : 'denied';
}

describe('administration matrix', () => {
  it('answers every kind of profile x administration path as the rules say', async () => {
    const profiles = (await admin.get('/api/v1/profiles')).json<{ data: Profile[] }>().data;
    const byKey = new Map(profiles.map((p) => [p.key, p]));
    const base = { accounts: ['view', 'create', 'edit'], contacts: ['view', 'create', 'edit'] };
    for (const [kind, right] of Object.entries(grants)) {
      const p = (await admin.post('/api/v1/profiles', { name: kind, rights: { modules: base, admin: [right] } })).json<Profile>();
      byKey.set(kind, p);
    }
    byKey.set('no_admin', (await admin.post('/api/v1/profiles', { name: 'no admin', rights: { modules: { accounts: ['view'], contacts: ['view'] }, admin: [] } })).json<Profile>());
    const world: World = {
      // Another administrator as the target, so the harness's own admin keeps its token.
      adminUser: (await admin.post('/api/v1/users', { email: 'boss@matrix.example', name: 'Boss', password: 'boss-password-1', role: 'admin' })).json<User>(),
      below: (await admin.post('/api/v1/users', { email: 'below@matrix.example', name: 'Below', password: 'below-password-1', role: 'readonly', profileId: byKey.get('no_admin')?.id })).json<User>(),
      profile: (key) => byKey.get(key) ?? (() => { throw new Error(`no profile ${key}`); })(),
      roles: (await admin.get('/api/v1/roles')).json<{ data: RoleNode[] }>().data,
    };
    const mismatches: string[] = [];
    let n = 0;
    for (const kind of kinds) {
      // Everyone sits in the manager role, above the readonly role of the user below.
      const client = await h.client(kind === 'administrator' ? 'admin' : 'manager', { profileId: world.profile(kind).id });
      for (const path of paths) {
        n += 1;
        const res = await path.run(client, world, n);
        const got: Outcome = res.statusCode < 300 ? 'allowed' : res.statusCode === 403 ? 'denied' : (`status ${res.statusCode}: ${res.body}` as Outcome);
        const want = expected(kind, path);
        if (got !== want) mismatches.push(`${kind} ${path.name}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(n).toBe(kinds.length * paths.length);
  });
});
