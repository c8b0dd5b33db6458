import { z } from 'zod';
import { listQuerySchema, sortListParam } from './views.ts';
import { idSchema, nameText, optionalNameText, optionalText, pageQuerySchema, stampsSchema, userRefSchema, versionSchema } from './common.ts';
import { emailValue, phoneValue } from './contact-points.ts';
import { customFieldValues } from './custom-fields.ts';
import { currencyCode, dealFields, isoDate } from './deals.ts';
import { recordAccessSchema } from './permissions.ts';
import type { leadSources as contactLeadSources } from './picklists.ts';
import { recordTagsInput } from './tags.ts';
import { fieldCode } from './field-errors.ts';

/** Where a lead came from. */
export const leadSources = ['web', 'referral', 'event', 'cold_call', 'partner', 'advertisement', 'trade_show', 'other'] as const;
export type LeadSource = (typeof leadSources)[number];

/** A lead's state; `converted` is set only by converting it (never typed in). */
export const leadStatuses = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
export type LeadStatus = (typeof leadStatuses)[number];
export const leadInputStatuses = ['new', 'contacted', 'qualified', 'unqualified'] as const;

/** The contact's lead source (the contacts' picklist) for a lead's source, so a converted contact keeps where it came from. */
export const contactLeadSourceOf: Record<LeadSource, (typeof contactLeadSources)[number]> = {
  web: 'web_form',
  referral: 'external_referral',
  event: 'seminar',
  cold_call: 'cold_call',
  partner: 'partner',
  advertisement: 'advertisement',
  trade_show: 'trade_show',
  other: 'other',
};

/**
 * E-mail domains of free mail providers: an address there says nothing about the company, so conversion never
 * proposes an account because of it.
 */
export const freeMailDomains = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.de', 'yahoo.co.uk',
  'icloud.com', 'me.com', 'aol.com', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de', 'posteo.de',
  'mail.de', 'protonmail.com', 'proton.me', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'sina.com', 'sohu.com',
  'yahoo.ro', 'hotmail.de', 'outlook.de',
] as const;

/** The lower-cased domain of an e-mail address, or null when it is a free mail provider's (or there is none). */
export function companyDomainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return domain === '' || (freeMailDomains as readonly string[]).includes(domain) ? null : domain;
}

/** An optional value: empty or white space clears it (null); otherwise it must pass `value`. */
const optionalValue = (value: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(value.nullable())
    .nullable()
    .optional();

export const leadFields = z.object({
  firstName: optionalNameText(40),
  lastName: nameText(80),
  /** Becomes the account's name on conversion, so it obeys the same limit. */
  company: optionalNameText(100),
  email: optionalValue(emailValue),
  phone: optionalValue(phoneValue),
  position: optionalText(100),
  source: z.enum(leadSources).nullable().optional(),
  status: z.enum(leadInputStatuses, { error: fieldCode('lead_status') }).optional(),
  ownerId: idSchema.optional(),
  description: optionalText(32000),
  tags: recordTagsInput.optional(),
  customFields: customFieldValues.optional(),
  restrictedTo: z.array(idSchema).max(200, fieldCode('max_users')).nullable().optional(),
});

export const leadCreateSchema = leadFields.strict();
export type LeadCreate = z.input<typeof leadCreateSchema>;
export const leadUpdateSchema = leadFields.partial().extend({ version: versionSchema }).strict();
export type LeadUpdate = z.input<typeof leadUpdateSchema>;

/**
 * What a converted lead still accepts: its description and tags (the outcome, reporting), and who owns or may see
 * it. Everything it was when it was converted stays as it was.
 */
export const convertedLeadEditable = ['description', 'tags', 'ownerId', 'restrictedTo', 'version'] as const;

export const leadSchema = z
  .object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    fullName: z.string(),
    company: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    /** The phone in E.164 form when it can be read (with a + prefix, or in the default phone region). */
    phoneE164: z.string().nullable(),
    position: z.string().nullable(),
    source: z.enum(leadSources).nullable(),
    status: z.enum(leadStatuses),
    ownerId: z.string().nullable(),
    owner: userRefSchema,
    description: z.string().nullable(),
    tags: z.array(z.string()),
    customFields: customFieldValues,
    /** When it was converted, and what it became; names only of the records the reader may see. */
    convertedAt: z.string().nullable(),
    convertedContactId: z.string().nullable(),
    convertedContactName: z.string().nullable(),
    convertedAccountId: z.string().nullable(),
    convertedAccountName: z.string().nullable(),
    convertedDealId: z.string().nullable(),
    convertedDealName: z.string().nullable(),
    restrictedTo: z.array(z.string()).nullable(),
    access: recordAccessSchema,
  })
  .extend(stampsSchema.shape);
export type Lead = z.infer<typeof leadSchema>;

export const leadListItemSchema = leadSchema
  .pick({
    id: true, firstName: true, lastName: true, fullName: true, company: true, email: true, phone: true, position: true,
    source: true, status: true, ownerId: true, owner: true, tags: true, convertedAt: true, version: true, createdAt: true, updatedAt: true, customFields: true,
  })
  .extend({ restricted: z.boolean() });
export type LeadListItem = z.infer<typeof leadListItemSchema>;

export const leadSorts = ['name', 'createdAt', 'updatedAt'] as const;
export const leadListQuerySchema = listQuerySchema({
  ...pageQuerySchema.shape,
  sort: sortListParam([...leadSorts, 'viewedAt']).optional(),
  /** A fragment of the name ("last first") or of the e-mail address. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(leadStatuses).optional(),
  source: z.enum(leadSources).optional(),
  ownerId: idSchema.optional(),
  tag: z.string().trim().max(50).optional(),
});

// ---- conversion --------------------------------------------------------------------------------------------------

export const conversionMatchReasons = ['name', 'domain'] as const;
export const conversionMatchSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  website: z.string().nullable(),
  owner: userRefSchema,
  /** `name`: the account's name is the lead's company (ignoring case, accents and spaces); `domain`: its website or a contact's e-mail has the lead's e-mail domain. */
  reason: z.enum(conversionMatchReasons),
});
export type ConversionMatch = z.infer<typeof conversionMatchSchema>;
export const conversionMatchesSchema = z.object({ data: z.array(conversionMatchSchema) });
export const MAX_CONVERSION_MATCHES = 10;

export const leadConvertSchema = z
  .object({
    /** An existing account the new contact joins. Without it: the account named exactly like the company, else a new one. */
    accountId: idSchema.optional(),
    /** A new account named after the company, even if one with that name exists. */
    createAccount: z.boolean().optional(),
    createDeal: z
      .object({
        name: dealFields.shape.name,
        amount: dealFields.shape.amount,
        currency: currencyCode.optional(),
        pipelineId: idSchema.optional(),
        stageId: idSchema.optional(),
        expectedCloseDate: isoDate.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    version: versionSchema,
  })
  .strict()
  .refine((c) => !(c.accountId && c.createAccount), { message: fieldCode('account_choice'), path: ['createAccount'] });
export type LeadConvert = z.input<typeof leadConvertSchema>;

export const leadConversionSchema = z.object({
  lead: leadSchema,
  contactId: z.string(),
  accountId: z.string().nullable(),
  /** The account was made by this conversion (not an existing one). */
  accountCreated: z.boolean(),
  dealId: z.string().nullable(),
});
export type LeadConversion = z.infer<typeof leadConversionSchema>;
