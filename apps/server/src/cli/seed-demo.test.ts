import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { seedDemo } from './seed-demo.ts';
import { DEMO_TAG } from './seed-demo/tags.ts';

// Seeding writes ~1,000 records through the services; PostgreSQL takes a few seconds more than SQLite.
const SLOW = 180_000;
const noEnvAdmin = { admin: { email: null, password: null } };

const count = async (db: Kysely<DB>, table: 'accounts' | 'contacts' | 'users') =>
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
  return { accounts, contacts };
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
    expect(accounts.every((a) => (a.website ?? '').length <= 30)).toBe(true);
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
