import type { User } from '@kontor/contract/users';
import { locales, type Locale } from '@kontor/contract/users';
import type { UserRow } from '../../db/schema.ts';
import { toApiId, toApiIdOrNull } from '../../lib/ids.ts';

/** The language a user chose, if it is one of ours (null: never chose). */
const chosenLocale = (l: string | null): Locale | null => locales.find((x) => x === l) ?? null;

/** Names of roles and profiles, looked up once for a page of users. */
export interface UserLookups {
  roleNames: Map<string, string>;
  profileNames: Map<number, string>;
  /** Users with an invitation not yet accepted. */
  pendingInvites: Set<number>;
  /** The organisation's language (KONTOR_DEFAULT_LOCALE): a user's until they choose one. */
  defaultLocale: Locale;
}

export function presentUser(row: UserRow, lookups: UserLookups): User {
  return {
    id: toApiId(row.id),
    email: row.email,
    name: row.name,
    role: row.role,
    roleName: lookups.roleNames.get(row.role) ?? row.role,
    profileId: toApiIdOrNull(row.profile_id),
    profileName: row.profile_id == null ? null : (lookups.profileNames.get(row.profile_id) ?? null),
    locale: chosenLocale(row.locale) ?? lookups.defaultLocale,
    localeChosen: chosenLocale(row.locale) !== null,
    active: row.active === 1,
    invitePending: lookups.pendingInvites.has(row.id),
    createdAt: row.created_at,
    version: row.version,
  };
}
