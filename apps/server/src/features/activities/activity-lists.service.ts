import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { MY_ACTIVITIES_LIMIT, type ActivityListItem, type MyActivities, type myActivitiesQuerySchema, type relatedActivitiesQuerySchema } from '@kontor/contract/activities';
import type { ListResponse } from '@kontor/contract/common';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import type { VisibleParent } from '../records/visible-parent.ts';
import { presentActivityListItem } from './activities.presenter.ts';
import { countActivities, listActivityRows, participantsOf, type ActivityListQuery } from './activities.repository.ts';
import { clockFor, type Clock } from './activities.schedule.ts';

async function page(db: Kysely<DB>, actor: Actor, q: ActivityListQuery, clock: Clock): Promise<ListResponse<ActivityListItem>> {
  const { rows, nextCursor, total } = await listActivityRows(db, actor, q, clock);
  const participants = await participantsOf(db, rows.map((r) => r.id));
  return { data: rows.map((r) => presentActivityListItem(r, participants.get(r.id) ?? [], clock)), nextCursor, ...total };
}

export async function listActivities(db: Kysely<DB>, actor: Actor, q: ActivityListQuery): Promise<ListResponse<ActivityListItem>> {
  assertCan(actor, 'view', 'activities');
  return page(db, actor, q, clockFor(q.tz));
}

/**
 * "My activities": the open activities the actor owns or takes part in, overdue / today / upcoming, each counted.
 * `at` is now (tests fix it).
 */
export async function myActivities(db: Kysely<DB>, actor: Actor, q: z.output<typeof myActivitiesQuerySchema>, at = new Date()): Promise<MyActivities> {
  assertCan(actor, 'view', 'activities');
  const clock = clockFor(q.tz, at);
  const bucket = async (due: 'overdue' | 'today' | 'upcoming') => {
    const filter = { mine: true, done: false, due, type: q.type, tz: q.tz };
    const [count, list] = await Promise.all([
      countActivities(db, actor, filter, clock),
      page(db, actor, { ...filter, sort: 'scheduledAt', limit: MY_ACTIVITIES_LIMIT, count: false }, clock),
    ]);
    return { count, data: list.data };
  };
  const [overdue, today, upcoming] = await Promise.all([bucket('overdue'), bucket('today'), bucket('upcoming')]);
  return { overdue, today, upcoming };
}

export const relatedModules = { accounts: 'accountId', contacts: 'contactId', deals: 'dealId', leads: 'leadId' } as const;
export type RelatedModule = keyof typeof relatedModules;

/** A record's activities (its visibility checked by the caller): open ones soonest first, closed ones latest first. */
export async function relatedActivities(
  db: Kysely<DB>,
  actor: Actor,
  parent: VisibleParent<RelatedModule>,
  q: z.output<typeof relatedActivitiesQuerySchema>,
): Promise<ListResponse<ActivityListItem>> {
  assertCan(actor, 'view', 'activities');
  return page(db, actor, { ...q, [relatedModules[parent.module]]: toApiId(parent.id), sort: q.done ? '-scheduledAt' : 'scheduledAt' }, clockFor(q.tz));
}
