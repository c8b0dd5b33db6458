import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { deleteLoginKey, giveBackLoginSlot, takeLoginSlot } from './auth.repository.ts';

/**
 * Login throttling, kept in the database so every process sees it: at most 5 attempts for one e-mail address and 30
 * from one IP are checked within 15 minutes; further attempts are refused until the window ends. The key is the
 * address typed, known or not, so the answer tells nothing about which accounts exist.
 *
 * Reserve first: an attempt takes its slot with one statement that counts and returns the count (an upsert), before
 * the password is checked. Parallel attempts, in one process or many, each get a distinct count, so no more than
 * the limit are ever checked. A successful sign-in gives its slots back.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMITS = { account: 5, ip: 30 };

const keys = (email: string, ip: string | null) => [
  { key: `account:${email.trim().toLowerCase()}`, max: LOGIN_LIMITS.account },
  ...(ip ? [{ key: `ip:${ip}`, max: LOGIN_LIMITS.ip }] : []),
];

/** Takes one attempt on a key; answers the attempt's number in the current window and when the window ends. */
async function reserve(db: Kysely<DB>, key: string): Promise<{ count: number; endsAt: number }> {
  const now = new Date();
  const row = await takeLoginSlot(db, key, now.toISOString(), new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString());
  if (!row) throw new Error('login throttle: the upsert returned no row');
  return { count: Number(row.count), endsAt: Date.parse(row.window_start) + LOGIN_WINDOW_MS };
}

/** Reserves this attempt for the address and the IP; 429 when either is over its limit (the password is then not checked). */
export async function reserveLoginAttempt(db: Kysely<DB>, email: string, ip: string | null): Promise<void> {
  let lockedUntil = 0;
  for (const { key, max } of keys(email, ip)) {
    const { count, endsAt } = await reserve(db, key);
    if (count > max) lockedUntil = Math.max(lockedUntil, endsAt);
  }
  if (lockedUntil > 0) {
    const seconds = Math.max(1, Math.ceil((lockedUntil - Date.now()) / 1000));
    throw new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, undefined, { retryAfterSeconds: seconds });
  }
}

/** A successful sign-in: the address starts afresh and the IP gets its slot back. */
export async function releaseLoginAttempt(db: Kysely<DB>, email: string, ip: string | null): Promise<void> {
  await deleteLoginKey(db, `account:${email.trim().toLowerCase()}`);
  if (ip) await giveBackLoginSlot(db, `ip:${ip}`);
}
