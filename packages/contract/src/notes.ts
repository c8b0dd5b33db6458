import { z } from 'zod';
import { idSchema, pageQuerySchema, userRefSchema, versionSchema } from './common.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Notes and files sit on exactly one record: an account, a contact, a deal or a lead. The API names that record with
 * one of four fields (`accountId`, `contactId`, `dealId`, `leadId`), in a body or a query.
 */
export const itemModules = ['accounts', 'contacts', 'deals', 'leads'] as const;
export type ItemModule = (typeof itemModules)[number];

export const parentFields = { accounts: 'accountId', contacts: 'contactId', deals: 'dealId', leads: 'leadId' } as const satisfies Record<ItemModule, string>;
export type ParentField = (typeof parentFields)[ItemModule];

export const parentRefShape = {
  accountId: idSchema.optional(),
  contactId: idSchema.optional(),
  dealId: idSchema.optional(),
  leadId: idSchema.optional(),
};
export type ParentRef = Partial<Record<ParentField, string>>;

/** The record a body or query names, or null unless exactly one of the four fields is given. */
export function parentOf(v: ParentRef): { module: ItemModule; id: string } | null {
  const given = itemModules.filter((m) => v[parentFields[m]] !== undefined);
  const module = given[0];
  return given.length === 1 && module ? { module, id: v[parentFields[module]] ?? '' } : null;
}

/** Adds the "exactly one record" rule to a schema holding the four parent fields. */
export const withOneParent = <T extends z.ZodType<ParentRef>>(schema: T) =>
  schema.refine((v) => parentOf(v) !== null, { message: fieldCode('one_parent'), path: ['accountId'] });

/** A note's text: HTML (the server keeps only what its allow-list keeps), at most this many characters as sent. */
export const NOTE_MAX_LENGTH = 100_000;
const noteBody = z.string().min(1).max(NOTE_MAX_LENGTH);

export const noteCreateSchema = withOneParent(z.object({ body: noteBody, ...parentRefShape }).strict());
export type NoteCreate = z.input<typeof noteCreateSchema>;

export const noteUpdateSchema = z.object({ body: noteBody, version: versionSchema }).strict();
export type NoteUpdate = z.input<typeof noteUpdateSchema>;

export const noteDeleteQuerySchema = z.object({ version: z.coerce.number().pipe(versionSchema).optional() });

/** What the reader may do with a note: its author, users above the author and administrators edit and delete it. */
export const noteAccessSchema = z.object({ edit: z.boolean(), delete: z.boolean() });

export const noteSchema = z.object({
  id: z.string(),
  module: z.enum(itemModules),
  recordId: z.string(),
  /** Sanitised HTML: p, br, strong/b, em/i, u, s, lists, blockquote, code, pre, links (http, https, mailto), mentions. */
  body: z.string(),
  /** The same as plain text (search, excerpts). */
  bodyText: z.string(),
  /** The users the note mentions (`<span data-mention-id="…">`), with their names. */
  mentions: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
  createdBy: userRefSchema,
  updatedAt: z.string(),
  updatedBy: userRefSchema,
  version: z.number().int(),
  access: noteAccessSchema,
});
export type Note = z.infer<typeof noteSchema>;

/** Newest first, keyset paged; `GET /notes` names the record with one parent field. */
export const itemPageQuerySchema = pageQuerySchema;
export const itemListQuerySchema = withOneParent(pageQuerySchema.extend(parentRefShape));
