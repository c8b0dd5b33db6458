import type { Kysely } from 'kysely';
import type { SessionInfo } from '@kontor/contract/users';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import { audit } from '../audit/audit.service.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { getUser } from './users.service.ts';

/** Someone may manage a user's sessions if it is themselves or they are an administrator. */
function assertSelfOrAdmin(actor: Actor, userId: number): void {
  if (actor.id !== userId) assertAdmin(actor, 'users');
}

export async function listSessions(db: Kysely<DB>, actor: Actor, userId: number): Promise<SessionInfo[]> {
  assertSelfOrAdmin(actor, userId);
  await getUser(db, userId);
  const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('expires_at', '>', nowIso()).orderBy('last_seen_at', 'desc').execute();
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
  assertSelfOrAdmin(actor, userId);
  const res = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('session');
  await audit(db, actor, 'session.revoke', { type: 'user', id: String(userId) }, {}, ip);
}

/** An administrator sets a new password; every session of that user ends. */
export async function resetPassword(db: Kysely<DB>, actor: Actor, userId: number, password: string, ip: string | null): Promise<void> {
  assertAdmin(actor, 'users');
  await getUser(db, userId);
  await db.updateTable('users').set({ password_hash: await hashPassword(password), updated_at: nowIso() }).where('id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await audit(db, actor, 'user.password_reset', { type: 'user', id: String(userId) }, {}, ip);
}

/** A user changes their own password; other sessions end, the current one stays. */
export async function changeOwnPassword(db: Kysely<DB>, actor: Actor, current: string, next: string, ip: string | null): Promise<void> {
  const user = await getUser(db, actor.id);
  if (!(await verifyPassword(user.password_hash, current))) throw invalid({ currentPassword: 'not your current password' });
  await db.updateTable('users').set({ password_hash: await hashPassword(next), updated_at: nowIso() }).where('id', '=', actor.id).execute();
  let q = db.deleteFrom('sessions').where('user_id', '=', actor.id);
  if (actor.sessionId) q = q.where('id', '!=', actor.sessionId);
  await q.execute();
  await audit(db, actor, 'user.password_change', { type: 'user', id: String(actor.id) }, {}, ip);
}

/** Moves every record a user owns to another active user (when someone leaves, before or after deactivation). */
export async function transferRecords(db: Kysely<DB>, actor: Actor, fromUserId: number, toUserId: number, ip: string | null): Promise<{ accounts: number; contacts: number }> {
  assertAdmin(actor, 'users');
  await getUser(db, fromUserId);
  const to = await db.selectFrom('users').select(['id', 'active']).where('id', '=', toUserId).executeTakeFirst();
  if (!to) throw invalid({ toUserId: 'no such user' });
  if (to.active !== 1) throw invalid({ toUserId: 'this user is deactivated' });
  if (fromUserId === toUserId) throw new AppError('validation_failed', 'Choose another user to receive the records.', { toUserId: 'same user' });
  const counts = await db.transaction().execute(async (trx) => {
    const out = { accounts: 0, contacts: 0 };
    for (const table of ['accounts', 'contacts'] as const) {
      const res = await trx
        .updateTable(table)
        .set((eb) => ({ owner_id: toUserId, version: eb('version', '+', 1), updated_at: nowIso(), updated_by: actor.id }))
        .where('owner_id', '=', fromUserId)
        .executeTakeFirst();
      out[table] = Number(res.numUpdatedRows);
    }
    return out;
  });
  await audit(db, actor, 'user.transfer_records', { type: 'user', id: String(fromUserId) }, { toUserId: String(toUserId), ...counts }, ip);
  return counts;
}
