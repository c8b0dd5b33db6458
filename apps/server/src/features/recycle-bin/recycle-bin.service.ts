import type { Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { RecycleBinItem } from '@kontor/contract/recycle-bin';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict, refused } from '../../errors.ts';
import { encodeCursor, decodeCursor } from '../../lib/cursor.ts';
import { toApiId } from '../../lib/ids.ts';
import { deleteContactPoints } from '../contact-points/contact-points.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight, can, mayPurge, recordAccess } from '../permissions/access.ts';
import { deleteAccessRows } from '../sharing/restricted.ts';
import { visibleRecordOr404, visibleRecords } from '../records/visible-records.ts';
import { descriptorOf } from '../records/registry.ts';
import { audit } from '../audit/audit.service.ts';
import { userNames, userRef } from '../records/references.ts';
import { deleteRecordTags } from '../tags/record-tags.ts';
import { removeStored, type FileStoreConfig } from '../attachments/attachment-store.ts';
import { deleteRecordAttachments } from '../attachments/attachments.repository.ts';
import { countLive } from '../accounts/accounts.repository.ts';
import { refreshAccountActivity } from '../activities/account-activity.ts';
import { contextOfRecord, recordEvent, recordEventsForRows, type TimelineContext } from '../timeline/timeline-events.ts';
import {
  accountIsLive,
  binPage,
  binRecord,
  deleteContactsWithAccount,
  deletedRecordLink,
  detachLiveContacts,
  markDeleted,
  markRestored,
  orphanMembers,
  purgeRows,
  restoreContactsDeletedWith,
} from './recycle-bin.repository.ts';

/** A record in the recycle bin that the actor can see (deleted rows keep their owner and restriction); 404 otherwise (a merge's tombstone too). */
async function deletedOr404(db: Kysely<DB>, actor: Actor, module: Module, id: number) {
  const row = await binRecord(db, actor, module, id);
  if (!row) throw notFound(`deleted ${descriptorOf(module).noun}`);
  return row;
}

/** The live record the actor may delete, at the version the caller saw (if given). */
async function deletableOr404(db: Kysely<DB>, actor: Actor, module: Module, id: number, version?: number) {
  assertCan(actor, 'delete', module);
  const row = await visibleRecordOr404(db, actor, module, id);
  await assertRecordRight(db, actor, module, row, 'delete');
  if (version !== undefined && version !== row.version) throw versionConflict(row.version);
  return row;
}

/**
 * Deleting an account moves it to the recycle bin. Its contacts are never deleted silently: with contacts the
 * caller can see, the caller must choose to detach them or to delete them too (those are then restored with the
 * account). Only contacts the caller may delete are deleted; any other contact is detached. Contacts hidden from the
 * caller are always detached (they stay with their owner, without an account) and never mentioned, so the answer
 * tells nothing about records the caller cannot see. Member accounts become top-level.
 */
export async function deleteAccount(db: Kysely<DB>, actor: Actor, id: number, opts: { contacts?: 'detach' | 'delete'; version?: number }): Promise<void> {
  const row = await deletableOr404(db, actor, 'accounts', id, opts.version);
  const contactCount = await countLive(db, actor, 'contacts', 'account_id', id);
  if (contactCount > 0 && !opts.contacts) {
    throw new AppError(
      'account_has_contacts',
      `This account has contacts. Choose whether to detach them (they stay as contacts without an account) or to delete them too.`,
      undefined,
      { contactCount },
    );
  }
  const deletable: number[] = [];
  if (opts.contacts === 'delete' && can(actor, 'delete', 'contacts')) {
    const visible = await visibleRecords(db, actor, 'contacts').selectAll().where('account_id', '=', id).execute();
    for (const c of visible) if ((await recordAccess(db, actor, 'contacts', c)).delete) deletable.push(c.id);
  }
  const unlinked = { field: 'accountId', target: { module: 'accounts', id: toApiId(id) } };
  await db.transaction().execute(async (trx) => {
    if (!(await markDeleted(trx, 'accounts', id, row.version, actor))) throw versionConflict(row.version + 1);
    await recordEvent(trx, actor, { kind: 'deleted', module: 'accounts', recordId: id, context: { account_id: id } });
    await deleteContactsWithAccount(trx, deletable, id, actor);
    await recordEventsForRows(trx, actor, 'contacts', 'deleted', { ids: deletable });
    await recordEventsForRows(trx, actor, 'contacts', 'unlinked', { equals: { account_id: id }, deleted: false }, unlinked);
    await detachLiveContacts(trx, id, actor);
    await recordEventsForRows(trx, actor, 'accounts', 'unlinked', { equals: { parent_account_id: id } }, { ...unlinked, field: 'parentAccountId' });
    await orphanMembers(trx, id);
  });
}

/** What else a record's deletion or restore changes: an activity moves its account's next and last activity. */
async function afterLivenessChange(trx: Kysely<DB>, module: Module, context: TimelineContext): Promise<void> {
  if (module === 'activities') await refreshAccountActivity(trx, [context.account_id]);
}

/** Moves a record without dependants of its own (a contact, a deal, an activity, a lead) to the recycle bin. */
export async function deleteRecord(db: Kysely<DB>, actor: Actor, module: Exclude<Module, 'accounts'>, id: number, opts: { version?: number }): Promise<void> {
  const row = await deletableOr404(db, actor, module, id, opts.version);
  const context = await contextOfRecord(db, module, id);
  await db.transaction().execute(async (trx) => {
    if (!(await markDeleted(trx, module, id, row.version, actor))) throw versionConflict(row.version + 1);
    await recordEvent(trx, actor, { kind: 'deleted', module, recordId: id, context });
    await afterLivenessChange(trx, module, context);
  });
}

/** Restores a record: an account with the contacts deleted together with it; a link to an account in the bin is cut. */
export async function restoreRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<void> {
  assertCan(actor, 'delete', module);
  const row = await deletedOr404(db, actor, module, id);
  await assertRecordRight(db, actor, module, row, 'delete');
  const link = await deletedRecordLink(db, actor, module, id);
  const unlink: Record<string, null> = link == null || (await accountIsLive(db, link)) ? {} : { [module === 'accounts' ? 'parent_account_id' : 'account_id']: null };
  await db.transaction().execute(async (trx) => {
    if (!(await markRestored(trx, module, id, row.version, actor, unlink))) throw versionConflict(row.version + 1);
    const context = await contextOfRecord(trx, module, id);
    await recordEvent(trx, actor, { kind: 'restored', module, recordId: id, context });
    if (module === 'accounts') {
      await recordEventsForRows(trx, actor, 'contacts', 'restored', { equals: { deleted_with_account_id: id }, deleted: true });
      await restoreContactsDeletedWith(trx, id, actor);
    }
    await afterLivenessChange(trx, module, context);
  });
}

/**
 * Removes a record from the recycle bin for good, with its contact points, tags, sharing, photo, notes, files and timeline.
 * Allowed to the record's owner, users above the owner in the role tree and admins, with the delete right.
 */
export async function purgeRecord(db: Kysely<DB>, actor: Actor, store: FileStoreConfig, module: Module, id: number): Promise<void> {
  assertCan(actor, 'delete', module);
  const row = await deletedOr404(db, actor, module, id);
  if (!mayPurge(actor, module, row)) throw refused('forbidden', 'purge_owner');
  const files = await db.transaction().execute(async (trx) => {
    await purgeRows(trx, module, id, row.photo_file_id);
    await deleteContactPoints(trx, module, [id]);
    await deleteRecordTags(trx, module, [id]);
    await deleteAccessRows(trx, module, id);
    return deleteRecordAttachments(trx, module, id);
  });
  for (const file of files) await removeStored(store, file);
  await audit(db, actor, 'record.purge', { type: module, id: String(id) }, {}, null);
}

export async function listRecycleBin(db: Kysely<DB>, actor: Actor, module: Module, limit: number, cursor?: string) {
  assertCan(actor, 'view', module);
  const rows = await binPage(db, actor, module, cursor ? decodeCursor(cursor, 'text') : null, limit);
  const page = rows.slice(0, limit);
  const users = await userNames(db, page.map((r) => r.deleted_by));
  const data: RecycleBinItem[] = page.map((r) => ({
    id: toApiId(r.id),
    module,
    name: r.name,
    deletedAt: r.deleted_at,
    deletedBy: userRef(users, r.deleted_by),
    access: { restore: r.restorable, purge: mayPurge(actor, module, r) },
  }));
  const last = page[page.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.deleted_at, last.id) : null };
}
