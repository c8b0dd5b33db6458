import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Locale, userCreateSchema, userUpdateSchema, meUpdateSchema } from '@kontor/contract/users';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError, invalid, notFound, versionConflict, fieldError, refused } from '../../errors.ts';
import type { UserLookups } from './users.presenter.ts';
import { nowIso } from '../../lib/time.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Actor } from '../permissions/actor.ts';
import { randomToken } from '../auth/tokens.ts';
import { assertAdministrator, assertMayGrant, assertMayManageUser } from './user-admin-rules.ts';
import { anyUserExists, findUserRow, findUserRowByEmail, insertUserRow, listUserRows, patchUserRow, updateUserRow } from './users.repository.ts';
import { pendingInviteUserIds } from './invites.repository.ts';
import { deleteUserSessions } from '../auth/auth.repository.ts';
import { findRoleIdByKey, listRoleRows } from '../permissions/roles.repository.ts';
import { findProfileIdByKey, findProfileRow, listProfileRows } from '../permissions/profiles.repository.ts';

type UserCreate = z.output<typeof userCreateSchema>;

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return findUserRowByEmail(db, email.trim().toLowerCase());
}

export async function getUser(db: Kysely<DB>, id: number): Promise<UserRow> {
  const row = await findUserRow(db, id);
  if (!row) throw notFound('user');
  return row;
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return listUserRows(db);
}

/** The profile a built-in role starts with; users in custom roles start as salespeople. */
const defaultProfileOfRole: Record<string, string> = { admin: 'administrator', manager: 'sales_manager', sales: 'salesperson', readonly: 'read_only' };

/** Checks the role key and profile id and returns the profile id to store. */
export async function resolveRoleAndProfile(db: Kysely<DB>, role: string, profileId?: string): Promise<number> {
  if ((await findRoleIdByKey(db, role)) === undefined) {
    const keys = (await listRoleRows(db)).map((r) => r.key);
    throw invalid({ role: fieldError('no_such_role', { allowed: keys.join(', ') }, `no such role; one of: ${keys.join(', ')}`) });
  }
  const id = profileId ? (await findProfileRow(db, Number(profileId)))?.id : await findProfileIdByKey(db, defaultProfileOfRole[role] ?? 'salesperson');
  if (id === undefined) throw invalid({ profileId: fieldError('no_such_profile') });
  return id;
}

/** What presenting users needs beside their rows; `defaultLocale` is the organisation's (config.defaultLocale). */
export async function userLookups(db: Kysely<DB>, defaultLocale: Locale): Promise<UserLookups> {
  const [roles, profiles, invited] = await Promise.all([listRoleRows(db), listProfileRows(db), pendingInviteUserIds(db)]);
  return {
    roleNames: new Map(roles.map((r) => [r.key, r.name])),
    profileNames: new Map(profiles.map((p) => [p.id, p.name])),
    pendingInvites: new Set(invited),
    defaultLocale,
  };
}

/** Creates a user; used by the API (admins), the CLI and the first-run bootstrap. */
export async function insertUser(db: Kysely<DB>, input: UserCreate): Promise<UserRow> {
  if (await findUserByEmail(db, input.email)) {
    throw new AppError('duplicate', 'A user with this e-mail address already exists.', { email: fieldError('in_use') });
  }
  const profileId = await resolveRoleAndProfile(db, input.role, input.profileId);
  const now = nowIso();
  return insertUserRow(db, {
    email: input.email,
    name: input.name,
    password_hash: await hashPassword(input.password),
    role: input.role,
    profile_id: profileId,
    // No language given: the user has not chosen one (their browser's at their first sign-in).
    locale: input.locale ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  });
}

export async function createUser(db: Kysely<DB>, actor: Actor, input: UserCreate): Promise<UserRow> {
  await assertMayGrant(db, actor, input.role, await resolveRoleAndProfile(db, input.role, input.profileId));
  return insertUser(db, input);
}

export async function updateUser(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof userUpdateSchema>): Promise<UserRow> {
  const current = await getUser(db, id);
  await assertMayManageUser(db, actor, current, { self: true });
  const changesRole = input.role !== undefined && input.role !== current.role;
  const changesProfile = input.profileId !== undefined && Number(input.profileId) !== current.profile_id;
  if (changesRole || changesProfile) assertAdministrator(actor, "change a user's role or profile");
  if (current.version !== input.version) throw versionConflict(current.version);
  if (id === actor.id && (input.active === false || changesRole || changesProfile)) {
    throw refused('unprocessable', 'change_yourself');
  }
  // Repeating the current role or profile changes nothing (a role change alone brings the role's default profile).
  const profileId = changesRole || changesProfile ? await resolveRoleAndProfile(db, input.role ?? current.role, input.profileId) : undefined;
  const row = await updateUserRow(db, id, input.version, {
    ...(input.name !== undefined && { name: input.name }),
    ...(changesRole && { role: input.role }),
    ...(profileId !== undefined && { profile_id: profileId }),
    ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    updated_at: nowIso(),
    version: current.version + 1,
  });
  if (!row) throw versionConflict(current.version + 1);
  if (input.active === false) await deleteUserSessions(db, id);
  return row;
}

export async function updateMe(db: Kysely<DB>, actor: Actor, input: z.output<typeof meUpdateSchema>): Promise<UserRow> {
  return patchUserRow(db, actor.id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.locale !== undefined && { locale: input.locale }),
    updated_at: nowIso(),
  });
}

/**
 * First run: when no user exists, create an admin from KONTOR_ADMIN_EMAIL / KONTOR_ADMIN_PASSWORD,
 * or with a generated password that is returned once so the caller can print it.
 */
export async function bootstrapAdmin(
  db: Kysely<DB>,
  env: { email: string | null; password: string | null },
): Promise<{ email: string; password: string | null } | null> {
  if (await anyUserExists(db)) return null;
  const email = (env.email ?? 'admin@kontor.local').toLowerCase();
  const password = env.password ?? randomToken(12);
  // No language: the first admin gets their browser's at their first sign-in, like every user who never chose one.
  await insertUser(db, { email, name: 'Administrator', password, role: 'admin' });
  return { email, password: env.password ? null : password };
}
