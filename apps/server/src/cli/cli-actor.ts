import type { Database } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import type { Actor } from '../features/permissions/actor.ts';
import { loadActor } from '../features/permissions/load-actor.ts';
import { findUserRowByEmail } from '../features/users/users.repository.ts';

/** The first active user with the Administrator profile: whom the CLI acts as when no `--user` is named. */
export async function firstAdministrator(database: Database): Promise<UserRow | undefined> {
  return database.db
    .selectFrom('users')
    .innerJoin('profiles', 'profiles.id', 'users.profile_id')
    .selectAll('users')
    .where('profiles.key', '=', 'administrator')
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .executeTakeFirst();
}

/** The user a CLI command acts as (`--user EMAIL`, else the first administrator), with their rights as they are now. */
export async function cliActor(database: Database, email: string | undefined, fail: (message: string) => never): Promise<Actor> {
  const user = email ? await findUserRowByEmail(database.db, email) : await firstAdministrator(database);
  if (!user || user.active !== 1) fail(email ? `No active user with e-mail ${email}.` : 'No active administrator: name a user with --user EMAIL.');
  return loadActor(database.db, user, 'system', null);
}
