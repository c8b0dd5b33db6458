import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { daysFromNow, nowIso } from '../../lib/time.ts';
import { randomToken, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'kontor_session';
export const SESSION_DAYS = 30;

/** Sessions live in the database (several processes share them); the cookie holds a token whose hash is the key. */
export async function createSession(db: Kysely<DB>, userId: number, meta: { ip: string | null; userAgent: string | null }) {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: daysFromNow(SESSION_DAYS),
      last_seen_at: now,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export async function findSession(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.id', '=', sha256(token))
    .where('sessions.expires_at', '>', nowIso())
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** Slides the session's expiry at most once an hour, so a busy user is not logged out and reads stay cheap. */
export async function touchSession(db: Kysely<DB>, sessionId: string, lastSeenAt: string): Promise<void> {
  if (Date.now() - Date.parse(lastSeenAt) < 3_600_000) return;
  await db.updateTable('sessions').set({ last_seen_at: nowIso(), expires_at: daysFromNow(SESSION_DAYS) }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function findTokenUser(db: Kysely<DB>, token: string): Promise<(UserRow & { token_scope: string }) | undefined> {
  const now = nowIso();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'api_tokens.scope as token_scope'])
    .selectAll('users')
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return row;
}
