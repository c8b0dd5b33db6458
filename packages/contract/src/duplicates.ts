import { z } from 'zod';
import { idSchema, versionSchema } from './common.ts';
import { emailValue, phoneValue, urlValue } from './contact-points.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Duplicates (issue #16): likely duplicates are found by blocking keys (the same e-mail, the same phone, a similar name
 * in the same account or e-mail domain, the same website domain), scored and explained, warned about on entry, grouped
 * into clusters over the whole database, merged (2-5 records) and unmerged within 30 days. Shared by the server, the
 * web app and the CLI.
 */

export const duplicateModules = ['contacts', 'accounts'] as const;
export type DuplicateModule = (typeof duplicateModules)[number];

/**
 * Why two records look alike:
 * - `email`: an e-mail both have (case ignored);
 * - `phone`: a phone number both have (compared in E.164 form);
 * - `name_account`: contacts: similar names in the same account;
 * - `name_domain`: contacts: similar names and an e-mail at the same company domain (mail providers left out);
 * - `website`: accounts: the same website domain (`www.` and the path ignored);
 * - `name`: accounts: similar company names (legal forms such as GmbH or Ltd. ignored).
 */
export const duplicateReasonCodes = ['email', 'phone', 'name_account', 'name_domain', 'website', 'name'] as const;
export type DuplicateReasonCode = (typeof duplicateReasonCodes)[number];

/** One agreeing fact: the code, the value both share (an e-mail, a number, a domain, the account's id) and how alike the names are (0-1). */
export const duplicateReasonSchema = z.object({
  code: z.enum(duplicateReasonCodes),
  value: z.string(),
  similarity: z.number().min(0).max(1).optional(),
});
export type DuplicateReason = z.infer<typeof duplicateReasonSchema>;

/** A record as the duplicate lists show it: enough to tell it apart, only what the reader may see. */
export const duplicateRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Contacts: the account's name (null when none or hidden); accounts: the website. */
  context: z.string().nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type DuplicateRecord = z.infer<typeof duplicateRecordSchema>;

/** A likely duplicate of a draft: score 0-100 and every reason. */
export const duplicateCandidateSchema = duplicateRecordSchema.extend({
  score: z.number().int().min(0).max(100),
  reasons: z.array(duplicateReasonSchema),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

/**
 * What the check on entry reads: the parts of a create or edit form that identify a record. Every part is optional
 * (a half-typed form is checked too); `excludeId` is the record being edited (never its own duplicate).
 */
export const duplicateCheckSchema = z
  .object({
    excludeId: idSchema.optional(),
    firstName: z.string().max(40).optional(),
    lastName: z.string().max(80).optional(),
    name: z.string().max(100).optional(),
    accountId: idSchema.nullable().optional(),
    emails: z.array(z.string().trim().max(254)).max(50).optional(),
    phones: z.array(z.string().trim().max(50)).max(50).optional(),
    websites: z.array(z.string().trim().max(2000)).max(50).optional(),
  })
  .strict();
export type DuplicateCheck = z.input<typeof duplicateCheckSchema>;
export const duplicateCheckResponseSchema = z.object({ data: z.array(duplicateCandidateSchema) });
export type DuplicateCheckResponse = z.infer<typeof duplicateCheckResponseSchema>;

/** Loose values the check accepts but does not match on (a half-typed e-mail): the valid ones are used. */
export const checkableEmail = (v: string) => emailValue.safeParse(v).success;
export const checkablePhone = (v: string) => phoneValue.safeParse(v).success;
export const checkableWebsite = (v: string) => urlValue.safeParse(v).success;

/** Two records of a cluster that look alike, with why. */
export const duplicatePairSchema = z.object({
  ids: z.tuple([z.string(), z.string()]),
  score: z.number().int().min(0).max(100),
  reasons: z.array(duplicateReasonSchema),
});
export type DuplicatePair = z.infer<typeof duplicatePairSchema>;

/** A group of likely duplicates: the records the reader may see (at least two) and the pairs among them. */
export const duplicateClusterSchema = z.object({
  id: z.string(),
  score: z.number().int().min(0).max(100),
  records: z.array(duplicateRecordSchema),
  pairs: z.array(duplicatePairSchema),
});
export type DuplicateCluster = z.infer<typeof duplicateClusterSchema>;

export const duplicateSorts = ['-score', 'score'] as const;
export const duplicateListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
    sort: z.enum(duplicateSorts).default('-score'),
    ownerId: idSchema.optional(),
    tagId: idSchema.optional(),
    accountId: idSchema.optional(),
  })
  .strict();
export type DuplicateListQuery = z.input<typeof duplicateListQuerySchema>;
export const duplicateListResponseSchema = z.object({ data: z.array(duplicateClusterSchema), nextCursor: z.string().nullable() });
export type DuplicateListResponse = z.infer<typeof duplicateListResponseSchema>;

/** "Not a duplicate": every pair among these records is never suggested again. */
export const duplicateDismissSchema = z
  .object({ ids: z.array(idSchema).min(2, fieldCode('merge_count')).max(5, fieldCode('merge_count')) })
  .strict()
  .refine((b) => new Set(b.ids).size === b.ids.length, { message: fieldCode('merge_distinct'), path: ['ids'] });
export type DuplicateDismiss = z.input<typeof duplicateDismissSchema>;

/**
 * A merge: the survivor keeps its id; `mergedIds` (1-4) become tombstones. `fields` names, per field (API name; custom
 * fields as `customFields.<key>`), the record whose value survives; a field not named takes the most recently updated
 * non-empty value. Contact points and tags are unioned. `versions` (optional) are the versions the user saw: a record
 * changed since answers 409 and nothing is merged.
 */
export const mergeSchema = z
  .object({
    survivorId: idSchema,
    mergedIds: z.array(idSchema).min(1, fieldCode('merge_count')).max(4, fieldCode('merge_count')),
    fields: z.record(z.string().max(80), idSchema).default({}),
    versions: z.record(idSchema, versionSchema).optional(),
  })
  .strict()
  .refine((b) => new Set([b.survivorId, ...b.mergedIds]).size === b.mergedIds.length + 1, { message: fieldCode('merge_distinct'), path: ['mergedIds'] });
export type MergeInput = z.input<typeof mergeSchema>;

export const mergeResponseSchema = z.object({
  mergeId: z.string(),
  /** The survivor as GET /{module}/{id} answers it. */
  record: z.record(z.string(), z.unknown()),
});

/** A merge as its undo sees it (GET /merges/{id}). */
export const mergeInfoSchema = z.object({
  id: z.string(),
  module: z.enum(duplicateModules),
  survivorId: z.string(),
  mergedIds: z.array(z.string()),
  mergedNames: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Until when it can be undone (30 days). */
  undoableUntil: z.string(),
  undoneAt: z.string().nullable(),
});
export type MergeInfo = z.infer<typeof mergeInfoSchema>;

/** Why an undo cannot restore what was there: a later change, named (`details.blockers` of the 422). */
export const mergeUndoBlockerSchema = z.object({
  code: z.enum(['survivor_changed', 'record_changed', 'related_moved', 'related_gone', 'record_gone', 'expired', 'undone']),
  module: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  /** Who made the change and when, where it is known. */
  by: z.string().nullable(),
  at: z.string().nullable(),
});
export type MergeUndoBlocker = z.infer<typeof mergeUndoBlockerSchema>;

/** Merges can be undone for this long. */
export const MERGE_UNDO_DAYS = 30;
/** The lowest score a pair needs to be suggested (the check on entry and the clusters). */
export const DUPLICATE_MIN_SCORE = 50;
