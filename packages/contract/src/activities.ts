import { z } from 'zod';
import { listQuerySchema, sortListParam } from './views.ts';
import { idSchema, nameText, optionalText, pageQuerySchema, stampsSchema, userRefSchema, versionSchema } from './common.ts';
import { customFieldValues } from './custom-fields.ts';
import { recordAccessSchema } from './permissions.ts';
import { recordTagsInput } from './tags.ts';
import { fieldCode } from './field-errors.ts';

/** Tasks have a due time; calls and meetings a start (and an end or a duration). */
export const activityTypes = ['task', 'call', 'meeting'] as const;
export type ActivityType = (typeof activityTypes)[number];

export const MAX_PARTICIPANTS = 50;
/** A year: longer is not an activity. */
export const MAX_DURATION_MINUTES = 525_600;

/**
 * A moment of an activity: an ISO-8601 date-time with an offset ("2026-05-04T09:30:00+02:00", stored as UTC), or a
 * calendar date ("2026-05-04", for all-day activities: midnight UTC of that date). Years 1900-2999.
 */
export const activityMoment = z
  .union([z.iso.datetime({ offset: true, error: fieldCode('datetime') }), z.iso.date({ error: fieldCode('datetime') })])
  .transform((v) => (v.length === 10 ? `${v}T00:00:00.000Z` : new Date(v).toISOString()))
  .refine((v) => /^(19|2\d)\d\d-/.test(v), fieldCode('year_range'));

/** Zones found valid (a few hundred at most): checking one builds an Intl formatter, which costs ~70 us. */
const knownTimeZones = new Set<string>(['UTC']);

/** An IANA time zone ("Europe/Berlin"), deciding where a day begins for overdue / today / upcoming. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    if (knownTimeZones.has(tz)) return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      knownTimeZones.add(tz);
      return true;
    } catch {
      return false;
    }
  }, fieldCode('time_zone'));

export const activityFields = z.object({
  type: z.enum(activityTypes),
  subject: nameText(200),
  dueAt: activityMoment.nullable().optional(),
  startAt: activityMoment.nullable().optional(),
  endAt: activityMoment.nullable().optional(),
  durationMinutes: z.number().int(fieldCode('whole_minutes')).min(0, fieldCode('negative')).max(MAX_DURATION_MINUTES, fieldCode('max_year')).nullable().optional(),
  allDay: z.boolean().optional(),
  location: optionalText(300),
  outcome: optionalText(2000),
  description: optionalText(32000),
  done: z.boolean().optional(),
  accountId: idSchema.nullable().optional(),
  contactId: idSchema.nullable().optional(),
  dealId: idSchema.nullable().optional(),
  leadId: idSchema.nullable().optional(),
  ownerId: idSchema.optional(),
  participantIds: z.array(idSchema).max(MAX_PARTICIPANTS, fieldCode('max_users')).optional(),
  tags: recordTagsInput.optional(),
  customFields: customFieldValues.optional(),
  restrictedTo: z.array(idSchema).max(200, fieldCode('max_users')).nullable().optional(),
});

/**
 * A new activity: a task needs `dueAt`, a call or meeting `startAt` (with `endAt` or `durationMinutes`, or neither).
 * Given a contact or deal and no account, the activity goes to that record's account (when the caller sees it).
 */
export const activityCreateSchema = activityFields.strict();
export type ActivityCreate = z.input<typeof activityCreateSchema>;
/** Completing is `{ done: true, version }` (with an `outcome` if there is one); reopening `{ done: false, version }`. */
export const activityUpdateSchema = activityFields.partial().extend({ version: versionSchema }).strict();
export type ActivityUpdate = z.input<typeof activityUpdateSchema>;

const recordRef = z.object({ id: z.string(), name: z.string() });
export type RecordRef = z.infer<typeof recordRef>;

export const activitySchema = z
  .object({
    id: z.string(),
    type: z.enum(activityTypes),
    subject: z.string(),
    dueAt: z.string().nullable(),
    startAt: z.string().nullable(),
    endAt: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    allDay: z.boolean(),
    location: z.string().nullable(),
    outcome: z.string().nullable(),
    description: z.string().nullable(),
    done: z.boolean(),
    doneAt: z.string().nullable(),
    /** When it happens: a task's due time, a call's or meeting's start (the order of every activity list). */
    scheduledAt: z.string(),
    /** Open and past its time (an all-day activity: past its day, in the time zone asked for). */
    overdue: z.boolean(),
    accountId: z.string().nullable(),
    contactId: z.string().nullable(),
    dealId: z.string().nullable(),
    leadId: z.string().nullable(),
    /** The linked records with their names, only those the reader may see (null otherwise). */
    account: recordRef.nullable(),
    contact: recordRef.nullable(),
    deal: recordRef.nullable(),
    lead: recordRef.nullable(),
    owner: userRefSchema,
    ownerId: z.string().nullable(),
    participants: z.array(recordRef),
    tags: z.array(z.string()),
    customFields: customFieldValues,
    restrictedTo: z.array(z.string()).nullable(),
    access: recordAccessSchema,
  })
  .extend(stampsSchema.shape);
export type Activity = z.infer<typeof activitySchema>;

/** A row of an activity list: what a list shows, without per-record access (the record itself answers that). */
export const activityListItemSchema = activitySchema.omit({ restrictedTo: true, access: true, createdBy: true, updatedBy: true }).extend({ restricted: z.boolean() });
export type ActivityListItem = z.infer<typeof activityListItemSchema>;

export const activityDueWindows = ['overdue', 'today', 'upcoming', 'all'] as const;
export type ActivityDueWindow = (typeof activityDueWindows)[number];

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const meOrId = z.union([z.literal('me'), idSchema]);

export const activitySorts = ['scheduledAt', 'subject', 'doneAt', 'createdAt', 'updatedAt'] as const;
export const activityListQuerySchema = listQuerySchema({
  ...pageQuerySchema.shape,
  sort: sortListParam([...activitySorts, 'viewedAt']).optional(),
  q: z.string().trim().max(100).optional(),
  ownerId: meOrId.optional(),
  /** `me`: activities the caller takes part in (not only owns). */
  participant: z.literal('me').optional(),
  type: z.enum(activityTypes).optional(),
  done: flag.optional(),
  accountId: idSchema.optional(),
  contactId: idSchema.optional(),
  dealId: idSchema.optional(),
  leadId: idSchema.optional(),
  tag: z.string().trim().max(50).optional(),
  /** Overdue (open, past), today (the rest of today), upcoming (from tomorrow), all; days as they fall in `tz`. */
  due: z.enum(activityDueWindows).optional(),
  tz: timeZoneSchema.default('UTC'),
});
export type ActivityListQuery = z.input<typeof activityListQuerySchema>;

/** A record's activities: open ones soonest first, or closed ones latest first. */
export const relatedActivitiesQuerySchema = pageQuerySchema.extend({ done: flag.default(false), tz: timeZoneSchema.default('UTC') });

export const myActivitiesQuerySchema = z.object({ tz: timeZoneSchema.default('UTC'), type: z.enum(activityTypes).optional() });
export const MY_ACTIVITIES_LIMIT = 50;
const bucket = z.object({ count: z.number().int(), data: z.array(activityListItemSchema) });
/** "My activities": open activities the caller owns or takes part in, by when they fall (first 50 of each, by date). */
export const myActivitiesSchema = z.object({ overdue: bucket, today: bucket, upcoming: bucket });
export type MyActivities = z.infer<typeof myActivitiesSchema>;
