import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { migrate } from '../../db/migrate.ts';
import { SearchSync } from '../search/sync.ts';

/**
 * Migration 018 (db/migrations/018_account_primary_points.ts) on the state before it: accounts whose fixed phone and
 * website disagree with their contact points, in every way old data can, on the selected engine.
 */

const ID = '018_account_primary_points';
let database: TestDatabase;

type Point = { kind: 'phones' | 'websites'; value: string; primary?: boolean; e164?: string; label?: string };
interface Old {
  name: string;
  phone?: string | null;
  website?: string | null;
  primaryPhone?: string | null;
  points?: Point[];
  deleted?: boolean;
}

const accounts: Old[] = [
  // A fixed phone that no point has: it becomes the primary, the old primary stays as the second.
  { name: 'fixed-new', phone: '+49 30 1111111', primaryPhone: '+49 30 2222222', points: [{ kind: 'phones', value: '+49 30 2222222', primary: true, label: 'mobile' }] },
  // A fixed phone that a non-primary point has with other spacing: that point becomes primary, its form is kept.
  {
    name: 'fixed-among',
    phone: '+49 711 5550100',
    primaryPhone: '0711 5550199',
    points: [
      { kind: 'phones', value: '+49 (0)711 555 01-00', e164: '+497115550100', label: 'work' },
      { kind: 'phones', value: '0711 5550199', primary: true, label: 'fax' },
    ],
  },
  // No fixed values, primary points: they fill the fields.
  { name: 'points-only', primaryPhone: '+44 20 7946 0000', points: [{ kind: 'phones', value: '+44 20 7946 0000', primary: true }, { kind: 'websites', value: 'https://points.example', primary: true }] },
  // A bare-host website becomes an https point; a website only differing in case and slash matches the point.
  { name: 'site-bare', website: 'bare.example' },
  { name: 'site-case', website: 'HTTPS://Case.example/', points: [{ kind: 'websites', value: 'https://linkedin.com/company/case', primary: true }, { kind: 'websites', value: 'https://case.example' }] },
  // Points without any primary and no fixed value: the first becomes primary.
  { name: 'no-primary', points: [{ kind: 'phones', value: '+40 21 3333333' }, { kind: 'phones', value: '+40 21 4444444' }] },
  // Blank fixed values with no points are cleared; consistent accounts are left alone; the recycle bin too.
  { name: 'blank', phone: '  ', website: '' },
  { name: 'consistent', phone: '+33 1 5555555', primaryPhone: '+33 1 5555555', website: 'https://ok.example', points: [{ kind: 'phones', value: '+33 1 5555555', primary: true }, { kind: 'websites', value: 'https://ok.example', primary: true }] },
  { name: 'deleted', phone: '+48 22 6666666', deleted: true },
  // Out of step before: a primary_phone no point holds.
  { name: 'stale-copy', primaryPhone: '+36 1 7777777', points: [{ kind: 'phones', value: '+36 1 8888888', primary: true }] },
];

async function insertOld(a: Old): Promise<number> {
  const now = new Date().toISOString();
  const row = await database.db
    .insertInto('accounts')
    .values({
      name: a.name, name_sort: a.name, custom_fields: '{}', created_at: now, updated_at: now, version: 3,
      phone: a.phone ?? null, website: a.website ?? null, primary_phone: a.primaryPhone ?? null, deleted_at: a.deleted ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const points = a.points ?? [];
  if (points.length) {
    await database.db
      .insertInto('contact_points')
      .values(points.map((p, position) => ({
        module: 'accounts', record_id: row.id, kind: p.kind, label: p.label ?? 'work', value: p.value, e164: p.e164 ?? null, is_primary: p.primary ? 1 : 0, position,
        street: '', city: '', region: '', postal_code: '', country: '',
      })))
      .execute();
  }
  return row.id;
}

const ids = new Map<string, number>();

/** The rows as stored, whoever may see them: a migration's test reads past the record machinery on purpose. */
const accountRows = async (where: RawBuilder<unknown>) =>
  (await sql<{ id: number; phone: string | null; website: string | null; primary_phone: string | null; version: number }>`select id, phone, website, primary_phone, version from accounts ${where}`.execute(database.db)).rows;

async function state(name: string) {
  const id = ids.get(name) ?? 0;
  const row = (await accountRows(sql`where id = ${id}`))[0];
  if (!row) throw new Error(`no account ${name}`);
  const points = await database.db
    .selectFrom('contact_points')
    .select(['kind', 'value', 'label', 'is_primary'])
    .where('module', '=', 'accounts')
    .where('record_id', '=', id)
    .orderBy('kind')
    .orderBy('position')
    .execute();
  const list = (kind: string) => points.filter((p) => p.kind === kind).map((p) => `${p.is_primary ? '*' : ''}${p.value}`);
  return { ...row, phones: list('phones'), websites: list('websites') };
}

beforeAll(async () => {
  database = await createTestDatabase({}, { migrateUntil: ID });
  for (const a of accounts) ids.set(a.name, await insertOld(a));
  expect(await migrate(database)).toContain(ID);
});
afterAll(async () => database?.dispose());

describe('migration 018: account phone and website are the primary points', () => {
  it('makes a fixed value the primary point, adding it when no point has it', async () => {
    expect(await state('fixed-new')).toMatchObject({ phone: '+49 30 1111111', primary_phone: '+49 30 1111111', phones: ['*+49 30 1111111', '+49 30 2222222'], version: 3 });
    expect(await state('fixed-among')).toMatchObject({ phone: '+49 (0)711 555 01-00', primary_phone: '+49 (0)711 555 01-00', phones: ['*+49 (0)711 555 01-00', '0711 5550199'] });
  });

  it('fills empty fields from the primary points, and gives primary-less points a primary', async () => {
    expect(await state('points-only')).toMatchObject({ phone: '+44 20 7946 0000', website: 'https://points.example', phones: ['*+44 20 7946 0000'], websites: ['*https://points.example'] });
    expect(await state('no-primary')).toMatchObject({ phone: '+40 21 3333333', primary_phone: '+40 21 3333333', phones: ['*+40 21 3333333', '+40 21 4444444'] });
  });

  it('stores websites as website points are stored, and matches them ignoring case and a trailing slash', async () => {
    expect(await state('site-bare')).toMatchObject({ website: 'https://bare.example', websites: ['*https://bare.example'] });
    expect(await state('site-case')).toMatchObject({ website: 'https://case.example', websites: ['https://linkedin.com/company/case', '*https://case.example'] });
  });

  it('clears blank fields, leaves consistent accounts as they were and includes the recycle bin', async () => {
    expect(await state('blank')).toMatchObject({ phone: null, website: null, phones: [], websites: [] });
    expect(await state('consistent')).toMatchObject({ phone: '+33 1 5555555', website: 'https://ok.example', phones: ['*+33 1 5555555'], websites: ['*https://ok.example'] });
    expect(await state('deleted')).toMatchObject({ phone: '+48 22 6666666', phones: ['*+48 22 6666666'] });
  });

  it('leaves every account with its copies equal to its primary points, and the search documents rebuilt', async () => {
    const rows = await accountRows(sql``);
    for (const r of rows) {
      const s = await state([...ids].find(([, id]) => id === r.id)?.[0] ?? '');
      expect(r.phone).toBe(s.phones.find((p) => p.startsWith('*'))?.slice(1) ?? null);
      expect(r.website).toBe(s.websites.find((p) => p.startsWith('*'))?.slice(1) ?? null);
      expect(r.primary_phone).toBe(r.phone);
      expect(s.phones.filter((p) => p.startsWith('*')).length).toBeLessThanOrEqual(1);
    }
    const pending = await database.db.selectFrom('search_pending').select('record_id').execute();
    expect(pending).toEqual([]);
    const doc = await database.db.selectFrom('search_documents').select(['display_phone']).where('module', '=', 'accounts').where('record_id', '=', ids.get('fixed-new') ?? 0).executeTakeFirstOrThrow();
    expect(doc.display_phone).toBe('+49 30 1111111');
  });

  it('leaves every search document as a full rebuild makes it (only the accounts that need one were rebuilt)', async () => {
    const documents = () =>
      // Everything but the document's own id, which a rebuild renews.
      database.db
        .selectFrom('search_documents')
        .selectAll()
        .where('module', '=', 'accounts')
        .orderBy('record_id')
        .execute()
        .then((rows) => rows.map(({ id: _id, ...d }) => d));
    const migrated = await documents();
    expect(migrated.length).toBeGreaterThanOrEqual(accounts.length - 1);
    await database.db.transaction().execute((trx) => new SearchSync().rebuild(trx, 'accounts', [...ids.values()]));
    expect(await documents()).toEqual(migrated);
  });

  it('runs once: a second migrate changes nothing', async () => {
    const before = await state('fixed-among');
    expect(await migrate(database)).toEqual([]);
    expect(await state('fixed-among')).toEqual(before);
  });
});
