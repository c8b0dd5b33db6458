import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type RoleRow = Selectable<DB['roles']>;

export async function listRoleRows(db: Kysely<DB>): Promise<RoleRow[]> {
  return db.selectFrom('roles').selectAll().orderBy('id').execute();
}

/** The role tree without names: what the actor and the administration rules read on every check. */
export async function listRoleTree(db: Kysely<DB>): Promise<Array<{ id: number; key: string; parent_id: number | null }>> {
  return db.selectFrom('roles').select(['id', 'key', 'parent_id']).execute();
}

export async function findRoleRow(db: Kysely<DB>, id: number): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoleIdByKey(db: Kysely<DB>, key: string): Promise<number | undefined> {
  return (await db.selectFrom('roles').select('id').where('key', '=', key).executeTakeFirst())?.id;
}

export async function hasChildRoles(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('roles').select('id').where('parent_id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertRoleRow(db: Kysely<DB>, row: Insertable<DB['roles']>): Promise<RoleRow> {
  return db.insertInto('roles').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned update: changes the row only if its version is still `version`; undefined when it is not. */
export async function updateRoleRow(db: Kysely<DB>, id: number, version: number, set: Updateable<DB['roles']>): Promise<RoleRow | undefined> {
  return db.updateTable('roles').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Deletes a role and every share made with it, in one transaction. */
export async function deleteRoleRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('record_shares').where('role_id', '=', id).execute();
    await trx.deleteFrom('roles').where('id', '=', id).execute();
  });
}
