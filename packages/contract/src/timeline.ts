import { z } from 'zod';
import { userRefSchema } from './common.ts';
import { modules } from './custom-fields.ts';

/**
 * What happens to a record, as its timeline shows it. Each event names the record it is about (`module`, `recordId`,
 * whose visibility governs it) and, for notes, files and activities, the item (`itemType`, `itemId`).
 */
export const timelineKinds = [
  'created',
  'updated',
  'deleted',
  'restored',
  'linked',
  'unlinked',
  'owner_changed',
  'shared',
  'unshared',
  'restricted',
  'converted',
  'note_added',
  'note_edited',
  'note_deleted',
  'file_added',
  'file_deleted',
  'activity_completed',
  'activity_reopened',
  /** Issue #16: records merged into this one (`details`: mergeId, mergedIds, mergedNames); undone by `merge_undone`. */
  'merged',
  'merge_undone',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** The filter chips of a timeline: what kind of thing happened. */
export const timelineFilters = ['changes', 'activities', 'notes', 'files', 'contacts', 'deals'] as const;
export type TimelineFilter = (typeof timelineFilters)[number];

export const timelineItemTypes = ['note', 'attachment'] as const;

/** One field's change: API field name (custom fields as `customFields.<key>`), value before and after. */
export const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const timelineEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: userRefSchema,
  kind: z.enum(timelineKinds),
  module: z.enum(modules),
  recordId: z.string(),
  /** The record's name as the reader may see it now (a deleted record keeps its name). */
  recordName: z.string(),
  itemType: z.enum(timelineItemTypes).nullable(),
  itemId: z.string().nullable(),
  /** `changes` for updates; `target` ({ module, id }) for links; `excerpt`/`name` for notes and files; and so on. */
  details: z.record(z.string(), z.unknown()),
  /** Display names of the ids the details mention, keyed `users:12`, `accounts:7`, `stages:3`, ... (hidden ones left out). */
  names: z.record(z.string(), z.string()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const timelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** Only events on or after this instant; default six months back. `all` reads the whole history. */
  since: z.union([z.literal('all'), z.iso.datetime({ offset: true })]).optional(),
  filter: csv(timelineFilters).optional(),
});
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

export const timelinePageSchema = z.object({
  data: z.array(timelineEventSchema),
  nextCursor: z.string().nullable(),
  /** The window's start; older events are read with `since=all` (or an earlier instant). */
  since: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;
