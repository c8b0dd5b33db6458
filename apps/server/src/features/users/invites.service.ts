import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { userInviteSchema } from '@kontor/contract/users';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { daysFromNow, nowIso } from '../../lib/time.ts';
import { audit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { randomToken, sha256 } from '../auth/tokens.ts';
import type { Actor } from '../permissions/actor.ts';
import { getUser, insertUser, resolveRoleAndProfile } from './users.service.ts';
import { assertMayGrant, assertMayManageUser } from './user-admin-rules.ts';
import { findOpenInvite, markInviteAccepted, replaceOpenInvite } from './invites.repository.ts';
import { setUserPassword } from './users.repository.ts';

const INVITE_DAYS = 7;

async function issueInvite(db: Kysely<DB>, actor: Actor, userId: number) {
  const token = randomToken();
  const expiresAt = daysFromNow(INVITE_DAYS);
  await replaceOpenInvite(db, { user_id: userId, token_hash: sha256(token), created_at: nowIso(), created_by: actor.id, expires_at: expiresAt, accepted_at: null });
  return { invitePath: `/invite/${token}`, expiresAt };
}

/** Creates the user with an unusable random password and a one-time link (7 days) for them to set their own. */
export async function inviteUser(db: Kysely<DB>, actor: Actor, input: z.output<typeof userInviteSchema>, ip: string | null) {
  await assertMayGrant(db, actor, input.role, await resolveRoleAndProfile(db, input.role, input.profileId));
  const user = await insertUser(db, { ...input, password: randomToken(24) });
  const invite = await issueInvite(db, actor, user.id);
  await audit(db, actor, 'user.create', { type: 'user', id: String(user.id) }, { email: user.email, role: user.role, invited: true }, ip);
  return { user, ...invite };
}

/** A fresh link for someone whose invitation expired or got lost; the old link stops working. */
export async function reinviteUser(db: Kysely<DB>, actor: Actor, userId: number, ip: string | null) {
  const user = await getUser(db, userId);
  await assertMayManageUser(db, actor, user);
  const invite = await issueInvite(db, actor, user.id);
  await audit(db, actor, 'user.update', { type: 'user', id: String(user.id) }, { reinvited: true }, ip);
  return { user, ...invite };
}

async function openInvite(db: Kysely<DB>, token: string) {
  const row = await findOpenInvite(db, sha256(token));
  if (!row) throw notFound('invitation (it may have expired or been used already)');
  return row;
}

export async function inviteInfo(db: Kysely<DB>, token: string) {
  const row = await openInvite(db, token);
  return { email: row.email, name: row.name, expiresAt: row.expires_at };
}

/** Sets the invitee's password and uses up the link; the caller then signs them in. */
export async function acceptInvite(db: Kysely<DB>, token: string, password: string): Promise<UserRow> {
  const row = await openInvite(db, token);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    if (!(await markInviteAccepted(trx, row.invite_id))) throw new AppError('not_found', 'The invitation has been used already.');
    await setUserPassword(trx, row.id, hash);
  });
  return getUser(db, row.id);
}
