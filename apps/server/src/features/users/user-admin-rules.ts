import type { Kysely } from 'kysely';
import { allRights, noRights, rightsSchema, type Rights } from '@kontor/contract/permissions';
import { modules } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { AppError, fieldError, refused } from '../../errors.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { descendantRoleIds } from '../permissions/load-actor.ts';
import { findProfileRow } from '../permissions/profiles.repository.ts';
import { findRoleIdByKey, listRoleTree } from '../permissions/roles.repository.ts';

/**
 * Who may manage whom (docs/SECURITY.md, "Administration rights"). The `users` admin right lets someone who is not
 * an administrator manage users, but never beyond their own strength:
 *
 * - administrators (the Administrator profile) may do everything;
 * - only administrators define roles and profiles, change a user's role or profile, and manage administrators;
 * - a holder of the `users` right manages only users in roles strictly below their own whose profile grants nothing
 *   they lack, and creates or invites users only into such roles and profiles;
 * - nobody edits the profile they hold, and nobody resets their own password through the admin route.
 */

/** Does `granted` give nothing that `holder` lacks? */
export function rightsWithin(granted: Rights, holder: Rights): boolean {
  for (const module of modules) {
    for (const right of granted.modules[module]) if (!holder.modules[module].includes(right)) return false;
  }
  return granted.admin.every((r) => holder.admin.includes(r));
}

async function profileStrength(db: Kysely<DB>, profileId: number | null): Promise<{ isAdmin: boolean; rights: Rights }> {
  if (profileId == null) return { isAdmin: false, rights: noRights };
  const p = await findProfileRow(db, profileId);
  if (!p) return { isAdmin: false, rights: noRights };
  if (p.key === 'administrator') return { isAdmin: true, rights: allRights };
  return { isAdmin: false, rights: parseJsonColumn(p.rights, rightsSchema, noRights) };
}

/** Only an administrator (the profile, not just an admin right) may do this. */
export function assertAdministrator(actor: Actor, what: string): void {
  if (!actor.isAdmin) throw new AppError('forbidden', `Only an administrator may ${what}.`, undefined, { reason: 'administrator_only' });
}

/** Role ids strictly below the actor's role. */
async function rolesBelow(db: Kysely<DB>, actor: Actor): Promise<Set<number>> {
  if (actor.roleId == null) return new Set();
  return new Set(descendantRoleIds(await listRoleTree(db), actor.roleId));
}

/** May the actor give a user this role and profile (creating or inviting them)? */
export async function assertMayGrant(db: Kysely<DB>, actor: Actor, role: string, profileId: number): Promise<void> {
  assertAdmin(actor, 'users');
  if (actor.isAdmin) return;
  const strength = await profileStrength(db, profileId);
  if (strength.isAdmin || !rightsWithin(strength.rights, actor.rights)) {
    throw refused('forbidden', 'grant_profile', undefined, { profileId: fieldError('profile_too_strong') });
  }
  const roleId = await findRoleIdByKey(db, role);
  if (roleId === undefined || !(await rolesBelow(db, actor)).has(roleId)) {
    throw refused('forbidden', 'place_role', undefined, { role: fieldError('role_not_below') });
  }
}

/**
 * May the actor manage this existing user (edit, deactivate, reset, invite again, end sessions, revoke tokens,
 * transfer their records)? Themselves only where `self` allows it.
 */
export async function assertMayManageUser(
  db: Kysely<DB>,
  actor: Actor,
  target: { id: number; role: string; profile_id: number | null },
  opts: { self?: boolean } = {},
): Promise<void> {
  if (target.id === actor.id) {
    if (opts.self) return;
    throw refused('forbidden', 'own_settings');
  }
  assertAdmin(actor, 'users');
  if (actor.isAdmin) return;
  const strength = await profileStrength(db, target.profile_id);
  if (strength.isAdmin) throw refused('forbidden', 'manage_administrators');
  if (!rightsWithin(strength.rights, actor.rights)) throw refused('forbidden', 'stronger_profile');
  const roleId = await findRoleIdByKey(db, target.role);
  if (roleId === undefined || !(await rolesBelow(db, actor)).has(roleId)) throw refused('forbidden', 'manage_below');
}
