import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { RecycleBinItem } from '@kontor/contract/recycle-bin';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { encodeCursor, decodeCursor } from '../../lib/cursor.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { deleteContactPoints } from '../contact-points/contact-points.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight, can, recordAccess, visibleOrAll } from '../permissions/access.ts';
import { findAccountRow } from '../accounts/accounts.repository.ts';
import { findContactRow } from '../contacts/contacts.repository.ts';
import { deleteAccessRows } from '../sharing/restricted.ts';
import { findVisibleRecord } from '../records/visible-record.ts';
import { audit } from '../audit/audit.service.ts';
import { userNames, userRef } from '../records/references.ts';
import { deleteRecordTags } from '../tags/record-tags.ts';
import { countLive } from '../accounts/accounts.repository.ts';

const stampDeleted = (actor: Actor) => ({ deleted_at: nowIso(), deleted_by: actor.id, updated_at: nowIso(), updated_by: actor.id });

/** A record in the recycle bin that the actor can see (deleted rows keep their owner and restriction). */
const findDeleted = (db: Kysely<DB>, actor: Actor, module: Module, id: number) => findVisibleRecord(db, actor, module, id, { deleted: true });

/**
 * Deleting an account moves it to the recycle bin. Its contacts are never deleted silently: with contacts the
 * caller can see, the caller must choose to detach them or to delete them too (those are then restored with the
 * account). Only contacts the caller may delete are deleted; any other contact is detached. Contacts hidden from the
 * caller are always detached (they stay with their owner, without an account) and never mentioned, so the answer
 * tells nothing about records the caller cannot see. Member accounts become top-level.
 */
export async function deleteAccount(db: Kysely<DB>, actor: Actor, id: number, opts: { contacts?: 'detach' | 'delete'; version?: number }): Promise<void> {
  assertCan(actor, 'delete', 'accounts');
  const row = await findAccountRow(db, actor, id);
  if (!row) throw notFound('account');
  await assertRecordRight(db, actor, 'accounts', row, 'delete');
  if (opts.version !== undefined && opts.version !== row.version) throw versionConflict(row.version);
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
    const visible = await db.selectFrom('contacts').selectAll().where('account_id', '=', id).where('deleted_at', 'is', null).where(visibleOrAll(actor, 'contacts')).execute();
    for (const c of visible) if ((await recordAccess(db, actor, 'contacts', c)).delete) deletable.push(c.id);
  }
  await db.transaction().execute(async (trx) => {
    if (deletable.length) {
      await trx
        .updateTable('contacts')
        .set((eb) => ({ ...stampDeleted(actor), deleted_with_account_id: id, version: eb('version', '+', 1) }))
        .where('id', 'in', deletable)
        .execute();
    }
    await trx
      .updateTable('contacts')
      .set((eb) => ({ account_id: null, version: eb('version', '+', 1), updated_at: nowIso(), updated_by: actor.id }))
      .where('account_id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
    await trx.updateTable('accounts').set({ parent_account_id: null }).where('parent_account_id', '=', id).execute();
    await trx.updateTable('accounts').set({ ...stampDeleted(actor), version: row.version + 1 }).where('id', '=', id).execute();
  });
}

export async function deleteContact(db: Kysely<DB>, actor: Actor, id: number, opts: { version?: number }): Promise<void> {
  assertCan(actor, 'delete', 'contacts');
  const row = await findContactRow(db, actor, id);
  if (!row) throw notFound('contact');
  await assertRecordRight(db, actor, 'contacts', row, 'delete');
  if (opts.version !== undefined && opts.version !== row.version) throw versionConflict(row.version);
  await db.updateTable('contacts').set({ ...stampDeleted(actor), version: row.version + 1 }).where('id', '=', id).execute();
}

/** Restores an account and the contacts that were deleted together with it. */
export async function restoreAccount(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'delete', 'accounts');
  const row = await findDeleted(db, actor, 'accounts', id);
  if (!row) throw notFound('deleted account');
  await assertRecordRight(db, actor, 'accounts', row, 'delete');
  const full = await db.selectFrom('accounts').select('parent_account_id').where('id', '=', id).executeTakeFirstOrThrow();
  const parentLive = full.parent_account_id == null || (await countLiveAccount(db, full.parent_account_id));
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ deleted_at: null, deleted_by: null, updated_at: nowIso(), updated_by: actor.id, version: row.version + 1, ...(parentLive ? {} : { parent_account_id: null }) })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('contacts')
      .set((eb) => ({ deleted_at: null, deleted_by: null, deleted_with_account_id: null, version: eb('version', '+', 1), updated_at: nowIso(), updated_by: actor.id }))
      .where('deleted_with_account_id', '=', id)
      .where('deleted_at', 'is not', null)
      .execute();
  });
}

const countLiveAccount = async (db: Kysely<DB>, id: number) =>
  (await db.selectFrom('accounts').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) != null;

/** Restores a contact; if its account is in the recycle bin, the contact comes back without an account. */
export async function restoreContact(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'delete', 'contacts');
  const row = await findDeleted(db, actor, 'contacts', id);
  if (!row) throw notFound('deleted contact');
  await assertRecordRight(db, actor, 'contacts', row, 'delete');
  const full = await db.selectFrom('contacts').select('account_id').where('id', '=', id).executeTakeFirstOrThrow();
  const accountLive = full.account_id == null || (await countLiveAccount(db, full.account_id));
  await db
    .updateTable('contacts')
    .set({ deleted_at: null, deleted_by: null, deleted_with_account_id: null, updated_at: nowIso(), updated_by: actor.id, version: row.version + 1, ...(accountLive ? {} : { account_id: null }) })
    .where('id', '=', id)
    .execute();
}

async function purgeFiles(trx: Transaction<DB>, fileIds: Array<number | null>): Promise<void> {
  const ids = fileIds.filter((f): f is number => f != null);
  if (ids.length) await trx.deleteFrom('files').where('id', 'in', ids).execute();
}

/**
 * Removes a record from the recycle bin for good, with its contact points, tags, sharing and photo.
 * Allowed to the record's owner, users above the owner in the role tree and admins, with the delete right.
 */
export async function purgeRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<void> {
  assertCan(actor, 'delete', module);
  const row = await findDeleted(db, actor, module, id);
  if (!row) throw notFound(module === 'accounts' ? 'deleted account' : 'deleted contact');
  if (!actor.isAdmin && !(row.owner_id != null && actor.ownerIds.includes(row.owner_id))) {
    throw new AppError('forbidden', 'Only the owner, their managers and administrators may purge a record.');
  }
  await db.transaction().execute(async (trx) => {
    if (module === 'accounts') {
      await trx.updateTable('contacts').set({ account_id: null, deleted_with_account_id: null }).where('account_id', '=', id).execute();
      await trx.updateTable('contacts').set({ deleted_with_account_id: null }).where('deleted_with_account_id', '=', id).execute();
      await trx.updateTable('accounts').set({ parent_account_id: null }).where('parent_account_id', '=', id).execute();
      await trx.deleteFrom('accounts').where('id', '=', id).execute();
    } else {
      await trx.deleteFrom('contacts').where('id', '=', id).execute();
    }
    await purgeFiles(trx, [row.photo_file_id]);
    await deleteContactPoints(trx, module, [id]);
    await deleteRecordTags(trx, module, [id]);
    await deleteAccessRows(trx, module, id);
  });
  await audit(db, actor, 'record.purge', { type: module, id: String(id) }, {}, null);
}

export async function listRecycleBin(db: Kysely<DB>, actor: Actor, module: Module, limit: number, cursor?: string) {
  assertCan(actor, 'view', module);
  const after = cursor ? decodeCursor(cursor, 'text') : null;
  const rows =
    module === 'accounts'
      ? await binPage(actor, 'accounts', db.selectFrom('accounts').select(['id', 'name', 'deleted_at', 'deleted_by']), after, limit)
      : (await binPage(actor, 'contacts', db.selectFrom('contacts').select(['id', 'first_name', 'last_name', 'deleted_at', 'deleted_by']), after, limit)).map((r) => ({
          ...r,
          name: [r.first_name, r.last_name].filter(Boolean).join(' '),
        }));
  const page = rows.slice(0, limit);
  const users = await userNames(db, page.map((r) => r.deleted_by));
  const data: RecycleBinItem[] = page.map((r) => ({
    id: toApiId(r.id),
    module,
    name: r.name,
    deletedAt: r.deleted_at ?? '',
    deletedBy: userRef(users, r.deleted_by),
  }));
  const last = page[page.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.deleted_at ?? '', last.id) : null };
}

interface BinRow {
  id: number;
  deleted_at: string | null;
}
/** One page of the bin, newest deletion first, keyset on (deleted_at, id). */
async function binPage<R extends BinRow>(
  actor: Actor,
  module: Module,
  qb: SelectQueryBuilder<DB, 'accounts' | 'contacts', R> | SelectQueryBuilder<DB, 'accounts', R> | SelectQueryBuilder<DB, 'contacts', R>,
  after: { value: string | number; id: number } | null,
  limit: number,
): Promise<R[]> {
  let q = (qb as SelectQueryBuilder<DB, 'accounts', R>).where('deleted_at', 'is not', null).where(visibleOrAll(actor, module));
  if (after) q = q.where((eb) => eb.or([eb('deleted_at', '<', String(after.value)), eb.and([eb('deleted_at', '=', String(after.value)), eb('id', '<', after.id)])]));
  return q.orderBy('deleted_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute() as Promise<R[]>;
}
