import { z } from 'zod';
import { listQuerySchema, sortListParam } from './views.ts';
import { idSchema, optionalNameText, optionalText, stampsSchema, userRefSchema, versionSchema, pageQuerySchema } from './common.ts';
import { contactPointsInput, contactPointsOutput } from './contact-points.ts';
import { leadSources, salutations } from './picklists.ts';
import { customFieldValues } from './custom-fields.ts';
import { recordTagsInput } from './tags.ts';
import { recordAccessSchema } from './permissions.ts';
import { fieldCode } from './field-errors.ts';

/** A birthday is a full date (YYYY-MM-DD) or a month and day without a year (--MM-DD), as vCard and Google allow. */
export function isValidBirthday(v: string): boolean {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const partial = /^--(\d{2})-(\d{2})$/.exec(v);
  if (full) {
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1800 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= Date.now();
  }
  if (partial) {
    const [m, d] = [Number(partial[1]), Number(partial[2])];
    const date = new Date(Date.UTC(2000, m - 1, d)); // a leap year, so --02-29 is valid
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }
  return false;
}
export const birthdaySchema = z.string().trim().refine(isValidBirthday, fieldCode('birthday'));

export const contactFields = z.object({
  salutation: z.enum(salutations).nullable().optional(),
  firstName: optionalNameText(40),
  lastName: optionalNameText(80),
  position: optionalText(100),
  department: optionalText(100),
  birthday: birthdaySchema.nullable().optional(),
  emailOptOut: z.boolean().optional(),
  leadSource: z.enum(leadSources).nullable().optional(),
  description: optionalText(32000),
  ownerId: idSchema.optional(),
  accountId: idSchema.nullable().optional(),
  contactType: idSchema.nullable().optional(),
  tags: recordTagsInput.optional(),
  customFields: customFieldValues.optional(),
  /** Restricted access: only these users (plus the owner, users above the owner, and admins) see the record; null lifts it. */
  restrictedTo: z.array(idSchema).max(200, fieldCode('max_users')).nullable().optional(),
});

export const contactCreateSchema = contactFields.extend(contactPointsInput.shape).strict().refine((c) => Boolean(c.firstName || c.lastName), {
  message: fieldCode('name_required'),
  path: ['lastName'],
});
export type ContactCreate = z.input<typeof contactCreateSchema>;

export const contactUpdateSchema = contactFields.extend(contactPointsInput.shape).extend({ version: versionSchema }).strict();
export type ContactUpdate = z.input<typeof contactUpdateSchema>;

/** Moving a contact from one account to another is an explicit action, never a side effect of an edit. */
export const contactMoveSchema = z.object({ accountId: idSchema.nullable(), version: versionSchema });
export const addExistingContactSchema = z.object({ contactId: idSchema });

export const contactSchema = z
  .object({
    id: z.string(),
    salutation: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    fullName: z.string(),
    position: z.string().nullable(),
    department: z.string().nullable(),
    birthday: z.string().nullable(),
    emailOptOut: z.boolean(),
    leadSource: z.string().nullable(),
    description: z.string().nullable(),
    ownerId: z.string().nullable(),
    owner: userRefSchema,
    accountId: z.string().nullable(),
    accountName: z.string().nullable(),
    contactType: z.string().nullable(),
    tags: z.array(z.string()),
    customFields: customFieldValues,
    photoUrl: z.string().nullable(),
    primaryEmail: z.string().nullable(),
    primaryPhone: z.string().nullable(),
    deletedAt: z.string().nullable(),
    restrictedTo: z.array(z.string()).nullable(),
    access: recordAccessSchema,
  })
  .extend(contactPointsOutput.shape)
  .extend(stampsSchema.shape);
export type Contact = z.infer<typeof contactSchema>;

export const contactListItemSchema = contactSchema.pick({
  id: true, salutation: true, firstName: true, lastName: true, fullName: true, position: true, department: true,
  ownerId: true, owner: true, accountId: true, accountName: true, contactType: true, tags: true, photoUrl: true,
  primaryEmail: true, primaryPhone: true, emailOptOut: true, version: true, createdAt: true, updatedAt: true, customFields: true,
}).extend({ restricted: z.boolean() });
export type ContactListItem = z.infer<typeof contactListItemSchema>;

export const contactSortFields = ['lastName', 'firstName', 'createdAt', 'updatedAt', 'position', 'department'] as const;

export const contactListQuerySchema = listQuerySchema({
  ...pageQuerySchema.shape,
  sort: sortListParam([...contactSortFields, 'viewedAt']).optional(),
  q: z.string().trim().max(100).optional(),
  ownerId: idSchema.optional(),
  accountId: idSchema.optional(),
  contactType: idSchema.optional(),
  tag: z.string().max(50).optional(),
  /** Contacts on a won deal (that the reader may see). */
  customer: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  /** Contacts on an open deal. */
  withOpenDeals: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
export type ContactListQuery = z.input<typeof contactListQuerySchema>;
