import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Tag, tagCreateSchema, tagUpdateSchema } from '@kontor/contract/tags';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, fieldError, refused } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { carriedTagIds, deleteTagEverywhere, insertTag, listTagRows, mergeTagRows, tagNameTaken, updateTagRow, visibleUsage } from './tags.repository.ts';

/** Those who manage the vocabulary (administrators, the `fields` right) see every tag. */
const managesTags = (actor: Actor) => actor.isAdmin || actor.rights.admin.includes('fields');

/**
 * The tags the actor may know of: every tag for those who manage tags; for everyone else the tags on a live record
 * they can see, plus tags on no record at all (fresh vocabulary). A name used only on hidden (or deleted) records is
 * never listed, so a tag cannot leak what a hidden record is about. Usage counts only live records the actor sees.
 */
export async function listTags(db: Kysely<DB>, actor: Actor): Promise<Tag[]> {
  const [rows, usage, carried] = await Promise.all([listTagRows(db), visibleUsage(db, actor), managesTags(actor) ? Promise.resolve(null) : carriedTagIds(db)]);
  return rows
    .filter((r) => !carried || usage.has(r.id) || !carried.has(r.id))
    .map((r) => ({ id: toApiId(r.id), name: r.name, color: r.color, usage: usage.get(r.id) ?? 0 }));
}

/** Renaming, recolouring, merging and deleting change records the actor may not see: an admin right. */
function assertManagesTags(actor: Actor): void {
  if (!managesTags(actor)) throw refused('forbidden', 'tags_right');
}

async function assertNameFree(db: Kysely<DB>, name: string, exceptId?: number): Promise<void> {
  if (await tagNameTaken(db, name, exceptId)) throw new AppError('duplicate', `A tag named "${name}" already exists; merge into it instead.`, { name: fieldError('in_use') });
}

const oneTag = async (db: Kysely<DB>, actor: Actor, id: number) => (await listTags(db, actor)).find((t) => t.id === toApiId(id)) ?? Promise.reject(notFound('tag'));

export async function createTag(db: Kysely<DB>, actor: Actor, input: z.output<typeof tagCreateSchema>): Promise<Tag> {
  assertManagesTags(actor);
  await assertNameFree(db, input.name);
  return oneTag(db, actor, await insertTag(db, input.name, input.color));
}

/** Rename or recolour: records refer to tags by id, so every record shows the new name at once. */
export async function updateTag(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof tagUpdateSchema>): Promise<Tag> {
  assertManagesTags(actor);
  if (input.name !== undefined) await assertNameFree(db, input.name, id);
  if (!(await updateTagRow(db, id, input))) throw notFound('tag');
  return oneTag(db, actor, id);
}

export async function deleteTag(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertManagesTags(actor);
  if (!(await deleteTagEverywhere(db, id))) throw notFound('tag');
}

/** Merge: every record tagged with `id` gets `intoId` instead (once), then `id` is deleted. */
export async function mergeTag(db: Kysely<DB>, actor: Actor, id: number, intoId: number): Promise<Tag> {
  assertManagesTags(actor);
  if (id === intoId) throw new AppError('validation_failed', 'A tag cannot be merged into itself.', { intoId: fieldError('merge_self') });
  if (!(await mergeTagRows(db, id, intoId))) throw notFound('tag');
  return oneTag(db, actor, intoId);
}
