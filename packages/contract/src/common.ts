import { z } from 'zod';

/** Ids are strings in the API (integers in the database). */
export const idSchema = z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be a record id');
export const idParamsSchema = z.object({ id: idSchema });

export const versionSchema = z.number().int().min(1);

export const isoDateTime = z.string();

/** Keyset-paged list answer: `nextCursor` is null on the last page; `total` only when asked with count=true. */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });
}
export interface ListResponse<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  count: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const userRefSchema = z.object({ id: z.string(), name: z.string() }).nullable();

export const stampsSchema = z.object({
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  createdBy: userRefSchema,
  updatedBy: userRefSchema,
});

/** Trimmed text with a maximum length; empty strings become null. */
export function optionalText(max: number) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .transform((v) => (v.trim() === '' ? null : v.trim()))
    .nullable()
    .optional();
}
