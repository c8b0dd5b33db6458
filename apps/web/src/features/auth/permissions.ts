import type { Module } from '@kontor/contract/custom-fields';
import type { AdminRight, ModuleRight, RoleNode } from '@kontor/contract/permissions';
import type { User } from '@kontor/contract/users';
import { useRoles, useUsers } from '../../lib/reference';
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
