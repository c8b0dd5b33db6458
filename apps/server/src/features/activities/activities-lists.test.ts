import { describe, expect, it } from 'vitest';
import { myActivitiesQuerySchema, type Activity, type ActivityListItem, type MyActivities } from '@kontor/contract/activities';
import type { ListResponse } from '@kontor/contract/common';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeContact, makeDeal } from '../../test/factories.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findUserRow } from '../users/users.repository.ts';
import { myActivities } from './activity-lists.service.ts';

const { h, admin } = useHarness();

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const page = async (c: TestClient, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListResponse<ActivityListItem>>();
};
const subjects = (p: ListResponse<ActivityListItem>) => p.data.map((a) => a.subject);

/** "My activities" as the service answers them for a user at a fixed instant. */
async function mineAt(c: TestClient, tz: string, now: string): Promise<MyActivities> {
  const db = h.database.db;
  const user = await findUserRow(db, Number(c.userId));
  if (!user) throw new Error('no such user');
  return myActivities(db, await loadActor(db, user, 'token', null), myActivitiesQuerySchema.parse({ tz }), new Date(now));
}
const bucketSubjects = (m: MyActivities) => ({ overdue: m.overdue.data.map((a) => a.subject), today: m.today.data.map((a) => a.subject), upcoming: m.upcoming.data.map((a) => a.subject) });

describe('activity list', () => {
  it('filters by owner, participant, type, done, link, due window and text, and pages by date', async () => {
    const me = await h.client('sales');
    const other = await h.client('sales');
    const acme = await makeAccount(me);
    await makeActivity(me, { subject: 'lf overdue call', type: 'call', startAt: inDays(-2), accountId: acme.id });
    await makeActivity(me, { subject: 'lf next task', dueAt: inDays(2) });
    await makeActivity(me, { subject: 'lf later meeting', type: 'meeting', startAt: inDays(9), participantIds: [other.userId] });
    await makeActivity(me, { subject: 'lf done task', dueAt: inDays(-5), done: true });
    await makeActivity(other, { subject: 'lf foreign task', dueAt: inDays(3) });
    expect(subjects(await page(me, '/api/v1/activities?q=lf&ownerId=me'))).toEqual(['lf done task', 'lf overdue call', 'lf next task', 'lf later meeting']);
    expect(subjects(await page(other, '/api/v1/activities?q=lf&participant=me'))).toEqual(['lf later meeting']);
    expect(subjects(await page(me, `/api/v1/activities?q=lf&ownerId=${other.userId}`))).toEqual(['lf foreign task']);
    expect(subjects(await page(me, '/api/v1/activities?q=lf&type=call'))).toEqual(['lf overdue call']);
    expect(subjects(await page(me, '/api/v1/activities?q=lf&done=true'))).toEqual(['lf done task']);
    expect(subjects(await page(me, `/api/v1/activities?accountId=${acme.id}`))).toEqual(['lf overdue call']);
    expect(subjects(await page(me, '/api/v1/activities?q=lf&due=overdue&tz=Europe/Berlin'))).toEqual(['lf overdue call']);
    expect(subjects(await page(me, '/api/v1/activities?q=lf&due=upcoming&ownerId=me'))).toEqual(['lf next task', 'lf later meeting']);
    expect(subjects(await page(me, '/api/v1/activities?q=lf&sort=-scheduledAt&ownerId=me'))).toEqual(['lf later meeting', 'lf next task', 'lf overdue call', 'lf done task']);
    expect(subjects(await page(me, '/api/v1/activities?q=LF NEXT'))).toEqual(['lf next task']);
    // Keyset paging: two pages of two, nothing twice.
    const first = await page(me, '/api/v1/activities?q=lf&ownerId=me&limit=2&count=true');
    expect(first.total).toBe(4);
    const second = await page(me, `/api/v1/activities?q=lf&ownerId=me&limit=2&cursor=${first.nextCursor}`);
    expect([...subjects(first), ...subjects(second)]).toEqual(['lf done task', 'lf overdue call', 'lf next task', 'lf later meeting']);
    expect(second.nextCursor).toBeNull();
    for (const bad of ['tz=Mars/Olympus', 'tz=Europe/Berlin%00', 'due=yesterday', 'ownerId=you', 'participant=them', 'cursor=forged', 'done=maybe', 'sort=-owner']) {
      expect((await me.get(`/api/v1/activities?${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it('"my activities": open ones the caller owns or takes part in, by day in their time zone', async () => {
    const me = await h.client('sales');
    const boss = await h.client('manager');
    // 20:00 UTC on 15 January is 05:00 on the 16th in Tokyo.
    const now = '2090-01-15T20:00:00Z';
    await makeActivity(me, { subject: 'A call before now', type: 'call', startAt: '2090-01-15T19:00:00Z' });
    await makeActivity(me, { subject: 'B task in an hour', dueAt: '2090-01-15T21:00:00Z' });
    await makeActivity(me, { subject: 'C meeting tomorrow in UTC', type: 'meeting', startAt: '2090-01-16T14:00:00Z', durationMinutes: 30 });
    await makeActivity(me, { subject: 'D task after midnight in Tokyo', dueAt: '2090-01-16T15:30:00Z' });
    await makeActivity(me, { subject: 'E all day on the 15th', allDay: true, dueAt: '2090-01-15' });
    await makeActivity(me, { subject: 'F all day on the 16th', allDay: true, dueAt: '2090-01-16' });
    await makeActivity(me, { subject: 'G done', dueAt: '2090-01-15T10:00:00Z', done: true });
    await makeActivity(boss, { subject: 'H invited', type: 'meeting', startAt: '2090-02-01T09:00:00Z', participantIds: [me.userId] });
    await makeActivity(boss, { subject: 'I not mine', dueAt: '2090-01-15T21:00:00Z' });

    const tokyo = await mineAt(me, 'Asia/Tokyo', now);
    expect(bucketSubjects(tokyo)).toEqual({
      overdue: ['E all day on the 15th', 'A call before now'],
      today: ['B task in an hour', 'F all day on the 16th', 'C meeting tomorrow in UTC'],
      upcoming: ['D task after midnight in Tokyo', 'H invited'],
    });
    expect([tokyo.overdue.count, tokyo.today.count, tokyo.upcoming.count]).toEqual([2, 3, 2]);
    expect(tokyo.overdue.data.every((a) => a.overdue)).toBe(true);
    expect(tokyo.today.data.some((a) => a.overdue)).toBe(false);

    const utc = await mineAt(me, 'UTC', now);
    expect(bucketSubjects(utc)).toEqual({
      overdue: ['A call before now'],
      today: ['E all day on the 15th', 'B task in an hour'],
      upcoming: ['F all day on the 16th', 'C meeting tomorrow in UTC', 'D task after midnight in Tokyo', 'H invited'],
    });
    // The endpoint: the same shape for now, a bad zone refused.
    const res = await me.get('/api/v1/activities/mine?tz=America/New_York');
    expect(res.statusCode, res.body).toBe(200);
    const live = res.json<MyActivities>();
    expect([live.overdue.count, live.today.count, live.upcoming.count]).toEqual([0, 0, 7]);
    expect((await me.get('/api/v1/activities/mine?tz=Nowhere/Land')).statusCode).toBe(400);
  });
});

describe('related lists', () => {
  it('list a record\'s open activities soonest first and closed ones latest first, on accounts, contacts, deals and leads', async () => {
    const acme = await makeAccount(admin);
    const anna = await makeContact(admin, { accountId: acme.id });
    const deal = await makeDeal(admin, { accountId: acme.id });
    const lead = (await admin.post('/api/v1/leads', { lastName: 'Lead for activities', company: 'Lead Co' })).json<{ id: string }>();
    await makeActivity(admin, { subject: 'Later', dueAt: inDays(5), contactId: anna.id, dealId: deal.id });
    const sooner = await makeActivity(admin, { subject: 'Sooner', type: 'call', startAt: inDays(1), contactId: anna.id, dealId: deal.id });
    await makeActivity(admin, { subject: 'Old', dueAt: inDays(-10), contactId: anna.id, done: true });
    await makeActivity(admin, { subject: 'Recent', dueAt: inDays(-1), contactId: anna.id, done: true });
    const forLead = await makeActivity(admin, { subject: 'Lead call', type: 'call', startAt: inDays(1), leadId: lead.id });
    expect(forLead).toMatchObject({ lead: { id: lead.id, name: 'Lead for activities' } });
    expect(subjects(await page(admin, `/api/v1/accounts/${acme.id}/activities`))).toEqual(['Sooner', 'Later']);
    expect(subjects(await page(admin, `/api/v1/accounts/${acme.id}/activities?done=true`))).toEqual(['Recent', 'Old']);
    expect(subjects(await page(admin, `/api/v1/contacts/${anna.id}/activities?done=false`))).toEqual(['Sooner', 'Later']);
    expect(subjects(await page(admin, `/api/v1/deals/${deal.id}/activities`))).toEqual(['Sooner', 'Later']);
    expect(subjects(await page(admin, `/api/v1/leads/${lead.id}/activities`))).toEqual(['Lead call']);
    const paged = await page(admin, `/api/v1/contacts/${anna.id}/activities?done=true&limit=1`);
    expect(subjects(paged)).toEqual(['Recent']);
    expect(subjects(await page(admin, `/api/v1/contacts/${anna.id}/activities?done=true&limit=1&cursor=${paged.nextCursor}`))).toEqual(['Old']);
    for (const module of ['accounts', 'contacts', 'deals', 'leads']) expect((await admin.get(`/api/v1/${module}/999999/activities`)).statusCode, module).toBe(404);
    // Completing one moves it from the open list to the closed one.
    const done = await admin.patch(`/api/v1/activities/${sooner.id}`, { done: true, version: sooner.version });
    expect(done.json<Activity>().done).toBe(true);
    expect(subjects(await page(admin, `/api/v1/accounts/${acme.id}/activities`))).toEqual(['Later']);
    expect(subjects(await page(admin, `/api/v1/accounts/${acme.id}/activities?done=true`))[0]).toBe('Sooner');
  });
});
