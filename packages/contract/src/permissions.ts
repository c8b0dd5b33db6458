import { z } from 'zod';
import { modules, type Module } from './custom-fields.ts';
import { idSchema, nameText, versionSchema } from './common.ts';
import { fieldCode } from './field-errors.ts';

/** What a profile may do per module. */
export const moduleRights = ['view', 'create', 'edit', 'share', 'delete', 'export', 'import'] as const;
export type ModuleRight = (typeof moduleRights)[number];
/** Administration rights: manage users, roles and profiles; fields and picklists; settings (and purge, audit log). */
export const adminRights = ['users', 'fields', 'settings'] as const;
export type AdminRight = (typeof adminRights)[number];

/**
 * Stored values (profiles, settings) name the modules that existed when they were written. A module added later
 * starts with what the same value says for contacts (deals: a salesperson who may edit contacts may edit deals),
 * until an administrator changes it.
 */
function withNewModules(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  const filled: Record<string, unknown> = { ...v };
  for (const m of modules) if (filled[m] === undefined) filled[m] = v.contacts;
  return filled;
}

const moduleRightList = z.array(z.enum(moduleRights));
export const rightsSchema = z.object({
  modules: z.preprocess(withNewModules, z.object({ accounts: moduleRightList, contacts: moduleRightList, deals: moduleRightList, activities: moduleRightList, leads: moduleRightList } satisfies Record<Module, unknown>)),
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
export const orgDefaultsSchema = z.preprocess(
  withNewModules,
  z.object({ accounts: z.enum(orgDefaults), contacts: z.enum(orgDefaults), deals: z.enum(orgDefaults), activities: z.enum(orgDefaults), leads: z.enum(orgDefaults) } satisfies Record<Module, unknown>),
);
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
  .refine((s) => Boolean(s.userId) !== Boolean(s.roleId), { message: fieldCode('share_target'), path: ['userId'] });

/** What the caller may do with one record, so the UI shows only the actions that will work. */
export const recordAccessSchema = z.object({ edit: z.boolean(), delete: z.boolean(), share: z.boolean() });
export type RecordAccess = z.infer<typeof recordAccessSchema>;

/** One value per record module, built from the module list (so a new module is never forgotten). */
export const perModule = <T>(value: (module: Module) => T): { [M in Module]: T } =>
  Object.fromEntries(modules.map((m) => [m, value(m)])) as { [M in Module]: T };

/** No right at all: what a user without a profile has. */
export const noRights: Rights = { modules: perModule(() => []), admin: [] };
/** Every right: what the Administrator profile means, whatever its stored value says. */
export const allRights: Rights = { modules: perModule(() => [...moduleRights]), admin: [...adminRights] };
