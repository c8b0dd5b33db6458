import { z } from 'zod';
import { listQuerySchema, sortListParam } from './views.ts';
import { idSchema, nameText, optionalText, pageQuerySchema, stampsSchema, userRefSchema, versionSchema } from './common.ts';
import { customFieldValues } from './custom-fields.ts';
import { recordAccessSchema } from './permissions.ts';
import { recordTagsInput } from './tags.ts';
import { fieldCode } from './field-errors.ts';

/** Pipedrive's deal states: open deals sit in a stage; won and lost deals are closed. */
export const dealStatuses = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof dealStatuses)[number];

/** ISO 4217 currency code, upper case ("EUR", "CNY", "RON"). */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, fieldCode('currency'));

export const MAX_AMOUNT = 1e15;
const amount = z.number({ error: fieldCode('number') }).min(0, fieldCode('negative')).max(MAX_AMOUNT, fieldCode('too_large'));
/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, fieldCode('date'));

// ---- pipelines and stages -------------------------------------------------------------------------------------

export const stageSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  /** Chance of winning a deal in this stage, in percent (weighted forecasts). */
  probability: z.number().int(),
});
export type Stage = z.infer<typeof stageSchema>;

export const pipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  isDefault: z.boolean(),
  stages: z.array(stageSchema),
  version: z.number().int(),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

const stageInput = z.object({
  /** An existing stage keeps its id (its deals stay in it); a stage without an id is new. */
  id: idSchema.optional(),
  name: nameText(100),
  probability: z.number().int().min(0, fieldCode('percent')).max(100, fieldCode('percent')),
});
const stagesInput = z
  .array(stageInput)
  .min(1, fieldCode('stages_required'))
  .max(30)
  .refine((stages) => new Set(stages.filter((s) => s.id).map((s) => s.id)).size === stages.filter((s) => s.id).length, fieldCode('stage_twice'));

/** Stages are given in order; their position is their place in the list. */
export const pipelineCreateSchema = z.object({ name: nameText(100), stages: stagesInput, isDefault: z.boolean().optional() }).strict();
export const pipelineUpdateSchema = z
  .object({ name: nameText(100).optional(), stages: stagesInput.optional(), isDefault: z.literal(true).optional(), position: z.number().int().min(0).max(1000).optional(), version: versionSchema })
  .strict();
export const pipelineDeleteQuery = z.object({ moveTo: idSchema.optional() });

// ---- deals ------------------------------------------------------------------------------------------------------

export const dealFields = z.object({
  name: nameText(200),
  amount: amount.nullable().optional(),
  currency: currencyCode.optional(),
  pipelineId: idSchema.optional(),
  stageId: idSchema.optional(),
  status: z.enum(dealStatuses).optional(),
  lostReason: optionalText(200),
  expectedCloseDate: isoDate.nullable().optional(),
  accountId: idSchema.nullable().optional(),
  contactId: idSchema.nullable().optional(),
  ownerId: idSchema.optional(),
  description: optionalText(32000),
  tags: recordTagsInput.optional(),
  customFields: customFieldValues.optional(),
  restrictedTo: z.array(idSchema).max(200, fieldCode('max_users')).nullable().optional(),
});

/** A deal without a pipeline or stage goes to the default pipeline's first stage; a stage implies its pipeline. */
export const dealCreateSchema = dealFields.strict();
export type DealCreate = z.input<typeof dealCreateSchema>;
export const dealUpdateSchema = dealFields.partial().extend({ version: versionSchema }).strict();
export type DealUpdate = z.input<typeof dealUpdateSchema>;

/** Money per currency: sums never add euros to yuan. */
export const moneySchema = z.object({ currency: z.string(), amount: z.number() });
export type Money = z.infer<typeof moneySchema>;

export const dealSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    amount: z.number().nullable(),
    currency: z.string(),
    pipelineId: z.string(),
    pipelineName: z.string(),
    stageId: z.string(),
    stageName: z.string(),
    probability: z.number().int(),
    status: z.enum(dealStatuses),
    lostReason: z.string().nullable(),
    expectedCloseDate: z.string().nullable(),
    closedAt: z.string().nullable(),
    accountId: z.string().nullable(),
    accountName: z.string().nullable(),
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    owner: userRefSchema,
    ownerId: z.string().nullable(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    customFields: customFieldValues,
    restrictedTo: z.array(z.string()).nullable(),
    access: recordAccessSchema,
  })
  .extend(stampsSchema.shape);
export type Deal = z.infer<typeof dealSchema>;

export const dealListItemSchema = dealSchema.omit({ description: true, restrictedTo: true, access: true, createdBy: true, updatedBy: true }).extend({
  restricted: z.boolean(),
});
export type DealListItem = z.infer<typeof dealListItemSchema>;

export const dealSorts = ['name', 'amount', 'expectedCloseDate', 'createdAt', 'updatedAt'] as const;
export const dealListQuerySchema = listQuerySchema({
  ...pageQuerySchema.shape,
  sort: sortListParam([...dealSorts, 'viewedAt']).optional(),
  q: z.string().trim().max(100).optional(),
  ownerId: idSchema.optional(),
  accountId: idSchema.optional(),
  contactId: idSchema.optional(),
  pipelineId: idSchema.optional(),
  stageId: idSchema.optional(),
  status: z.enum(dealStatuses).optional(),
  tag: z.string().trim().max(50).optional(),
});

/** The board: one column per stage of a pipeline, open deals only, each with its count and sums per currency. */
export const dealBoardQuerySchema = z.object({
  pipelineId: idSchema.optional(),
  ownerId: idSchema.optional(),
  tag: z.string().trim().max(50).optional(),
  /** Cards per column on the first load (more with the column's cursor through GET /deals?stageId=). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const dealBoardColumnSchema = z.object({
  stage: stageSchema,
  count: z.number().int(),
  sums: z.array(moneySchema),
  deals: z.array(dealListItemSchema),
  nextCursor: z.string().nullable(),
});
export const dealBoardSchema = z.object({ pipeline: pipelineSchema, columns: z.array(dealBoardColumnSchema) });
export type DealBoard = z.infer<typeof dealBoardSchema>;

/** What an account shows of its deals (only deals the reader may see are counted). */
export const dealSummarySchema = z.object({
  /** Pipedrive's customer: at least one won deal (that the reader may see). */
  isCustomer: z.boolean(),
  wonDealsValue: z.array(moneySchema),
  openDealsValue: z.array(moneySchema),
  openDealCount: z.number().int(),
});
export type DealSummary = z.infer<typeof dealSummarySchema>;
