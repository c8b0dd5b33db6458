import { z } from 'zod';
import { rightsSchema } from './permissions.ts';
import { idSchema, nameText, versionSchema } from './common.ts';
import { fieldCode } from './field-errors.ts';

/** The built-in roles (admins add more); each comes with a default profile. */
export const roles = ['admin', 'manager', 'sales', 'readonly'] as const;
export type Role = (typeof roles)[number];
export const roleKey = z.string().trim().min(1).max(50);

export const locales = ['en', 'de', 'zh-CN', 'ro'] as const;
export type Locale = (typeof locales)[number];

export const passwordSchema = z.string().min(10).max(200);
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, fieldCode('email'));

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  roleName: z.string(),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  /** The user's language: their own choice, or the organisation's default (KONTOR_DEFAULT_LOCALE) while they have none. */
  locale: z.enum(locales),
  /** False until the user chooses a language (at their first login the web app saves the browser's). */
  localeChosen: z.boolean(),
  active: z.boolean(),
  /** Invited and not yet accepted: the user has not chosen a password. */
  invitePending: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const userCreateSchema = z.object({
  email: emailAddress,
  name: nameText(100),
  password: passwordSchema,
  role: roleKey,
  profileId: idSchema.optional(),
  /** Left out: the user has not chosen one (their browser's at their first login; the organisation's default until then). */
  locale: z.enum(locales).optional(),
});
export const userUpdateSchema = z.object({
  name: nameText(100).optional(),
  role: roleKey.optional(),
  profileId: idSchema.optional(),
  active: z.boolean().optional(),
  version: versionSchema,
});
export const meUpdateSchema = z.object({
  name: nameText(100).optional(),
  locale: z.enum(locales).optional(),
});

export const loginSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(200) });
/** What the signed-in user may do, so the client shows only what will work (the server checks again). */
export const sessionPermissionsSchema = z.object({ isAdmin: z.boolean(), rights: rightsSchema });
export const sessionSchema = z.object({ user: userSchema, csrfToken: z.string(), permissions: sessionPermissionsSchema });
export type Session = z.infer<typeof sessionSchema>;

/** A read token may only GET; a write token may do what its user may do. */
export const tokenScopes = ['read', 'write'] as const;
export const tokenCreateSchema = z.object({
  name: nameText(100),
  scope: z.enum(tokenScopes).default('write'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(tokenScopes),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const tokenCreatedSchema = tokenSchema.extend({ token: z.string() });

export const sessionInfoSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const passwordResetSchema = z.object({ password: passwordSchema });
/** Changing one's own password ends one's other sessions; `revokeTokens` also ends one's API tokens. */
export const passwordChangeSchema = z.object({ currentPassword: z.string().max(200), newPassword: passwordSchema, revokeTokens: z.boolean().default(false) });
export const passwordChangedSchema = z.object({ sessionsEnded: z.number().int(), tokensRevoked: z.number().int() });
export const transferRecordsSchema = z.object({ toUserId: idSchema });

/** An admin invites a user; the invitee opens the one-time link and sets their own password. */
export const userInviteSchema = userCreateSchema.omit({ password: true });
export const inviteCreatedSchema = z.object({ user: userSchema, invitePath: z.string(), expiresAt: z.string() });
export const inviteInfoSchema = z.object({ email: z.string(), name: z.string(), expiresAt: z.string() });
export const inviteAcceptSchema = z.object({ password: passwordSchema });
export const inviteTokenParams = z.object({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/) });
/** How many records of each module a transfer moved. */
export const transferredSchema = z.object({ accounts: z.number().int(), contacts: z.number().int(), deals: z.number().int() });
