import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Tag, tagCreateSchema, tagUpdateSchema } from '@kontor/contract/tags';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { can, visibleOrAll } from '../permissions/access.ts';
import { modules } from '@kontor/contract/custom-fields';
import { defaultTagColor, tagKey } from './record-tags.ts';

/** How many live records the actor can see carry each tag: usage counts never include hidden or deleted records. */
async function visibleUsage(db: Kysely<DB>, actor: Actor): Promise<Map<number, number>> {
  const usage = new Map<number, number>();
  for (const module of modules) {
    if (!can(actor, 'view', module)) continue;
    const { rows } = await sql<{ tag_id: number; n: number }>`select rt.tag_id, count(*) as n from record_tags rt
      join ${sql.table(module)} on ${sql.ref(`${module}.id`)} = rt.record_id
      where rt.module = ${module} and ${sql.ref(`${module}.deleted_at`)} is null and ${visibleOrAll(actor, module)}
      group by rt.tag_id`.execute(db);
    for (const r of rows) usage.set(r.tag_id, (usage.get(r.tag_id) ?? 0) + Number(r.n));
  }
  return usage;
}

/** Those who manage the vocabulary (administrators, the `fields` right) see every tag. */
const managesTags = (actor: Actor) => actor.isAdmin || actor.rights.admin.includes('fields');

/**
 * The tags the actor may know of: every tag for those who manage tags; for everyone else the tags on a live record
 * they can see, plus tags on no record at all (fresh vocabulary). A name used only on hidden (or deleted) records is
 * never listed, so a tag cannot leak what a hidden record is about.
 */
export async function listTags(db: Kysely<DB>, actor: Actor): Promise<Tag[]> {
  const [rows, usage, carried] = await Promise.all([
    db.selectFrom('tags').select(['id', 'name', 'color']).orderBy('name_key').execute(),
    visibleUsage(db, actor),
    managesTags(actor) ? Promise.resolve(null) : db.selectFrom('record_tags').select('tag_id').distinct().execute(),
  ]);
  const onSomeRecord = carried && new Set(carried.map((r) => r.tag_id));
  return rows
    .filter((r) => !onSomeRecord || usage.has(r.id) || !onSomeRecord.has(r.id))
    .map((r) => ({ id: toApiId(r.id), name: r.name, color: r.color, usage: usage.get(r.id) ?? 0 }));
}

/** Renaming, recolouring, merging and deleting change records the actor may not see: an admin right. */
function assertManagesTags(actor: Actor): void {
  if (!managesTags(actor)) throw new AppError('forbidden', 'Managing tags needs the "fields" administration right.');
}

async function assertNameFree(db: Kysely<DB>, name: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('tags').select('id').where('name_key', '=', tagKey(name));
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('duplicate', `A tag named "${name}" already exists; merge into it instead.`, { name: 'already in use' });
}

const oneTag = async (db: Kysely<DB>, actor: Actor, id: number) => (await listTags(db, actor)).find((t) => t.id === toApiId(id)) ?? Promise.reject(notFound('tag'));

export async function createTag(db: Kysely<DB>, actor: Actor, input: z.output<typeof tagCreateSchema>): Promise<Tag> {
  assertManagesTags(actor);
  await assertNameFree(db, input.name);
  const now = nowIso();
  const row = await db
    .insertInto('tags')
    .values({ name: input.name, name_key: tagKey(input.name), color: input.color ?? defaultTagColor(input.name), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return oneTag(db, actor, row.id);
}

/** Rename or recolour: records refer to tags by id, so every record shows the new name at once. */
export async function updateTag(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof tagUpdateSchema>): Promise<Tag> {
  assertManagesTags(actor);
  if (input.name !== undefined) await assertNameFree(db, input.name, id);
  const res = await db
    .updateTable('tags')
    .set({
      ...(input.name !== undefined && { name: input.name, name_key: tagKey(input.name) }),
      ...(input.color !== undefined && { color: input.color }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('tag');
  return oneTag(db, actor, id);
}

export async function deleteTag(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertManagesTags(actor);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('record_tags').where('tag_id', '=', id).execute();
    const res = await trx.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('tag');
  });
}

/** Merge: every record tagged with `id` gets `intoId` instead (once), then `id` is deleted. */
export async function mergeTag(db: Kysely<DB>, actor: Actor, id: number, intoId: number): Promise<Tag> {
  assertManagesTags(actor);
  if (id === intoId) throw new AppError('validation_failed', 'A tag cannot be merged into itself.', { intoId: 'choose another tag' });
  await db.transaction().execute(async (trx) => {
    const both = await trx.selectFrom('tags').select('id').where('id', 'in', [id, intoId]).execute();
    if (both.length !== 2) throw notFound('tag');
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
  });
  return oneTag(db, actor, intoId);
}
