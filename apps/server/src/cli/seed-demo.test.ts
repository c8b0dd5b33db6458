import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Account, AccountListItem } from '@kontor/contract/accounts';
import type { DealBoard } from '@kontor/contract/deals';
import { buildApp } from '../app.ts';
import type { DB } from '../db/schema.ts';
import { createApiToken } from '../features/auth/api-tokens.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { seedDemo } from './seed-demo.ts';
import { DEMO_TAG } from './seed-demo/tags.ts';

// Seeding writes ~1,000 records through the services; PostgreSQL takes a few seconds more than SQLite.
const SLOW = 180_000;
const noEnvAdmin = { admin: { email: null, password: null }, today: '2026-12-01' };

const count = async (db: Kysely<DB>, table: 'accounts' | 'contacts' | 'users' | 'deals') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** What must be the same on every run: names, links and contact points, in creation order. */
async function fingerprint(db: Kysely<DB>) {
  const accounts = await db.selectFrom('accounts as a').leftJoin('accounts as p', 'p.id', 'a.parent_account_id').select(['a.name', 'a.website', 'a.phone', 'a.employees', 'p.name as parent']).orderBy('a.id').execute();
  const contacts = await db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .select(['c.first_name', 'c.last_name', 'c.birthday', 'c.primary_email', 'c.primary_phone', 'a.name as account', 'u.email as owner'])
    .orderBy('c.id')
    .execute();
  const deals = await db
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .leftJoin('accounts as a', 'a.id', 'd.account_id')
    .leftJoin('contacts as c', 'c.id', 'd.contact_id')
    .leftJoin('users as u', 'u.id', 'd.owner_id')
    .select(['d.name', 'd.amount', 'd.currency', 'd.status', 'd.lost_reason', 'd.expected_close_date', 's.name as stage', 'a.name as account', 'c.primary_email as contact', 'u.email as owner'])
    .orderBy('d.id')
    .execute();
  return { accounts, contacts, deals };
}

describe('kontor seed --demo', () => {
  let first: TestDatabase;
  let summary = '';

  beforeAll(async () => {
    first = await createTestDatabase();
    summary = await seedDemo(first.db, noEnvAdmin);
  }, SLOW);
  afterAll(async () => {
    await first?.dispose();
  });

  it('loads about 200 accounts and 800 contacts and says so', async () => {
    const accounts = await count(first.db, 'accounts');
    const contacts = await count(first.db, 'contacts');
    expect(accounts).toBeGreaterThanOrEqual(190);
    expect(accounts).toBeLessThanOrEqual(210);
    expect(contacts).toBeGreaterThanOrEqual(760);
    expect(contacts).toBeLessThanOrEqual(840);
    expect(summary).toContain(`${accounts} accounts`);
    expect(summary).toContain(`${contacts} contacts`);
    // The database had no user, so the seed created the first-run admin, as `kontor serve` would, and printed the password.
    expect(summary).toMatch(/log in as admin@kontor\.local with password \S+/);
  });

  it('makes about 30 accounts members of a parent, some two levels deep, without cycles', async () => {
    const rows = await first.db.selectFrom('accounts').select(['id', 'parent_account_id']).execute();
    const parentOf = new Map(rows.map((r) => [r.id, r.parent_account_id]));
    const members = rows.filter((r) => r.parent_account_id != null);
    expect(members.length).toBeGreaterThanOrEqual(25);
    expect(members.length).toBeLessThanOrEqual(35);
    const depthOf = (id: number) => {
      let depth = 0;
      for (let p = parentOf.get(id) ?? null; p != null; p = parentOf.get(p) ?? null) {
        depth++;
        if (depth > 10) throw new Error(`cycle above account ${id}`);
      }
      return depth;
    };
    const depths = members.map((m) => depthOf(m.id));
    expect(depths.filter((d) => d === 2).length).toBeGreaterThan(0);
    const polska = await first.db
      .selectFrom('accounts as a')
      .innerJoin('accounts as p', 'p.id', 'a.parent_account_id')
      .select('p.name')
      .where('a.name', '=', 'Müller Präzisionstechnik Polska Sp. z o.o.')
      .executeTakeFirst();
    expect(polska?.name).toBe('Müller Präzisionstechnik GmbH');
  });

  it('gives contacts one primary e-mail, phones in international format, and at most one account (~5% none)', async () => {
    const contacts = await first.db.selectFrom('contacts').select(['id', 'account_id', 'primary_email', 'birthday', 'email_opt_out']).execute();
    expect(contacts.every((c) => c.primary_email)).toBe(true);
    const primaries = await first.db
      .selectFrom('contact_points')
      .select(['record_id', (eb) => eb.fn.sum<number>('is_primary').as('primaries')])
      .where('module', '=', 'contacts')
      .where('kind', '=', 'emails')
      .groupBy('record_id')
      .execute();
    expect(primaries).toHaveLength(contacts.length);
    expect(primaries.every((p) => Number(p.primaries) === 1)).toBe(true);
    const withoutAccount = contacts.filter((c) => c.account_id == null).length;
    expect(withoutAccount / contacts.length).toBeGreaterThan(0.02);
    expect(withoutAccount / contacts.length).toBeLessThan(0.08);
    // Every phone was written as +<country> …, so the phone parser reads all of them without a default region.
    const phones = await first.db.selectFrom('contact_points').select(['value', 'e164']).where('kind', '=', 'phones').execute();
    expect(phones.length).toBeGreaterThan(contacts.length);
    expect(phones.filter((p) => !p.e164).map((p) => p.value)).toEqual([]);
    expect(contacts.some((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.birthday ?? ''))).toBe(true);
    expect(contacts.some((c) => /^--\d{2}-\d{2}$/.test(c.birthday ?? ''))).toBe(true);
    expect(contacts.some((c) => c.email_opt_out === 1)).toBe(true);
  });

  it('writes multilingual names, short websites and spreads owners, contact types and tags', async () => {
    const accounts = await first.db.selectFrom('accounts').select(['name', 'website', 'owner_id', 'contact_type_id', 'billing_country']).execute();
    const names = accounts.map((a) => a.name).join('\n');
    for (const marker of ['GmbH', 'Ltd', 'Inc.', 'SRL', 'Sp. z o.o.', '有限公司']) expect(names).toContain(marker);
    expect(names).toMatch(/[șțăâî]/);
    // Short hosts; stored as website points are, with https:// (issue #14).
    expect(accounts.every((a) => a.website === null || /^https:\/\/.{4,30}$/.test(a.website))).toBe(true);
    expect(new Set(accounts.map((a) => a.billing_country)).size).toBeGreaterThanOrEqual(6);
    expect(accounts.filter((a) => a.contact_type_id != null).length).toBeGreaterThan(accounts.length / 2);

    const users = await first.db.selectFrom('users').select(['id', 'email', 'role']).execute();
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(['anna.schmidt@demo.kontor.local', 'li.wei@demo.kontor.local']));
    expect(new Set(accounts.map((a) => a.owner_id)).size).toBeGreaterThanOrEqual(4);

    const tagged = await first.db
      .selectFrom('record_tags')
      .innerJoin('tags', 'tags.id', 'record_tags.tag_id')
      .select(['tags.name', 'record_tags.module', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['tags.name', 'record_tags.module'])
      .execute();
    const n = (tag: string, module: string) => Number(tagged.find((t) => t.name === tag && t.module === module)?.n ?? 0);
    expect(n(DEMO_TAG, 'accounts')).toBe(accounts.length);
    expect(n(DEMO_TAG, 'contacts')).toBe(await count(first.db, 'contacts'));
    for (const tag of ['VIP', 'Partner', 'Newsletter', 'Trade fair 2026', '供应商', 'Clienți']) expect(n(tag, 'accounts') + n(tag, 'contacts')).toBeGreaterThan(0);
  });

  it('adds about 250 deals over two pipelines: won, lost with a reason, open across the stages, in the account\'s currency', async () => {
    const deals = await first.db
      .selectFrom('deals as d')
      .innerJoin('pipelines as p', 'p.id', 'd.pipeline_id')
      .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .leftJoin('contacts as c', 'c.id', 'd.contact_id')
      .select(['d.status', 'd.lost_reason', 'd.closed_at', 'd.currency', 'd.amount', 'd.owner_id', 'd.expected_close_date', 'p.name as pipeline', 's.id as stage', 's.pipeline_id', 'a.billing_country', 'a.owner_id as account_owner', 'c.account_id as contact_account', 'd.account_id'])
      .execute();
    expect(deals.length).toBeGreaterThanOrEqual(200);
    expect(deals.length).toBeLessThanOrEqual(300);
    expect(await count(first.db, 'deals')).toBe(deals.length); // every deal is on an account
    expect(summary).toContain(`${deals.length} deals`);
    const status = (s: string) => deals.filter((d) => d.status === s);
    expect(status('won').length).toBeGreaterThan(deals.length / 5);
    expect(status('lost').length).toBeGreaterThan(deals.length / 10);
    expect(status('open').length).toBeGreaterThan(deals.length / 3);
    expect(status('lost').every((d) => d.lost_reason)).toBe(true);
    expect(deals.filter((d) => d.status !== 'open').every((d) => d.closed_at)).toBe(true);
    expect(new Set(deals.map((d) => d.pipeline))).toEqual(new Set(['Sales pipeline', 'Renewals']));
    expect(deals.every((d) => d.pipeline_id === Number(deals.find((x) => x.stage === d.stage)?.pipeline_id))).toBe(true);
    expect(new Set(status('open').map((d) => d.stage)).size).toBeGreaterThanOrEqual(7); // 5 + 3 stages, most in use
    const currency: Record<string, string> = { Deutschland: 'EUR', România: 'RON', 中国: 'CNY', 'United Kingdom': 'GBP', 'United States': 'USD' };
    expect(deals.filter((d) => currency[d.billing_country ?? '']).length).toBeGreaterThan(deals.length / 2);
    for (const d of deals) if (currency[d.billing_country ?? '']) expect(d.currency, d.billing_country ?? '').toBe(currency[d.billing_country ?? '']);
    expect(deals.filter((d) => d.amount == null).length).toBeLessThan(deals.length / 10);
    const withContact = deals.filter((d) => d.contact_account != null);
    expect(withContact.length).toBeGreaterThan(deals.length / 3);
    expect(withContact.every((d) => d.contact_account === d.account_id)).toBe(true);
    expect(deals.filter((d) => d.owner_id === d.account_owner).length).toBeGreaterThan(deals.length * 0.7);
    expect(deals.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.expected_close_date ?? ''))).toBe(true);
    expect(status('open').some((d) => (d.expected_close_date ?? '') < '2026-12-01') && status('open').some((d) => (d.expected_close_date ?? '') > '2027-01-01')).toBe(true);
    const tagged = await first.db.selectFrom('record_tags').innerJoin('tags', 'tags.id', 'record_tags.tag_id').select('tags.name').where('record_tags.module', '=', 'deals').where('tags.name', '=', DEMO_TAG).execute();
    expect(tagged.length).toBe(deals.length);
  });

  it('makes some accounts customers, as the API shows them', async () => {
    const app = await buildApp(first.config, first);
    try {
      const admin = await first.db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('id').executeTakeFirstOrThrow();
      const { token } = await createApiToken(first.db, admin.id, 'seed-demo test');
      const get = async <T>(url: string) => {
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode, url).toBe(200);
        return res.json<T>();
      };
      const customers = await get<{ data: AccountListItem[]; total: number }>('/api/v1/accounts?customer=true&count=true&limit=200');
      expect(customers.total).toBeGreaterThan(40);
      expect(customers.total).toBeLessThan(await count(first.db, 'accounts'));
      expect(customers.data.every((a) => a.isCustomer)).toBe(true);
      const german = customers.data.find((a) => a.billingCountry === 'Deutschland');
      const account = await get<Account>(`/api/v1/accounts/${german?.id}`);
      expect(account.deals.isCustomer).toBe(true);
      expect(account.deals.wonDealsValue[0]).toMatchObject({ currency: 'EUR', amount: expect.any(Number) });
      const board = await get<DealBoard>('/api/v1/deals/board');
      expect(board.pipeline.name).toBe('Sales pipeline');
      expect(board.columns.filter((c) => c.count > 0).length).toBeGreaterThanOrEqual(4);
    } finally {
      await app.close();
    }
  });

  it('plans activities on most accounts (done, overdue and upcoming), notes, and leads of which some are converted', async () => {
    const { db } = first;
    const activities = await db.selectFrom('activities').select(['done', 'scheduled_at', 'account_id', 'type']).execute();
    const open = activities.filter((a) => a.done === 0);
    expect(activities.length).toBeGreaterThan(300);
    expect(open.length).toBeGreaterThan(100);
    expect(new Set(activities.map((a) => a.type))).toEqual(new Set(['task', 'call', 'meeting']));
    expect(summary).toContain(`${activities.length} activities (${open.length} planned)`);
    // Spread around the seed's day: some overdue, some that day, most later.
    const day = (iso: string | null) => String(iso).slice(0, 10);
    expect(open.filter((a) => day(a.scheduled_at) < '2026-12-01').length).toBeGreaterThan(5);
    expect(open.filter((a) => day(a.scheduled_at) === '2026-12-01').length).toBeGreaterThan(5);
    expect(open.filter((a) => day(a.scheduled_at) > '2026-12-14').length).toBeGreaterThan(5);
    const planned = await db.selectFrom('accounts').select('id').where('next_activity_id', 'is not', null).execute();
    expect(planned.length).toBe(new Set(open.map((a) => a.account_id)).size);
    expect(Number((await db.selectFrom('notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(30);
    const leads = await db.selectFrom('leads').select(['status', 'converted_contact_id']).execute();
    expect(leads).toHaveLength(12);
    expect(leads.filter((l) => l.status === 'converted' && l.converted_contact_id != null)).toHaveLength(3);
    expect(summary).toContain('12 leads (3 converted into contacts at 3 new accounts)');
  });

  it('does nothing when run again', async () => {
    const before = { accounts: await count(first.db, 'accounts'), contacts: await count(first.db, 'contacts'), users: await count(first.db, 'users') };
    const again = await seedDemo(first.db, noEnvAdmin);
    expect(again).toMatch(/already loaded/);
    expect({ accounts: await count(first.db, 'accounts'), contacts: await count(first.db, 'contacts'), users: await count(first.db, 'users') }).toEqual(before);
  });

  it('produces the same data in another fresh database', async () => {
    const second = await createTestDatabase();
    try {
      await seedDemo(second.db, noEnvAdmin);
      const [a, b] = [await fingerprint(first.db), await fingerprint(second.db)];
      expect(b.accounts.slice(0, 20).map((x) => x.name)).toEqual(a.accounts.slice(0, 20).map((x) => x.name));
      expect(b).toEqual(a);
    } finally {
      await second.dispose();
    }
  }, SLOW);
});
