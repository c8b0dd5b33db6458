import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { contactListQuerySchema } from '@kontor/contract/contacts';
import type { ContactRow, DB, NewContactRow } from '../../db/schema.ts';
import { isSqlite, containsFragment } from '../../db/dialect.ts';
import { fromApiId } from '../../lib/ids.ts';
import { afterCursor, keysetFor, orderDirection, pageOf } from '../records/keyset.ts';
import { hasTag, tagNamesColumn } from '../tags/record-tags.ts';
import { letterWhere } from '../accounts/accounts.repository.ts';
import { contactsModule } from './contacts.module.ts';
import type { Actor } from '../permissions/actor.ts';
import { joinableRecord, visibleRecords } from '../records/visible-records.ts';
import { dealExists } from '../deals/deals.repository.ts';

export type ContactListQuery = z.output<typeof contactListQuerySchema>;

export async function insertContactRow(trx: Transaction<DB>, row: NewContactRow): Promise<number> {
  const r = await trx.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A live contact the actor can see; undefined answers as 404 upstream. */
export async function findContactRow(db: Kysely<DB>, actor: Actor, id: number): Promise<ContactRow | undefined> {
  return visibleRecords(db, actor, 'contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

function filtered(db: Kysely<DB>, actor: Actor, q: ContactListQuery) {
  let qb = visibleRecords(db, actor, 'contacts');
  if (q.q) qb = qb.where(containsFragment(db, 'contacts', q.q, true));
  if (q.letter) qb = qb.where(letterWhere('contacts.sort_name', q.letter));
  if (q.ownerId) qb = qb.where('contacts.owner_id', '=', fromApiId(q.ownerId));
  if (q.accountId) qb = qb.where('contacts.account_id', '=', fromApiId(q.accountId));
  if (q.contactType) qb = qb.where('contacts.contact_type_id', '=', fromApiId(q.contactType));
  if (q.tag) qb = qb.where(hasTag('contacts', q.tag));
  if (q.customer) qb = qb.where(dealExists(actor, 'contacts', 'won'));
  if (q.withOpenDeals) qb = qb.where(dealExists(actor, 'contacts', 'open'));
  return qb;
}

/** A list row: the contact plus what the list shows of its owner, account (if visible) and tags, in one query. */
export type ContactListRow = ContactRow & { owner_name: string | null; account_name: string | null; tag_names: string | null };

export async function listContactRows(db: Kysely<DB>, actor: Actor, q: ContactListQuery) {
  const k = keysetFor(q.sort, contactsModule.sortColumns, 'contacts.id', { unindexed: Boolean(q.q) && !isSqlite(db) });
  let qb = filtered(db, actor, q)
    .leftJoin('users as owner', 'owner.id', 'contacts.owner_id')
    .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'contacts.account_id').on(joinableRecord(actor, 'accounts', 'accounts')))
    .selectAll('contacts')
    .select([k.orderExpr.as('sort_value'), 'owner.name as owner_name', 'accounts.name as account_name', tagNamesColumn(db, 'contacts').as('tag_names')]);
  if (q.cursor) qb = qb.where(afterCursor(k, q.cursor));
  const rows = await qb.orderBy(k.orderExpr, orderDirection(k)).orderBy('contacts.id', orderDirection(k)).limit(q.limit + 1).execute();
  const page = pageOf(rows as Array<ContactListRow & { sort_value: unknown }>, q.limit);
  const total = q.count ? await countContacts(db, actor, q) : undefined;
  return { ...page, total };
}

export async function countContacts(db: Kysely<DB>, actor: Actor, q: ContactListQuery): Promise<number> {
  const r = await filtered(db, actor, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}
