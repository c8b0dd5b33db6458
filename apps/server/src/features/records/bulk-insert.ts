import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PointKind, StoredPoints } from '../contact-points/contact-points.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { addTagsToNewRecords } from '../tags/record-tags.ts';
import { contextOf, recordEvents } from '../timeline/timeline-events.ts';

/**
 * Many new records of one module in a few statements (issue #15: an import stores a chunk of rows at once): the rows
 * in multi-row inserts, then their contact points, tags and `created` events, each one insert for all of them. The rows
 * come from the module's own row builder (the one its single create uses), so both paths store the same thing.
 */

export interface NewRecord<M extends 'contacts' | 'accounts'> {
  row: Insertable<DB[M]>;
  points: Partial<StoredPoints>;
  tags: readonly string[];
}

/** Rows per statement: every row has the same columns, and a statement stays under SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 400;
const POINTS_PER_INSERT = 1500;

/** Every row with every column any of them sets (null where one does not), so a multi-row insert needs no DEFAULT. */
function sameColumns<T extends object>(rows: readonly T[]): T[] {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, (r as Record<string, unknown>)[c] ?? null])) as T);
}

export async function insertNewRecords<M extends 'contacts' | 'accounts'>(trx: Transaction<DB>, actor: Actor, module: M, records: ReadonlyArray<NewRecord<M>>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
    const rows = sameColumns(records.slice(i, i + ROWS_PER_INSERT).map((r) => r.row));
    // Both engines answer a multi-row insert's RETURNING in the order of its VALUES (the tables share the columns used here).
    const inserted = await trx.insertInto(module as 'contacts').values(rows as Array<Insertable<DB['contacts']>>).returning('id').execute();
    if (inserted.length !== rows.length) throw new Error(`inserted ${inserted.length} of ${rows.length} ${module}`);
    for (const r of inserted) ids.push(Number(r.id));
  }
  const points = records.flatMap((r, n) =>
    (Object.entries(r.points) as Array<[PointKind, StoredPoints[PointKind]]>).flatMap(([, list]) => list.map((p, position) => ({ ...p, module, record_id: ids[n] as number, position }))),
  );
  for (let i = 0; i < points.length; i += POINTS_PER_INSERT) await trx.insertInto('contact_points').values(points.slice(i, i + POINTS_PER_INSERT)).execute();
  await addTagsToNewRecords(trx, module, records.map((r, n) => ({ recordId: ids[n] as number, names: r.tags })));
  const events = records.map((r, n) => ({ kind: 'created' as const, module, recordId: ids[n] as number, context: contextOf(module, ids[n] as number, module === 'accounts' ? {} : r.row) }));
  for (let i = 0; i < events.length; i += 1000) await recordEvents(trx, actor, events.slice(i, i + 1000));
  return ids;
}
