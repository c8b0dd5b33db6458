import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type ProfileRow = Selectable<DB['profiles']>;

export async function listProfileRows(db: Kysely<DB>): Promise<ProfileRow[]> {
  return db.selectFrom('profiles').selectAll().orderBy('id').execute();
}

export async function findProfileRow(db: Kysely<DB>, id: number): Promise<ProfileRow | undefined> {
  return db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProfileIdByKey(db: Kysely<DB>, key: string): Promise<number | undefined> {
  return (await db.selectFrom('profiles').select('id').where('key', '=', key).executeTakeFirst())?.id;
}

export async function insertProfileRow(db: Kysely<DB>, row: Insertable<DB['profiles']>): Promise<ProfileRow> {
  return db.insertInto('profiles').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned update: changes the row only if its version is still `version`; undefined when it is not. */
export async function updateProfileRow(db: Kysely<DB>, id: number, version: number, set: Updateable<DB['profiles']>): Promise<ProfileRow | undefined> {
  return db.updateTable('profiles').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function deleteProfileRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('profiles').where('id', '=', id).execute();
}
