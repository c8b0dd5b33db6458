import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ContactType, contactTypeCreateSchema, contactTypeUpdateSchema } from '@kontor/contract/tags';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';

/** ONLYOFFICE's default contact types; admins rename, recolour, reorder, add and delete them. */
export const defaultContactTypes = [
  { name: 'Cold', color: '#3b82f6' },
  { name: 'Warm', color: '#f59e0b' },
  { name: 'Hot', color: '#ef4444' },
];

export async function ensureDefaultContactTypes(db: Kysely<DB>): Promise<void> {
  const any = await db.selectFrom('contact_types').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const now = nowIso();
  await db
    .insertInto('contact_types')
    .values(defaultContactTypes.map((t, position) => ({ ...t, position, created_at: now, updated_at: now })))
    .execute();
}

export async function listContactTypes(db: Kysely<DB>): Promise<ContactType[]> {
  const rows = await db.selectFrom('contact_types').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: toApiId(r.id), name: r.name, color: r.color, position: r.position }));
}

async function one(db: Kysely<DB>, id: number): Promise<ContactType> {
  const found = (await listContactTypes(db)).find((t) => t.id === toApiId(id));
  if (!found) throw notFound('contact type');
  return found;
}

export async function createContactType(db: Kysely<DB>, actor: Actor, input: z.output<typeof contactTypeCreateSchema>): Promise<ContactType> {
  assertAdmin(actor, 'fields');
  const last = await db.selectFrom('contact_types').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  const now = nowIso();
  const row = await db
    .insertInto('contact_types')
    .values({ name: input.name, color: input.color ?? '#64748b', position: Number(last?.max ?? -1) + 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return one(db, row.id);
}

export async function updateContactType(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof contactTypeUpdateSchema>): Promise<ContactType> {
  assertAdmin(actor, 'fields');
  const res = await db
    .updateTable('contact_types')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.color !== undefined && { color: input.color }),
      ...(input.position !== undefined && { position: input.position }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('contact type');
  return one(db, id);
}

/** Records of a deleted type get `replaceWith` (or no type); nothing is left pointing at a missing type. */
export async function deleteContactType(db: Kysely<DB>, actor: Actor, id: number, replaceWith?: number): Promise<void> {
  assertAdmin(actor, 'fields');
  if (replaceWith === id) throw new AppError('validation_failed', 'Choose another type to replace it with.', { replaceWith: 'same as the deleted type' });
  await db.transaction().execute(async (trx) => {
    if (replaceWith !== undefined && !(await trx.selectFrom('contact_types').select('id').where('id', '=', replaceWith).executeTakeFirst())) {
      throw new AppError('validation_failed', 'The replacement type does not exist.', { replaceWith: 'no such contact type' });
    }
    for (const table of ['accounts', 'contacts'] as const) {
      await trx.updateTable(table).set({ contact_type_id: replaceWith ?? null }).where('contact_type_id', '=', id).execute();
    }
    const res = await trx.deleteFrom('contact_types').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('contact type');
  });
}
