import type { Module } from '@kontor/contract/custom-fields';
import { allRights, perModule, type OrgDefaults, type Rights } from '@kontor/contract/permissions';

/**
 * Who is making a request and what they may reach: resolved once per request by the auth plugin
 * (`loadActor`) and passed to every service. Visibility in SQL and record checks in JS both read it.
 */
export interface Actor {
  id: number;
  email: string;
  name: string;
  /** The key of the user's role in the hierarchy (built-in: admin, manager, sales, readonly). */
  role: string;
  roleId: number | null;
  profileId: number | null;
  /** The language the user chose; null while they have none (the organisation's default, config.defaultLocale, applies). */
  locale: string | null;
  via: 'session' | 'token' | 'system';
  sessionId: string | null;
  rights: Rights;
  /** Administrators see and may do everything, restricted records included. */
  isAdmin: boolean;
  /** The actor and every user in a role below theirs: owners whose records the actor reaches through the hierarchy. */
  ownerIds: number[];
  /** The actor's role and its ancestors: a record shared with one of these roles is shared with the actor. */
  shareRoleIds: number[];
  orgDefaults: OrgDefaults;
  /** Set for callers using a read-scoped API token: they may only GET. */
  readOnlyToken?: boolean;
}


/** The CLI and the first-run bootstrap act as an administrator. */
export const systemActor = (id: number): Actor => ({
  id,
  email: 'system',
  name: 'System',
  role: 'admin',
  roleId: null,
  profileId: null,
  locale: 'en',
  via: 'system',
  sessionId: null,
  rights: allRights,
  isAdmin: true,
  ownerIds: [id],
  shareRoleIds: [],
  orgDefaults: perModule(() => 'read_write'),
});

export type { Module };
