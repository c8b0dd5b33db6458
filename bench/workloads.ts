import type { Client } from './http.ts';
import { dealWorkloads } from './deal-workloads.ts';
import { activityWorkloads } from './activity-workloads.ts';
import { searchWorkloads } from './search-workloads.ts';
import { viewWorkloads } from './view-workloads.ts';
import type { RawDb, RawRow } from './raw.ts';
import { accountPageRaw, at, pageTags as tagsOf, type Saved, type Workload } from './workload.ts';

export type { Workload } from './workload.ts';

interface Page { data: Array<{ id: string }>; nextCursor: string | null }

// What a list page shows: the rows, the account name and owner joined, and the page's tags in one more query.
const listSelect = `select c.*, a.name as account_name, u.name as owner_name from contacts c
  left join accounts a on a.id = c.account_id left join users u on u.id = c.owner_id where c.deleted_at is null`;
const pageTags = (db: RawDb, rows: RawRow[]) => tagsOf(db, 'contacts', rows);

/** The create.contact body (2 e-mails, 2 phones); also what the upkeep part writes in-process (upkeep.ts). */
export const contactBody = (runId: string, tag: string) => ({
  firstName: 'Bench',
  lastName: `Contact ${tag}`,
  position: 'Buyer',
  description: `bench:${runId}:${tag}`,
  emails: [{ label: 'work', value: `bench.${tag}@example.com`, primary: true }, { label: 'home', value: `b.${tag}@example.org` }],
  phones: [{ label: 'work', value: '+49 30 1234567', primary: true }, { label: 'mobile', value: '+49 151 2345678' }],
});

/**
 * The named workloads (see workload.ts): contacts and accounts here, deals in deal-workloads.ts. Adding a workload is
 * adding an entry; `mixed` picks entries by `mixWeight`.
 */
export const workloads: Workload[] = [
  {
    name: 'list.first',
    description: 'contacts list, first page of 50 (default sort)',
    kind: 'read',
    targetP95Ms: 5,
    mixWeight: 25,
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=50'),
    raw: async (db) => pageTags(db, await db.all(`${listSelect} order by c.sort_name, c.id limit 51`)),
  },
  {
    name: 'list.filtered',
    description: 'filter owner + contact type, sorted by created desc',
    kind: 'read',
    targetP95Ms: 5,
    mixWeight: 15,
    http: (c, ctx) => c.ok('GET', `/api/v1/contacts?limit=50&ownerId=${ctx.ownerId}&contactType=${ctx.typeId}&sort=-createdAt`),
    raw: async (db, ctx) =>
      pageTags(db, await db.all(`${listSelect} and c.owner_id = ? and c.contact_type_id = ? order by c.created_at desc, c.id desc limit 51`, [ctx.ownerId, ctx.typeId])),
  },
  {
    name: 'list.next',
    description: 'keyset next page from a cursor deep in the list',
    kind: 'read',
    targetP95Ms: 5,
    mixWeight: 15,
    http: (c, ctx, i) => c.ok('GET', `/api/v1/contacts?limit=50&cursor=${at(ctx.cursors, i)}`),
    raw: async (db, ctx, i) => {
      const [value, id] = JSON.parse(Buffer.from(at(ctx.cursors, i), 'base64url').toString()) as [string, number];
      return pageTags(db, await db.all(`${listSelect} and (c.sort_name, c.id) > (?, ?) order by c.sort_name, c.id limit 51`, [value, id]));
    },
  },
  {
    name: 'count',
    description: 'list with the total count (count=true) over all contacts',
    kind: 'read',
    http: (c) => c.ok('GET', '/api/v1/contacts?limit=1&count=true'),
    raw: (db) => db.all(`select count(*) as n from contacts where deleted_at is null`),
  },
  {
    name: 'detail.contact',
    description: 'contact page: record, e-mails/phones, tags, account, owner',
    kind: 'read',
    targetP95Ms: 8,
    mixWeight: 15,
    http: (c, ctx, i) => c.ok('GET', `/api/v1/contacts/${at(ctx.contactIds, i)}`),
    raw: async (db, ctx, i) => {
      const id = at(ctx.contactIds, i);
      const [row] = await db.all(`select c.*, a.name as account_name from contacts c left join accounts a on a.id = c.account_id where c.id = ?`, [id]);
      await db.all(`select * from contact_points where module = 'contacts' and record_id = ? order by kind, position`, [id]);
      await db.all(`select t.name from record_tags rt join tags t on t.id = rt.tag_id where rt.module = 'contacts' and rt.record_id = ?`, [id]);
      return db.all(`select id, name from users where id = ?`, [row?.owner_id ?? 0]);
    },
  },
  {
    name: 'detail.account',
    description: 'account page with related lists: record + its contacts + member accounts (3 requests)',
    kind: 'read',
    targetP95Ms: 8,
    mixWeight: 10,
    http: async (c, ctx, i) => {
      const id = at(ctx.accountIds, i);
      await c.ok('GET', `/api/v1/accounts/${id}`);
      await c.ok('GET', `/api/v1/accounts/${id}/contacts?limit=20`);
      return c.ok('GET', `/api/v1/accounts/${id}/members?limit=20`);
    },
    raw: (db, ctx, i) => accountPageRaw(db, at(ctx.accountIds, i), 20),
  },
  {
    name: 'search.list',
    description: 'quick search in the contacts list (q=, the search query language over the search documents)',
    kind: 'read',
    targetP95Ms: 15,
    http: (c, ctx, i) => c.ok('GET', `/api/v1/contacts?limit=20&q=${encodeURIComponent(at(ctx.searchTerms, i))}`),
    raw: (db, ctx, i) => {
      const term = at(ctx.searchTerms, i).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
      const like = `%${term}%`;
      if (db.engine === 'postgres') {
        // As the API does: sort the trigram matches rather than walk the sort index (see keysetFor's `unindexed`).
        const body = `d.name || ' ' || d.company || ' ' || d.position || ' ' || d.email || ' ' || d.phone || ' ' || d.website || ' ' || d.city || ' ' || d.tag`;
        const sql = `select * from contacts where deleted_at is null and id in (select d.record_id from search_documents d where d.module = 'contacts' and (${body}) like ?) order by (sort_name || ''), id limit 21`;
        return db.all(sql, [like]);
      }
      const match = [...term].length < 3 ? `" ${term}"` : `"${term}"`;
      return db.all(
        `select * from contacts where deleted_at is null and id in (select d.record_id from search_fts_contacts cross join search_documents d on d.id = search_fts_contacts.rowid
           where search_fts_contacts match ?) order by sort_name, id limit 21`,
        [match],
      );
    },
  },
  {
    name: 'create.contact',
    description: 'create a contact with 2 e-mails and 2 phones',
    kind: 'write',
    targetP95Ms: 5,
    mixWeight: 10,
    http: (c, ctx, i) => c.ok('POST', '/api/v1/contacts', contactBody(ctx.runId, `s${i}`)),
    raw: async (db, ctx, i) => {
      const now = new Date().toISOString();
      await db.run('begin');
      const [row] = await db.all(
        `insert into contacts (first_name, last_name, sort_name, position, description, owner_id, custom_fields, primary_email, primary_phone, created_at, created_by, updated_at, updated_by)
         values ('Raw', ?, ?, 'Buyer', ?, ?, '{}', ?, '+49 30 1234567', ?, ?, ?, ?) returning id`,
        [`Floor ${i}`, `floor ${i} raw`, `rawfloor:${ctx.runId}`, ctx.ownerId, `raw.${i}@example.com`, now, ctx.ownerId, now, ctx.ownerId],
      );
      const points = [['emails', 'work', `raw.${i}@example.com`, null, 1, 0], ['emails', 'home', `r.${i}@example.org`, null, 0, 1], ['phones', 'work', '+49 30 1234567', '+49301234567', 1, 0], ['phones', 'mobile', '+49 151 2345678', '+491512345678', 0, 1]];
      for (const p of points) await db.run(`insert into contact_points (module, record_id, kind, label, value, e164, is_primary, position) values ('contacts', ?, ?, ?, ?, ?, ?, ?)`, [row?.id, ...p]);
      return db.run('commit');
    },
  },
  {
    name: 'update.contact',
    description: 'rename a contact (PATCH with version)',
    kind: 'write',
    targetP95Ms: 5,
    mixWeight: 10,
    http: async (c, ctx, i, pool = ctx.updatePool) => {
      const rec = at(pool, i);
      const saved = await c.ok<Saved>('PATCH', `/api/v1/contacts/${rec.id}`, { position: `Buyer ${i % 97}`, version: rec.version });
      rec.version = saved.version;
      return saved;
    },
    raw: (db, ctx, i) => {
      const id = at(ctx.contactIds, i); // not the HTTP update pool, whose versions the client tracks
      return db.run(`update contacts set position = ?, updated_at = ?, updated_by = ?, version = version + 1 where id = ?`, [`Raw ${i % 97}`, new Date().toISOString(), ctx.ownerId, id]);
    },
  },
  ...dealWorkloads,
  ...activityWorkloads,
  ...searchWorkloads,
  ...viewWorkloads,
];

export async function collectCursors(c: Client, n = 20): Promise<string[]> {
  const out: string[] = [];
  for (const letter of 'bcdghklmnprstwz') {
    const page = await c.ok<Page>('GET', `/api/v1/contacts?limit=50&letter=${letter}`);
    if (page.nextCursor) out.push(page.nextCursor);
    if (out.length >= n) break;
  }
  return out;
}
