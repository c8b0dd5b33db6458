import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Module } from '@kontor/contract/custom-fields';
import type { Share, shareCreateSchema } from '@kontor/contract/permissions';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound } from '../../errors.ts';
import { fromApiId, toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight } from '../permissions/access.ts';
import { visibleRecordOr404 } from '../records/visible-records.ts';
import { audit } from '../audit/audit.service.ts';

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
  const rows = await db.selectFrom('record_shares').selectAll().where('module', '=', module).where('record_id', '=', id).orderBy('id').execute();
  return rows.map(present);
}

/** Shares a record with a user or a role (and the roles below it), read or read/write; sharing again changes the access. */
export async function shareRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number, input: z.output<typeof shareCreateSchema>, ip: string | null): Promise<Share> {
  assertCan(actor, 'share', module);
  await assertRecordRight(db, actor, module, await visibleRecordOr404(db, actor, module, id), 'share');
  const userId = input.userId ? fromApiId(input.userId) : null;
  const roleId = input.roleId ? fromApiId(input.roleId) : null;
  if (userId != null && !(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) throw invalid({ userId: 'no such user' });
  if (roleId != null && !(await db.selectFrom('roles').select('id').where('id', '=', roleId).executeTakeFirst())) throw invalid({ roleId: 'no such role' });
  const row = await db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('record_shares').where('module', '=', module).where('record_id', '=', id);
    q = userId != null ? q.where('user_id', '=', userId) : q.where('role_id', '=', roleId);
    await q.execute();
    return trx
      .insertInto('record_shares')
      .values({ module, record_id: id, user_id: userId, role_id: roleId, access: input.access, created_at: nowIso(), created_by: actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  await audit(db, actor, 'record.share', { type: module, id: String(id) }, { userId: input.userId ?? null, roleId: input.roleId ?? null, access: input.access }, ip);
  return present(row);
}

export async function unshareRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number, shareId: number, ip: string | null): Promise<void> {
  assertCan(actor, 'share', module);
  await assertRecordRight(db, actor, module, await visibleRecordOr404(db, actor, module, id), 'share');
  const share = await db.selectFrom('record_shares').selectAll().where('id', '=', shareId).where('module', '=', module).where('record_id', '=', id).executeTakeFirst();
  if (!share) throw notFound('share');
  await db.deleteFrom('record_shares').where('id', '=', shareId).execute();
  // The history says with whom the record stopped being shared.
  const { userId, roleId, access } = present(share);
  await audit(db, actor, 'record.unshare', { type: module, id: String(id) }, { shareId: String(shareId), userId, roleId, access }, ip);
}
