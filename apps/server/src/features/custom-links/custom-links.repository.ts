import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CustomLinksTable, DB } from '../../db/schema.ts';

/** The custom links' SQL. */

export const listCustomLinkRows = (db: Kysely<DB>, module?: string) => {
  let q = db.selectFrom('custom_links').selectAll();
  if (module) q = q.where('module', '=', module);
  return q.orderBy('module').orderBy('position').orderBy('id').execute();
};

export const findCustomLinkRow = (db: Kysely<DB>, id: number) => db.selectFrom('custom_links').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertCustomLinkRow(db: Kysely<DB>, row: Insertable<CustomLinksTable>): Promise<number> {
  return (await db.insertInto('custom_links').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes a link at the version the caller saw; false when someone changed or deleted it first. */
export async function updateCustomLinkRow(db: Kysely<DB>, id: number, version: number, set: Updateable<CustomLinksTable>): Promise<boolean> {
  const res = await db.updateTable('custom_links').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteCustomLinkRow(db: Kysely<DB>, id: number): Promise<boolean> {
  return Number((await db.deleteFrom('custom_links').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1;
}

export async function nextCustomLinkPosition(db: Kysely<DB>, module: string): Promise<number> {
  const row = await db.selectFrom('custom_links').select((eb) => eb.fn.max('position').as('max')).where('module', '=', module).executeTakeFirst();
  return row?.max == null ? 0 : Number(row.max) + 1;
}
