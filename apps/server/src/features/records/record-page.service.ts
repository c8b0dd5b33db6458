import type { Kysely } from 'kysely';
import { accountListQuerySchema, type AccountListItem } from '@kontor/contract/accounts';
import { relatedActivitiesQuerySchema } from '@kontor/contract/activities';
import type { ListResponse } from '@kontor/contract/common';
import { contactListQuerySchema, type ContactListItem } from '@kontor/contract/contacts';
import { dealListQuerySchema, type DealListItem, type DealStatus } from '@kontor/contract/deals';
import { itemPageQuerySchema } from '@kontor/contract/notes';
import { recordPageLists, type AccountPage, type ActivitySections, type ContactPage, type DealPage, type DealSections } from '@kontor/contract/record-pages';
import { timelineQuerySchema } from '@kontor/contract/timeline';
import type { DB } from '../../db/schema.ts';
import { getAccount } from '../accounts/accounts.service.ts';
import { relatedActivities } from '../activities/activity-lists.service.ts';
import { listAttachments } from '../attachments/attachments.service.ts';
import { getContact } from '../contacts/contacts.service.ts';
import { getDeal } from '../deals/deals.service.ts';
import { listNotes } from '../notes/notes.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { listTimeline } from '../timeline/timeline.service.ts';
import { accountContacts, accountMembers, relatedDeals } from './related-lists.ts';
import { assertVisibleParent, type VisibleParent } from './visible-parent.ts';

/**
 * The first page of each list as its endpoint parses the parameters the page's sections send (defaults included),
 * parsed once: the page answers each list exactly as that endpoint would.
 */
const firstPages = {
  contacts: contactListQuerySchema.omit({ accountId: true }).parse(recordPageLists.contacts),
  members: accountListQuerySchema.omit({ parentAccountId: true }).parse(recordPageLists.members),
  deals: (status: DealStatus) => dealListQuerySchema.omit({ accountId: true, contactId: true }).parse({ ...recordPageLists.deals, status }),
  openActivities: relatedActivitiesQuerySchema.parse({ ...recordPageLists.activities, done: 'false' }),
  closedActivities: relatedActivitiesQuerySchema.parse({ ...recordPageLists.activities, done: 'true' }),
  items: itemPageQuerySchema.parse(recordPageLists.items),
  timeline: timelineQuerySchema.parse(recordPageLists.timeline),
};
const dealPages = { open: firstPages.deals('open'), won: firstPages.deals('won'), lost: firstPages.deals('lost') };

/** A first page known to be empty: what the list endpoint answers when nothing matches. */
const emptyPage = <T>(): ListResponse<T> => ({ data: [], nextCursor: null });

/** The deals section; `none` names statuses the record's own answer already shows to have no deal the reader may see. */
async function dealSections(db: Kysely<DB>, actor: Actor, parent: VisibleParent<'accounts' | 'contacts'>, none: { open?: boolean; won?: boolean } = {}): Promise<DealSections | null> {
  if (!can(actor, 'view', 'deals')) return null;
  const [open, won, lost] = await Promise.all([
    none.open ? emptyPage<DealListItem>() : relatedDeals(db, actor, parent, dealPages.open),
    none.won ? emptyPage<DealListItem>() : relatedDeals(db, actor, parent, dealPages.won),
    relatedDeals(db, actor, parent, dealPages.lost),
  ]);
  return { open, won, lost };
}

async function activitySections(db: Kysely<DB>, actor: Actor, parent: VisibleParent<'accounts' | 'contacts' | 'deals'>, tz: string): Promise<ActivitySections | null> {
  if (!can(actor, 'view', 'activities')) return null;
  const [open, closed] = await Promise.all([
    relatedActivities(db, actor, parent, { ...firstPages.openActivities, tz }),
    relatedActivities(db, actor, parent, { ...firstPages.closedActivities, tz }),
  ]);
  return { open, closed };
}

/** Activities, notes, files and the timeline: the sections every record page ends with. */
async function commonSections(db: Kysely<DB>, actor: Actor, parent: VisibleParent<'accounts' | 'contacts' | 'deals'>, tz: string) {
  const [activities, notes, attachments, timeline] = await Promise.all([
    activitySections(db, actor, parent, tz),
    listNotes(db, actor, parent, firstPages.items),
    listAttachments(db, actor, parent, firstPages.items),
    listTimeline(db, actor, parent, firstPages.timeline),
  ]);
  return { activities, notes, attachments, timeline };
}

/**
 * An account's page: the account and its contacts, member accounts, deals, activities, notes, files and timeline.
 * The account's visibility is checked once (404 for a hidden or missing one, before anything else is read); each list
 * then applies the reader's visibility to its own rows, so a hidden contact of a visible account never appears. The
 * account answers how many contacts, members and open deals the reader may see and whether a won one is among them:
 * a list those say is empty is not read (most accounts have no members, many no won deal).
 */
export async function accountPage(db: Kysely<DB>, actor: Actor, id: number, tz: string): Promise<AccountPage> {
  const parent = await assertVisibleParent(db, actor, 'accounts', id);
  const record = await getAccount(db, actor, id);
  const [contacts, members, deals, common] = await Promise.all([
    !can(actor, 'view', 'contacts') ? null : record.contactCount === 0 ? emptyPage<ContactListItem>() : accountContacts(db, actor, parent, firstPages.contacts),
    record.memberCount === 0 ? emptyPage<AccountListItem>() : accountMembers(db, actor, parent, firstPages.members),
    dealSections(db, actor, parent, { open: record.deals.openDealCount === 0, won: !record.deals.isCustomer }),
    commonSections(db, actor, parent, tz),
  ]);
  return { record, contacts, members, deals, ...common };
}

/** A contact's page: the contact and its deals, activities, notes, files and timeline. */
export async function contactPage(db: Kysely<DB>, actor: Actor, id: number, tz: string): Promise<ContactPage> {
  const parent = await assertVisibleParent(db, actor, 'contacts', id);
  const [record, deals, common] = await Promise.all([getContact(db, actor, id), dealSections(db, actor, parent), commonSections(db, actor, parent, tz)]);
  return { record, deals, ...common };
}

/** A deal's page: the deal and its activities, notes, files and timeline. */
export async function dealPage(db: Kysely<DB>, actor: Actor, id: number, tz: string): Promise<DealPage> {
  const parent = await assertVisibleParent(db, actor, 'deals', id);
  const [record, common] = await Promise.all([getDeal(db, actor, id), commonSections(db, actor, parent, tz)]);
  return { record, ...common };
}
