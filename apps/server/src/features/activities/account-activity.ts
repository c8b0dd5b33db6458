import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Each account's next open activity and last completed one (migration 009), which the Kanban by next activity and
 * "not contacted in N days" read, as a SET clause over `accounts` (the bulk seed runs it for every account at once).
 * Each subquery reads the activities_account index: open ones by date, closed ones by date.
 */
export const ACCOUNT_ACTIVITY_SET = `next_activity_id = (select a.id from activities a where a.account_id = accounts.id and a.done = 0 and a.deleted_at is null
    order by a.scheduled_at, a.id limit 1),
  next_activity_at = (select a.scheduled_at from activities a where a.account_id = accounts.id and a.done = 0 and a.deleted_at is null
    order by a.scheduled_at, a.id limit 1),
  last_activity_at = (select max(a.scheduled_at) from activities a where a.account_id = accounts.id and a.done = 1 and a.deleted_at is null)`;

/**
 * Keeps the columns current: every write that creates, edits, completes, reopens, deletes or restores an activity
 * calls this in its transaction with the accounts it touched (before and after), so they are never stale.
 */
export async function refreshAccountActivity(db: Kysely<DB>, accountIds: Array<number | null | undefined>): Promise<void> {
  const ids = [...new Set(accountIds.filter((id): id is number => id != null))];
  for (const id of ids) await sql`update accounts set ${sql.raw(ACCOUNT_ACTIVITY_SET)} where id = ${id}`.execute(db);
}
