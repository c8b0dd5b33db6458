import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

/** Ids of the users whose invitation is not accepted yet. */
export async function pendingInviteUserIds(db: Kysely<DB>): Promise<number[]> {
  return (await db.selectFrom('user_invites').select('user_id').where('accepted_at', 'is', null).execute()).map((i) => i.user_id);
}

/** Replaces the user's open invitation (if any) with this one, in one transaction. */
export async function replaceOpenInvite(db: Kysely<DB>, row: Insertable<DB['user_invites']>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_invites').where('user_id', '=', row.user_id).where('accepted_at', 'is', null).execute();
    await trx.insertInto('user_invites').values(row).execute();
  });
}

/** The open (unexpired, unaccepted) invitation with this token hash, of an active user, with the user's row. */
export async function findOpenInvite(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('user_invites')
    .innerJoin('users', 'users.id', 'user_invites.user_id')
    .select(['user_invites.id as invite_id', 'user_invites.expires_at'])
    .selectAll('users')
    .where('user_invites.token_hash', '=', tokenHash)
    .where('user_invites.accepted_at', 'is', null)
    .where('user_invites.expires_at', '>', nowIso())
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** Marks the invitation accepted unless it already is; answers whether this call did. */
export async function markInviteAccepted(db: Kysely<DB>, inviteId: number): Promise<boolean> {
  const res = await db.updateTable('user_invites').set({ accepted_at: nowIso() }).where('id', '=', inviteId).where('accepted_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
