import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';

/**
 * Login throttling, kept in the database so every process sees it: after 5 failures for one e-mail address
 * or 30 from one IP within 15 minutes, further attempts are refused until the window ends. The key is the
 * address typed, known or not, so the answer tells nothing about which accounts exist.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const limits = { account: 5, ip: 30 };

const keys = (email: string, ip: string | null) => [
  { key: `account:${email.trim().toLowerCase()}`, max: limits.account },
  ...(ip ? [{ key: `ip:${ip}`, max: limits.ip }] : []),
];

export async function assertLoginAllowed(db: Kysely<DB>, email: string, ip: string | null): Promise<void> {
  for (const { key, max } of keys(email, ip)) {
    const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) continue;
    const ends = Date.parse(row.window_start) + LOGIN_WINDOW_MS;
    if (row.count >= max && ends > Date.now()) {
      const minutes = Math.max(1, Math.ceil((ends - Date.now()) / 60_000));
      throw new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${minutes} minute(s).`, undefined, { retryAfterSeconds: Math.ceil((ends - Date.now()) / 1000) });
    }
  }
}

export async function recordLoginFailure(db: Kysely<DB>, email: string, ip: string | null): Promise<void> {
  for (const { key } of keys(email, ip)) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
      if (row && Date.parse(row.window_start) + LOGIN_WINDOW_MS > Date.now()) {
        await trx.updateTable('login_failures').set({ count: row.count + 1 }).where('key', '=', key).execute();
      } else {
        await trx.deleteFrom('login_failures').where('key', '=', key).execute();
        await trx.insertInto('login_failures').values({ key, count: 1, window_start: nowIso() }).execute();
      }
    });
  }
}

export async function clearLoginFailures(db: Kysely<DB>, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', `account:${email.trim().toLowerCase()}`).execute();
}
