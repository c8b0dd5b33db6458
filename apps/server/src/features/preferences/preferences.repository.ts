import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

export const preferenceRows = (db: Kysely<DB>, userId: number) => db.selectFrom('user_preferences').select(['key', 'value']).where('user_id', '=', userId).execute();

export async function upsertPreference(db: Kysely<DB>, userId: number, key: string, value: string): Promise<void> {
  const updated_at = nowIso();
  await db
    .insertInto('user_preferences')
    .values({ user_id: userId, key, value, updated_at })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value, updated_at }))
    .execute();
}
