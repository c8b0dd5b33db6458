import { describe, expect, it } from 'vitest';
import type { AccountListItem } from '@kontor/contract/accounts';
import { activityBoardQuerySchema, type ActivityBoard, type ActivityBoardColumnKey, type ActivityBoardColumnPage } from '@kontor/contract/activity-board';
import type { OrgDefaults } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeDeal } from '../../test/factories.ts';
import type { Activity } from '@kontor/contract/activities';
import { loadActor } from '../permissions/load-actor.ts';
import { findUserRow } from '../users/users.repository.ts';
import { accountActivityBoard } from './activity-board.service.ts';
import { boardPeriods } from './activity-board.periods.ts';

const { h, admin } = useHarness();

/** Activities go through /api/v1/activities, whose writes keep the accounts' next and last activity. */
const plan = {
  async schedule(c: TestClient, accountId: string, at: string, opts: { subject?: string } = {}): Promise<string> {
    return (await makeActivity(c, { type: 'call', subject: opts.subject ?? 'Call', startAt: at, durationMinutes: 30, accountId })).id;
  },
  async complete(c: TestClient, id: string): Promise<void> {
    const { version } = (await c.get(`/api/v1/activities/${id}`)).json<Activity>();
    const res = await c.patch(`/api/v1/activities/${id}`, { done: true, version });
    expect(res.statusCode, res.body).toBe(200);
  },
  async remove(c: TestClient, id: string): Promise<void> {
    expect((await c.delete(`/api/v1/activities/${id}`)).statusCode).toBe(204);
  },
};

let n = 0;
const freshTag = () => `kb${Date.now().toString(36)}${(n += 1)}`;
const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function board(c: TestClient, query: string): Promise<ActivityBoard> {
  const res = await c.get(`/api/v1/accounts/activity-board?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityBoard>();
}
/** Where each account sits: account id -> column key. */
function placement(b: ActivityBoard): Map<string, ActivityBoardColumnKey> {
  return new Map(b.columns.flatMap((c) => c.cards.map((card) => [card.id, c.key] as const)));
}
const counts = (b: ActivityBoard) => Object.fromEntries(b.columns.map((c) => [c.key, c.count]));
const total = (b: ActivityBoard) => b.columns.reduce((s, c) => s + c.count, 0);

/** The board as the service answers it for a user at a fixed instant (the clock is the service's test parameter). */
async function boardAt(c: TestClient, now: string, query: Record<string, string>): Promise<ActivityBoard> {
  const db = h.database.db;
  const user = await findUserRow(db, Number(c.userId));
  if (!user) throw new Error('no such user');
  return accountActivityBoard(db, await loadActor(db, user, 'token', null), activityBoardQuerySchema.parse(query), new Date(now));
}

async function setOrgDefaults(patch: Partial<OrgDefaults>) {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: OrgDefaults }>();
  const res = await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, ...patch } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('board periods', () => {
  it('start days at local midnight and weeks on Monday, across daylight-saving changes', () => {
    // Friday 28 March 2025; Berlin moves to summer time on Sunday the 30th, so next Monday begins at 22:00 UTC.
    const p = boardPeriods(new Date('2025-03-28T12:00:00Z'), 'Europe/Berlin');
    expect(p.today).toEqual({ none: false, from: '2025-03-27T23:00:00.000Z', to: '2025-03-28T23:00:00.000Z' });
    expect(p.thisWeek).toEqual({ none: false, from: '2025-03-28T23:00:00.000Z', to: '2025-03-30T22:00:00.000Z' });
    expect(p.nextWeek).toEqual({ none: false, from: '2025-03-30T22:00:00.000Z', to: '2025-04-06T22:00:00.000Z' });
    // On a Sunday "this week" is empty: tomorrow is already next week.
    const sunday = boardPeriods(new Date('2025-03-16T10:00:00Z'), 'UTC');
    expect(sunday.thisWeek).toEqual({ none: false, from: '2025-03-17T00:00:00.000Z', to: '2025-03-17T00:00:00.000Z' });
    // Santiago skips midnight when summer time starts (7 Sep 2025): the day begins at 01:00 local, 04:00 UTC.
    expect(boardPeriods(new Date('2025-09-07T12:00:00Z'), 'America/Santiago').today).toMatchObject({ from: '2025-09-07T04:00:00.000Z' });
    // Kathmandu is 5:45 ahead.
    expect(boardPeriods(new Date('2025-03-12T10:00:00Z'), 'Asia/Kathmandu').today).toMatchObject({ from: '2025-03-11T18:15:00.000Z' });
  });
});

describe('accounts Kanban by next activity', () => {
  it('places accounts by their next activity in the reader\'s time zone', async () => {
    const tag = freshTag();
    const now = '2025-03-12T10:00:00Z'; // a Wednesday; Berlin is UTC+1, Los Angeles UTC-7
    const at: Record<string, string | null> = {
      yesterday: '2025-03-11T12:00:00.000Z',
      lateTonight: '2025-03-12T23:30:00.000Z', // Thursday 00:30 in Berlin
      beforeBerlinMidnight: '2025-03-12T22:59:00.000Z',
      sundayNight: '2025-03-16T23:30:00.000Z', // Monday 00:30 in Berlin
      nextSundayNight: '2025-03-23T23:30:00.000Z', // Monday after next, 00:30 in Berlin
      earlyMorning: '2025-03-12T05:00:00.000Z', // Tuesday 22:00 in Los Angeles
      nothing: null,
    };
    const ids: Record<string, string> = {};
    for (const [name, when] of Object.entries(at)) {
      const a = await makeAccount(admin, { name: `Board ${name}`, tags: [tag] });
      ids[name] = a.id;
      if (when) await plan.schedule(admin, a.id, when);
    }
    const expected: Record<string, Record<string, ActivityBoardColumnKey>> = {
      UTC: { yesterday: 'overdue', lateTonight: 'today', beforeBerlinMidnight: 'today', sundayNight: 'thisWeek', nextSundayNight: 'nextWeek', earlyMorning: 'today', nothing: 'none' },
      'Europe/Berlin': { yesterday: 'overdue', lateTonight: 'thisWeek', beforeBerlinMidnight: 'today', sundayNight: 'nextWeek', nextSundayNight: 'later', earlyMorning: 'today', nothing: 'none' },
      'America/Los_Angeles': { yesterday: 'overdue', lateTonight: 'today', beforeBerlinMidnight: 'today', sundayNight: 'thisWeek', nextSundayNight: 'nextWeek', earlyMorning: 'overdue', nothing: 'none' },
    };
    for (const [tz, want] of Object.entries(expected)) {
      const b = await boardAt(admin, now, { tz, tag });
      expect(b.columns.map((c) => c.key)).toEqual(['none', 'overdue', 'today', 'thisWeek', 'nextWeek', 'later']);
      const got = placement(b);
      expect(Object.fromEntries(Object.keys(want).map((name) => [name, got.get(ids[name] ?? '')])), tz).toEqual(want);
      expect(total(b)).toBe(7);
    }
    // Cards of a dated column come by date, and carry the activity.
    const utc = await boardAt(admin, now, { tz: 'UTC', tag });
    const today = utc.columns.find((c) => c.key === 'today');
    expect(today?.cards.map((c) => c.id)).toEqual([ids.earlyMorning, ids.beforeBerlinMidnight, ids.lateTonight]);
    expect(today?.cards[0]?.nextActivity).toMatchObject({ hidden: false, type: 'call', at: at.earlyMorning });
    expect(today?.cards[0]?.owner?.id).toBe(admin.userId);
  });

  it('moves a card when an activity is scheduled, completed or deleted', async () => {
    const tag = freshTag();
    const a = await makeAccount(admin, { tags: [tag] });
    const where = async () => placement(await board(admin, `tag=${tag}`)).get(a.id);
    expect(await where()).toBe('none');
    const later = await plan.schedule(admin, a.id, fromNow(40));
    expect(await where()).toBe('later');
    const overdue = await plan.schedule(admin, a.id, fromNow(-3));
    expect(await where()).toBe('overdue');
    await plan.complete(admin, overdue);
    expect(await where()).toBe('later');
    await plan.remove(admin, later);
    const b = await board(admin, `tag=${tag}`);
    expect(placement(b).get(a.id)).toBe('none');
    // The completed call is the last contact.
    expect(b.columns[0]?.cards[0]?.lastActivityAt?.slice(0, 10)).toBe(fromNow(-3).slice(0, 10));
  });

  it('shows and counts only accounts the reader may see, and hides a next activity the reader may not see', async () => {
    const tag = freshTag();
    const sales = await h.client('sales');
    await setOrgDefaults({ accounts: 'private', activities: 'private' });
    try {
      const adminsAccount = await makeAccount(admin, { name: 'Not yours', tags: [tag] });
      const mine = await makeAccount(sales, { name: 'Yours', tags: [tag] });
      const theirsToo = await makeAccount(sales, { name: 'Yours, planned by the boss', tags: [tag] });
      await plan.schedule(admin, adminsAccount.id, fromNow(1));
      await plan.schedule(sales, mine.id, fromNow(40));
      await plan.schedule(admin, theirsToo.id, fromNow(40), { subject: 'Secret plan' });

      const seen = await board(sales, `tag=${tag}`);
      expect([...placement(seen).keys()].sort()).toEqual([mine.id, theirsToo.id].sort());
      expect(total(seen)).toBe(2);
      const cards = seen.columns.flatMap((c) => c.cards);
      expect(cards.find((c) => c.id === mine.id)?.nextActivity).toMatchObject({ hidden: false, subject: 'Call' });
      const hidden = cards.find((c) => c.id === theirsToo.id)?.nextActivity;
      expect(hidden).toEqual({ hidden: true, at: expect.any(String) });
      expect(JSON.stringify(seen)).not.toContain('Secret plan');

      const all = await board(admin, `tag=${tag}`);
      expect(total(all)).toBe(3);
      expect(all.columns.flatMap((c) => c.cards).find((c) => c.id === theirsToo.id)?.nextActivity).toMatchObject({ hidden: false, subject: 'Secret plan' });
    } finally {
      await setOrgDefaults({ accounts: 'read_write', activities: 'read_write' });
    }
  });

  it('pages a column by date and id, with won values from visible deals', async () => {
    const tag = freshTag();
    const same = fromNow(30);
    const ids: string[] = [];
    for (const when of [fromNow(31), same, fromNow(45), same, fromNow(60)]) {
      const a = await makeAccount(admin, { tags: [tag] });
      ids.push(a.id);
      await plan.schedule(admin, a.id, when);
    }
    const won = await makeDeal(admin, { accountId: ids[1], amount: 1200, currency: 'EUR' });
    await admin.patch(`/api/v1/deals/${won.id}`, { status: 'won', version: won.version });
    const usd = await makeDeal(admin, { accountId: ids[1], amount: 300, currency: 'USD' });
    await admin.patch(`/api/v1/deals/${usd.id}`, { status: 'won', version: usd.version });
    await makeDeal(admin, { accountId: ids[1], amount: 999, currency: 'EUR' }); // open: not won value

    const order = [ids[1], ids[3], ids[0], ids[2], ids[4]];
    const first = await board(admin, `tag=${tag}&limit=2`);
    const later = first.columns.find((c) => c.key === 'later');
    expect(later?.count).toBe(5);
    expect(later?.cards.map((c) => c.id)).toEqual(order.slice(0, 2));
    expect(later?.cards[0]?.wonValue).toEqual([{ currency: 'EUR', amount: 1200 }, { currency: 'USD', amount: 300 }]);
    const seen: string[] = later?.cards.map((c) => c.id) ?? [];
    let cursor = later?.nextCursor ?? null;
    while (cursor) {
      const res = await admin.get(`/api/v1/accounts/activity-board/column?key=later&tag=${tag}&limit=2&cursor=${cursor}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<ActivityBoardColumnPage>();
      seen.push(...page.cards.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(order);
    // Someone who may not see the won deals sees no won value.
    const noDeals = await h.client('sales');
    await setOrgDefaults({ deals: 'private' });
    try {
      const theirs = (await board(noDeals, `tag=${tag}&limit=2`)).columns.find((c) => c.key === 'later');
      expect(theirs?.cards[0]?.wonValue).toEqual([]);
    } finally {
      await setOrgDefaults({ deals: 'read_write' });
    }
  });

  it('filters "not contacted in N days" on the list and on the board', async () => {
    const tag = freshTag();
    const never = await makeAccount(admin, { name: 'Never contacted', tags: [tag] });
    const long = await makeAccount(admin, { name: 'Contacted long ago', tags: [tag] });
    const recent = await makeAccount(admin, { name: 'Contacted lately', tags: [tag] });
    await plan.complete(admin, await plan.schedule(admin, long.id, fromNow(-40)));
    await plan.complete(admin, await plan.schedule(admin, recent.id, fromNow(-5)));
    await plan.schedule(admin, never.id, fromNow(2)); // planned, not yet a contact

    const list = (await admin.get(`/api/v1/accounts?tag=${tag}&notContactedDays=30`)).json<{ data: AccountListItem[] }>().data;
    expect(list.map((a) => a.id).sort()).toEqual([never.id, long.id].sort());
    expect((await admin.get(`/api/v1/accounts?tag=${tag}&notContactedDays=3`)).json<{ data: AccountListItem[] }>().data).toHaveLength(3);
    expect((await admin.get(`/api/v1/accounts?tag=${tag}&notContactedDays=60&count=true`)).json<{ total: number }>().total).toBe(1);

    const b = await board(admin, `tag=${tag}&notContactedDays=30`);
    expect([...placement(b).keys()].sort()).toEqual([never.id, long.id].sort());
    expect(counts(b).none).toBe(1);
    expect(total(b)).toBe(2);
  });

  it('refuses hostile parameters with 400 on both engines', async () => {
    const bad = [
      'tz=Mars%2FOlympus',
      'tz=Europe%2FBerlin%00',
      `tz=${'x'.repeat(2000)}`,
      'tz=..%2F..%2Fetc%2Fpasswd',
      'limit=0',
      'limit=101',
      'limit=abc',
      'ownerId=2147483648',
      'ownerId=99999999999999999999',
      'notContactedDays=0',
      'notContactedDays=3651',
      'notContactedDays=1.5',
    ];
    for (const q of bad) {
      expect((await admin.get(`/api/v1/accounts/activity-board?${q}`)).statusCode, q).toBe(400);
      expect((await admin.get(`/api/v1/accounts/activity-board/column?key=today&${q}`)).statusCode, q).toBe(400);
    }
    for (const q of ['key=tomorrow', '', 'key=today&cursor=garbage', `key=today&cursor=${Buffer.from('["x",2147483648]').toString('base64url')}`]) {
      expect((await admin.get(`/api/v1/accounts/activity-board/column?${q}`)).statusCode, q).toBe(400);
    }
    expect((await admin.get('/api/v1/accounts?notContactedDays=0')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/accounts?notContactedDays=99999999999999')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/accounts/activity-board?tz=Asia%2FShanghai&ownerId=2147483647&tag=%F0%9F%98%80')).statusCode).toBe(200);
  });

  it('answers 403 to a profile that may not view accounts', async () => {
    const profile = await admin.post('/api/v1/profiles', { name: `No accounts ${freshTag()}`, rights: { modules: { accounts: [], contacts: ['view'] }, admin: [] } });
    const c = await h.client('sales', { profileId: profile.json<{ id: string }>().id });
    expect((await c.get('/api/v1/accounts/activity-board')).statusCode).toBe(403);
    expect((await c.get('/api/v1/accounts/activity-board/column?key=none')).statusCode).toBe(403);
  });
});
