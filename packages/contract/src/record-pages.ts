import { z } from 'zod';
import { accountListItemSchema, accountSchema } from './accounts.ts';
import { activityListItemSchema, timeZoneSchema } from './activities.ts';
import { attachmentSchema } from './attachments.ts';
import { listResponseSchema } from './common.ts';
import { contactListItemSchema, contactSchema } from './contacts.ts';
import { dealListItemSchema, dealSchema } from './deals.ts';
import { noteSchema } from './notes.ts';
import { timelinePageSchema } from './timeline.ts';

/**
 * A record's page in one request (`GET /{accounts|contacts|deals}/{id}/page`): the record as `GET /{module}/{id}`
 * answers it and the first page of every related list the page shows, each exactly as its own endpoint answers it
 * with the parameters below, so the web app seeds each list's cache with it and pages on through that endpoint.
 * A list the reader's profile may not view (its own endpoint would answer 403) is null.
 */
export const recordPageQuerySchema = z.object({ tz: timeZoneSchema.default('UTC') });

/** The parameters of each first page, as the page's sections send them to the list endpoints. */
export const recordPageLists = {
  /** `GET /accounts/{id}/contacts` */
  contacts: { sort: 'lastName', limit: 50 },
  /** `GET /accounts/{id}/members` */
  members: { sort: 'name', limit: 50 },
  /** `GET /{accounts|contacts}/{id}/deals`, once per status */
  deals: { sort: 'name', limit: 50 },
  /** `GET /{module}/{id}/activities` with `done=false` and `done=true` and the page's `tz` */
  activities: { limit: 50 },
  /** `GET /{module}/{id}/notes` and `/attachments` */
  items: { limit: 50 },
  /** `GET /{module}/{id}/timeline`: no filter, the default window */
  timeline: { limit: 30 },
} as const;

const listOf = <T extends z.ZodType>(item: T) => listResponseSchema(item);

/** The deals section: open, won and lost deals, each its own list. */
export const dealSectionsSchema = z.object({ open: listOf(dealListItemSchema), won: listOf(dealListItemSchema), lost: listOf(dealListItemSchema) });
/** The activities section: open ones (soonest first) and closed ones (latest first). */
export const activitySectionsSchema = z.object({ open: listOf(activityListItemSchema), closed: listOf(activityListItemSchema) });

/** What every record page ends with. */
const commonSections = {
  activities: activitySectionsSchema.nullable(),
  notes: listOf(noteSchema),
  attachments: listOf(attachmentSchema),
  timeline: timelinePageSchema,
};

export const accountPageSchema = z.object({
  record: accountSchema,
  contacts: listOf(contactListItemSchema).nullable(),
  members: listOf(accountListItemSchema),
  deals: dealSectionsSchema.nullable(),
  ...commonSections,
});
export type AccountPage = z.infer<typeof accountPageSchema>;

export const contactPageSchema = z.object({ record: contactSchema, deals: dealSectionsSchema.nullable(), ...commonSections });
export type ContactPage = z.infer<typeof contactPageSchema>;

export const dealPageSchema = z.object({ record: dealSchema, ...commonSections });
export type DealPage = z.infer<typeof dealPageSchema>;

export type DealSections = z.infer<typeof dealSectionsSchema>;
export type ActivitySections = z.infer<typeof activitySectionsSchema>;
