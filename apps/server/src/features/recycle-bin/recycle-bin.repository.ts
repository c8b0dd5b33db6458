import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { nameFromColumns } from '../records/record-name.ts';
import { descriptorOf, recordModules } from '../records/registry.ts';
import { linkColumnsOf } from '../timeline/timeline-events.ts';
import { recordsForRules, updateVersioned, visibleRecords, type RecordKey } from '../records/visible-records.ts';
import { notTombstone } from '../records/tombstones.ts';
import { writableWhere } from '../permissions/writable-where.ts';

/** The recycle bin's SQL: soft deletes and restores (versioned), the links they cut or mend, and the bin's pages. */

const deletedStamps = (actor: Actor) => ({ deleted_at: nowIso(), deleted_by: actor.id, updated_at: nowIso(), updated_by: actor.id });
const restoredStamps = (actor: Actor) => ({ deleted_at: null, deleted_by: null, updated_at: nowIso(), updated_by: actor.id });

/** Moves one record to the bin, if its version is still `version`. */
export const markDeleted = (db: Kysely<DB>, module: Module, id: number, version: number, actor: Actor) => updateVersioned(db, module, id, version, deletedStamps(actor));

/** Brings one record back, if its version is still `version`; `unlink` clears a link whose target is gone. */
export const markRestored = (db: Kysely<DB>, module: Module, id: number, version: number, actor: Actor, unlink: Record<string, null> = {}) =>
  updateVersioned(db, module, id, version, { ...restoredStamps(actor), ...(module === 'contacts' && { deleted_with_account_id: null }), ...unlink });

/** Contacts deleted together with their account (restored with it). */
export async function deleteContactsWithAccount(trx: Transaction<DB>, ids: number[], accountId: number, actor: Actor): Promise<void> {
  if (!ids.length) return;
  await trx
    .updateTable('contacts')
    .set((eb) => ({ ...deletedStamps(actor), deleted_with_account_id: accountId, version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

/** Live contacts of a deleted account stay, without an account. */
export async function detachLiveContacts(trx: Transaction<DB>, accountId: number, actor: Actor): Promise<void> {
  await trx
    .updateTable('contacts')
    .set((eb) => ({ account_id: null, version: eb('version', '+', 1), updated_at: nowIso(), updated_by: actor.id }))
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Member accounts of a deleted or purged account become top-level. */
export async function orphanMembers(trx: Transaction<DB>, accountId: number): Promise<void> {
  await trx.updateTable('accounts').set({ parent_account_id: null }).where('parent_account_id', '=', accountId).execute();
}

export async function restoreContactsDeletedWith(trx: Transaction<DB>, accountId: number, actor: Actor): Promise<void> {
  await trx
    .updateTable('contacts')
    .set((eb) => ({ ...restoredStamps(actor), deleted_with_account_id: null, version: eb('version', '+', 1) }))
    .where('deleted_with_account_id', '=', accountId)
    .where('deleted_at', 'is not', null)
    .execute();
}

/** Is this account live? For a rule (restore keeps a link only to a live account), whoever may see it. */
export async function accountIsLive(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await recordsForRules(db, 'accounts').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) != null;
}

/**
 * A record in the recycle bin that the actor can see; undefined otherwise. Tombstones of merges (issue #16) are deleted
 * rows too, but not in the bin: they cannot be restored or purged here (a merge is undone as a whole).
 */
export async function binRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<RecordKey | undefined> {
  return (visibleRecords(db, actor, module, { deleted: true }) as unknown as SelectQueryBuilder<DB, 'accounts', object>)
    .select(['id', 'owner_id', 'restricted', 'version', 'photo_file_id'])
    .where('id', '=', id)
    .where(notTombstone(module))
    .executeTakeFirst();
}

/** The account a deleted record links to (a contact's or deal's account, an account's parent), as the actor sees the deleted row. */
export async function deletedRecordLink(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<number | null> {
  if (module === 'accounts') {
    const r = await visibleRecords(db, actor, 'accounts', { deleted: true }).select('parent_account_id').where('id', '=', id).executeTakeFirst();
    return r?.parent_account_id ?? null;
  }
  if (!linkColumnsOf(module).includes('account_id')) return null;
  const r = await (visibleRecords(db, actor, module, { deleted: true }) as unknown as SelectQueryBuilder<DB, 'contacts', object>)
    .select('account_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.account_id ?? null;
}

/**
 * Removes a purged record's row and every link to it: each reference field of every module that points at it (read
 * from the registry, so a new module's links are cut too), its notes and its timeline.
 */
export async function purgeRows(trx: Transaction<DB>, module: Module, id: number, photoFileId: number | null): Promise<void> {
  if (module === 'accounts') await trx.updateTable('contacts').set({ deleted_with_account_id: null }).where('deleted_with_account_id', '=', id).execute();
  for (const other of Object.values(recordModules)) {
    for (const field of Object.values(other.fields)) {
      if (field.type !== 'reference' || field.references !== module) continue;
      const column = field.column.slice(field.column.indexOf('.') + 1);
      await sql`update ${sql.table(other.module)} set ${sql.ref(column)} = null where ${sql.ref(column)} = ${id}`.execute(trx);
    }
  }
  if (module === 'activities') await trx.deleteFrom('activity_participants').where('activity_id', '=', id).execute();
  await trx.deleteFrom('notes').where('module', '=', module).where('record_id', '=', id).execute();
  await trx.deleteFrom('timeline_events').where('module', '=', module).where('record_id', '=', id).execute();
  await trx.deleteFrom(module as 'accounts').where('id', '=', id).execute();
  if (photoFileId != null) await trx.deleteFrom('files').where('id', '=', photoFileId).execute();
}

export interface BinRow {
  id: number;
  name: string;
  deleted_at: string;
  deleted_by: number | null;
  owner_id: number | null;
  /** The actor may restore it: the delete right on the record (`writableWhere`, as a restore checks it). */
  restorable: boolean;
}

/**
 * One page of the bin (plus one row to tell whether another follows), newest deletion first, keyset on (deleted_at, id).
 * Tombstones of merges are not in it (see `binRecord`).
 */
export async function binPage(db: Kysely<DB>, actor: Actor, module: Module, after: { value: string | number; id: number } | null, limit: number): Promise<BinRow[]> {
  const names = descriptorOf(module).nameColumns;
  let q = (visibleRecords(db, actor, module, { deleted: true }) as unknown as SelectQueryBuilder<DB, 'accounts', object>)
    .select(['id', 'deleted_at', 'deleted_by', 'owner_id'])
    .select(sql<number>`case when ${writableWhere(actor, module, 'delete')} then 1 else 0 end`.as('restorable'))
    .where(notTombstone(module));
  if (after) q = q.where((eb) => eb.or([eb('deleted_at', '<', String(after.value)), eb.and([eb('deleted_at', '=', String(after.value)), eb('id', '<', after.id)])]));
  const rows = (await q
    .select(names.map((c) => `${module}.${c}` as 'accounts.name'))
    .orderBy('deleted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()) as unknown as Array<Record<string, unknown> & { id: number; deleted_at: string; deleted_by: number | null; owner_id: number | null; restorable: number }>;
  return rows.map((r) => ({
    id: r.id,
    deleted_at: r.deleted_at,
    deleted_by: r.deleted_by,
    owner_id: r.owner_id,
    restorable: Number(r.restorable) === 1,
    name: nameFromColumns(names, r),
  }));
}
