import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import { modules, type Module } from '@kontor/contract/custom-fields';
import type { TimelineFilter } from '@kontor/contract/timeline';
import type { DB, TimelineEventsTable } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { nameFromColumns } from '../records/record-name.ts';
import { descriptorOf } from '../records/registry.ts';
import { visibleExists, visibleRecords } from '../records/visible-records.ts';
import { selfContextColumn } from './timeline-events.ts';

/** The timeline's SQL: one record's events (an account's with its contacts' and deals'), only what the reader may see. */

export type TimelineRow = Omit<Selectable<TimelineEventsTable>, 'account_id' | 'contact_id' | 'deal_id' | 'lead_id'>;

const filterCondition: Record<TimelineFilter, (self: Module) => RawBuilder<boolean>> = {
  changes: (self) => sql<boolean>`(te.module = ${self} and te.item_type is null)`,
  activities: () => sql<boolean>`te.module = 'activities'`,
  notes: () => sql<boolean>`te.item_type = 'note'`,
  files: () => sql<boolean>`te.item_type = 'attachment'`,
  contacts: () => sql<boolean>`(te.module = 'contacts' and te.item_type is null)`,
  deals: () => sql<boolean>`(te.module = 'deals' and te.item_type is null)`,
};

/**
 * An event of another record shows only when the reader may view its module and see that record (live or in the
 * recycle bin: a contact's deletion stays on its account's timeline). The record's own events need no check: the
 * caller has found the record visible.
 */
function readable(actor: Actor, module: Module, id: number): RawBuilder<boolean> {
  const others = modules
    .filter((m) => can(actor, 'view', m))
    .map((m) => sql`(te.module = ${m} and ${visibleExists(actor, m, 'tv', sql<boolean>`tv.id = te.record_id`, { deleted: 'any' })})`);
  const own = sql`(te.module = ${module} and te.record_id = ${id})`;
  return sql<boolean>`(${sql.join([own, ...others], sql` or `)})`;
}

export async function timelineRows(
  db: Kysely<DB>,
  actor: Actor,
  module: Module,
  id: number,
  q: { limit: number; since: string | null; after: { at: string; id: number } | null; filter: TimelineFilter[] },
): Promise<TimelineRow[]> {
  const key = selfContextColumn[module];
  const where = [
    key ? sql`${sql.ref(`te.${key}`)} = ${id}` : sql`te.module = ${module} and te.record_id = ${id}`,
    ...(q.since ? [sql`te.at >= ${q.since}`] : []),
    ...(q.after ? [sql`(te.at < ${q.after.at} or (te.at = ${q.after.at} and te.id < ${q.after.id}))`] : []),
    ...(q.filter.length ? [sql`(${sql.join(q.filter.map((f) => filterCondition[f](module)), sql` or `)})`] : []),
    readable(actor, module, id),
  ];
  const rows = await sql<TimelineRow>`select te.id, te.at, te.actor_id, te.kind, te.module, te.record_id, te.item_type, te.item_id, te.details
    from timeline_events te where ${sql.join(where, sql` and `)}
    order by te.at desc, te.id desc limit ${q.limit + 1}`.execute(db);
  return rows.rows;
}

/** Names of records of one module the reader may see (live or in the bin), by id, from the module's name columns. */
export async function recordNames(db: Kysely<DB>, actor: Actor, module: Module, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0 || !can(actor, 'view', module)) return new Map();
  const names = descriptorOf(module).nameColumns;
  const rows = (await (visibleRecords(db, actor, module, { deleted: 'any' }) as unknown as SelectQueryBuilder<DB, 'accounts', object>)
    .select(['id', ...names.map((c) => `${module}.${c}` as 'accounts.name')])
    .where('id', 'in', [...new Set(ids)])
    .execute()) as unknown as Array<Record<string, unknown> & { id: number }>;
  return new Map(rows.map((r) => [r.id, nameFromColumns(names, r)]));
}

/** Names of pipeline stages, pipelines and contact types (not records: everyone who sees a deal sees its stage). */
export async function lookupNames(db: Kysely<DB>, table: 'pipeline_stages' | 'pipelines' | 'contact_types', ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
