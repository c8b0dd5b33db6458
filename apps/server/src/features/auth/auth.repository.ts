import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

/** SQL for sessions, API tokens and login throttling; the rules (minting, sliding, limits) are in sessions.ts, api-tokens.ts and throttle.ts. */

// Sessions

export async function insertSessionRow(db: Kysely<DB>, row: Insertable<DB['sessions']>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The live session with this id (the token's hash) of an active user, with the user's row. */
export async function findLiveSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowIso())
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export async function updateSessionTimes(db: Kysely<DB>, id: string, times: { last_seen_at: string; expires_at: string }): Promise<void> {
  await db.updateTable('sessions').set(times).where('id', '=', id).execute();
}

/** A user's sessions not yet expired, most recently seen first. */
export async function listLiveSessionRows(db: Kysely<DB>, userId: number) {
  return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('expires_at', '>', nowIso()).orderBy('last_seen_at', 'desc').execute();
}

export async function deleteSessionRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends a user's sessions (only the one with id `only`, or all but `except`); answers how many ended. */
export async function deleteUserSessions(db: Kysely<DB>, userId: number, opts: { only?: string; except?: string | null } = {}): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (opts.only !== undefined) q = q.where('id', '=', opts.only);
  if (opts.except) q = q.where('id', '!=', opts.except);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

// API tokens

export async function insertApiTokenRow(db: Kysely<DB>, row: Insertable<DB['api_tokens']>) {
  return db.insertInto('api_tokens').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The active user behind a live (not revoked, not expired) token with this hash, with the token's id, last use and scope. */
export async function findLiveTokenUser(db: Kysely<DB>, tokenHash: string, now: string): Promise<(UserRow & { token_id: number; last_used_at: string | null; token_scope: string }) | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'api_tokens.scope as token_scope'])
    .selectAll('users')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export async function setTokenLastUsed(db: Kysely<DB>, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listLiveApiTokenRows(db: Kysely<DB>, userId: number) {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('id').execute();
}

/** Revokes a user's live tokens (only the one with id `only`, if given); answers how many. */
export async function revokeApiTokenRows(db: Kysely<DB>, userId: number, only?: number): Promise<number> {
  let q = db.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (only !== undefined) q = q.where('id', '=', only);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

// Login throttling

/**
 * Takes one attempt on a key in one statement (an upsert): a window that started at or before `cutoff` starts
 * afresh at `now`. Answers the attempt's number in the window and when the window started.
 */
export async function takeLoginSlot(db: Kysely<DB>, key: string, now: string, cutoff: string) {
  const { rows } = await sql<{ count: number | string; window_start: string }>`
    insert into login_failures (key, count, window_start) values (${key}, 1, ${now})
    on conflict (key) do update set
      count = case when login_failures.window_start <= ${cutoff} then 1 else login_failures.count + 1 end,
      window_start = case when login_failures.window_start <= ${cutoff} then ${now} else login_failures.window_start end
    returning count, window_start`.execute(db);
  return rows[0];
}

export async function deleteLoginKey(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Gives one slot of a key back (never below zero). */
export async function giveBackLoginSlot(db: Kysely<DB>, key: string): Promise<void> {
  await db.updateTable('login_failures').set((eb) => ({ count: eb('count', '-', 1) })).where('key', '=', key).where('count', '>', 0).execute();
}
