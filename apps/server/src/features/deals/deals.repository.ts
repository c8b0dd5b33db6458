import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { dealListQuerySchema, Money } from '@kontor/contract/deals';
import type { DB, DealRow, NewDealRow } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { listSearchFilter } from '../search/search.service.ts';
import { fromApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { afterKeyset, keysetPage, orderTerms, sortValueSelections } from '../records/multi-keyset.ts';
import { resolveListView } from '../views/list-view.ts';
import { joinableRecord, visibleExists, visibleRecords } from '../records/visible-records.ts';
import { hasTag, tagNamesColumn } from '../tags/record-tags.ts';
import { isUnfiltered, listTotal } from '../records/record-count.repository.ts';
import { detailFactColumns, type DetailFactsRow } from '../records/record-detail.ts';

export type DealListQuery = z.output<typeof dealListQuerySchema>;

export async function insertDealRow(trx: Transaction<DB>, row: NewDealRow): Promise<number> {
  return (await trx.insertInto('deals').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The columns a list row or card shows (presentDealListItem): lists select exactly these, not the whole row. */
const dealListColumns = [
  'id',
  'name',
  'amount',
  'currency',
  'pipeline_id',
  'stage_id',
  'status',
  'lost_reason',
  'expected_close_date',
  'closed_at',
  'account_id',
  'contact_id',
  'owner_id',
  'restricted',
  'custom_fields',
  'version',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof DealRow>;

/** What a list row or card shows: the listed columns and the names of its stage, pipeline, owner, account, contact and tags. */
export type DealListItemRow = Pick<DealRow, (typeof dealListColumns)[number]> & DealDisplay;
/** A deal row with what its page shows of its stage, pipeline, owner, account, contact and tags. */
export type DealListRow = DealRow & DealDisplay;
type DealDisplay = {
  owner_name: string | null;
  account_name: string | null;
  contact_first: string | null;
  contact_last: string | null;
  stage_name: string;
  probability: number;
  pipeline_name: string;
  tag_names: string | null;
};

/** A list query with its `q` resolved to a condition (`listSearchFilter`). */
type DealFilter = Partial<DealListQuery> & { search?: RawBuilder<boolean> | null; viewWhere?: RawBuilder<boolean> | null };

function filtered(db: Kysely<DB>, actor: Actor, q: DealFilter) {
  let qb = visibleRecords(db, actor, 'deals');
  if (q.search) qb = qb.where(q.search);
  if (q.viewWhere) qb = qb.where(q.viewWhere);
  if (q.ownerId) qb = qb.where('deals.owner_id', '=', fromApiId(q.ownerId));
  if (q.accountId) qb = qb.where('deals.account_id', '=', fromApiId(q.accountId));
  if (q.contactId) qb = qb.where('deals.contact_id', '=', fromApiId(q.contactId));
  if (q.pipelineId) qb = qb.where('deals.pipeline_id', '=', fromApiId(q.pipelineId));
  if (q.stageId) qb = qb.where('deals.stage_id', '=', fromApiId(q.stageId));
  if (q.status) qb = qb.where('deals.status', '=', q.status);
  if (q.tag) qb = qb.where(hasTag('deals', q.tag));
  return qb;
}

/** The whole deal with the related names of `displayNames` (a deal's page). */
const withDisplay = (db: Kysely<DB>, actor: Actor, q: Partial<DealListQuery>) => displayNames(db, actor, q).selectAll('deals');

/** One joined query for deals with the related names they show: the names come only from records the actor can see. */
function displayNames(db: Kysely<DB>, actor: Actor, q: DealFilter) {
  return filtered(db, actor, q)
    .innerJoin('pipeline_stages as stage', 'stage.id', 'deals.stage_id')
    .innerJoin('pipelines as pipeline', 'pipeline.id', 'deals.pipeline_id')
    .leftJoin('users as owner', 'owner.id', 'deals.owner_id')
    .leftJoin('accounts as account', (j) => j.onRef('account.id', '=', 'deals.account_id').on(joinableRecord(actor, 'accounts', 'account')))
    .leftJoin('contacts as contact', (j) => j.onRef('contact.id', '=', 'deals.contact_id').on(joinableRecord(actor, 'contacts', 'contact')))
    .select([
      'owner.name as owner_name',
      'account.name as account_name',
      'contact.first_name as contact_first',
      'contact.last_name as contact_last',
      'stage.name as stage_name',
      'stage.probability',
      'pipeline.name as pipeline_name',
      tagNamesColumn(db, 'deals').as('tag_names'),
    ]);
}

/** A deal page's row: the list row plus the access facts of `detailFactColumns`, in one statement. */
export type DealDetailRow = DealListRow & DetailFactsRow;

export async function findDealDetailRow(db: Kysely<DB>, actor: Actor, id: number): Promise<DealDetailRow | undefined> {
  return (await withDisplay(db, actor, {}).select(detailFactColumns(db, actor, 'deals')).where('deals.id', '=', id).executeTakeFirst()) as DealDetailRow | undefined;
}

export async function listDealRows(db: Kysely<DB>, actor: Actor, query: DealListQuery) {
  const view = await resolveListView(db, actor, 'deals', query, { unindexed: Boolean(query.q) && !isSqlite(db) });
  const q = { ...query, search: await listSearchFilter(db, actor, 'deals', query.q), viewWhere: view.where };
  let qb = displayNames(db, actor, q)
    .select(dealListColumns.map((c) => `deals.${c}` as const))
    .select(sortValueSelections(view.keyset));
  if (q.cursor) qb = qb.where(afterKeyset(view.keyset, q.cursor));
  for (const t of orderTerms(view.keyset)) qb = qb.orderBy(t.expr, t.direction);
  const rows = await qb.limit(q.limit + 1).execute();
  const page = keysetPage(rows as DealListItemRow[], q.limit, view.keyset);
  return { ...page, total: q.count ? await listTotal(db, actor, 'deals', filtered(db, actor, q), isUnfiltered(q)) : undefined };
}

/** Count and sums per currency of the open deals per stage of a pipeline (the board's column headers). */
export async function stageTotals(db: Kysely<DB>, actor: Actor, q: Partial<DealListQuery> & { pipelineId: string }) {
  const rows = await filtered(db, actor, { ...q, status: 'open', search: await listSearchFilter(db, actor, 'deals', q.q) })
    .select((eb) => ['deals.stage_id', 'deals.currency', eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('deals.amount').as('total')])
    .groupBy(['deals.stage_id', 'deals.currency'])
    .execute();
  return rows.map((r) => ({ stageId: r.stage_id, currency: r.currency, count: Number(r.n), total: Number(r.total ?? 0) }));
}

/** Count and value per status and currency of the deals the actor can see that match `where` (an account's, a contact's). */
export async function dealTotals(db: Kysely<DB>, actor: Actor, where: { accountId?: number; contactId?: number }) {
  let qb = visibleRecords(db, actor, 'deals');
  if (where.accountId !== undefined) qb = qb.where('deals.account_id', '=', where.accountId);
  if (where.contactId !== undefined) qb = qb.where('deals.contact_id', '=', where.contactId);
  const rows = await qb
    .select((eb) => ['deals.status', 'deals.currency', eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('deals.amount').as('total')])
    .groupBy(['deals.status', 'deals.currency'])
    .execute();
  return rows.map((r) => ({ status: r.status, currency: r.currency, count: Number(r.n), total: Number(r.total ?? 0) }));
}

/** Money per currency, largest first (ties by code), rounded to cents; currencies that sum to nothing are left out. */
export function moneyOf(rows: Array<{ currency: string; total: number }>): Money[] {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.currency, (by.get(r.currency) ?? 0) + r.total);
  return [...by]
    .filter(([, amount]) => amount !== 0) // deals without an amount add nothing worth showing
    .map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }))
    .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
}

/**
 * "Has a deal the actor can see with this status", correlated to an account or contact row: the list filters
 * "customers only" (won) and "with open deals". Served by the deals_account / deals_contact indexes.
 */
export function dealExists(actor: Actor, link: 'accounts' | 'contacts', status: 'won' | 'open'): RawBuilder<boolean> {
  if (!can(actor, 'view', 'deals')) return sql<boolean>`1 = 0`;
  const column = link === 'accounts' ? 'account_id' : 'contact_id';
  return visibleExists(actor, 'deals', 'd', sql<boolean>`d.${sql.raw(column)} = ${sql.ref(`${link}.id`)} and d.status = ${status}`);
}
