import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function listContactTypeRows(db: Kysely<DB>) {
  return db.selectFrom('contact_types').selectAll().orderBy('position').orderBy('id').execute();
}

export async function contactTypeExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('contact_types').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The highest position in use, or null when there are no contact types. */
export async function maxContactTypePosition(db: Kysely<DB>): Promise<number | null> {
  const last = await db.selectFrom('contact_types').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return last?.max == null ? null : Number(last.max);
}

export async function insertContactTypeRow(db: Kysely<DB>, row: Insertable<DB['contact_types']>): Promise<number> {
  return (await db.insertInto('contact_types').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Answers whether a row was updated. */
export async function updateContactTypeRow(db: Kysely<DB>, id: number, set: Updateable<DB['contact_types']>): Promise<boolean> {
  const res = await db.updateTable('contact_types').set(set).where('id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Gives the accounts and contacts of one contact type another type (or none). */
export async function replaceContactTypeOnRecords(db: Kysely<DB>, id: number, replaceWith: number | null): Promise<void> {
  for (const table of ['accounts', 'contacts'] as const) {
    await db.updateTable(table).set({ contact_type_id: replaceWith }).where('contact_type_id', '=', id).execute();
  }
}

/** Answers whether a row was deleted. */
export async function deleteContactTypeRow(db: Kysely<DB>, id: number): Promise<boolean> {
  const res = await db.deleteFrom('contact_types').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
