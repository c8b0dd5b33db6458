import { z } from 'zod';
import { nameText, positionSchema, versionSchema } from './common.ts';
import { modules } from './custom-fields.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Custom links (Zoho): URL templates an administrator defines per module, shown on every record page with the
 * record's values put in: `https://maps.example/?q={billingCity}`. Values are URL-encoded; only http(s) links
 * are ever produced.
 */

export const customLinkSchema = z.object({
  id: z.string(),
  module: z.enum(modules),
  label: z.string(),
  urlTemplate: z.string(),
  position: z.number().int(),
  version: z.number().int(),
});
export type CustomLink = z.infer<typeof customLinkSchema>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9.]{0,80})\}/g;
/** The names a template uses, in order of appearance. */
export const placeholdersIn = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

const urlTemplate = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((t) => /^https?:\/\/[^\s{}/?#]+([/?#]|$)/i.test(t), fieldCode('link_host'))
  .refine((t) => !/[\s<>"]/.test(t.replace(PLACEHOLDER, 'x')), fieldCode('link_characters'))
  .refine((t) => !/[{}]/.test(t.replace(PLACEHOLDER, 'x')), fieldCode('link_braces'));

export const customLinkCreateSchema = z.object({ module: z.enum(modules), label: nameText(100), urlTemplate, position: positionSchema.optional() }).strict();
export const customLinkUpdateSchema = z.object({ label: nameText(100).optional(), urlTemplate: urlTemplate.optional(), position: positionSchema.optional(), version: versionSchema }).strict();
export const customLinkListSchema = z.object({
  data: z.array(customLinkSchema),
  /** The placeholders each module's templates may use. */
  placeholders: z.record(z.string(), z.array(z.string())),
});

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `billingAddress.city` may also be written `billingCity`. */
export const placeholderAlias = (path: string): string | null => {
  const [head, child] = path.split('.');
  if (!head || !child) return null;
  return `${head.replace(/Address$/, '')}${child.charAt(0).toUpperCase()}${child.slice(1)}`;
};

/** A record's values by placeholder name: its fields, nested ones by path and alias, the primary e-mail, phone and website. */
export function customLinkValues(record: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.set(key, String(v));
  };
  for (const [key, v] of Object.entries(record)) {
    if (isPlain(v)) {
      for (const [child, cv] of Object.entries(v)) {
        put(`${key}.${child}`, cv);
        const alias = placeholderAlias(`${key}.${child}`);
        if (alias) put(alias, cv);
      }
    } else put(key, v);
  }
  for (const [list, single] of [['emails', 'email'], ['phones', 'phone'], ['websites', 'website']] as const) {
    const items = record[list];
    if (out.has(single) || !Array.isArray(items)) continue;
    const primary = items.find((i) => isPlain(i) && i.primary === true) ?? items[0];
    if (isPlain(primary)) put(single, primary.value);
  }
  return out;
}

/** The link for one record: placeholders replaced by URL-encoded values (empty when the record has none); null unless http(s). */
export function resolveCustomLink(template: string, record: Record<string, unknown>): string | null {
  const values = customLinkValues(record);
  const url = template.replace(PLACEHOLDER, (_m, name: string) => encodeURIComponent(values.get(name) ?? ''));
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
