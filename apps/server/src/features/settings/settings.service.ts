import type { Kysely } from 'kysely';
import { z } from 'zod';
import { perModule } from '@kontor/contract/permissions';
import { settingsSchema, type Settings } from '@kontor/contract/settings';
import type { DB } from '../../db/schema.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { audit } from '../audit/audit.service.ts';
import { cachedConfig } from '../cache/config-cache.ts';
import { listSettingRows, replaceSettings } from './settings.repository.ts';

export const defaultSettings: Settings = {
  businessCard: {
    // Contact points and the contact type have their own place on a record page, not the card (issue #14).
    accounts: ['industry', 'accountType', 'ownerId'],
    contacts: ['accountId', 'position', 'ownerId'],
  },
  defaultPhoneRegion: null,
  orgDefaults: perModule(() => 'read_write'),
  defaultCurrency: 'EUR',
};

/**
 * The settings, from the process's configuration cache where `db` is the server's handle (a settings write drops it
 * in every process); a transaction handle reads them. A shared object: never mutate it.
 */
export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  return cachedConfig(db, 'settings', () => readSettings(db));
}

async function readSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await listSettingRows(db);
  const stored = Object.fromEntries(rows.map((r) => [r.key, parseJsonColumn(r.value, z.unknown(), null)]));
  const merged = settingsSchema.safeParse({ ...defaultSettings, ...stored });
  return merged.success ? merged.data : defaultSettings;
}

export async function putSettings(db: Kysely<DB>, actor: Actor, input: Settings): Promise<Settings> {
  assertAdmin(actor, 'settings');
  await replaceSettings(db, Object.entries(input).map(([key, value]) => [key, JSON.stringify(value)]));
  await audit(db, actor, 'settings.update', null, input, null);
  // Read, not cached: the caches are dropped only once this answer is sent.
  return readSettings(db);
}
