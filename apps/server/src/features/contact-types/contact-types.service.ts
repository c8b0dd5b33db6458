import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ContactType, contactTypeCreateSchema, contactTypeUpdateSchema } from '@kontor/contract/tags';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, fieldError } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import {
  contactTypeExists,
  deleteContactTypeRow,
  insertContactTypeRow,
  listContactTypeRows,
  maxContactTypePosition,
  replaceContactTypeOnRecords,
  updateContactTypeRow,
} from './contact-types.repository.ts';

// A new database starts with ONLYOFFICE's default types, Cold, Warm and Hot (migration 007); admins rename,
// recolour, reorder, add and delete them.

export async function listContactTypes(db: Kysely<DB>): Promise<ContactType[]> {
  const rows = await listContactTypeRows(db);
  return rows.map((r) => ({ id: toApiId(r.id), name: r.name, color: r.color, position: r.position }));
}

async function one(db: Kysely<DB>, id: number): Promise<ContactType> {
  const found = (await listContactTypes(db)).find((t) => t.id === toApiId(id));
  if (!found) throw notFound('contact type');
  return found;
}

export async function createContactType(db: Kysely<DB>, actor: Actor, input: z.output<typeof contactTypeCreateSchema>): Promise<ContactType> {
  assertAdmin(actor, 'fields');
  const now = nowIso();
  const id = await insertContactTypeRow(db, {
    name: input.name,
    color: input.color ?? '#64748b',
    position: ((await maxContactTypePosition(db)) ?? -1) + 1,
    created_at: now,
    updated_at: now,
  });
  return one(db, id);
}

export async function updateContactType(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof contactTypeUpdateSchema>): Promise<ContactType> {
  assertAdmin(actor, 'fields');
  const updated = await updateContactTypeRow(db, id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.color !== undefined && { color: input.color }),
    ...(input.position !== undefined && { position: input.position }),
    updated_at: nowIso(),
  });
  if (!updated) throw notFound('contact type');
  return one(db, id);
}

/** Records of a deleted type get `replaceWith` (or no type); nothing is left pointing at a missing type. */
export async function deleteContactType(db: Kysely<DB>, actor: Actor, id: number, replaceWith?: number): Promise<void> {
  assertAdmin(actor, 'fields');
  if (replaceWith === id) throw new AppError('validation_failed', 'Choose another type to replace it with.', { replaceWith: fieldError('same_type') });
  await db.transaction().execute(async (trx) => {
    if (replaceWith !== undefined && !(await contactTypeExists(trx, replaceWith))) {
      throw new AppError('validation_failed', 'The replacement type does not exist.', { replaceWith: fieldError('no_such_contact_type') });
    }
    await replaceContactTypeOnRecords(trx, id, replaceWith ?? null);
    if (!(await deleteContactTypeRow(trx, id))) throw notFound('contact type');
  });
}
