import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { ActivityDueWindow, activityListQuerySchema } from '@kontor/contract/activities';
import type { DB } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { afterKeyset, keysetPage, orderTerms, sortValueSelections } from '../records/multi-keyset.ts';
import { resolveListView } from '../views/list-view.ts';
import { activitySubjectMatch } from '../views/text-filter.ts';
import { joinableRecord, visibleRecords } from '../records/visible-records.ts';
import { hasTag, tagNamesColumn } from '../tags/record-tags.ts';
import { isUnfiltered, listTotal } from '../records/record-count.repository.ts';
import type { Clock } from './activities.schedule.ts';

export type ActivityRow = Selectable<DB['activities']>;
export type NewActivityRow = Insertable<DB['activities']>;
/** The list query after parsing, plus `mine` (owned by or taken part in by the caller: "My activities"). */
export type ActivityListQuery = z.output<typeof activityListQuerySchema> & { mine?: boolean };

export async function insertActivityRow(trx: Transaction<DB>, row: NewActivityRow): Promise<number> {
  return (await trx.insertInto('activities').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A live activity the actor can see; undefined answers as 404 upstream. */
export const findActivityRow = (db: Kysely<DB>, actor: Actor, id: number) => visibleRecords(db, actor, 'activities').selectAll().where('id', '=', id).executeTakeFirst();

/** A contact or deal the actor can see, with its account (the account an activity linked to it goes to). */
export async function visibleLinkAccount(db: Kysely<DB>, actor: Actor, module: 'contacts' | 'deals', id: number): Promise<{ account_id: number | null } | undefined> {
  return visibleRecords(db, actor, module).select(`${module}.account_id as account_id`).where(`${module}.id`, '=', id).executeTakeFirst();
}

/** Which of these users exist, and whether each is active. */
export async function userStates(db: Kysely<DB>, ids: number[]): Promise<Map<number, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'active']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.active === 1]));
}

export async function participantIdsOf(db: Kysely<DB>, activityId: number): Promise<number[]> {
  const rows = await db.selectFrom('activity_participants').select('user_id').where('activity_id', '=', activityId).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

export async function setParticipants(trx: Transaction<DB>, activityId: number, userIds: number[]): Promise<void> {
  await trx.deleteFrom('activity_participants').where('activity_id', '=', activityId).execute();
  if (userIds.length) await trx.insertInto('activity_participants').values(userIds.map((user_id) => ({ activity_id: activityId, user_id }))).execute();
}

/** The participants of a page of activities, by activity, ordered by name: one query. */
export async function participantsOf(db: Kysely<DB>, activityIds: number[]): Promise<Map<number, Array<{ id: number; name: string; email: string }>>> {
  const out = new Map<number, Array<{ id: number; name: string; email: string }>>();
  if (activityIds.length === 0) return out;
  const rows = await db
    .selectFrom('activity_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.activity_id', 'u.id', 'u.name', 'u.email'])
    .where('p.activity_id', 'in', activityIds)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  for (const r of rows) out.set(r.activity_id, [...(out.get(r.activity_id) ?? []), { id: r.id, name: r.name, email: r.email }]);
  return out;
}

/** Owner and creator e-mails for the calendar file. */
export async function userContact(db: Kysely<DB>, id: number | null): Promise<{ name: string; email: string } | undefined> {
  if (id == null) return undefined;
  return db.selectFrom('users').select(['name', 'email']).where('id', '=', id).executeTakeFirst();
}

/** The columns a list row shows (presentActivityListItem): lists select exactly these, not the whole row. */
const activityListColumns = [
  'id',
  'type',
  'subject',
  'due_at',
  'start_at',
  'end_at',
  'duration_minutes',
  'all_day',
  'location',
  'outcome',
  'description',
  'done',
  'done_at',
  'scheduled_at',
  'account_id',
  'contact_id',
  'deal_id',
  'lead_id',
  'owner_id',
  'custom_fields',
  'restricted',
  'version',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ActivityRow>;

/** What a list row shows: the listed columns and the names of `ActivityDisplay`. */
export type ActivityListItemRow = Pick<ActivityRow, (typeof activityListColumns)[number]> & ActivityDisplay;
/** An activity row with the names its page shows. */
export type ActivityListRow = ActivityRow & ActivityDisplay;
/** The names a list or page shows: owner, the linked records the reader may see, tags. */
type ActivityDisplay = {
  owner_name: string | null;
  account_name: string | null;
  contact_first: string | null;
  contact_last: string | null;
  deal_name: string | null;
  lead_first: string | null;
  lead_last: string | null;
  /** Null when the linked record is hidden from the reader (or missing). */
  contact_seen: number | null;
  lead_seen: number | null;
  tag_names: string | null;
};

const col = (c: string) => sql.ref(`activities.${c}`);

/** The activities of a due window (days as they fall in the clock's time zone). */
function dueCondition(window: ActivityDueWindow, clock: Clock): RawBuilder<boolean> {
  const at = col('scheduled_at');
  const allDay = col('all_day');
  const todayZ = `${clock.today}T00:00:00.000Z`;
  const past = sql<boolean>`${col('done')} = 0 and ((${allDay} = 0 and ${at} < ${clock.now}) or (${allDay} = 1 and ${at} < ${todayZ}))`;
  switch (window) {
    case 'overdue':
      return sql<boolean>`(${past})`;
    case 'today':
      return sql<boolean>`(((${allDay} = 0 and ${at} >= ${clock.startOfToday} and ${at} < ${clock.startOfTomorrow}) or (${allDay} = 1 and ${at} = ${todayZ})) and not (${past}))`;
    case 'upcoming':
      return sql<boolean>`((${allDay} = 0 and ${at} >= ${clock.startOfTomorrow}) or (${allDay} = 1 and ${at} > ${todayZ}))`;
    case 'all':
      return sql<boolean>`1 = 1`;
  }
}

const takesPart = (actor: Actor) => sql<boolean>`exists (select 1 from activity_participants ap where ap.activity_id = ${col('id')} and ap.user_id = ${actor.id})`;

function filtered(db: Kysely<DB>, actor: Actor, q: Partial<ActivityListQuery>, clock: Clock) {
  let qb = visibleRecords(db, actor, 'activities');
  if (q.q) qb = qb.where(activitySubjectMatch(q.q));
  if (q.ownerId) qb = qb.where('activities.owner_id', '=', q.ownerId === 'me' ? actor.id : fromApiId(q.ownerId));
  if (q.participant === 'me') qb = qb.where(takesPart(actor));
  if (q.mine) qb = qb.where(sql<boolean>`(${col('owner_id')} = ${actor.id} or ${takesPart(actor)})`);
  if (q.type) qb = qb.where('activities.type', '=', q.type);
  if (q.done !== undefined) qb = qb.where('activities.done', '=', q.done ? 1 : 0);
  if (q.accountId) qb = qb.where('activities.account_id', '=', fromApiId(q.accountId));
  if (q.contactId) qb = qb.where('activities.contact_id', '=', fromApiId(q.contactId));
  if (q.dealId) qb = qb.where('activities.deal_id', '=', fromApiId(q.dealId));
  if (q.leadId) qb = qb.where('activities.lead_id', '=', fromApiId(q.leadId));
  if (q.tag) qb = qb.where(hasTag('activities', q.tag));
  if (q.due) qb = qb.where(dueCondition(q.due, clock));
  return qb;
}

/** The whole activity with the names of `displayNames` (an activity's page). */
const withDisplay = (db: Kysely<DB>, actor: Actor, q: Partial<ActivityListQuery>, clock: Clock) => displayNames(db, actor, q, clock).selectAll('activities');

/** One joined query: the linked records' names come only from records the actor can see. */
function displayNames(db: Kysely<DB>, actor: Actor, q: Partial<ActivityListQuery>, clock: Clock) {
  return filtered(db, actor, q, clock)
    .leftJoin('users as owner', 'owner.id', 'activities.owner_id')
    .leftJoin('accounts as account', (j) => j.onRef('account.id', '=', 'activities.account_id').on(joinableRecord(actor, 'accounts', 'account')))
    .leftJoin('contacts as contact', (j) => j.onRef('contact.id', '=', 'activities.contact_id').on(joinableRecord(actor, 'contacts', 'contact')))
    .leftJoin('deals as deal', (j) => j.onRef('deal.id', '=', 'activities.deal_id').on(joinableRecord(actor, 'deals', 'deal')))
    .leftJoin('leads as lead', (j) => j.onRef('lead.id', '=', 'activities.lead_id').on(joinableRecord(actor, 'leads', 'lead')))
    .select([
      'owner.name as owner_name',
      'account.name as account_name',
      'contact.id as contact_seen',
      'contact.first_name as contact_first',
      'contact.last_name as contact_last',
      'deal.name as deal_name',
      'lead.id as lead_seen',
      'lead.first_name as lead_first',
      'lead.last_name as lead_last',
      tagNamesColumn(db, 'activities').as('tag_names'),
    ]);
}

export async function findActivityListRow(db: Kysely<DB>, actor: Actor, id: number, clock: Clock): Promise<ActivityListRow | undefined> {
  return (await withDisplay(db, actor, {}, clock).where('activities.id', '=', id).executeTakeFirst()) as ActivityListRow | undefined;
}

export async function listActivityRows(db: Kysely<DB>, actor: Actor, q: ActivityListQuery, clock: Clock) {
  const view = await resolveListView(db, actor, 'activities', q);
  let qb = displayNames(db, actor, q, clock)
    .select(activityListColumns.map((c) => `activities.${c}` as const))
    .select(sortValueSelections(view.keyset));
  if (view.where) qb = qb.where(view.where);
  if (q.cursor) qb = qb.where(afterKeyset(view.keyset, q.cursor));
  for (const t of orderTerms(view.keyset)) qb = qb.orderBy(t.expr, t.direction);
  const rows = await qb.limit(q.limit + 1).execute();
  const page = keysetPage(rows as ActivityListItemRow[], q.limit, view.keyset);
  const unfiltered = isUnfiltered({ ...q, due: q.due === 'all' ? undefined : q.due });
  return { ...page, total: q.count ? await listTotal(db, actor, 'activities', view.where ? filtered(db, actor, q, clock).where(view.where) : filtered(db, actor, q, clock), unfiltered) : undefined };
}

export async function countActivities(db: Kysely<DB>, actor: Actor, q: Partial<ActivityListQuery>, clock: Clock): Promise<number> {
  const r = await filtered(db, actor, q, clock).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}
