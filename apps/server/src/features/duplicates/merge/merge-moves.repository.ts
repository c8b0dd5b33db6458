import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../../db/schema.ts';
import type { MovedRows } from './merge-snapshot.ts';

/**
 * Every row that points at a merged record moves to the survivor, set-based: per kind of link one statement finds the
 * rows (with the record each came from, for undo) and one moves them. These statements read and write rows whoever
 * may see them (a rule, not a read: a merge moves all of a record's deals, also those the merging user cannot see, and
 * answers none of them), so they are plain SQL over the tables, not `visibleRecords`.
 *
 * Each `where` is written so an index serves it at a million rows: deals' and activities' link indexes cover live rows
 * only (`deleted_at is null`), so the recycle bin is a second branch through the `*_deleted` index; a lead's
 * `converted_*` is set only by its conversion, which makes it `converted` for good (its status is frozen), so live
 * leads are found through `leads_status`.
 */

interface LinkSpec {
  table: 'deals' | 'activities' | 'notes' | 'attachments' | 'timeline_events' | 'contacts' | 'accounts' | 'leads' | 'import_source_ids';
  column: string;
  /** The row's key: `id`, or the source id of an import's source ids (one per module and source). */
  key?: 'source_id';
  /** Conditions, one branch each (each served by its own index). */
  branches: RawBuilder<boolean>[];
}

const t = (s: string) => sql<boolean>`${sql.raw(s)}`;
const always = t('1 = 1');
const liveOrBin = [t('deleted_at is null'), t('deleted_at is not null')];
const ofModule = (m: DuplicateModule) => [sql<boolean>`module = ${m}`];
const convertedLeads = [t(`deleted_at is null and status = 'converted'`), t('deleted_at is not null')];

/** What points at a contact or an account, besides its own row. */
function linkSpecs(module: DuplicateModule): LinkSpec[] {
  const own = (column: 'contact_id' | 'account_id'): LinkSpec[] => [
    { table: 'deals', column, branches: liveOrBin },
    { table: 'activities', column, branches: liveOrBin },
    { table: 'timeline_events', column, branches: [always] },
  ];
  const items: LinkSpec[] = [
    { table: 'notes', column: 'record_id', branches: ofModule(module) },
    { table: 'attachments', column: 'record_id', branches: ofModule(module) },
    { table: 'timeline_events', column: 'record_id', branches: ofModule(module) },
    { table: 'import_source_ids', column: 'record_id', key: 'source_id', branches: ofModule(module) },
  ];
  if (module === 'contacts') return [...own('contact_id'), ...items, { table: 'leads', column: 'converted_contact_id', branches: convertedLeads }];
  return [
    ...own('account_id'),
    ...items,
    { table: 'leads', column: 'converted_account_id', branches: convertedLeads },
    // Contacts and member accounts; tombstones of earlier merges keep what they pointed at (an undo follows the merge).
    // `contacts.deleted_with_account_id` needs no move: it is set only while that account is in the recycle bin (its
    // restore clears it, its purge too), and a merge takes no account from the bin.
    { table: 'contacts', column: 'account_id', branches: [t('merged_into_id is null')] },
    { table: 'accounts', column: 'parent_account_id', branches: [t('merged_into_id is null')] },
  ];
}

/** A set of keys as one bound parameter (`col in ${keySet(keys)}`), however many there are. */
function keySet(keys: ReadonlyArray<number | string>): RawBuilder<unknown> {
  const json = JSON.stringify(Object.fromEntries(keys.map((k) => [String(k), 0])));
  return typeof keys[0] === 'string' ? sql`(select key from json_each(${json}))` : sql`(select cast(key as integer) from json_each(${json}))`;
}

/**
 * Moves every row linked to one of `from` over to `to` (never the merged records themselves: `exclude`), and answers
 * what moved, by table, column and former record.
 */
export async function moveLinkedRows(trx: Kysely<DB>, module: DuplicateModule, from: readonly number[], to: number, exclude: readonly number[]): Promise<MovedRows[]> {
  const moved: MovedRows[] = [];
  for (const spec of linkSpecs(module)) {
    const key = sql.ref(spec.key ?? 'id');
    const col = sql.ref(spec.column);
    const skip = spec.table === module ? sql`and id not in (${sql.join(exclude)})` : sql``;
    const selects = spec.branches.map((b) => sql`select ${key} as k, ${col} as f from ${sql.table(spec.table)} where ${col} in (${sql.join(from)}) and ${b} ${skip}`);
    const { rows } = await sql<{ k: number | string; f: number }>`${sql.join(selects, sql` union all `)}`.execute(trx);
    if (rows.length === 0) continue;
    const keys = rows.map((r) => r.k);
    const scope = spec.key ? sql`and ${spec.branches[0] ?? always}` : sql``;
    await sql`update ${sql.table(spec.table)} set ${col} = ${to} where ${key} in ${keySet(keys)} ${scope}`.execute(trx);
    for (const f of from) {
      const mine = rows.filter((r) => Number(r.f) === f).map((r) => (typeof r.k === 'string' ? r.k : Number(r.k)));
      if (mine.length) moved.push({ table: spec.table, column: spec.column, from: f, keys: mine });
    }
  }
  return moved;
}

/** Where the rows a merge moved are now: each key's current value of the column, for the keys still there. */
export async function movedRowsNow(db: Kysely<DB>, entry: MovedRows, module: DuplicateModule): Promise<Map<string, { value: number | null; by: number | null; at: string | null }>> {
  const spec = linkSpecs(module).find((s) => s.table === entry.table && s.column === entry.column);
  if (!spec || entry.keys.length === 0) return new Map();
  const key = sql.ref(spec.key ?? 'id');
  const stamped = !['timeline_events', 'attachments', 'import_source_ids'].includes(spec.table);
  const stamps = stamped ? sql`updated_by as by, updated_at as at` : sql`null as by, null as at`;
  const scope = spec.key ? sql`and ${spec.branches[0] ?? always}` : sql``;
  const { rows } = await sql<{ k: number | string; f: number | null; by: number | null; at: string | null }>`select ${key} as k, ${sql.ref(spec.column)} as f, ${stamps}
    from ${sql.table(spec.table)} where ${key} in ${keySet(entry.keys)} ${scope}`.execute(db);
  return new Map(rows.map((r) => [String(r.k), { value: r.f == null ? null : Number(r.f), by: r.by == null ? null : Number(r.by), at: r.at }]));
}

/** Puts moved rows back on the record they came from (those still on the survivor). */
export async function moveRowsBack(trx: Kysely<DB>, entry: MovedRows, module: DuplicateModule, survivorId: number): Promise<void> {
  const spec = linkSpecs(module).find((s) => s.table === entry.table && s.column === entry.column);
  if (!spec || entry.keys.length === 0) return;
  const key = sql.ref(spec.key ?? 'id');
  const col = sql.ref(spec.column);
  const scope = spec.key ? sql`and ${spec.branches[0] ?? always}` : sql``;
  await sql`update ${sql.table(spec.table)} set ${col} = ${entry.from} where ${key} in ${keySet(entry.keys)} and ${col} = ${survivorId} ${scope}`.execute(trx);
}
