import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { RoleNode, roleCreateSchema, roleUpdateSchema } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { foldText } from '../../db/dialect.ts';
import { AppError, notFound, versionConflict, fieldError, refused } from '../../errors.ts';
import { fromApiId, toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { audit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import { assertAdministrator } from '../users/user-admin-rules.ts';
import { ancestorRoleIds } from './load-actor.ts';
import { deleteRoleRow, findRoleIdByKey, findRoleRow, hasChildRoles, insertRoleRow, listRoleRows, updateRoleRow } from './roles.repository.ts';
import { anyUserWith } from '../users/users.repository.ts';

const present = (r: { id: number; key: string; name: string; parent_id: number | null; builtin: number; version: number }): RoleNode => ({
  id: toApiId(r.id),
  key: r.key,
  name: r.name,
  parentId: toApiIdOrNull(r.parent_id),
  builtin: r.builtin === 1,
  version: r.version,
});

export async function listRoles(db: Kysely<DB>): Promise<RoleNode[]> {
  return (await listRoleRows(db)).map(present);
}

async function uniqueKey(db: Kysely<DB>, name: string): Promise<string> {
  const base = foldText(name).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'role';
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base}_${n}`;
    if ((await findRoleIdByKey(db, key)) === undefined) return key;
  }
}

export async function createRole(db: Kysely<DB>, actor: Actor, input: z.output<typeof roleCreateSchema>, ip: string | null): Promise<RoleNode> {
  assertAdministrator(actor, 'change the role hierarchy');
  const parentId = fromApiId(input.parentId);
  if (!(await findRoleRow(db, parentId))) {
    throw new AppError('validation_failed', 'The parent role does not exist.', { parentId: fieldError('no_such_role') });
  }
  const now = nowIso();
  const row = await insertRoleRow(db, { key: await uniqueKey(db, input.name), name: input.name, parent_id: parentId, builtin: 0, created_at: now, updated_at: now });
  await audit(db, actor, 'role.create', { type: 'role', id: String(row.id) }, { name: row.name, parentId: input.parentId }, ip);
  return present(row);
}

export async function updateRole(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof roleUpdateSchema>, ip: string | null): Promise<RoleNode> {
  assertAdministrator(actor, 'change the role hierarchy');
  const roles = await listRoleRows(db);
  const current = roles.find((r) => r.id === id);
  if (!current) throw notFound('role');
  if (current.version !== input.version) throw versionConflict(current.version);
  let parentId: number | null | undefined;
  if (input.parentId !== undefined) {
    parentId = fromApiId(input.parentId);
    if (current.parent_id === null) throw refused('unprocessable', 'top_role');
    if (!roles.some((r) => r.id === parentId)) throw new AppError('validation_failed', 'The parent role does not exist.', { parentId: fieldError('no_such_role') });
    if (parentId === id || ancestorRoleIds(roles, parentId).includes(id)) {
      throw new AppError('validation_failed', 'A role cannot report to itself or to a role below it.', { parentId: fieldError('role_cycle') });
    }
  }
  const row = await updateRoleRow(db, id, input.version, {
    ...(input.name !== undefined && { name: input.name }),
    ...(parentId !== undefined && { parent_id: parentId }),
    updated_at: nowIso(),
    version: current.version + 1,
  });
  if (!row) throw versionConflict(current.version + 1);
  await audit(db, actor, 'role.update', { type: 'role', id: String(id) }, { name: input.name, parentId: input.parentId }, ip);
  return present(row);
}

export async function deleteRole(db: Kysely<DB>, actor: Actor, id: number, ip: string | null): Promise<void> {
  assertAdministrator(actor, 'change the role hierarchy');
  const role = await findRoleRow(db, id);
  if (!role) throw notFound('role');
  if (role.builtin === 1) throw refused('unprocessable', 'builtin_role');
  if (await hasChildRoles(db, id)) {
    throw refused('unprocessable', 'role_has_children');
  }
  if (await anyUserWith(db, { role: role.key })) {
    throw refused('unprocessable', 'role_has_users');
  }
  await deleteRoleRow(db, id);
  await audit(db, actor, 'role.delete', { type: 'role', id: String(id) }, { name: role.name }, ip);
}
