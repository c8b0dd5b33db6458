import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';

export type CustomFieldRow = Selectable<DB['custom_field_defs']>;

export async function listCustomFieldRows(db: Kysely<DB>, module: Module): Promise<CustomFieldRow[]> {
  return db.selectFrom('custom_field_defs').selectAll().where('module', '=', module).orderBy('position').orderBy('id').execute();
}

export async function findCustomFieldRow(db: Kysely<DB>, id: number): Promise<CustomFieldRow | undefined> {
  return db.selectFrom('custom_field_defs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function customFieldKeyExists(db: Kysely<DB>, module: Module, key: string): Promise<boolean> {
  return (await db.selectFrom('custom_field_defs').select('id').where('module', '=', module).where('key', '=', key).executeTakeFirst()) !== undefined;
}

/** The highest position in use in the module, or null when it has no custom fields. */
export async function maxCustomFieldPosition(db: Kysely<DB>, module: Module): Promise<number | null> {
  const last = await db.selectFrom('custom_field_defs').select((eb) => eb.fn.max('position').as('max')).where('module', '=', module).executeTakeFirst();
  return last?.max == null ? null : Number(last.max);
}

export async function insertCustomFieldRow(db: Kysely<DB>, row: Insertable<DB['custom_field_defs']>): Promise<CustomFieldRow> {
  return db.insertInto('custom_field_defs').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned update: changes the row only if its version is still `version`; undefined when it is not. */
export async function updateCustomFieldRow(db: Kysely<DB>, id: number, version: number, set: Updateable<DB['custom_field_defs']>): Promise<CustomFieldRow | undefined> {
  return db.updateTable('custom_field_defs').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Answers whether a row was deleted. */
export async function deleteCustomFieldRow(db: Kysely<DB>, id: number): Promise<boolean> {
  const res = await db.deleteFrom('custom_field_defs').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
