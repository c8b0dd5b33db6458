import { z } from 'zod';
import { idSchema } from './common.ts';
import { modules } from './custom-fields.ts';

export const recycleBinQuerySchema = z.object({
  module: z.enum(modules),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const recycleBinItemSchema = z.object({
  id: z.string(),
  module: z.enum(modules),
  name: z.string(),
  deletedAt: z.string(),
  deletedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** What the caller may do with it, so the bin offers only what the server allows: restore (the delete right on the record), purge (its owner, users above the owner, administrators). */
  access: z.object({ restore: z.boolean(), purge: z.boolean() }),
});
export type RecycleBinItem = z.infer<typeof recycleBinItemSchema>;
export const recycleBinParamsSchema = z.object({ module: z.enum(modules), id: idSchema });
