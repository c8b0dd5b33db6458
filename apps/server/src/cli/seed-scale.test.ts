import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { foldText } from '../db/dialect.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { nameSortKey, personSortKey } from '@kontor/contract/sort-key';
import { toE164 } from '../features/contact-points/phones.ts';
import { seedScale } from './seed-scale.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.dispose());

const logged: string[] = [];
const postgres = () => (t.config.databaseUrl ? { url: t.config.databaseUrl, schema: t.config.databaseSchema } : undefined);

describe('seed --scale', () => {
  it('writes N contacts, N/4 accounts and their rows as the app would, deterministically', async () => {
    const summary = await seedScale(t, { scale: 400, postgres: postgres(), log: (line) => logged.push(line) });
    expect(summary.counts.contacts).toBe(400);
    expect(summary.counts.accounts).toBe(100);
    expect(summary.counts.deals).toBe(200);
    expect(summary.counts.users).toBe(200);
    const { db } = t;
    const count = async (table: 'contacts' | 'accounts' | 'contact_points') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('contacts')).toBe(400);
    expect(await count('contact_points')).toBe(400 * 4 + 100 * 3);
    const contacts = await db.selectFrom('contacts').selectAll().orderBy('id').execute();
    for (const c of contacts) {
      expect(c.sort_name).toBe(personSortKey({ firstName: c.first_name, lastName: c.last_name }));
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

  it('writes N/2 deals over two pipelines: ~20% won, ~10% lost, the rest open across the stages, on accounts', async () => {
    const { db } = t;
    const pipelines = await db.selectFrom('pipelines').select(['id', 'name', 'is_default']).orderBy('id').execute();
    expect(pipelines.map((p) => p.name)).toEqual(['Sales pipeline', 'Renewals']);
    const stages = await db.selectFrom('pipeline_stages').select(['id', 'pipeline_id', 'position']).orderBy('pipeline_id').orderBy('position').execute();
    const stagesOf = (id: number) => stages.filter((s) => s.pipeline_id === id).map((s) => s.id);
    const [main, second] = pipelines.map((p) => p.id) as [number, number];
    expect(stagesOf(second)).toHaveLength(3);
    const deals = await db.selectFrom('deals as d').leftJoin('contacts as c', 'c.id', 'd.contact_id').selectAll('d').select('c.account_id as contact_account').execute();
    expect(deals).toHaveLength(200);
    const share = (f: (d: (typeof deals)[number]) => boolean) => deals.filter(f).length / deals.length;
    expect(share((d) => d.status === 'won')).toBeGreaterThan(0.12);
    expect(share((d) => d.status === 'won')).toBeLessThan(0.28);
    expect(share((d) => d.status === 'lost')).toBeGreaterThan(0.04);
    expect(share((d) => d.status === 'lost')).toBeLessThan(0.16);
    expect(share((d) => d.pipeline_id === second)).toBeGreaterThan(0.15);
    expect(share((d) => d.pipeline_id === second)).toBeLessThan(0.45);
    for (const d of deals) {
      const own = stagesOf(d.pipeline_id);
      expect(own).toContain(d.stage_id);
      if (d.status === 'won') expect(d.stage_id).toBe(own[own.length - 1]);
      expect(d.closed_at == null).toBe(d.status === 'open');
      expect(d.lost_reason == null).toBe(d.status !== 'lost');
      expect(d.name_sort).toBe(nameSortKey(d.name));
      expect(d.account_id).not.toBeNull();
      expect(d.expected_close_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect([d.version, d.restricted, d.deleted_at, d.custom_fields]).toEqual([1, 0, null, '{}']);
      if (d.contact_id != null) expect(d.contact_account).toBe(d.account_id);
    }
    expect(new Set(deals.filter((d) => d.status === 'open' && d.pipeline_id === main).map((d) => d.stage_id))).toEqual(new Set(stagesOf(main)));
    expect(share((d) => d.contact_id != null)).toBeGreaterThan(0.35);
    expect(share((d) => d.contact_id != null)).toBeLessThan(0.65);
    expect(new Set(deals.map((d) => d.currency)).size).toBeGreaterThanOrEqual(4);
    const benchUsers = new Set((await db.selectFrom('users').select('id').where('email', 'like', '%@bench.kontor.test').execute()).map((u) => u.id));
    expect(deals.every((d) => d.owner_id != null && benchUsers.has(d.owner_id))).toBe(true);
    const tagged = await db.selectFrom('record_tags').select('record_id').distinct().where('module', '=', 'deals').execute();
    expect(tagged.length).toBeGreaterThan(10);
    expect(tagged.length).toBeLessThan(80);
    // The deals indexes were dropped for the load (with those of accounts, contacts, ...) and rebuilt.
    const indexes = t.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'deals'`.execute(db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'deals'`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['deals_name', 'deals_board', 'deals_account', 'deals_contact', 'deals_owner', 'deals_deleted']));
    const dropped = Number(/dropped (\d+) secondary indexes/.exec(logged.join('\n'))?.[1]);
    expect(dropped).toBeGreaterThan(indexes.rows.length + 5);
    expect(logged.join('\n')).toContain(`rebuilt ${dropped} indexes`);
  });

  it('writes 2N activities, N/2 notes, N/10 leads, their timeline, and each account\'s next and last activity', async () => {
    const { db } = t;
    const activities = await db.selectFrom('activities').selectAll().execute();
    expect(activities).toHaveLength(800);
    expect(await db.selectFrom('notes').select('id').execute()).toHaveLength(200);
    expect(await db.selectFrom('leads').select('id').execute()).toHaveLength(40);
    const open = activities.filter((a) => a.done === 0);
    expect(open.length / activities.length).toBeGreaterThan(0.2);
    expect(open.length / activities.length).toBeLessThan(0.4);
    for (const a of activities) {
      expect(a.scheduled_at).toBe(a.type === 'task' ? a.due_at : a.start_at);
      expect(a.subject_sort).toBe(foldText(a.subject));
      expect(a.account_id).not.toBeNull();
    }
    // The columns as refreshAccountActivity would have left them, for every account.
    const accounts = await db.selectFrom('accounts').select(['id', 'next_activity_id', 'next_activity_at', 'last_activity_at']).execute();
    for (const acc of accounts) {
      const mine = activities.filter((a) => a.account_id === acc.id);
      const next = mine.filter((a) => a.done === 0).sort((x, y) => String(x.scheduled_at).localeCompare(String(y.scheduled_at)) || x.id - y.id)[0];
      const last = mine.filter((a) => a.done === 1).map((a) => String(a.scheduled_at)).sort().at(-1);
      expect([acc.next_activity_id, acc.next_activity_at, acc.last_activity_at]).toEqual([next?.id ?? null, next?.scheduled_at ?? null, last ?? null]);
    }
    const events = await db.selectFrom('timeline_events').select(['kind', 'module']).execute();
    const count = (kind: string, module: string) => events.filter((e) => e.kind === kind && e.module === module).length;
    expect([count('created', 'accounts'), count('created', 'contacts'), count('created', 'deals'), count('created', 'activities'), count('created', 'leads')]).toEqual([100, 400, 200, 800, 40]);
    expect(count('activity_completed', 'activities')).toBe(activities.length - open.length);
    expect(events.filter((e) => e.kind === 'note_added')).toHaveLength(200);
  });

  it('refuses a non-empty database unless forced', async () => {
    await expect(seedScale(t, { scale: 10, postgres: postgres() })).rejects.toThrow(/--force/);
    const again = await seedScale(t, { scale: 10, force: true, postgres: postgres() });
    expect(again.counts.contacts).toBe(10);
    expect(again.counts.deals).toBe(5);
    // The second pipeline is reused, not made again.
    expect((await t.db.selectFrom('pipelines').select('name').execute()).map((p) => p.name).sort()).toEqual(['Renewals', 'Sales pipeline']);
  });
});
