import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { accountListQuerySchema } from '@kontor/contract/accounts';
import type { AccountRow, DB, NewAccountRow } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { listSearchFilter } from '../search/search.service.ts';
import { fromApiId } from '../../lib/ids.ts';
import { afterKeyset, keysetPage, orderTerms, sortValueSelections } from '../records/multi-keyset.ts';
import { resolveListView } from '../views/list-view.ts';
import { hasTag, tagNamesColumn } from '../tags/record-tags.ts';
import { isUnfiltered, listTotal } from '../records/record-count.repository.ts';
import { accountListColumns, type AccountListColumns } from './accounts.presenter.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { joinableRecord, recordsForRules, visibleCount, visibleRecords } from '../records/visible-records.ts';
import { contactPointsColumn } from '../contact-points/contact-points.repository.ts';
import { detailFactColumns, type DetailFactsRow } from '../records/record-detail.ts';
import { dealExists } from '../deals/deals.repository.ts';
import { daysFromNow } from '../../lib/time.ts';

export type AccountListQuery = z.output<typeof accountListQuerySchema>;

/** Inserts an account and answers the row as stored (defaults included), in the same statement. */
export async function insertAccountRow(trx: Transaction<DB>, row: NewAccountRow): Promise<AccountRow> {
  return trx.insertInto('accounts').values(row).returningAll().executeTakeFirstOrThrow();
}

/** An account page's row: the account, its parent's name (if visible), owner, tags, contact points, counts, access facts. */
export type AccountDetailRow = AccountRow &
  DetailFactsRow & { parent_name: string | null; owner_name: string | null; tag_names: string | null; points: string | null; contact_count: number; member_count: number };

/**
 * The account page in one statement (its deal summary aside): a live account the actor can see with what it shows,
 * the counts of its contacts and member accounts the actor can see included; undefined otherwise.
 */
export async function findAccountDetailRow(db: Kysely<DB>, actor: Actor, id: number): Promise<AccountDetailRow | undefined> {
  const contacts = can(actor, 'view', 'contacts') ? visibleCount(actor, 'contacts', 'c', sql<boolean>`c.account_id = accounts.id`) : sql<number>`0`;
  const members = can(actor, 'view', 'accounts') ? visibleCount(actor, 'accounts', 'm', sql<boolean>`m.parent_account_id = accounts.id`) : sql<number>`0`;
  return visibleRecords(db, actor, 'accounts')
    .leftJoin('accounts as parent', (j) => j.onRef('parent.id', '=', 'accounts.parent_account_id').on(joinableRecord(actor, 'accounts', 'parent')))
    .selectAll('accounts')
    .select([
      'parent.name as parent_name',
      sql<string | null>`(select u.name from users u where u.id = accounts.owner_id)`.as('owner_name'),
      tagNamesColumn(db, 'accounts').as('tag_names'),
      contactPointsColumn(db, 'accounts').as('points'),
      contacts.as('contact_count'),
      members.as('member_count'),
      ...detailFactColumns(db, actor, 'accounts'),
    ])
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

/** An account the actor can see (live, or in the recycle bin with `deleted`); undefined answers as 404 upstream. */
export async function findAccountRow(db: Kysely<DB>, actor: Actor, id: number, opts: { deleted?: boolean } = {}): Promise<AccountRow | undefined> {
  return visibleRecords(db, actor, 'accounts', opts).selectAll().where('id', '=', id).executeTakeFirst();
}

/** Names of the accounts the actor can see among `ids` (a hidden account's name never leaks through a lookup). */
export async function accountNames(db: Kysely<DB>, actor: Actor, ids: Array<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id != null))];
  if (wanted.length === 0) return new Map();
  const rows = await visibleRecords(db, actor, 'accounts').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The chain of parents above an account, nearest first (bounded, in case old data holds a cycle). */
export async function ancestorIds(db: Kysely<DB>, id: number): Promise<number[]> {
  const out: number[] = [];
  let current: number | null = id;
  while (current != null && out.length < 1000) {
    // The whole chain, hidden links included: a cycle is a cycle whoever asks (the caller decides what to say).
    const row: { parent_account_id: number | null } | undefined = await recordsForRules(db, 'accounts')
      .select('parent_account_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_account_id ?? null;
    if (current != null) {
      if (out.includes(current)) break;
      out.push(current);
    }
  }
  return out;
}

/** Live records pointing at an account that the actor can see: counts never include hidden records. */
export async function countLive(db: Kysely<DB>, actor: Actor, table: 'contacts' | 'accounts', column: 'account_id' | 'parent_account_id', id: number): Promise<number> {
  if (!can(actor, 'view', table)) return 0;
  const r = await (visibleRecords(db, actor, table) as SelectQueryBuilder<DB, 'contacts' | 'accounts', object>)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

function filtered(db: Kysely<DB>, actor: Actor, q: AccountListQuery, search: RawBuilder<boolean> | null, view: RawBuilder<boolean> | null) {
  let qb = visibleRecords(db, actor, 'accounts');
  if (search) qb = qb.where(search);
  if (view) qb = qb.where(view);
  if (q.ownerId) qb = qb.where('accounts.owner_id', '=', fromApiId(q.ownerId));
  if (q.parentAccountId) qb = qb.where('accounts.parent_account_id', '=', fromApiId(q.parentAccountId));
  if (q.contactType) qb = qb.where('accounts.contact_type_id', '=', fromApiId(q.contactType));
  if (q.industry) qb = qb.where('accounts.industry', '=', q.industry);
  if (q.accountType) qb = qb.where('accounts.account_type', '=', q.accountType);
  if (q.tag) qb = qb.where(hasTag('accounts', q.tag));
  if (q.customer) qb = qb.where(dealExists(actor, 'accounts', 'won'));
  if (q.withOpenDeals) qb = qb.where(dealExists(actor, 'accounts', 'open'));
  if (q.notContactedDays) qb = qb.where(notContactedSince(daysFromNow(-q.notContactedDays)));
  return qb;
}

/** Accounts not contacted since `cutoff` (ISO time): no completed activity at or after it, or none ever. */
export function notContactedSince(cutoff: string): RawBuilder<boolean> {
  return sql<boolean>`(accounts.last_activity_at is null or accounts.last_activity_at < ${cutoff})`;
}

/** A list row: the account's listed columns plus what the list shows of its owner, parent (if visible) and tags, in one query. */
export type AccountListRow = AccountListColumns & { owner_name: string | null; parent_name: string | null; tag_names: string | null; is_customer: boolean | number };

export async function listAccountRows(db: Kysely<DB>, actor: Actor, q: AccountListQuery) {
  const view = await resolveListView(db, actor, 'accounts', q, { unindexed: Boolean(q.q) && !isSqlite(db) });
  const search = await listSearchFilter(db, actor, 'accounts', q.q);
  let qb = filtered(db, actor, q, search, view.where)
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .leftJoin('accounts as parent', (j) =>
      j.onRef('parent.id', '=', 'accounts.parent_account_id').on(joinableRecord(actor, 'accounts', 'parent')),
    )
    .select(accountListColumns.map((c) => `accounts.${c}` as const))
    .select([...sortValueSelections(view.keyset), 'owner.name as owner_name', 'parent.name as parent_name', tagNamesColumn(db, 'accounts').as('tag_names'), dealExists(actor, 'accounts', 'won').as('is_customer')]);
  if (q.cursor) qb = qb.where(afterKeyset(view.keyset, q.cursor));
  for (const t of orderTerms(view.keyset)) qb = qb.orderBy(t.expr, t.direction);
  const rows = await qb.limit(q.limit + 1).execute();
  const page = keysetPage(rows as AccountListRow[], q.limit, view.keyset);
  const total = q.count ? await listTotal(db, actor, 'accounts', filtered(db, actor, q, search, view.where), isUnfiltered(q)) : undefined;
  return { ...page, total };
}
