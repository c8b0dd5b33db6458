import { z } from 'zod';
import { listQuerySchema, sortListParam } from './views.ts';
import { MAX_INT, idSchema, nameText, optionalText, stampsSchema, userRefSchema, versionSchema, pageQuerySchema } from './common.ts';
import { contactPointsInput, contactPointsOutput, phoneShorthand, shorthandsAgree, websiteShorthand } from './contact-points.ts';
import { accountTypes, industries, ownerships, ratings } from './picklists.ts';
import { postalAddress, postalAddressInput } from './addresses.ts';
import { customFieldValues } from './custom-fields.ts';
import { recordTagsInput } from './tags.ts';
import { recordAccessSchema } from './permissions.ts';
import { dealSummarySchema } from './deals.ts';
import { notContactedDaysSchema } from './activity-board.ts';
import { fieldCode } from './field-errors.ts';

export const MAX_EMPLOYEES = 9_999_999_999;

/**
 * Zoho's limits: name 1-100, ticker at most 30, employees an integer of at most 10 digits. `phone` and `website` are
 * shorthands for the primary phone and website contact points (issue #14), so they take what those points take
 * (a website up to 2,000 characters, not Zoho's 30: the same value is a website point's too).
 */
export const accountFields = z.object({
  name: nameText(100),
  ownerId: idSchema.optional(),
  parentAccountId: idSchema.nullable().optional(),
  website: websiteShorthand,
  tickerSymbol: optionalText(30),
  accountNumber: optionalText(40),
  accountSite: optionalText(80),
  phone: phoneShorthand,
  fax: optionalText(50),
  industry: z.enum(industries).nullable().optional(),
  ownership: z.enum(ownerships).nullable().optional(),
  accountType: z.enum(accountTypes).nullable().optional(),
  rating: z.enum(ratings).nullable().optional(),
  employees: z
    .number({ error: fieldCode('whole_number') })
    .int(fieldCode('whole_number'))
    .min(0, fieldCode('negative'))
    .max(MAX_EMPLOYEES, fieldCode('ten_digits'))
    .nullable()
    .optional(),
  annualRevenue: z.number().min(0, fieldCode('negative')).max(1e15, fieldCode('too_large')).nullable().optional(),
  billingAddress: postalAddressInput.optional(),
  shippingAddress: postalAddressInput.optional(),
  description: optionalText(32000),
  contactType: idSchema.nullable().optional(),
  tags: recordTagsInput.optional(),
  customFields: customFieldValues.optional(),
  /** Restricted access: only these users (plus the owner, users above the owner, and admins) see the record; null lifts it. */
  restrictedTo: z.array(idSchema).max(200, fieldCode('max_users')).nullable().optional(),
});

/** `phone`/`website` and `phones`/`websites` in one input must agree (`shorthandsAgree`). */
export const accountCreateSchema = accountFields.extend(contactPointsInput.shape).strict().superRefine(shorthandsAgree);
export type AccountCreate = z.input<typeof accountCreateSchema>;

export const accountUpdateSchema = accountFields.partial().extend(contactPointsInput.shape).extend({ version: versionSchema }).strict().superRefine(shorthandsAgree);
export type AccountUpdate = z.input<typeof accountUpdateSchema>;

export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    owner: userRefSchema,
    ownerId: z.string().nullable(),
    parentAccountId: z.string().nullable(),
    parentAccountName: z.string().nullable(),
    website: z.string().nullable(),
    tickerSymbol: z.string().nullable(),
    accountNumber: z.string().nullable(),
    accountSite: z.string().nullable(),
    phone: z.string().nullable(),
    fax: z.string().nullable(),
    industry: z.string().nullable(),
    ownership: z.string().nullable(),
    accountType: z.string().nullable(),
    rating: z.string().nullable(),
    employees: z.number().nullable(),
    annualRevenue: z.number().nullable(),
    billingAddress: postalAddress,
    shippingAddress: postalAddress,
    description: z.string().nullable(),
    contactType: z.string().nullable(),
    tags: z.array(z.string()),
    customFields: customFieldValues,
    photoUrl: z.string().nullable(),
    primaryEmail: z.string().nullable(),
    primaryPhone: z.string().nullable(),
    contactCount: z.number().int(),
    memberCount: z.number().int(),
    /** Customer status and deal values, from the deals the reader may see. */
    deals: dealSummarySchema,
    deletedAt: z.string().nullable(),
    restrictedTo: z.array(z.string()).nullable(),
    access: recordAccessSchema,
  })
  .extend(contactPointsOutput.shape)
  .extend(stampsSchema.shape);
export type Account = z.infer<typeof accountSchema>;

/** List rows are lighter than the full record: no contact point arrays, description or custom fields. */
export const accountListItemSchema = accountSchema.pick({
  id: true, name: true, ownerId: true, owner: true, parentAccountId: true, parentAccountName: true, website: true,
  phone: true, industry: true, accountType: true, rating: true, employees: true, annualRevenue: true, contactType: true,
  tags: true, photoUrl: true, primaryEmail: true, primaryPhone: true, version: true, createdAt: true, updatedAt: true, customFields: true,
}).extend({ billingCity: z.string().nullable(), billingCountry: z.string().nullable(), restricted: z.boolean(), isCustomer: z.boolean() });
export type AccountListItem = z.infer<typeof accountListItemSchema>;

export const accountSortFields = ['name', 'createdAt', 'updatedAt', 'employees', 'annualRevenue', 'industry', 'accountType', 'website', 'phone'] as const;

export const accountListQuerySchema = listQuerySchema({
  ...pageQuerySchema.shape,
  sort: sortListParam([...accountSortFields, 'viewedAt']).optional(),
  q: z.string().trim().max(100).optional(),
  ownerId: idSchema.optional(),
  parentAccountId: idSchema.optional(),
  contactType: idSchema.optional(),
  tag: z.string().max(50).optional(),
  industry: z.enum(industries).optional(),
  accountType: z.enum(accountTypes).optional(),
  /** Customers only: accounts with a won deal (that the reader may see). */
  customer: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  /** ONLYOFFICE's "with opportunities": accounts with an open deal. */
  withOpenDeals: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  /** Pipedrive's "not contacted": no completed activity in the last N days (or none ever). */
  notContactedDays: notContactedDaysSchema.optional(),
});
export type AccountListQuery = z.input<typeof accountListQuerySchema>;

export const accountDeleteQuerySchema = z.object({
  contacts: z.enum(['detach', 'delete']).optional(),
  version: z.coerce.number().int().min(1).max(MAX_INT).optional(),
});
