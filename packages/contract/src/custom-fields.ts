import { z } from 'zod';
import { nameText, positionSchema, versionSchema } from './common.ts';
import { fieldCode } from './field-errors.ts';

/** The record modules: adding one here gives it rights, sharing defaults, custom fields, shares, history and the recycle bin. */
export const modules = ['accounts', 'contacts', 'deals', 'activities', 'leads'] as const;
export type Module = (typeof modules)[number];

export const customFieldTypes = ['text', 'longtext', 'number', 'currency', 'date', 'checkbox', 'picklist', 'multiselect', 'url', 'email', 'phone'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const customFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, fieldCode('field_key'));

export const customFieldDefinitionSchema = z.object({
  id: z.string(),
  module: z.enum(modules),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
});
export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;

const options = z.array(nameText(100)).max(200);

export const customFieldCreateSchema = z
  .object({
    module: z.enum(modules),
    key: customFieldKey,
    label: nameText(100),
    type: z.enum(customFieldTypes),
    options: options.default([]),
    required: z.boolean().default(false),
  })
  .refine((f) => !['picklist', 'multiselect'].includes(f.type) || f.options.length > 0, {
    message: fieldCode('options_required'),
    path: ['options'],
  });

export const customFieldUpdateSchema = z.object({
  label: nameText(100).optional(),
  options: options.optional(),
  required: z.boolean().optional(),
  position: positionSchema.optional(),
  version: versionSchema,
});

export const customFieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type CustomFieldValue = z.infer<typeof customFieldValue>;
export const customFieldValues = z.record(z.string(), customFieldValue);
export type CustomFieldValues = z.infer<typeof customFieldValues>;

