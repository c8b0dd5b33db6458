import { sql, type Kysely } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { joinableRecord, visibleExists, visibleRecords } from '../records/visible-records.ts';
import type { PairRow } from './duplicate-pairs.repository.ts';

/** The reads of the duplicate lists (issue #16): every record goes through the visibility rule. */

export interface DuplicateRecordRow {
  id: number;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  primary_email: string | null;
  primary_phone: string | null;
  /** Contacts: the visible account's name; accounts: the website. */
  context: string | null;
  owner_id: number | null;
  owner_name: string | null;
  updated_at: string;
  version: number;
}

/** Which of these ids the actor may see (live records only). */
export async function visibleIds(db: Kysely<DB>, actor: Actor, module: DuplicateModule, ids: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await visibleRecords(db, actor, module)
      .select(`${module}.id as id` as 'contacts.id')
      .where(`${module}.id` as 'contacts.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(Number(r.id));
  }
  return out;
}

/** The visible records among `ids`, with what the lists show. */
export async function duplicateRecords(db: Kysely<DB>, actor: Actor, module: DuplicateModule, ids: readonly number[]): Promise<DuplicateRecordRow[]> {
  if (!ids.length) return [];
  if (module === 'contacts') {
    return visibleRecords(db, actor, 'contacts')
      .leftJoin('users as owner', 'owner.id', 'contacts.owner_id')
      .leftJoin('accounts as acc', (j) => j.onRef('acc.id', '=', 'contacts.account_id').on(joinableRecord(actor, 'accounts', 'acc')))
      .select([
        'contacts.id', 'contacts.first_name', 'contacts.last_name', sql<string | null>`null`.as('name'), 'contacts.primary_email', 'contacts.primary_phone',
        'acc.name as context', 'contacts.owner_id', 'owner.name as owner_name', 'contacts.updated_at', 'contacts.version',
      ])
      .where('contacts.id', 'in', [...ids])
      .execute();
  }
  return visibleRecords(db, actor, 'accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select([
      'accounts.id', sql<string | null>`null`.as('first_name'), sql<string | null>`null`.as('last_name'), 'accounts.name', 'accounts.primary_email', 'accounts.phone as primary_phone',
      'accounts.website as context', 'accounts.owner_id', 'owner.name as owner_name', 'accounts.updated_at', 'accounts.version',
    ])
    .where('accounts.id', 'in', [...ids])
    .execute();
}

export interface ClusterFilter {
  ownerId?: number;
  tagId?: number;
  accountId?: number;
}

export interface ClusterRow {
  id: number;
  score: number;
}

/**
 * A page of clusters in score order after the cursor, holding at least one visible member that passes the filters
 * (the caller drops clusters with fewer than two visible members and asks again).
 */
export async function clusterPage(
  db: Kysely<DB>,
  actor: Actor,
  module: DuplicateModule,
  opts: { descending: boolean; after: [number, number] | null; limit: number; filter: ClusterFilter },
): Promise<ClusterRow[]> {
  const { descending, after, filter } = opts;
  const conditions = [sql<boolean>`r.id = m.record_id`];
  if (filter.ownerId !== undefined) conditions.push(sql<boolean>`r.owner_id = ${filter.ownerId}`);
  if (filter.tagId !== undefined) conditions.push(sql<boolean>`r.id in (select record_id from record_tags where module = ${module} and tag_id = ${filter.tagId})`);
  if (filter.accountId !== undefined) conditions.push(module === 'contacts' ? sql<boolean>`r.account_id = ${filter.accountId}` : sql<boolean>`(r.id = ${filter.accountId} or r.parent_account_id = ${filter.accountId})`);
  const member = visibleExists(actor, module, 'r', sql.join(conditions, sql` and `));
  let q = db
    .selectFrom('duplicate_clusters as c')
    .select(['c.id', 'c.score'])
    .where('c.module', '=', module)
    .where(sql<boolean>`exists (select 1 from duplicate_members m where m.cluster_id = c.id and ${member})`);
  if (after) q = q.where(sql<boolean>`(c.score, c.id) ${descending ? sql`<` : sql`>`} (${after[0]}, ${after[1]})`);
  return q
    .orderBy('c.score', descending ? 'desc' : 'asc')
    .orderBy('c.id', descending ? 'desc' : 'asc')
    .limit(opts.limit)
    .execute();
}

/** The pairs among these records. */
export async function pairsAmong(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[]): Promise<PairRow[]> {
  if (ids.length < 2) return [];
  return db
    .selectFrom('duplicate_pairs')
    .select(['low_id', 'high_id', 'score', 'reasons'])
    .where('module', '=', module)
    .where('low_id', 'in', [...ids])
    .where('high_id', 'in', [...ids])
    .execute();
}
