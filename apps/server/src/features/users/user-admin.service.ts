import type { Kysely } from 'kysely';
import type { SessionInfo } from '@kontor/contract/users';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid, notFound, fieldError } from '../../errors.ts';
import { audit } from '../audit/audit.service.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { Actor } from '../permissions/actor.ts';
import { listApiTokens, revokeAllApiTokens, revokeApiToken } from '../auth/api-tokens.ts';
import { modules, type Module } from '@kontor/contract/custom-fields';
import { perModule } from '@kontor/contract/permissions';
import { transferOwnership } from '../records/ownership.ts';
import { getUser } from './users.service.ts';
import { assertMayManageUser } from './user-admin-rules.ts';
import { findUserRow, setUserPassword } from './users.repository.ts';
import { deleteUserSessions, listLiveSessionRows } from '../auth/auth.repository.ts';

/** The user, when the actor may manage them (themselves where `self` allows it); 404 for an unknown id. */
async function managedUser(db: Kysely<DB>, actor: Actor, userId: number, opts: { self?: boolean } = {}) {
  const user = await getUser(db, userId);
  await assertMayManageUser(db, actor, user, opts);
  return user;
}

export async function listSessions(db: Kysely<DB>, actor: Actor, userId: number): Promise<SessionInfo[]> {
  await managedUser(db, actor, userId, { self: true });
  const rows = await listLiveSessionRows(db, userId);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === actor.sessionId,
  }));
}

export async function revokeSession(db: Kysely<DB>, actor: Actor, userId: number, sessionId: string, ip: string | null): Promise<void> {
  await managedUser(db, actor, userId, { self: true });
  if ((await deleteUserSessions(db, userId, { only: sessionId })) === 0) throw notFound('session');
  await audit(db, actor, 'session.revoke', { type: 'user', id: String(userId) }, {}, ip);
}

/**
 * An administrator (or a `users` right holder, for users below them) sets a new password: every session and every
 * API token of that user ends, since whoever held them may be the reason for the reset.
 */
export async function resetPassword(db: Kysely<DB>, actor: Actor, userId: number, password: string, ip: string | null): Promise<void> {
  await managedUser(db, actor, userId);
  const hash = await hashPassword(password);
  const revoked = await db.transaction().execute(async (trx) => {
    await setUserPassword(trx, userId, hash);
    await deleteUserSessions(trx, userId);
    return revokeAllApiTokens(trx, userId);
  });
  await audit(db, actor, 'user.password_reset', { type: 'user', id: String(userId) }, { tokensRevoked: revoked }, ip);
}

/** A user changes their own password; their other sessions end, the current one stays; their API tokens end if they ask. */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; revokeTokens: boolean },
  ip: string | null,
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const user = await getUser(db, actor.id);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw invalid({ currentPassword: fieldError('wrong_password') });
  const hash = await hashPassword(input.newPassword);
  const out = await db.transaction().execute(async (trx) => {
    await setUserPassword(trx, actor.id, hash);
    const ended = await deleteUserSessions(trx, actor.id, { except: actor.sessionId });
    return { sessionsEnded: ended, tokensRevoked: input.revokeTokens ? await revokeAllApiTokens(trx, actor.id) : 0 };
  });
  await audit(db, actor, 'user.password_change', { type: 'user', id: String(actor.id) }, out, ip);
  return out;
}

/** A user's live API tokens, for themselves or whoever may manage them. */
export async function listUserTokens(db: Kysely<DB>, actor: Actor, userId: number) {
  await managedUser(db, actor, userId, { self: true });
  return listApiTokens(db, userId);
}

export async function revokeUserToken(db: Kysely<DB>, actor: Actor, userId: number, tokenId: number, ip: string | null): Promise<void> {
  await managedUser(db, actor, userId, { self: true });
  await revokeApiToken(db, userId, tokenId);
  await audit(db, actor, 'token.revoke', { type: 'token', id: String(tokenId) }, { userId: String(userId) }, ip);
}

/** Moves every record a user owns to another active user (when someone leaves, before or after deactivation). */
export async function transferRecords(db: Kysely<DB>, actor: Actor, fromUserId: number, toUserId: number, ip: string | null): Promise<Record<Module, number>> {
  await managedUser(db, actor, fromUserId, { self: true });
  const to = await findUserRow(db, toUserId);
  if (!to) throw invalid({ toUserId: fieldError('no_such_user') });
  if (to.active !== 1) throw invalid({ toUserId: fieldError('user_deactivated') });
  if (fromUserId === toUserId) throw new AppError('validation_failed', 'Choose another user to receive the records.', { toUserId: fieldError('same_user') });
  // The receiver gains what they receive: only someone the actor may manage (or the actor) can be given records.
  await assertMayManageUser(db, actor, to, { self: true });
  const counts = await db.transaction().execute(async (trx) => {
    const out = perModule(() => 0);
    for (const module of modules) out[module] = await transferOwnership(trx, actor, module, fromUserId, toUserId, ip);
    return out;
  });
  await audit(db, actor, 'user.transfer_records', { type: 'user', id: String(fromUserId) }, { toUserId: String(toUserId), ...counts }, ip);
  return counts;
}
