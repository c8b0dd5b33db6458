import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { boundIdSet } from '../../db/dialect.ts';
import type { PointKind } from './contact-points.repository.ts';

/**
 * The primary point of one kind on many records at once (a mass update of accounts' phone or website, issue #14):
 * set-based statements over a chunk of ids, the same rules as one record's shorthand (`resolveShorthands`).
 * Module and kind are written into the SQL (they come from code, and on SQLite a bound value on the indexed columns
 * would make the statement re-plan at every run); the value and the ids are bound.
 */

const pointsOf = (module: Module, kind: PointKind, alias: string) =>
  sql`${sql.ref(`${alias}.module`)} = ${sql.lit(module)} and ${sql.ref(`${alias}.kind`)} = ${sql.lit(kind)}`;

/** The record's primary point of `kind` (its value), for the record whose id is `id`: what the row's copies hold. */
export function primaryPointValue(module: Module, kind: PointKind, id: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(select q.value from contact_points q where ${pointsOf(module, kind, 'q')} and q.record_id = ${id} and q.is_primary = 1 order by q.position, q.id limit 1)`;
}

/**
 * Makes `value` the primary point of `kind` of every record in `ids`: a point with that value becomes primary (the
 * others are no longer), else the primary's value is replaced, else (no points) one is added. `value` null removes
 * the primary and promotes the next point. `e164` is the phone's E.164 form (null for websites).
 */
export async function setPrimaryPoints(db: Kysely<DB>, module: Module, kind: PointKind, ids: readonly number[], value: string | null, e164: string | null, label: string): Promise<void> {
  if (ids.length === 0) return;
  const inIds = sql`contact_points.record_id in ${boundIdSet(ids)}`;
  const here = sql`${pointsOf(module, kind, 'contact_points')} and ${inIds}`;
  const sameRecord = sql`${pointsOf(module, kind, 'q')} and q.record_id = contact_points.record_id`;
  const first = (condition: RawBuilder<unknown>) => sql`(select q.id from contact_points q where ${sameRecord} and ${condition} order by q.position, q.id limit 1)`;
  if (value === null) {
    await sql`delete from contact_points where ${here} and is_primary = 1`.execute(db);
    await sql`update contact_points set is_primary = 1
      where ${here} and contact_points.id = ${first(sql`1 = 1`)}
        and not exists (select 1 from contact_points q where ${sameRecord} and q.is_primary = 1)`.execute(db);
    return;
  }
  const hasValue = sql`exists (select 1 from contact_points q where ${sameRecord} and q.value = ${value})`;
  // A record with a point of this value: that point (the first, should there be two) becomes the primary.
  const chosen = sql`case when contact_points.id = ${first(sql`q.value = ${value}`)} then 1 else 0 end`;
  await sql`update contact_points set is_primary = ${chosen} where ${here} and ${hasValue} and is_primary <> ${chosen}`.execute(db);
  // Else the primary takes the value.
  await sql`update contact_points set value = ${value}, e164 = ${e164} where ${here} and is_primary = 1 and not ${hasValue}`.execute(db);
  // Else (no primary: no points of the kind) a new primary point, first in the list.
  const t = sql.table(module);
  await sql`insert into contact_points (module, record_id, kind, label, value, e164, is_primary, position)
    select ${sql.lit(module)}, r.id, ${sql.lit(kind)}, ${label}, ${value}, ${e164}, 1,
      coalesce((select min(q.position) from contact_points q where ${pointsOf(module, kind, 'q')} and q.record_id = r.id), 1) - 1
    from ${t} r
    where r.id in ${boundIdSet(ids)}
      and not exists (select 1 from contact_points q where ${pointsOf(module, kind, 'q')} and q.record_id = r.id and (q.value = ${value} or q.is_primary = 1))`.execute(db);
}
