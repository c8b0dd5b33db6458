import { z } from 'zod';
import { idSchema } from './common.ts';

export const tagName = z.string().trim().min(1, 'required').max(50, 'at most 50 characters');
export const tagColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3b82f6');

export const tagSchema = z.object({ id: z.string(), name: z.string(), color: z.string(), usage: z.number().int() });
export type Tag = z.infer<typeof tagSchema>;

export const tagCreateSchema = z.object({ name: tagName, color: tagColor.optional() });
export const tagUpdateSchema = z.object({ name: tagName.optional(), color: tagColor.optional() });
export const tagMergeSchema = z.object({ intoId: idSchema });

/** Tags on a record, by name; unknown names are created. */
export const recordTagsInput = z.array(tagName).max(50, 'at most 50 tags');

export const contactTypeSchema = z.object({ id: z.string(), name: z.string(), color: z.string(), position: z.number().int() });
export type ContactType = z.infer<typeof contactTypeSchema>;
export const contactTypeCreateSchema = z.object({ name: z.string().trim().min(1, 'required').max(50, 'at most 50 characters'), color: tagColor.optional() });
export const contactTypeUpdateSchema = z.object({
  name: z.string().trim().min(1, 'required').max(50, 'at most 50 characters').optional(),
  color: tagColor.optional(),
  position: z.number().int().min(0).optional(),
});
export const contactTypeDeleteQuery = z.object({ replaceWith: idSchema.optional() });
