import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { modules } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { defaultTagColor, tagKey } from './record-tags.ts';

/** The tag vocabulary's SQL (tags on records are in record-tags.ts). */

export const listTagRows = (db: Kysely<DB>) => db.selectFrom('tags').select(['id', 'name', 'color']).orderBy('name_key').execute();

/** How many live records the actor can see carry each tag, over every module they may view. */
export async function visibleUsage(db: Kysely<DB>, actor: Actor): Promise<Map<number, number>> {
  const usage = new Map<number, number>();
  for (const module of modules) {
    if (!can(actor, 'view', module)) continue;
    const rows = await (visibleRecords(db, actor, module) as unknown as SelectQueryBuilder<DB, 'accounts', object>)
      .innerJoin('record_tags as rt', (j) => j.on(sql<boolean>`rt.record_id = ${sql.ref(`${module}.id`)}`).on('rt.module', '=', module))
      .select((eb) => ['rt.tag_id', eb.fn.countAll<number>().as('n')])
      .groupBy('rt.tag_id')
      .execute();
    for (const r of rows) usage.set(r.tag_id, (usage.get(r.tag_id) ?? 0) + Number(r.n));
  }
  return usage;
}

/** Ids of the tags some record (any module, live or deleted) carries. */
export async function carriedTagIds(db: Kysely<DB>): Promise<Set<number>> {
  return new Set((await db.selectFrom('record_tags').select('tag_id').distinct().execute()).map((r) => r.tag_id));
}

export async function tagNameTaken(db: Kysely<DB>, name: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('tags').select('id').where('name_key', '=', tagKey(name));
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) != null;
}

export async function insertTag(db: Kysely<DB>, name: string, color: string | undefined): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('tags')
    .values({ name, name_key: tagKey(name), color: color ?? defaultTagColor(name), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Renames or recolours; answers whether the tag exists. */
export async function updateTagRow(db: Kysely<DB>, id: number, change: { name?: string; color?: string }): Promise<boolean> {
  const res = await db
    .updateTable('tags')
    .set({
      ...(change.name !== undefined && { name: change.name, name_key: tagKey(change.name) }),
      ...(change.color !== undefined && { color: change.color }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Deletes a tag and takes it off every record; answers whether it existed. */
export async function deleteTagEverywhere(db: Kysely<DB>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('record_tags').where('tag_id', '=', id).execute();
    const res = await trx.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  });
}

/** Every record tagged with `id` gets `intoId` instead (once), then `id` is deleted; answers whether both existed. */
export async function mergeTagRows(db: Kysely<DB>, id: number, intoId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const both = await trx.selectFrom('tags').select('id').where('id', 'in', [id, intoId]).execute();
    if (both.length !== 2) return false;
    await trx
      .insertInto('record_tags')
      .columns(['module', 'record_id', 'tag_id'])
      .expression((eb) =>
        eb
          .selectFrom('record_tags as rt')
          .select(['rt.module', 'rt.record_id', eb.val(intoId).as('tag_id')])
          .where('rt.tag_id', '=', id)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('record_tags as x').select('x.tag_id').where('x.tag_id', '=', intoId).whereRef('x.module', '=', 'rt.module').whereRef('x.record_id', '=', 'rt.record_id'))),
          ),
      )
      .execute();
    await trx.deleteFrom('record_tags').where('tag_id', '=', id).execute();
    await trx.deleteFrom('tags').where('id', '=', id).execute();
    return true;
  });
}
