import type { Kysely } from 'kysely';
import type { CustomFieldDefinition, Module } from '@kontor/contract/custom-fields';
import type { Settings } from '@kontor/contract/settings';
import type { DB } from '../../db/schema.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import { getSettings } from '../settings/settings.service.ts';

/** What a record write needs of the configuration: the module's custom field definitions and the settings. */
export interface WriteConfig {
  defs: CustomFieldDefinition[];
  settings: Settings;
}

/**
 * The configuration a write needs, from the process's configuration cache on the server's handle (no statement once
 * warm). Read it before a transaction opens: a transaction handle has no cache and reads both.
 */
export async function writeConfig(db: Kysely<DB>, module: Module): Promise<WriteConfig> {
  const [defs, settings] = await Promise.all([listCustomFields(db, module), getSettings(db)]);
  return { defs, settings };
}
