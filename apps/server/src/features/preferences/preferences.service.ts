import type { Kysely } from 'kysely';
import { z } from 'zod';
import { preferenceKeySchema, preferenceValueSchema, type PreferenceKey } from '@kontor/contract/preferences';
import type { DB } from '../../db/schema.ts';
import { invalid } from '../../errors.ts';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';
import { parseJsonColumn } from '../../lib/json.ts';
import type { Actor } from '../permissions/actor.ts';
import { preferenceRows, upsertPreference } from './preferences.repository.ts';

/** The actor's own preferences; a stored value that no longer fits its schema is left out (the default applies). */
export async function myPreferences(db: Kysely<DB>, actor: Actor): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const row of await preferenceRows(db, actor.id)) {
    const key = preferenceKeySchema.safeParse(row.key);
    if (!key.success) continue;
    const value = parseJsonColumn(row.value, preferenceValueSchema(key.data).nullable(), null);
    if (value !== null) out[key.data] = value;
  }
  return out;
}

export async function setMyPreference(db: Kysely<DB>, actor: Actor, key: PreferenceKey, value: unknown): Promise<Record<string, unknown>> {
  const parsed = preferenceValueSchema(key).safeParse(value, { error: fieldErrorMap });
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error.issues, ['value']));
  await upsertPreference(db, actor.id, key, JSON.stringify(parsed.data));
  return myPreferences(db, actor);
}

export const preferenceParams = z.object({ key: preferenceKeySchema });
