import type { Kysely, Selectable } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

export type ShareRow = Selectable<DB['record_shares']>;

export const listShareRows = (db: Kysely<DB>, module: Module, recordId: number) =>
  db.selectFrom('record_shares').selectAll().where('module', '=', module).where('record_id', '=', recordId).orderBy('id').execute();

export const findShareRow = (db: Kysely<DB>, module: Module, recordId: number, shareId: number) =>
  db.selectFrom('record_shares').selectAll().where('id', '=', shareId).where('module', '=', module).where('record_id', '=', recordId).executeTakeFirst();

/** Shares with one user or one role, replacing an earlier share with the same one (sharing again changes the access). */
export async function replaceShare(
  db: Kysely<DB>,
  share: { module: Module; recordId: number; userId: number | null; roleId: number | null; access: string; createdBy: number },
): Promise<ShareRow> {
  return db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('record_shares').where('module', '=', share.module).where('record_id', '=', share.recordId);
    q = share.userId != null ? q.where('user_id', '=', share.userId) : q.where('role_id', '=', share.roleId);
    await q.execute();
    return trx
      .insertInto('record_shares')
      .values({ module: share.module, record_id: share.recordId, user_id: share.userId, role_id: share.roleId, access: share.access, created_at: nowIso(), created_by: share.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function deleteShareRow(db: Kysely<DB>, shareId: number): Promise<void> {
  await db.deleteFrom('record_shares').where('id', '=', shareId).execute();
}
