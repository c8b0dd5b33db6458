import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { daysFromNow, nowIso } from '../../lib/time.ts';
import { deleteSessionRow, findLiveSession, findLiveTokenUser, insertSessionRow, setTokenLastUsed, updateSessionTimes } from './auth.repository.ts';
import { randomToken, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'kontor_session';
export const SESSION_DAYS = 30;

/** Sessions live in the database (several processes share them); the cookie holds a token whose hash is the key. */
export async function createSession(db: Kysely<DB>, userId: number, meta: { ip: string | null; userAgent: string | null }) {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = nowIso();
  await insertSessionRow(db, {
    id: sha256(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: daysFromNow(SESSION_DAYS),
    last_seen_at: now,
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

export async function findSession(db: Kysely<DB>, token: string) {
  return findLiveSession(db, sha256(token));
}

/** Slides the session's expiry at most once an hour, so a busy user is not logged out and reads stay cheap. */
export async function touchSession(db: Kysely<DB>, sessionId: string, lastSeenAt: string): Promise<void> {
  if (Date.now() - Date.parse(lastSeenAt) < 3_600_000) return;
  await updateSessionTimes(db, sessionId, { last_seen_at: nowIso(), expires_at: daysFromNow(SESSION_DAYS) });
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await deleteSessionRow(db, sessionId);
}

/** The user behind a live API token; its last use is recorded at most once a minute. */
export async function findTokenUser(db: Kysely<DB>, token: string): Promise<(UserRow & { token_scope: string }) | undefined> {
  const now = nowIso();
  const row = await findLiveTokenUser(db, sha256(token), now);
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) await setTokenLastUsed(db, row.token_id, now);
  return row;
}
