import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Module } from '@kontor/contract/custom-fields';
import type { Share, shareCreateSchema } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound, fieldError } from '../../errors.ts';
import { fromApiId, toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight } from '../permissions/access.ts';
import { visibleRecordOr404 } from '../records/visible-records.ts';
import { audit } from '../audit/audit.service.ts';
import { findUserRow } from '../users/users.repository.ts';
import { findRoleRow } from '../permissions/roles.repository.ts';
import { deleteShareRow, findShareRow, listShareRows, replaceShare } from './shares.repository.ts';

const present = (r: { id: number; user_id: number | null; role_id: number | null; access: string; created_at: string }): Share => ({
  id: toApiId(r.id),
  userId: toApiIdOrNull(r.user_id),
  roleId: toApiIdOrNull(r.role_id),
  access: r.access === 'write' ? 'write' : 'read',
  createdAt: r.created_at,
});

export async function listShares(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<Share[]> {
  assertCan(actor, 'view', module);
  await visibleRecordOr404(db, actor, module, id);
  return (await listShareRows(db, module, id)).map(present);
}

/** Shares a record with a user or a role (and the roles below it), read or read/write; sharing again changes the access. */
export async function shareRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number, input: z.output<typeof shareCreateSchema>, ip: string | null): Promise<Share> {
  assertCan(actor, 'share', module);
  await assertRecordRight(db, actor, module, await visibleRecordOr404(db, actor, module, id), 'share');
  const userId = input.userId ? fromApiId(input.userId) : null;
  const roleId = input.roleId ? fromApiId(input.roleId) : null;
  if (userId != null && !(await findUserRow(db, userId))) throw invalid({ userId: fieldError('no_such_user') });
  if (roleId != null && !(await findRoleRow(db, roleId))) throw invalid({ roleId: fieldError('no_such_role') });
  const row = await replaceShare(db, { module, recordId: id, userId, roleId, access: input.access, createdBy: actor.id });
  await audit(db, actor, 'record.share', { type: module, id: String(id) }, { userId: input.userId ?? null, roleId: input.roleId ?? null, access: input.access }, ip);
  return present(row);
}

export async function unshareRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number, shareId: number, ip: string | null): Promise<void> {
  assertCan(actor, 'share', module);
  await assertRecordRight(db, actor, module, await visibleRecordOr404(db, actor, module, id), 'share');
  const share = await findShareRow(db, module, id, shareId);
  if (!share) throw notFound('share');
  await deleteShareRow(db, shareId);
  // The history says with whom the record stopped being shared.
  const { userId, roleId, access } = present(share);
  await audit(db, actor, 'record.unshare', { type: module, id: String(id) }, { shareId: String(shareId), userId, roleId, access }, ip);
}
