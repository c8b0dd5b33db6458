import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { daysFromNow, nowIso } from '../../lib/time.ts';
import { insertApiTokenRow, listLiveApiTokenRows, revokeApiTokenRows } from './auth.repository.ts';
import { randomToken, sha256 } from './tokens.ts';

/** API tokens are shown once at creation and stored hashed; the `kontor_` prefix makes leaked ones easy to spot. */
export async function createApiToken(db: Kysely<DB>, userId: number, name: string, expiresInDays?: number, scope: 'read' | 'write' = 'write') {
  const token = `kontor_${randomToken()}`;
  const row = await insertApiTokenRow(db, {
    user_id: userId,
    name,
    token_hash: sha256(token),
    created_at: nowIso(),
    expires_at: expiresInDays ? daysFromNow(expiresInDays) : null,
    last_used_at: null,
    revoked_at: null,
    scope,
  });
  return { ...presentToken(row), token };
}

export async function listApiTokens(db: Kysely<DB>, userId: number) {
  return (await listLiveApiTokenRows(db, userId)).map(presentToken);
}

export async function revokeApiToken(db: Kysely<DB>, userId: number, id: number): Promise<void> {
  if ((await revokeApiTokenRows(db, userId, id)) === 0) throw notFound('token');
}

/** Revokes every live token of a user (password reset or change); answers how many. */
export async function revokeAllApiTokens(db: Kysely<DB>, userId: number): Promise<number> {
  return revokeApiTokenRows(db, userId);
}

function presentToken(row: { id: number; name: string; scope: string; created_at: string; expires_at: string | null; last_used_at: string | null }) {
  return { id: toApiId(row.id), name: row.name, scope: row.scope === 'read' ? ('read' as const) : ('write' as const), createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: row.last_used_at };
}
