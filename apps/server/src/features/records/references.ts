import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { fieldError, type FieldError } from '../../errors.ts';
import { visibleRecords } from './visible-records.ts';

/** A reference the input sets to something other than what is stored (undefined: not given, cleared or unchanged): only those need checking. */
export const changedRef = (value: string | null | undefined, stored: number | null | undefined): string | undefined =>
  value != null && fromApiId(value) !== stored ? value : undefined;

/** The names of the records a check found, by the field that references them (an answer shows them). */
export type FoundNames = Partial<Record<'ownerId' | 'accountId' | 'parentAccountId', string>>;

/**
 * Checks that referenced records exist; returns field errors (empty when all is well) so that a form
 * learns about every bad reference at once. The names of what it found go to `found`.
 */
export async function checkReferences(
  db: Kysely<DB>,
  actor: Actor,
  refs: { ownerId?: string | null; contactType?: string | null; accountId?: string | null; parentAccountId?: string | null },
  found: FoundNames = {},
): Promise<Record<string, FieldError>> {
  const errors: Record<string, FieldError> = {};
  if (refs.ownerId != null) {
    const u = await db.selectFrom('users').select(['active', 'name']).where('id', '=', fromApiId(refs.ownerId)).executeTakeFirst();
    if (!u) errors.ownerId = fieldError('no_such_user');
    else if (u.active !== 1) errors.ownerId = fieldError('user_deactivated');
    else found.ownerId = u.name;
  }
  if (refs.contactType != null) {
    const t = await db.selectFrom('contact_types').select('id').where('id', '=', fromApiId(refs.contactType)).executeTakeFirst();
    if (!t) errors.contactType = fieldError('no_such_contact_type');
  }
  for (const key of ['accountId', 'parentAccountId'] as const) {
    const id = refs[key];
    if (id == null) continue;
    const a = await visibleRecords(db, actor, 'accounts').select(['id', 'name']).where('id', '=', fromApiId(id)).executeTakeFirst();
    if (!a) errors[key] = fieldError('no_such_account');
    else found[key] = a.name;
  }
  return errors;
}

/** Names of users for "owner", "created by" and "updated by", in one query for a set of ids. */
export async function userNames(db: Kysely<DB>, ids: Array<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id != null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const userRef = (names: Map<number, string>, id: number | null) =>
  id == null ? null : { id: String(id), name: names.get(id) ?? '' };
