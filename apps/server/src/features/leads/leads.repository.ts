import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { z } from 'zod';
import type { leadListQuerySchema } from '@kontor/contract/leads';
import type { DB, LeadRow, NewLeadRow } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { listSearchFilter } from '../search/search.service.ts';
import { fromApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { afterKeyset, keysetPage, orderTerms, sortValueSelections } from '../records/multi-keyset.ts';
import { resolveListView } from '../views/list-view.ts';
import { joinableRecord, visibleRecords } from '../records/visible-records.ts';
import { hasTag, tagNamesColumn } from '../tags/record-tags.ts';
import { isUnfiltered, listTotal } from '../records/record-count.repository.ts';
import { detailFactColumns, type DetailFactsRow } from '../records/record-detail.ts';

export type LeadListQuery = z.output<typeof leadListQuerySchema>;

/** Inserts a lead and answers the row as stored (defaults included), in the same statement. */
export async function insertLeadRow(trx: Transaction<DB>, row: NewLeadRow): Promise<LeadRow> {
  return trx.insertInto('leads').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A live lead the actor can see; undefined answers as 404 upstream. */
export const findLeadRow = (db: Kysely<DB>, actor: Actor, id: number): Promise<LeadRow | undefined> =>
  visibleRecords(db, actor, 'leads').selectAll().where('id', '=', id).executeTakeFirst();

/** A lead row with its owner's name, its tags, and the names of what it became (only records the actor can see). */
export type LeadListRow = LeadRow & {
  owner_name: string | null;
  tag_names: string | null;
  contact_first: string | null;
  contact_last: string | null;
  account_name: string | null;
  deal_name: string | null;
};

/** The columns a list row shows (presentLeadListItem): lists select exactly these, not the whole row. */
const leadListColumns = [
  'id',
  'first_name',
  'last_name',
  'company',
  'email',
  'phone',
  'position',
  'source',
  'status',
  'owner_id',
  'converted_at',
  'restricted',
  'custom_fields',
  'version',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof LeadRow>;

/** What a list row shows: the listed columns, the owner's name and the tags (not what the lead became: its page shows that). */
export type LeadListItemRow = Pick<LeadRow, (typeof leadListColumns)[number]> & { owner_name: string | null; tag_names: string | null };

/** A list query with its `q` resolved to a condition (`listSearchFilter`). */
type LeadFilter = Partial<LeadListQuery> & { search?: RawBuilder<boolean> | null; viewWhere?: RawBuilder<boolean> | null };

function filtered(db: Kysely<DB>, actor: Actor, q: LeadFilter) {
  let qb = visibleRecords(db, actor, 'leads');
  if (q.search) qb = qb.where(q.search);
  if (q.viewWhere) qb = qb.where(q.viewWhere);
  if (q.status) qb = qb.where('leads.status', '=', q.status);
  if (q.source) qb = qb.where('leads.source', '=', q.source);
  if (q.ownerId) qb = qb.where('leads.owner_id', '=', fromApiId(q.ownerId));
  if (q.tag) qb = qb.where(hasTag('leads', q.tag));
  return qb;
}

function withDisplay(db: Kysely<DB>, actor: Actor, q: Partial<LeadListQuery>) {
  return filtered(db, actor, q)
    .leftJoin('users as owner', 'owner.id', 'leads.owner_id')
    .leftJoin('contacts as contact', (j) => j.onRef('contact.id', '=', 'leads.converted_contact_id').on(joinableRecord(actor, 'contacts', 'contact')))
    .leftJoin('accounts as account', (j) => j.onRef('account.id', '=', 'leads.converted_account_id').on(joinableRecord(actor, 'accounts', 'account')))
    .leftJoin('deals as deal', (j) => j.onRef('deal.id', '=', 'leads.converted_deal_id').on(joinableRecord(actor, 'deals', 'deal')))
    .selectAll('leads')
    .select([
      'owner.name as owner_name',
      tagNamesColumn(db, 'leads').as('tag_names'),
      'contact.first_name as contact_first',
      'contact.last_name as contact_last',
      'account.name as account_name',
      'deal.name as deal_name',
    ]);
}

/** A lead page's row: the display row plus the access facts of `detailFactColumns`, in one statement. */
export type LeadDetailRow = LeadListRow & DetailFactsRow;

export async function findLeadDetailRow(db: Kysely<DB>, actor: Actor, id: number): Promise<LeadDetailRow | undefined> {
  return (await withDisplay(db, actor, {}).select(detailFactColumns(db, actor, 'leads')).where('leads.id', '=', id).executeTakeFirst()) as LeadDetailRow | undefined;
}

export async function listLeadRows(db: Kysely<DB>, actor: Actor, query: LeadListQuery) {
  const view = await resolveListView(db, actor, 'leads', query, { unindexed: Boolean(query.q) && !isSqlite(db) });
  const q = { ...query, search: await listSearchFilter(db, actor, 'leads', query.q), viewWhere: view.where };
  let qb = filtered(db, actor, q)
    .leftJoin('users as owner', 'owner.id', 'leads.owner_id')
    .select(leadListColumns.map((c) => `leads.${c}` as const))
    .select(['owner.name as owner_name', tagNamesColumn(db, 'leads').as('tag_names')]).select(sortValueSelections(view.keyset));
  if (q.cursor) qb = qb.where(afterKeyset(view.keyset, q.cursor));
  for (const t of orderTerms(view.keyset)) qb = qb.orderBy(t.expr, t.direction);
  const rows = await qb.limit(q.limit + 1).execute();
  const page = keysetPage(rows as LeadListItemRow[], q.limit, view.keyset);
  return { ...page, total: q.count ? await listTotal(db, actor, 'leads', filtered(db, actor, q), isUnfiltered(q)) : undefined };
}
