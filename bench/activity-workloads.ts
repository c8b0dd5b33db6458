import type { BenchContext } from './context.ts';
import type { RawDb } from './raw.ts';
import { accountPageRaw, at, type Workload } from './workload.ts';

const SIX_MONTHS_MS = 183 * 86_400_000;
const noActivities = (ctx: BenchContext) => (ctx.dealAccountIds.length && ctx.accountIds.length ? null : 'no accounts with deals in the data set (seed it again)');

/** Berlin's day and week boundaries for the board's columns, as the server computes them (close enough for the floor). */
function boardBounds(now = new Date()): string[] {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const monday = new Date(day.getTime() + ((8 - (day.getUTCDay() || 7)) % 7 || 7) * 86_400_000);
  const iso = (d: Date) => d.toISOString();
  return [iso(day), iso(new Date(day.getTime() + 86_400_000)), iso(monday), iso(new Date(monday.getTime() + 7 * 86_400_000))];
}

/** The first timeline page of an account as the raw floor reads it: its events and its contacts' and deals', six months. */
const timelineRaw = (db: RawDb, id: number) =>
  db.all(`select * from timeline_events where account_id = ? and at >= ? order by at desc, id desc limit 31`, [id, new Date(Date.now() - SIX_MONTHS_MS).toISOString()]);

/** The raw floor of the account page with every related list: the record, its lists' first pages, the timeline. */
async function accountFullRaw(db: RawDb, id: number, dealStatuses: string[] = ['open']) {
  await accountPageRaw(db, id, 50);
  for (const status of dealStatuses) await db.all(`select * from deals where account_id = ? and status = ? and deleted_at is null order by name_sort, id limit 51`, [id, status]);
  await db.all(`select * from activities where account_id = ? and done = 0 and deleted_at is null order by scheduled_at, id limit 51`, [id]);
  await db.all(`select * from activities where account_id = ? and done = 1 and deleted_at is null order by scheduled_at desc, id desc limit 51`, [id]);
  await db.all(`select * from notes where module = 'accounts' and record_id = ? order by id desc limit 51`, [id]);
  await db.all(`select * from attachments where module = 'accounts' and record_id = ? order by id desc limit 51`, [id]);
  return timelineRaw(db, id);
}

/** Activities, notes, files and the timeline (issue #10), and the account page in one request (issue #11). */
export const activityWorkloads: Workload[] = [
  {
    name: 'detail.account.full',
    description: 'account page with every related list and the first timeline page, as the web app loads it: record, contacts, open deals, open and closed activities, notes, files, members, timeline (9 requests, one after another)',
    kind: 'read',
    targetP95Ms: 10,
    unavailable: noActivities,
    http: async (c, ctx, i) => {
      const account = `/api/v1/accounts/${at(ctx.dealAccountIds, i)}`;
      await c.ok('GET', account);
      await c.ok('GET', `${account}/contacts?sort=lastName&limit=50`);
      await c.ok('GET', `${account}/deals?status=open&sort=name&limit=50`);
      await c.ok('GET', `${account}/activities?done=false&limit=50`);
      await c.ok('GET', `${account}/activities?done=true&limit=50`);
      await c.ok('GET', `${account}/notes?limit=50`);
      await c.ok('GET', `${account}/attachments?limit=50`);
      await c.ok('GET', `${account}/members?sort=name&limit=50`);
      return c.ok('GET', `${account}/timeline?limit=30`);
    },
    raw: (db, ctx, i) => accountFullRaw(db, at(ctx.dealAccountIds, i)),
  },
  {
    name: 'detail.account.page',
    description: 'the account page in one request (GET /api/v1/accounts/{id}/page): the record, contacts, members, open/won/lost deals, open and closed activities, notes, files, timeline',
    kind: 'read',
    targetP50Ms: 2,
    unavailable: (ctx) => noActivities(ctx) ?? ctx.accountPageUnavailable,
    http: (c, ctx, i) => c.ok('GET', `/api/v1/accounts/${at(ctx.dealAccountIds, i)}/page?tz=Europe/Berlin`),
    raw: (db, ctx, i) => accountFullRaw(db, at(ctx.dealAccountIds, i), ['open', 'won', 'lost']),
  },
  {
    name: 'accounts.activity-board',
    description: 'Kanban of accounts by next activity, first load: six columns (none, overdue, today, this week, next week, later) with counts and 50 cards each, next activity and won value per card',
    kind: 'read',
    targetP95Ms: 30,
    unavailable: noActivities,
    http: (c) => c.ok('GET', '/api/v1/accounts/activity-board?tz=Europe/Berlin&limit=50'),
    raw: async (db) => {
      const [today, tomorrow, nextMonday, mondayAfter] = boardBounds();
      const ranges: Array<[string, unknown[]]> = [
        ['next_activity_at < ?', [today]],
        ['next_activity_at >= ? and next_activity_at < ?', [today, tomorrow]],
        ['next_activity_at >= ? and next_activity_at < ?', [tomorrow, nextMonday]],
        ['next_activity_at >= ? and next_activity_at < ?', [nextMonday, mondayAfter]],
        ['next_activity_at >= ?', [mondayAfter]],
      ];
      await db.all(`select count(*) as n from accounts where next_activity_at is null and deleted_at is null`);
      const none = await db.all(`select * from accounts where next_activity_at is null and deleted_at is null order by name_sort, id limit 51`);
      const pages = [none];
      for (const [where, params] of ranges) {
        await db.all(`select count(*) as n from accounts where ${where} and deleted_at is null`, params);
        pages.push(await db.all(`select a.*, x.subject, x.type from accounts a left join activities x on x.id = a.next_activity_id where ${where.replace(/next_activity_at/g, 'a.next_activity_at')} and a.deleted_at is null order by a.next_activity_at, a.id limit 51`, params));
      }
      const ids = pages.flat().map((r) => Number(r.id));
      return db.all(`select account_id, currency, sum(amount) as total from deals where status = 'won' and deleted_at is null and ${db.inIds('account_id')} group by account_id, currency`, [db.idsParam(ids)]);
    },
  },
  {
    name: 'activity.log-call',
    description: "log a call on an account (POST a done call with its outcome): the activity, its timeline events and the account's last activity, in one transaction",
    kind: 'write',
    targetP95Ms: 5,
    unavailable: noActivities,
    http: (c, ctx, i) =>
      c.ok('POST', '/api/v1/activities', { type: 'call', subject: `Call ${ctx.runId} ${i}`, startAt: new Date().toISOString(), durationMinutes: 10, done: true, outcome: 'Reached', accountId: String(at(ctx.accountIds, i)) }),
    raw: async (db, ctx, i) => {
      const id = at(ctx.accountIds, i);
      const now = new Date().toISOString();
      await db.run(
        `insert into activities (type, subject, subject_sort, start_at, end_at, duration_minutes, outcome, done, done_at, scheduled_at, account_id, owner_id, custom_fields, created_at, created_by, updated_at, updated_by)
         values ('call', ?, ?, ?, ?, 10, 'Reached', 1, ?, ?, ?, ?, '{}', ?, ?, ?, ?)`,
        [`Raw call ${i}`, `raw call ${i}`, now, now, now, now, id, ctx.ownerId, now, ctx.ownerId, now, ctx.ownerId],
      );
      await db.run(`insert into timeline_events (at, actor_id, kind, module, record_id, account_id, details) values (?, ?, 'created', 'activities', 0, ?, '{}')`, [now, ctx.ownerId, id]);
      return db.run(`update accounts set last_activity_at = ? where id = ?`, [now, id]);
    },
  },
];
