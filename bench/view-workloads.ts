import type { BenchContext } from './context.ts';
import type { Client } from './http.ts';
import type { RawDb, RawRow } from './raw.ts';
import { pageTags, type Workload } from './workload.ts';

/**
 * List views (issue #13): the first page of each system view and of a three-condition filter with a sort, its next
 * page and its count, as the salesperson asks them over HTTP, beside the same page read directly from the engine
 * (without the visibility rule, so the floor is the engine's best case).
 */
const listSelect = `select c.*, a.name as account_name, u.name as owner_name from contacts c
  left join accounts a on a.id = c.account_id left join users u on u.id = c.owner_id where c.deleted_at is null`;
const tagsOf = (db: RawDb, rows: RawRow[]) => pageTags(db, 'contacts', rows);
const DAY = 86_400_000;

/** Monday 00:00 UTC of this week, as the system views compute it. */
function weekStart(now = new Date()): string {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY).toISOString();
}

/** A manager's contacts of one type in the Enterprise segment, newest first (three conditions, one of a custom field). */
export const threeConditions = (ctx: BenchContext) =>
  JSON.stringify({
    match: 'all',
    conditions: [
      { field: 'contactType', op: 'is', value: String(ctx.typeId) },
      { field: 'customFields.segment', op: 'is', value: 'Enterprise' },
      { field: 'position', op: 'is', value: 'Manager' },
    ],
  });
const threeRaw = `${listSelect} and c.contact_type_id = ? and json_extract(c.custom_fields, '$.segment') = 'Enterprise' and c.position = 'Manager'`;
const threeRawPg = `${listSelect} and c.contact_type_id = ? and (c.custom_fields::jsonb ->> 'segment') = 'Enterprise' and c.position = 'Manager'`;
const three = (db: RawDb) => (db.engine === 'postgres' ? threeRawPg : threeRaw);

/** Accounts in three industries with more than 50 employees and an open deal, by name. */
const accountFilter = JSON.stringify({
  match: 'all',
  conditions: [
    { field: 'industry', op: 'anyOf', value: ['software', 'logistics', 'banking'] },
    { field: 'employees', op: 'gt', value: 50 },
    { field: 'hasOpenDeal', op: 'is', value: true },
  ],
});

/**
 * The cursor after the first page of a list, fetched once per run (the next-page workloads start there). A data set
 * too small for two pages (the smoke test's) pages after the first row instead; with one row, there is no next page
 * and the workload reads the first.
 */
const cursors = new Map<string, Promise<string | null>>();
function cursorOf(c: Client, url: string): Promise<string | null> {
  let p = cursors.get(url);
  if (!p) {
    p = (async () => {
      const page = (await c.ok('GET', url)) as { nextCursor: string | null };
      if (page.nextCursor) return page.nextCursor;
      return ((await c.ok('GET', url.replace('limit=50', 'limit=1'))) as { nextCursor: string | null }).nextCursor;
    })();
    cursors.set(url, p);
  }
  return p;
}

const visitsOf = (db: RawDb, userId: number) => db.all(`select record_id from record_visits where user_id = ? and module = 'contacts'`, [userId]);

export const viewWorkloads: Workload[] = [
  {
    name: 'view.mine',
    description: 'contacts, system view My contacts (owner = me), by name',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50&view=system.mine'),
    raw: async (db, ctx) => tagsOf(db, await db.all(`${listSelect} and c.owner_id = ? order by c.sort_name, c.id limit 51`, [ctx.salesUserId])),
  },
  {
    name: 'view.new-this-week',
    description: 'contacts, system view New this week, newest first',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50&view=system.new-this-week'),
    raw: async (db) => tagsOf(db, await db.all(`${listSelect} and c.created_at >= ? order by c.created_at desc, c.id desc limit 51`, [weekStart()])),
  },
  {
    name: 'view.new-last-week',
    description: 'contacts, system view New last week, newest first',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50&view=system.new-last-week'),
    raw: async (db) => {
      const end = weekStart();
      const start = new Date(Date.parse(end) - 7 * DAY).toISOString();
      return tagsOf(db, await db.all(`${listSelect} and c.created_at >= ? and c.created_at < ? order by c.created_at desc, c.id desc limit 51`, [start, end]));
    },
  },
  {
    name: 'view.unread',
    description: 'contacts, system view Unread (never opened by me), by name',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50&view=system.unread'),
    raw: async (db, ctx) => {
      await visitsOf(db, ctx.salesUserId);
      return tagsOf(db, await db.all(`${listSelect} and c.id not in (select record_id from record_visits where user_id = ? and module = 'contacts') order by c.sort_name, c.id limit 51`, [ctx.salesUserId]));
    },
  },
  {
    name: 'view.recently-viewed',
    description: 'contacts, system view Recently viewed (by me, 30 days), last opened first',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50&view=system.recently-viewed'),
    raw: async (db, ctx) =>
      tagsOf(
        db,
        await db.all(`select c.*, v.visited_at from record_visits v join contacts c on c.id = v.record_id where v.user_id = ? and v.module = 'contacts' and v.visited_at >= ? and c.deleted_at is null order by v.visited_at desc limit 51`, [
          ctx.salesUserId,
          new Date(Date.now() - 30 * DAY).toISOString(),
        ]),
      ),
  },
  {
    name: 'view.customers',
    description: 'contacts, system view Customers (on a won deal), by name',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50&view=system.customers'),
    raw: async (db) => tagsOf(db, await db.all(`${listSelect} and exists (select 1 from deals d where d.contact_id = c.id and d.status = 'won' and d.deleted_at is null limit 1) order by c.sort_name, c.id limit 51`)),
  },
  {
    name: 'view.filter3',
    description: 'contacts filtered on contact type, a custom picklist and position, newest first',
    kind: 'read',
    targetP95Ms: 8,
    http: (c, ctx) => c.ok('GET', `/api/v1/contacts?limit=50&sort=-createdAt&filter=${encodeURIComponent(threeConditions(ctx))}`),
    raw: async (db, ctx) => tagsOf(db, await db.all(`${three(db)} order by c.created_at desc, c.id desc limit 51`, [ctx.typeId])),
  },
  {
    name: 'view.filter3.next',
    description: 'the next page of view.filter3 from its cursor',
    kind: 'read',
    targetP95Ms: 5,
    http: async (c, ctx) => {
      const url = `/api/v1/contacts?limit=50&sort=-createdAt&filter=${encodeURIComponent(threeConditions(ctx))}`;
      const cursor = await cursorOf(c, url);
      return c.ok('GET', cursor ? `${url}&cursor=${cursor}` : url);
    },
    raw: async (db, ctx) => {
      const first = await db.all(`${three(db)} order by c.created_at desc, c.id desc limit 50`, [ctx.typeId]);
      const last = first[first.length - 1];
      return tagsOf(db, await db.all(`${three(db)} and (c.created_at, c.id) < (?, ?) order by c.created_at desc, c.id desc limit 51`, [ctx.typeId, last?.created_at ?? '', last?.id ?? 0]));
    },
  },
  {
    name: 'view.filter3.count',
    description: 'the total of view.filter3 (count=true)',
    kind: 'read',
    targetP95Ms: 50,
    http: (c, ctx) => c.ok('GET', `/api/v1/contacts?limit=1&count=true&filter=${encodeURIComponent(threeConditions(ctx))}`),
    raw: (db, ctx) => db.all(`select count(*) as n from (${three(db)}) x`, [ctx.typeId]),
  },
  {
    name: 'view.accounts.filter3',
    description: 'accounts in three industries, over 50 employees, with an open deal, by name',
    kind: 'read',
    targetP95Ms: 8,
    http: (c) => c.ok('GET', `/api/v1/accounts?limit=50&filter=${encodeURIComponent(accountFilter)}`),
    raw: (db) =>
      db.all(
        `select a.* from accounts a where a.deleted_at is null and a.industry in ('software', 'logistics', 'banking') and a.employees > 50
          and exists (select 1 from deals d where d.account_id = a.id and d.status = 'open' and d.deleted_at is null) order by a.name_sort, a.id limit 51`,
      ),
  },
  {
    name: 'view.count.all',
    description: 'the total of a broad filter (every contact created since 2000: counted, not estimated, on SQLite)',
    kind: 'read',
    targetP95Ms: 50,
    http: (c) => c.ok('GET', `/api/v1/contacts?limit=1&count=true&filter=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'createdAt', op: 'after', value: '2000-01-01' }] }))}`),
    raw: (db) => db.all(`select count(*) as n from contacts where deleted_at is null and created_at >= '2000-01-02'`),
  },
];
