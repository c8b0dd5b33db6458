import { z } from 'zod';

export const roles = ['admin', 'manager', 'sales', 'readonly'] as const;
export type Role = (typeof roles)[number];

export const locales = ['en', 'de', 'zh-CN', 'ro'] as const;
export type Locale = (typeof locales)[number];

export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200, 'at most 200 characters');
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not a valid e-mail address');

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  locale: z.enum(locales),
  active: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const userCreateSchema = z.object({
  email: emailAddress,
  name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
  password: passwordSchema,
  role: z.enum(roles),
  locale: z.enum(locales).default('en'),
});
export const userUpdateSchema = z.object({
  name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters').optional(),
  role: z.enum(roles).optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1),
});
export const meUpdateSchema = z.object({
  name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters').optional(),
  locale: z.enum(locales).optional(),
});

export const loginSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(200) });
export const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const tokenCreatedSchema = tokenSchema.extend({ token: z.string() });
