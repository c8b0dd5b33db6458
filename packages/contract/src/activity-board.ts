import { z } from 'zod';
import { idSchema, userRefSchema } from './common.ts';
import { moneySchema } from './deals.ts';
import { activityTypes, timeZoneSchema } from './activities.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Pipedrive's accounts Kanban by next activity: a column per bucket of the next open activity's date, in the reader's
 * time zone (weeks start on Monday). `none`: no open activity planned; `overdue`: before today; `today`; `thisWeek`:
 * from tomorrow to Sunday; `nextWeek`: Monday to Sunday after that; `later`: anything beyond.
 */
export const activityBoardColumnKeys = ['none', 'overdue', 'today', 'thisWeek', 'nextWeek', 'later'] as const;
export type ActivityBoardColumnKey = (typeof activityBoardColumnKeys)[number];

/** "Not contacted in N days": no completed activity in the last N days (or none ever). */
export const notContactedDaysSchema = z.coerce.number().int(fieldCode('whole_days')).min(1, fieldCode('min_day')).max(3650, fieldCode('max_days'));

export const activityBoardQuerySchema = z.object({
  /** The reader's time zone: where days and weeks begin. */
  tz: timeZoneSchema.default('UTC'),
  ownerId: idSchema.optional(),
  tag: z.string().trim().max(50).optional(),
  notContactedDays: notContactedDaysSchema.optional(),
  /** Cards per column (more through the column's cursor). */
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ActivityBoardQuery = z.input<typeof activityBoardQuerySchema>;

/** The next cards of one column: the board's filters, the column's key and its cursor. */
export const activityBoardColumnQuerySchema = activityBoardQuerySchema.extend({
  key: z.enum(activityBoardColumnKeys),
  cursor: z.string().max(500).optional(),
});

/** The next activity of a card; only its date when the reader may not see the activity itself. */
export const boardActivitySchema = z.discriminatedUnion('hidden', [
  z.object({ hidden: z.literal(false), id: z.string(), type: z.enum(activityTypes), subject: z.string(), at: z.string() }),
  z.object({ hidden: z.literal(true), at: z.string() }),
]);
export type BoardActivity = z.infer<typeof boardActivitySchema>;

export const activityBoardCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: userRefSchema,
  /** Null in the `none` column. */
  nextActivity: boardActivitySchema.nullable(),
  /** When the account was last contacted (its latest completed activity), null when never. */
  lastActivityAt: z.string().nullable(),
  /** Won deals per currency, from the deals the reader may see. */
  wonValue: z.array(moneySchema),
});
export type ActivityBoardCard = z.infer<typeof activityBoardCardSchema>;

export const activityBoardColumnSchema = z.object({
  key: z.enum(activityBoardColumnKeys),
  /** Accounts in the column that the reader may see (all of them, not only the cards sent). */
  count: z.number().int(),
  cards: z.array(activityBoardCardSchema),
  nextCursor: z.string().nullable(),
});
export type ActivityBoardColumn = z.infer<typeof activityBoardColumnSchema>;

export const activityBoardSchema = z.object({ tz: z.string(), columns: z.array(activityBoardColumnSchema) });
export type ActivityBoard = z.infer<typeof activityBoardSchema>;

export const activityBoardColumnPageSchema = z.object({
  key: z.enum(activityBoardColumnKeys),
  cards: z.array(activityBoardCardSchema),
  nextCursor: z.string().nullable(),
});
export type ActivityBoardColumnPage = z.infer<typeof activityBoardColumnPageSchema>;
