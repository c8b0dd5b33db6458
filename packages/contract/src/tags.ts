import { z } from 'zod';
import { idSchema, nameText, positionSchema } from './common.ts';
import { fieldCode } from './field-errors.ts';

export const tagName = nameText(50);
export const tagColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, fieldCode('color'));

export const tagSchema = z.object({ id: z.string(), name: z.string(), color: z.string(), usage: z.number().int() });
export type Tag = z.infer<typeof tagSchema>;

export const tagCreateSchema = z.object({ name: tagName, color: tagColor.optional() });
export const tagUpdateSchema = z.object({ name: tagName.optional(), color: tagColor.optional() });
export const tagMergeSchema = z.object({ intoId: idSchema });

/** Tags on a record, by name; unknown names are created. */
export const recordTagsInput = z.array(tagName).max(50, fieldCode('max_tags'));

export const contactTypeSchema = z.object({ id: z.string(), name: z.string(), color: z.string(), position: z.number().int() });
export type ContactType = z.infer<typeof contactTypeSchema>;
export const contactTypeCreateSchema = z.object({ name: nameText(50), color: tagColor.optional() });
export const contactTypeUpdateSchema = z.object({
  name: nameText(50).optional(),
  color: tagColor.optional(),
  position: positionSchema.optional(),
});
export const contactTypeDeleteQuery = z.object({ replaceWith: idSchema.optional() });
