import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';

export async function listSettingRows(db: Kysely<DB>) {
  return db.selectFrom('settings').selectAll().execute();
}

/** Writes each setting's JSON text in place of the stored one, in one transaction. */
export async function replaceSettings(db: Kysely<DB>, values: Array<[key: string, json: string]>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of values) {
      await trx.deleteFrom('settings').where('key', '=', key).execute();
      await trx.insertInto('settings').values({ key, value, updated_at: nowIso() }).execute();
    }
  });
}
