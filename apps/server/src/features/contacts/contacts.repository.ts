import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { contactListQuerySchema } from '@kontor/contract/contacts';
import type { ContactRow, DB, NewContactRow } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { listSearchFilter } from '../search/search.service.ts';
import { fromApiId } from '../../lib/ids.ts';
import { afterKeyset, keysetPage, orderTerms, sortValueSelections } from '../records/multi-keyset.ts';
import { resolveListView } from '../views/list-view.ts';
import { hasTag, tagNamesColumn } from '../tags/record-tags.ts';
import { isUnfiltered, listTotal } from '../records/record-count.repository.ts';
import { contactListColumns, type ContactListColumns } from './contacts.presenter.ts';
import type { Actor } from '../permissions/actor.ts';
import { joinableRecord, visibleRecords } from '../records/visible-records.ts';
import { dealExists } from '../deals/deals.repository.ts';
import { contactPointsColumn } from '../contact-points/contact-points.repository.ts';
import { detailFactColumns, type DetailFactsRow } from '../records/record-detail.ts';

export type ContactListQuery = z.output<typeof contactListQuerySchema>;

/** Inserts a contact and answers the row as stored (defaults included), in the same statement. */
export async function insertContactRow(trx: Transaction<DB>, row: NewContactRow): Promise<ContactRow> {
  return trx.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A contact page's row: the contact, its account's name (if visible), owner, tags, contact points and access facts. */
export type ContactDetailRow = ContactRow & DetailFactsRow & { account_name: string | null; owner_name: string | null; tag_names: string | null; points: string | null };

/** The contact page in one statement: a live contact the actor can see with everything it shows; undefined otherwise. */
export async function findContactDetailRow(db: Kysely<DB>, actor: Actor, id: number): Promise<ContactDetailRow | undefined> {
  return visibleRecords(db, actor, 'contacts')
    .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'contacts.account_id').on(joinableRecord(actor, 'accounts', 'accounts')))
    .selectAll('contacts')
    .select([
      'accounts.name as account_name',
      sql<string | null>`(select u.name from users u where u.id = contacts.owner_id)`.as('owner_name'),
      tagNamesColumn(db, 'contacts').as('tag_names'),
      contactPointsColumn(db, 'contacts').as('points'),
      ...detailFactColumns(db, actor, 'contacts'),
    ])
    .where('contacts.id', '=', id)
    .executeTakeFirst();
}

function filtered(db: Kysely<DB>, actor: Actor, q: ContactListQuery, search: RawBuilder<boolean> | null, view: RawBuilder<boolean> | null) {
  let qb = visibleRecords(db, actor, 'contacts');
  if (search) qb = qb.where(search);
  if (view) qb = qb.where(view);
  if (q.ownerId) qb = qb.where('contacts.owner_id', '=', fromApiId(q.ownerId));
  if (q.accountId) qb = qb.where('contacts.account_id', '=', fromApiId(q.accountId));
  if (q.contactType) qb = qb.where('contacts.contact_type_id', '=', fromApiId(q.contactType));
  if (q.tag) qb = qb.where(hasTag('contacts', q.tag));
  if (q.customer) qb = qb.where(dealExists(actor, 'contacts', 'won'));
  if (q.withOpenDeals) qb = qb.where(dealExists(actor, 'contacts', 'open'));
  return qb;
}

/** A list row: the contact plus what the list shows of its owner, account (if visible) and tags, in one query. */
export type ContactListRow = ContactListColumns & { owner_name: string | null; account_name: string | null; tag_names: string | null };

export async function listContactRows(db: Kysely<DB>, actor: Actor, q: ContactListQuery) {
  const view = await resolveListView(db, actor, 'contacts', q, { unindexed: Boolean(q.q) && !isSqlite(db) });
  const search = await listSearchFilter(db, actor, 'contacts', q.q);
  let qb = filtered(db, actor, q, search, view.where)
    .leftJoin('users as owner', 'owner.id', 'contacts.owner_id')
    .leftJoin('accounts', (j) => j.onRef('accounts.id', '=', 'contacts.account_id').on(joinableRecord(actor, 'accounts', 'accounts')))
    .select(contactListColumns.map((c) => `contacts.${c}` as const))
    .select([...sortValueSelections(view.keyset), 'owner.name as owner_name', 'accounts.name as account_name', tagNamesColumn(db, 'contacts').as('tag_names')]);
  if (q.cursor) qb = qb.where(afterKeyset(view.keyset, q.cursor));
  for (const t of orderTerms(view.keyset)) qb = qb.orderBy(t.expr, t.direction);
  const rows = await qb.limit(q.limit + 1).execute();
  const page = keysetPage(rows as ContactListRow[], q.limit, view.keyset);
  const total = q.count ? await listTotal(db, actor, 'contacts', filtered(db, actor, q, search, view.where), isUnfiltered(q)) : undefined;
  return { ...page, total };
}
