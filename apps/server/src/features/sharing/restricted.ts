import type { Kysely, Transaction } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { invalid, fieldError } from '../../errors.ts';
import { fromApiId, toApiId } from '../../lib/ids.ts';

/** Restricted access (ONLYOFFICE): the users a record is limited to, or null when it is not restricted. */
export async function loadRestrictedTo(db: Kysely<DB>, module: Module, row: { id: number; restricted: number }): Promise<string[] | null> {
  if (row.restricted !== 1) return null;
  const rows = await db.selectFrom('record_access').select('user_id').where('module', '=', module).where('record_id', '=', row.id).orderBy('user_id').execute();
  return rows.map((r) => toApiId(r.user_id));
}

export async function checkRestrictedUsers(db: Kysely<DB>, userIds: string[] | null | undefined): Promise<void> {
  if (!userIds?.length) return;
  const ids = [...new Set(userIds.map(fromApiId))];
  const found = await db.selectFrom('users').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw invalid({ restrictedTo: fieldError('unknown_users') });
}

/** Writes the restriction: `null` lifts it, a list (possibly empty: owner and admins only) sets it. */
export async function saveRestrictedTo(trx: Transaction<DB>, module: Module, recordId: number, userIds: string[] | null): Promise<void> {
  await trx.deleteFrom('record_access').where('module', '=', module).where('record_id', '=', recordId).execute();
  await trx.updateTable(module).set({ restricted: userIds === null ? 0 : 1 }).where('id', '=', recordId).execute();
  const ids = [...new Set((userIds ?? []).map(fromApiId))];
  if (ids.length) await trx.insertInto('record_access').values(ids.map((user_id) => ({ module, record_id: recordId, user_id }))).execute();
}

export async function deleteAccessRows(trx: Transaction<DB>, module: Module, recordId: number): Promise<void> {
  await trx.deleteFrom('record_access').where('module', '=', module).where('record_id', '=', recordId).execute();
  await trx.deleteFrom('record_shares').where('module', '=', module).where('record_id', '=', recordId).execute();
}
