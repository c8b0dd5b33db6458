import { z } from 'zod';
import { modules } from './custom-fields.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Per-user preferences the server keeps (so they follow the user to every browser): which related lists a record
 * page shows and in what order. Each key has its own schema; an unknown key or a value of the wrong shape is a 400.
 */

const sectionKey = z.string().regex(/^[a-z][a-zA-Z]{0,40}$/, fieldCode('section_key'));
export const relatedListsPreferenceSchema = z
  .object({ order: z.array(sectionKey).max(30), hidden: z.array(sectionKey).max(30) })
  .strict();
export type RelatedListsPreference = z.infer<typeof relatedListsPreferenceSchema>;

export const preferenceKeys = modules.map((m) => `relatedLists.${m}` as const);
export type PreferenceKey = (typeof preferenceKeys)[number];
export const preferenceKeySchema = z.enum(preferenceKeys as [PreferenceKey, ...PreferenceKey[]]);

/** The schema of each key's value (a new module is a compile error here until its key is listed). */
const valueSchemas: { [K in PreferenceKey]: z.ZodType<RelatedListsPreference> } = {
  'relatedLists.accounts': relatedListsPreferenceSchema,
  'relatedLists.contacts': relatedListsPreferenceSchema,
  'relatedLists.deals': relatedListsPreferenceSchema,
  'relatedLists.activities': relatedListsPreferenceSchema,
  'relatedLists.leads': relatedListsPreferenceSchema,
};
export const preferenceValueSchema = (key: PreferenceKey): z.ZodType<RelatedListsPreference> => valueSchemas[key];

export const preferencePutSchema = z.object({ value: z.unknown() }).strict();
export const preferencesSchema = z.object({ data: z.record(z.string(), z.unknown()) });
