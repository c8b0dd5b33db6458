import { z } from 'zod';
import { fieldCode } from './field-errors.ts';

/** The largest value of a PostgreSQL `integer` column: ids, versions, positions. */
export const MAX_INT = 2_147_483_647;

/** Ids are strings in the API (integers 1..2147483647 in the database, on both engines). */
export const idSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, fieldCode('record_id'))
  .refine((v) => Number(v) <= MAX_INT, fieldCode('record_id'));
export const idParamsSchema = z.object({ id: idSchema });

export const versionSchema = z.number().int().min(1).max(MAX_INT);
/** A position in a list (contact types, custom fields). */
export const positionSchema = z.number().int().min(0).max(MAX_INT);

export const isoDateTime = z.string();

/**
 * Keyset-paged list answer: `nextCursor` is null on the last page; `total` only when asked with count=true. Beyond
 * 10,000 records an unfiltered total is not counted: `totalApproximate` marks an estimate ("about N"), and with
 * `totalAtLeast` a lower bound ("more than N", for readers who may not see every record).
 */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().optional(),
    totalApproximate: z.literal(true).optional(),
    totalAtLeast: z.literal(true).optional(),
  });
}
/** A list's total and how exact it is (see `listResponseSchema`). */
export interface ListTotal {
  total: number;
  totalApproximate?: true;
  totalAtLeast?: true;
}
export interface ListResponse<T> extends Partial<ListTotal> {
  data: T[];
  nextCursor: string | null;
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
    .max(max)
    .transform((v) => (v.trim() === '' ? null : v.trim()))
    .nullable()
    .optional();
}

/** Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): they reorder what a name shows. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** White space and zero-width characters (U+200B-U+200D, U+2060, U+FEFF) at either end. */
const EDGE_INVISIBLES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;
/** A letter, number, punctuation mark or symbol: something a reader sees. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** What a name is stored as: bidi controls removed, white space and zero-width characters trimmed at the ends. */
export function cleanName(v: string): string {
  return v.replace(BIDI_CONTROLS, '').replace(EDGE_INVISIBLES, '');
}
export const hasVisibleCharacter = (v: string): boolean => VISIBLE.test(v);

/**
 * A human-readable name (record, tag, user, role, label...): required, cleaned by `cleanName`, at most `max` characters
 * after cleaning, and it must show something (three zero-width spaces are not a name).
 */
export function nameText(max: number) {
  return z
    .string()
    .trim()
    .min(1, { abort: true })
    .refine(hasVisibleCharacter, { message: fieldCode('visible'), abort: true })
    .overwrite(cleanName)
    .max(max);
}

/** An optional name (a contact's first or last name): empty or white space clears it (null); otherwise as `nameText`. */
export function optionalNameText(max: number) {
  return z
    .string()
    .trim()
    .refine((v) => v === '' || hasVisibleCharacter(v), { message: fieldCode('visible'), abort: true })
    .overwrite(cleanName)
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
}
