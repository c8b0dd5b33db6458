import type { Kysely } from 'kysely';
import { z } from 'zod';
import { settingsSchema, type Settings } from '@kontor/contract/settings';
import type { DB } from '../../db/schema.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { audit } from '../audit/audit.service.ts';

export const defaultSettings: Settings = {
  businessCard: {
    accounts: ['website', 'phone', 'industry', 'accountType', 'ownerId'],
    contacts: ['accountId', 'position', 'primaryEmail', 'primaryPhone', 'ownerId'],
  },
  defaultPhoneRegion: null,
  orgDefaults: { accounts: 'read_write', contacts: 'read_write' },
};

export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, parseJsonColumn(r.value, z.unknown(), null)]));
  const merged = settingsSchema.safeParse({ ...defaultSettings, ...stored });
  return merged.success ? merged.data : defaultSettings;
}

export async function putSettings(db: Kysely<DB>, actor: Actor, input: Settings): Promise<Settings> {
  assertAdmin(actor, 'settings');
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(input)) {
      await trx.deleteFrom('settings').where('key', '=', key).execute();
      await trx.insertInto('settings').values({ key, value: JSON.stringify(value), updated_at: nowIso() }).execute();
    }
  });
  await audit(db, actor, 'settings.update', null, input, null);
  return getSettings(db);
}
