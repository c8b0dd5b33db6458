import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

type UserPatch = Updateable<DB['users']>;

export async function findUserRow(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** By the stored (lower-case) address. */
export async function findUserRowByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function listUserRows(db: Kysely<DB>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
}

export async function anyUserExists(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Does any user (active or not) hold this role key, or this profile? */
export async function anyUserWith(db: Kysely<DB>, where: { role: string } | { profileId: number }): Promise<boolean> {
  const q = db.selectFrom('users').select('id');
  const row = await ('role' in where ? q.where('role', '=', where.role) : q.where('profile_id', '=', where.profileId)).executeTakeFirst();
  return row !== undefined;
}

/** Ids of the users in these roles. */
export async function userIdsInRoles(db: Kysely<DB>, roleKeys: string[]): Promise<number[]> {
  if (roleKeys.length === 0) return [];
  return (await db.selectFrom('users').select('id').where('role', 'in', roleKeys).execute()).map((u) => u.id);
}

export async function insertUserRow(db: Kysely<DB>, row: Insertable<DB['users']>): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned update: changes the row only if its version is still `version`; undefined when it is not. */
export async function updateUserRow(db: Kysely<DB>, id: number, version: number, set: UserPatch): Promise<UserRow | undefined> {
  return db.updateTable('users').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function setUserPassword(db: Kysely<DB>, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Unversioned update (the user's own settings). */
export async function patchUserRow(db: Kysely<DB>, id: number, set: UserPatch): Promise<UserRow> {
  return db.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
