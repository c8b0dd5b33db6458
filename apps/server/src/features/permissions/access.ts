import type { Module } from '@kontor/contract/custom-fields';
import type { Role } from '@kontor/contract/users';
import { AppError } from '../../errors.ts';
import type { Actor } from './actor.ts';

export type RecordAction = 'view' | 'create' | 'edit' | 'delete';
export type AdminAction = 'manage_users' | 'manage_fields' | 'manage_settings' | 'purge';

/**
 * What each built-in role may do per module. Record visibility is org-wide read for every active user
 * until profiles, role hierarchy and sharing arrive (issue #4); that rule will live in this folder too.
 */
const recordRights: Record<Role, ReadonlySet<RecordAction>> = {
  admin: new Set(['view', 'create', 'edit', 'delete']),
  manager: new Set(['view', 'create', 'edit', 'delete']),
  sales: new Set(['view', 'create', 'edit', 'delete']),
  readonly: new Set(['view']),
};
const adminRights: Record<Role, ReadonlySet<AdminAction>> = {
  admin: new Set(['manage_users', 'manage_fields', 'manage_settings', 'purge']),
  manager: new Set(['purge']),
  sales: new Set(),
  readonly: new Set(),
};

export function can(actor: Actor, action: RecordAction, _module: Module): boolean {
  return recordRights[actor.role].has(action);
}

export function assertCan(actor: Actor, action: RecordAction, module: Module): void {
  if (!can(actor, action, module)) {
    throw new AppError('forbidden', `Your role (${actor.role}) may not ${action} ${module}.`);
  }
}

export function assertAdmin(actor: Actor, action: AdminAction): void {
  if (!adminRights[actor.role].has(action)) {
    throw new AppError('forbidden', 'Only an administrator may do this.');
  }
}
