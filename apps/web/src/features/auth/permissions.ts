import { modules, type Module } from '@kontor/contract/custom-fields';
import type { AdminRight, ModuleRight, Profile, Rights, RoleNode } from '@kontor/contract/permissions';
import type { User } from '@kontor/contract/users';
import { useProfiles, useRoles, useUsers } from '../../lib/reference';
import { useCurrentUser, useSessionQuery } from './session';

export interface MyRights {
  isAdmin: boolean;
  /** An administration right (users, fields, settings); administrators have them all. */
  admin: (right: AdminRight) => boolean;
  /** A right in a module (view, create, edit, share, delete, export, import). */
  can: (module: Module, right: ModuleRight) => boolean;
}

/** What the signed-in user's profile allows (from the session), so pages show only what will work; the server decides. */
export function useMyRights(): MyRights {
  const session = useSessionQuery().data;
  const isAdmin = session?.permissions.isAdmin ?? false;
  const rights = session?.permissions.rights;
  return {
    isAdmin,
    admin: (right) => isAdmin || Boolean(rights?.admin.includes(right)),
    can: (module, right) => isAdmin || Boolean(rights?.modules[module].includes(right)),
  };
}

/** The role with this key and every role below it in the tree. */
export function roleAndBelow(roles: RoleNode[], key: string): Set<string> {
  const start = roles.find((r) => r.key === key);
  const out = new Set<string>();
  if (!start) return out;
  const queue = [start];
  while (queue.length) {
    const r = queue.shift();
    if (!r || out.has(r.key)) continue;
    out.add(r.key);
    queue.push(...roles.filter((c) => c.parentId === r.id));
  }
  return out;
}

/** Owners the server lets this user assign: administrators anyone; others themselves and the users in roles below theirs. */
export function useAssignableOwners(): { users: User[]; loading: boolean } {
  const me = useCurrentUser();
  const { isAdmin } = useMyRights();
  const users = useUsers();
  const roles = useRoles();
  const list = users.data ?? [];
  if (isAdmin) return { users: list, loading: users.isPending };
  const below = roleAndBelow(roles.data ?? [], me.role);
  below.delete(me.role);
  return { users: list.filter((u) => u.id === me.id || below.has(u.role)), loading: users.isPending || roles.isPending };
}

/** Does `granted` give nothing that `holder` lacks? (The server's `rightsWithin`.) */
export function rightsWithin(granted: Rights, holder: Rights): boolean {
  for (const m of modules) if (granted.modules[m].some((r) => !holder.modules[m].includes(r))) return false;
  return granted.admin.every((r) => holder.admin.includes(r));
}

const ADMIN_PROFILE = 'administrator';

export interface UserManagement {
  /** Administrators define roles and profiles, change a user's role or profile and manage administrators. */
  isAdmin: boolean;
  /** Roles a new user may be given: all for administrators, otherwise those strictly below the viewer's role. */
  grantableRoles: RoleNode[];
  /** Profiles a new user may be given: all for administrators, otherwise those granting nothing the viewer lacks (never Administrator). */
  grantableProfiles: Profile[];
  /** May the viewer manage this other user (edit, deactivate, reset password, re-invite, sessions, tokens, transfer)? False for oneself. */
  mayManage: (user: User) => boolean;
  /** Roles and profiles have loaded (until then nothing is grantable or manageable). */
  ready: boolean;
}

/**
 * Who may manage whom, as the server decides it (apps/server/src/features/users/user-admin-rules.ts): administrators
 * everyone; a holder of the `users` right only users in roles strictly below their own whose profile grants nothing
 * they lack, and never administrators. The one place the Users pages ask.
 */
export function useUserManagement(): UserManagement {
  const session = useSessionQuery().data;
  const me = useCurrentUser();
  const rolesQuery = useRoles();
  const profilesQuery = useProfiles();
  const roles = rolesQuery.data ?? [];
  const profiles = profilesQuery.data ?? [];
  const isAdmin = session?.permissions.isAdmin ?? false;
  const mine = session?.permissions.rights;
  const usersRight = isAdmin || Boolean(mine?.admin.includes('users'));
  const below = roleAndBelow(roles, me.role);
  below.delete(me.role);
  const grantable = (p: Profile) => p.key !== ADMIN_PROFILE && mine !== undefined && rightsWithin(p.rights, mine);
  const mayManage = (u: User): boolean => {
    if (u.id === me.id || !usersRight) return false;
    if (isAdmin) return true;
    if (!below.has(u.role)) return false;
    if (u.profileId === null) return true;
    const profile = profiles.find((p) => p.id === u.profileId);
    return profile !== undefined && grantable(profile);
  };
  return {
    isAdmin,
    grantableRoles: isAdmin ? roles : usersRight ? roles.filter((r) => below.has(r.key)) : [],
    grantableProfiles: isAdmin ? profiles : usersRight ? profiles.filter(grantable) : [],
    mayManage,
    ready: rolesQuery.isSuccess && profilesQuery.isSuccess,
  };
}
