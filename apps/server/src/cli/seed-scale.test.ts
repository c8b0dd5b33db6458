import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { contactSortName } from '../features/contacts/contacts.columns.ts';
import { toE164 } from '../features/contact-points/phones.ts';
import { seedScale } from './seed-scale.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.dispose());

const postgres = () => (t.config.databaseUrl ? { url: t.config.databaseUrl, schema: t.config.databaseSchema } : undefined);

describe('seed --scale', () => {
  it('writes N contacts, N/4 accounts and their rows as the app would, deterministically', async () => {
    const summary = await seedScale(t, { scale: 400, postgres: postgres() });
    expect(summary.counts.contacts).toBe(400);
    expect(summary.counts.accounts).toBe(100);
    expect(summary.counts.users).toBe(200);
    const { db } = t;
    const count = async (table: 'contacts' | 'accounts' | 'contact_points') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('contacts')).toBe(400);
    expect(await count('contact_points')).toBe(400 * 4 + 100 * 3);
    const contacts = await db.selectFrom('contacts').selectAll().orderBy('id').execute();
    for (const c of contacts) {
      expect(c.sort_name).toBe(contactSortName(c.first_name, c.last_name));
      expect(c.version).toBe(1);
      expect(() => JSON.parse(c.custom_fields)).not.toThrow();
      expect(c.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const points = await db.selectFrom('contact_points').selectAll().where('module', '=', 'contacts').where('record_id', '=', contacts[0]?.id ?? 0).execute();
    expect(points.filter((p) => p.kind === 'emails')).toHaveLength(2);
    expect(points.find((p) => p.kind === 'emails' && p.is_primary === 1)?.value).toBe(contacts[0]?.primary_email);
    for (const p of points.filter((x) => x.kind === 'phones')) expect(p.e164).toBe(toE164(p.value, null));
    const restricted = contacts.filter((c) => c.restricted === 1).length;
    const access = await db.selectFrom('record_access').select('record_id').distinct().execute();
    expect(access.length).toBe(restricted);
    // Same seed, same data: the first names come out in the same order on every run and engine.
    expect(contacts.slice(0, 3).map((c) => c.sort_name)).toEqual(['muller lena', 'stoica ioana', 'hoffmann lena']);
  });

  it('refuses a non-empty database unless forced', async () => {
    await expect(seedScale(t, { scale: 10, postgres: postgres() })).rejects.toThrow(/--force/);
    const again = await seedScale(t, { scale: 10, force: true, postgres: postgres() });
    expect(again.counts.contacts).toBe(10);
  });
});
