import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { Selection } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { listTextFilter } from './text-filter.ts';
import { resolveListView } from './list-view.ts';

/**
 * The records a mass action or an export takes: the ids picked (those the actor can see), or the whole filtered
 * result of a list (view, filter, search, letter) as the list itself would answer it. Live records only.
 */
export async function selectionWhere(db: Kysely<DB>, actor: Actor, module: Module, sel: Selection): Promise<RawBuilder<boolean>> {
  const id = sql.ref(`${module}.id`);
  if ('ids' in sel) return sql<boolean>`${id} in (${sql.join([...new Set(sel.ids.map(Number))])})`;
  const { where } = await resolveListView(db, actor, module, { view: sel.view, filter: sel.filter, letter: sel.letter });
  const search = await listTextFilter(db, actor, module, sel.q);
  const parts = [where, search].filter((p): p is RawBuilder<boolean> => p != null);
  return parts.length === 0 ? sql<boolean>`1 = 1` : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

const selected = (db: Kysely<DB>, actor: Actor, module: Module, where: RawBuilder<boolean>) =>
  (visibleRecords(db, actor, module) as unknown as SelectQueryBuilder<DB, 'accounts', object>).where(where);

/** The selected ids in ascending chunks (keyset on the id: records created meanwhile with a higher id join the walk). */
export async function* selectedIdChunks(db: Kysely<DB>, actor: Actor, module: Module, sel: Selection, chunkSize = 1000): AsyncGenerator<number[]> {
  const where = await selectionWhere(db, actor, module, sel);
  let after = 0;
  for (;;) {
    const rows = await selected(db, actor, module, where)
      .select(sql<number>`${sql.ref(`${module}.id`)}`.as('id'))
      .where(sql<boolean>`${sql.ref(`${module}.id`)} > ${after}`)
      .orderBy(sql.ref(`${module}.id`))
      .limit(chunkSize)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => Number(r.id));
    yield ids;
    after = ids[ids.length - 1] ?? after;
    if (rows.length < chunkSize) return;
  }
}

/** How many records the selection takes (for the confirmation and a job's total). */
export async function countSelection(db: Kysely<DB>, actor: Actor, module: Module, sel: Selection): Promise<number> {
  const where = await selectionWhere(db, actor, module, sel);
  const row = await selected(db, actor, module, where)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
