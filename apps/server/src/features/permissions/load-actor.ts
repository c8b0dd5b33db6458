import type { Kysely } from 'kysely';
import { noRights, rightsSchema } from '@kontor/contract/permissions';
import type { DB, UserRow } from '../../db/schema.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { getSettings } from '../settings/settings.service.ts';
import type { Actor } from './actor.ts';
import { findProfileRow } from './profiles.repository.ts';
import { listRoleTree } from './roles.repository.ts';
import { userIdsInRoles } from '../users/users.repository.ts';

/** Ids of the roles strictly below `roleId` in the tree. */
export function descendantRoleIds(roles: Array<{ id: number; parent_id: number | null }>, roleId: number): number[] {
  const out: number[] = [];
  const queue = [roleId];
  while (queue.length) {
    const current = queue.shift();
    for (const r of roles) {
      if (r.parent_id === current && !out.includes(r.id) && r.id !== roleId) {
        out.push(r.id);
        queue.push(r.id);
      }
    }
  }
  return out;
}

export function ancestorRoleIds(roles: Array<{ id: number; parent_id: number | null }>, roleId: number): number[] {
  const out: number[] = [roleId];
  let current = roles.find((r) => r.id === roleId)?.parent_id ?? null;
  while (current != null && !out.includes(current)) {
    out.push(current);
    current = roles.find((r) => r.id === current)?.parent_id ?? null;
  }
  return out;
}

/** Builds the Actor for a user: profile rights, the owners below them in the role tree, org-wide defaults. */
export async function loadActor(db: Kysely<DB>, user: UserRow, via: Actor['via'], sessionId: string | null): Promise<Actor> {
  const [roles, profile, settings] = await Promise.all([
    listRoleTree(db),
    user.profile_id == null ? undefined : findProfileRow(db, user.profile_id),
    getSettings(db),
  ]);
  const role = roles.find((r) => r.key === user.role);
  const below = role ? descendantRoleIds(roles, role.id) : [];
  const belowKeys = roles.filter((r) => below.includes(r.id)).map((r) => r.key);
  const subordinates = await userIdsInRoles(db, belowKeys);
  const rights = profile ? parseJsonColumn(profile.rights, rightsSchema, noRights) : noRights;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    roleId: role?.id ?? null,
    profileId: user.profile_id,
    locale: user.locale,
    via,
    sessionId,
    rights,
    isAdmin: profile?.key === 'administrator',
    ownerIds: [user.id, ...subordinates],
    shareRoleIds: role ? ancestorRoleIds(roles, role.id) : [],
    orgDefaults: settings.orgDefaults,
  };
}
