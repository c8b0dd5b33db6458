import { z } from 'zod';
import type { Module } from './custom-fields.ts';
import { idSchema, nameText, versionSchema } from './common.ts';

/** What a profile may do per module. */
export const moduleRights = ['view', 'create', 'edit', 'share', 'delete', 'export', 'import'] as const;
export type ModuleRight = (typeof moduleRights)[number];
/** Administration rights: manage users, roles and profiles; fields and picklists; settings (and purge, audit log). */
export const adminRights = ['users', 'fields', 'settings'] as const;
export type AdminRight = (typeof adminRights)[number];

export const rightsSchema = z.object({
  modules: z.object({ accounts: z.array(z.enum(moduleRights)), contacts: z.array(z.enum(moduleRights)) } satisfies Record<Module, unknown>),
  admin: z.array(z.enum(adminRights)),
});
export type Rights = z.infer<typeof rightsSchema>;

export const profileSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  rights: rightsSchema,
  version: z.number().int(),
});
export type Profile = z.infer<typeof profileSchema>;
export const profileCreateSchema = z.object({ name: nameText(100), rights: rightsSchema });
export const profileUpdateSchema = z.object({
  name: nameText(100).optional(),
  rights: rightsSchema.optional(),
  version: versionSchema,
});

/** Roles form a tree: a user sees and edits the records owned by users in the roles below theirs. */
export const roleSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  builtin: z.boolean(),
  version: z.number().int(),
});
export type RoleNode = z.infer<typeof roleSchema>;
export const roleCreateSchema = z.object({
  name: nameText(100),
  parentId: idSchema,
});
export const roleUpdateSchema = z.object({
  name: nameText(100).optional(),
  parentId: idSchema.optional(),
  version: versionSchema,
});

/** Org-wide default per module for records a user neither owns nor reaches through the hierarchy or a share. */
export const orgDefaults = ['private', 'read_only', 'read_write'] as const;
export type OrgDefault = (typeof orgDefaults)[number];
export const orgDefaultsSchema = z.object({ accounts: z.enum(orgDefaults), contacts: z.enum(orgDefaults) } satisfies Record<Module, unknown>);
export type OrgDefaults = z.infer<typeof orgDefaultsSchema>;

export const shareAccess = ['read', 'write'] as const;
export const shareSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  roleId: z.string().nullable(),
  access: z.enum(shareAccess),
  createdAt: z.string(),
});
export type Share = z.infer<typeof shareSchema>;
export const shareCreateSchema = z
  .object({
    userId: idSchema.optional(),
    roleId: idSchema.optional(),
    access: z.enum(shareAccess),
  })
  .refine((s) => Boolean(s.userId) !== Boolean(s.roleId), { message: 'share with either a user or a role', path: ['userId'] });

/** What the caller may do with one record, so the UI shows only the actions that will work. */
export const recordAccessSchema = z.object({ edit: z.boolean(), delete: z.boolean(), share: z.boolean() });
export type RecordAccess = z.infer<typeof recordAccessSchema>;
