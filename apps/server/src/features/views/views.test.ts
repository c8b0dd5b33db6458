import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { ListResponse } from '@kontor/contract/common';
import type { Filter, FilterFieldsResponse, View } from '@kontor/contract/views';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeContact, makeDeal } from '../../test/factories.ts';

/**
 * List views (issue #13) on both engines: every operator on every kind of field (standard, custom, tags, related
 * records), the system views, multi-column keyset paging under concurrent inserts, saved views and their sharing,
 * and the 400s for whatever a list does not know.
 */
const { h, admin } = useHarness();

type Cond = Filter['conditions'][number];
const all = (...conditions: Cond[]): Filter => ({ match: 'all', conditions });
const url = (module: string, params: Record<string, string>) => `/api/v1/${module}?${new URLSearchParams(params).toString()}`;

async function names(c: TestClient, module: string, params: Record<string, string>): Promise<string[]> {
  const res = await c.get(url(module, { limit: '200', ...params }));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListResponse<{ name?: string; fullName?: string }>>().data.map((r) => r.name ?? r.fullName ?? '').sort();
}
const accountsWhere = (...conds: Cond[]) => names(admin, 'accounts', { filter: JSON.stringify(all(...conds)), tag: 'viewtest' });

beforeAll(async () => {
  for (const [key, type, options] of [
    ['budget', 'number', []],
    ['since', 'date', []],
    ['segment', 'picklist', ['smb', 'enterprise']],
    ['regions', 'multiselect', ['emea', 'apac', 'amer']],
    ['vip', 'checkbox', []],
    ['memo', 'text', []],
  ] as const) {
    const res = await admin.post('/api/v1/custom-fields', { module: 'accounts', key, label: key.toUpperCase(), type, options });
    expect(res.statusCode, res.body).toBe(201);
  }
  const common = { tags: ['viewtest'], website: null, employees: null, industry: null };
  const alpha = await makeAccount(admin, {
    name: 'Alpha Tools GmbH', industry: 'technology', employees: 10, annualRevenue: 1_000_000, website: 'https://alpha.example', tags: ['viewtest', 'vip'],
    customFields: { budget: 100, since: '2025-01-15', segment: 'smb', regions: ['emea'], vip: true, memo: 'Call Anna' },
  });
  const beta = await makeAccount(admin, {
    name: 'Beta Foods', website: null, industry: 'food_beverage', employees: 500, annualRevenue: 50_000_000, tags: ['viewtest', 'key', 'vip'],
    customFields: { budget: 5000, since: '2026-06-01', segment: 'enterprise', regions: ['emea', 'apac'], vip: false },
  });
  await makeAccount(admin, { name: 'Gamma Labs', ...common });
  await makeAccount(admin, { name: '42 Partners', ...common });
  await makeAccount(admin, { name: 'Ärzte Union', ...common });
  await makeAccount(admin, { name: 'Бета Трейд', ...common });
  await makeDeal(admin, { name: 'Big open deal', accountId: beta.id, amount: 90_000 });
  const won = await makeDeal(admin, { name: 'Won deal', accountId: alpha.id, amount: 1000 });
  const res = await admin.patch(`/api/v1/deals/${won.id}`, { status: 'won', version: won.version });
  expect(res.statusCode, res.body).toBe(200);
});

describe('filters: every operator on every kind of field', () => {
  it.each<[string, Cond[], string[]]>([
    ['text is (any case)', [{ field: 'name', op: 'is', value: 'beta foods' }], ['Beta Foods']],
    ['text is not', [{ field: 'name', op: 'isNot', value: 'Beta Foods' }], ['42 Partners', 'Alpha Tools GmbH', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['text contains', [{ field: 'name', op: 'contains', value: 'a l' }], ['Gamma Labs']],
    ['text contains with LIKE characters', [{ field: 'name', op: 'contains', value: '%' }], []],
    ['text does not contain', [{ field: 'name', op: 'notContains', value: 'a' }], ['42 Partners', 'Ärzte Union', 'Бета Трейд'].filter((n) => !n.toLowerCase().includes('a'))],
    ['text starts with', [{ field: 'name', op: 'startsWith', value: 'al' }], ['Alpha Tools GmbH']],
    ['text is empty', [{ field: 'website', op: 'isEmpty' }], ['42 Partners', 'Beta Foods', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['text is not empty', [{ field: 'website', op: 'isNotEmpty' }], ['Alpha Tools GmbH']],
    ['text any of', [{ field: 'name', op: 'anyOf', value: ['Gamma Labs', '42 partners'] }], ['42 Partners', 'Gamma Labs']],
    ['number greater than', [{ field: 'employees', op: 'gt', value: 10 }], ['Beta Foods']],
    ['number at least', [{ field: 'employees', op: 'gte', value: 10 }], ['Alpha Tools GmbH', 'Beta Foods']],
    ['number less than', [{ field: 'annualRevenue', op: 'lt', value: 2_000_000 }], ['Alpha Tools GmbH']],
    ['number between', [{ field: 'employees', op: 'between', value: [5, 100] }], ['Alpha Tools GmbH']],
    ['number is empty', [{ field: 'employees', op: 'isEmpty' }], ['42 Partners', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['number is not (empty included)', [{ field: 'employees', op: 'isNot', value: 10 }], ['42 Partners', 'Beta Foods', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['picklist is', [{ field: 'industry', op: 'is', value: 'technology' }], ['Alpha Tools GmbH']],
    ['picklist none of', [{ field: 'industry', op: 'noneOf', value: ['technology'] }], ['42 Partners', 'Beta Foods', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['picklist is empty', [{ field: 'industry', op: 'isEmpty' }], ['42 Partners', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['tags any of', [{ field: 'tags', op: 'anyOf', value: ['KEY'] }], ['Beta Foods']],
    ['tags none of', [{ field: 'tags', op: 'noneOf', value: ['vip'] }], ['42 Partners', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['owner is me', [{ field: 'ownerId', op: 'is', value: 'me' }, { field: 'name', op: 'startsWith', value: 'B' }], ['Beta Foods']],
    ['owner is my team', [{ field: 'ownerId', op: 'anyOf', value: ['myTeam'] }, { field: 'name', op: 'startsWith', value: 'G' }], ['Gamma Labs']],
    ['created in the last 7 days', [{ field: 'createdAt', op: 'inLast', value: 7 }, { field: 'name', op: 'startsWith', value: 'g' }], ['Gamma Labs']],
    ['created before 2000', [{ field: 'createdAt', op: 'before', value: '2000-01-01' }], []],
    ['created after 2000', [{ field: 'createdAt', op: 'after', value: '2000-01-01' }, { field: 'name', op: 'is', value: 'Gamma Labs' }], ['Gamma Labs']],
    ['custom number greater than', [{ field: 'customFields.budget', op: 'gt', value: 1000 }], ['Beta Foods']],
    ['custom date before', [{ field: 'customFields.since', op: 'before', value: '2026-01-01' }], ['Alpha Tools GmbH']],
    ['custom date between', [{ field: 'customFields.since', op: 'between', value: ['2026-01-01', '2026-12-31'] }], ['Beta Foods']],
    ['custom date is empty', [{ field: 'customFields.since', op: 'isEmpty' }], ['42 Partners', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['custom picklist is', [{ field: 'customFields.segment', op: 'is', value: 'enterprise' }], ['Beta Foods']],
    ['custom multiselect any of', [{ field: 'customFields.regions', op: 'anyOf', value: ['apac'] }], ['Beta Foods']],
    ['custom multiselect none of', [{ field: 'customFields.regions', op: 'noneOf', value: ['emea'] }], ['42 Partners', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['custom checkbox is true', [{ field: 'customFields.vip', op: 'is', value: true }], ['Alpha Tools GmbH']],
    ['custom checkbox is false (unset included)', [{ field: 'customFields.vip', op: 'is', value: false }], ['42 Partners', 'Beta Foods', 'Gamma Labs', 'Ärzte Union', 'Бета Трейд']],
    ['custom text contains', [{ field: 'customFields.memo', op: 'contains', value: 'anna' }], ['Alpha Tools GmbH']],
    ['with an open deal (ONLYOFFICE)', [{ field: 'hasOpenDeal', op: 'is', value: true }], ['Beta Foods']],
    ['customers (a won deal)', [{ field: 'customer', op: 'is', value: true }], ['Alpha Tools GmbH']],
    ['an open deal over 50,000', [{ field: 'openDealAmount', op: 'gt', value: 50_000 }], ['Beta Foods']],
    ['an open deal over 100,000', [{ field: 'openDealAmount', op: 'gt', value: 100_000 }], []],
  ])('%s', async (_label, conds, expected) => {
    expect(await accountsWhere(...conds)).toEqual([...expected].sort());
  });

  it('AND / OR groups', async () => {
    const f: Filter = {
      match: 'all',
      conditions: [
        { field: 'tags', op: 'anyOf', value: ['vip'] },
        { match: 'any', conditions: [{ field: 'employees', op: 'gt', value: 100 }, { field: 'customFields.segment', op: 'is', value: 'smb' }] },
      ],
    };
    expect(await names(admin, 'accounts', { filter: JSON.stringify(f) })).toEqual(['Alpha Tools GmbH', 'Beta Foods']);
    const any: Filter = { match: 'any', conditions: [{ field: 'name', op: 'is', value: 'Gamma Labs' }, { field: 'name', op: 'is', value: '42 Partners' }] };
    expect(await names(admin, 'accounts', { filter: JSON.stringify(any) })).toEqual(['42 Partners', 'Gamma Labs']);
  });

  it('contacts without activity in 90 days', async () => {
    const quiet = await makeContact(admin, { firstName: 'Quiet', lastName: 'Viewtest' });
    const busy = await makeContact(admin, { firstName: 'Busy', lastName: 'Viewtest' });
    const act = await makeActivity(admin, { type: 'call', subject: 'Call Busy', contactId: busy.id });
    expect((await admin.patch(`/api/v1/activities/${act.id}`, { done: true, version: act.version })).statusCode).toBe(200);
    const f = all({ field: 'lastActivityAt', op: 'notInLast', value: 90 }, { field: 'lastName', op: 'is', value: 'Viewtest' });
    expect(await names(admin, 'contacts', { filter: JSON.stringify(f) })).toEqual([`${quiet.firstName} ${quiet.lastName}`]);
  });

  it('the A-Z index: Latin letters with marks, digits, other scripts and the rest', async () => {
    expect(await names(admin, 'accounts', { letter: 'A', tag: 'viewtest' })).toEqual(['Alpha Tools GmbH', 'Ärzte Union']);
    expect(await names(admin, 'accounts', { letter: '0-9', tag: 'viewtest' })).toEqual(['42 Partners']);
    expect(await names(admin, 'accounts', { letter: 'Б', tag: 'viewtest' })).toEqual(['Бета Трейд']);
    expect(await names(admin, 'accounts', { letter: '#', tag: 'viewtest' })).toEqual(['Бета Трейд']);
  });
});

describe('what a list does not know is a 400 that names what it does', () => {
  const bad = async (u: string) => {
    const res = await admin.get(u);
    expect(res.statusCode, res.body).toBe(400);
    return JSON.stringify(res.json());
  };
  it('an unknown parameter', async () => {
    expect(await bad('/api/v1/accounts?createdAfter=2020-01-01')).toMatch(/createdAfter.*a list takes:.*filter/);
    expect(await bad('/api/v1/contacts?foo=1')).toMatch(/unknown parameter foo/);
  });
  it('an unknown field, an operator that does not fit, a bad value', async () => {
    expect(await bad(url('accounts', { filter: JSON.stringify(all({ field: 'nope', op: 'is', value: 'x' })) }))).toMatch(/unknown field \\"nope\\".*name/);
    expect(await bad(url('accounts', { filter: JSON.stringify(all({ field: 'employees', op: 'contains', value: 'x' })) }))).toMatch(/does not apply to employees.*gt/);
    expect(await bad(url('accounts', { filter: JSON.stringify(all({ field: 'employees', op: 'gt', value: 'many' })) }))).toMatch(/must be a number/);
    expect(await bad(url('accounts', { filter: JSON.stringify(all({ field: 'industry', op: 'is', value: 'spaceships' })) }))).toMatch(/one of: .*agriculture/i);
    expect(await bad(url('accounts', { filter: JSON.stringify(all({ field: 'createdAt', op: 'inLast', value: 0 })) }))).toMatch(/whole number of days/);
    expect(await bad(url('accounts', { filter: JSON.stringify(all({ field: 'employees', op: 'isOver' as 'is', value: 1 })) }))).toMatch(/filter\.conditions\.0\.op/);
    expect(await bad(url('accounts', { filter: '{not json' }))).toMatch(/must be JSON/);
    expect(await bad(url('accounts', { sort: 'name,shoeSize' }))).toMatch(/sort by one of/);
    expect(await bad(url('accounts', { view: 'system.nothing' }))).toMatch(/system views of accounts/);
    expect(await bad(url('accounts', { view: '999999' }))).toMatch(/no view 999999/);
  });
  it('hostile values on both engines: ids past 2^31-1, NUL bytes, huge numbers', async () => {
    await bad(url('accounts', { filter: JSON.stringify(all({ field: 'ownerId', op: 'is', value: '9999999999' })) }));
    await bad(url('accounts', { filter: JSON.stringify(all({ field: 'parentAccountId', op: 'anyOf', value: ['2147483648'] })) }));
    await bad(url('accounts', { filter: JSON.stringify(all({ field: 'name', op: 'is', value: 'a\u0000b' })) }));
    await bad(url('accounts', { filter: JSON.stringify(all({ field: 'employees', op: 'gt', value: 1e300 })) }));
    await bad(url('accounts', { view: '99999999999' }));
    await bad(url('accounts', { letter: 'ab' }));
  });
});

describe('multi-column sort and keyset paging', () => {
  it('pages through every record once, in order, while records are inserted', async () => {
    for (let i = 0; i < 12; i++) await makeAccount(admin, { name: `Page ${String(i % 4)}`, employees: i, tags: ['paging'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = false;
    do {
      const params: Record<string, string> = { tag: 'paging', sort: 'name,-employees', limit: '5', ...(cursor && { cursor }) };
      const res = await admin.get(url('accounts', params));
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<ListResponse<AccountListItem>>();
      seen.push(...page.data.map((a) => `${a.name}/${a.employees}`));
      cursor = page.nextCursor;
      if (!inserted) {
        // A record sorting before the cursor must not appear; one after it must, once.
        await makeAccount(admin, { name: 'Page 0', employees: 99, tags: ['paging'] });
        await makeAccount(admin, { name: 'Page 3', employees: 100, tags: ['paging'] });
        inserted = true;
      }
    } while (cursor);
    const expected = [...Array.from({ length: 12 }, (_, i) => ({ n: `Page ${i % 4}`, e: i })), { n: 'Page 3', e: 100 }]
      .sort((a, b) => a.n.localeCompare(b.n) || b.e - a.e)
      .map((x) => `${x.n}/${x.e}`);
    expect(seen).toEqual(expected);
  });

  it('a forged cursor is a 400', async () => {
    const res = await admin.get(url('accounts', { sort: 'name,-employees', cursor: Buffer.from(JSON.stringify(['a', 'x', 1])).toString('base64url') }));
    expect(res.statusCode).toBe(400);
  });
});

describe('views', () => {
  it('lists the system views, saves a view, shares it and sets it as default', async () => {
    const sales = await h.client('sales');
    const list = await admin.get('/api/v1/views?module=accounts');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json<{ data: View[]; defaultViewId: string }>();
    expect(body.data.filter((v) => v.kind === 'system').map((v) => v.id)).toEqual([
      'system.all', 'system.mine', 'system.new-this-week', 'system.new-last-week', 'system.unread', 'system.recently-viewed', 'system.customers',
    ]);
    expect(body.defaultViewId).toBe('system.all');

    const created = await admin.post('/api/v1/views', {
      module: 'accounts', name: 'Big VIPs', filter: all({ field: 'tags', op: 'anyOf', value: ['vip'] }, { field: 'employees', op: 'gt', value: 100 }),
      sort: ['-employees'], columns: ['name', 'employees', 'customFields.budget'], columnWidths: { name: 240 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json<View>();
    expect(await names(admin, 'accounts', { view: view.id })).toEqual(['Beta Foods']);
    // Not shared: another user cannot use it.
    expect((await sales.get(url('accounts', { view: view.id }))).statusCode).toBe(400);
    expect((await sales.get('/api/v1/views?module=accounts')).json<{ data: View[] }>().data.some((v) => v.id === view.id)).toBe(false);

    const shared = await admin.patch(`/api/v1/views/${view.id}`, { shared: true, version: view.version });
    expect(shared.statusCode, shared.body).toBe(200);
    const theirs = (await sales.get('/api/v1/views?module=accounts')).json<{ data: View[] }>().data.find((v) => v.id === view.id);
    expect(theirs).toMatchObject({ kind: 'shared', editable: false });
    expect((await sales.get(url('accounts', { view: view.id }))).statusCode).toBe(200);
    // Only the owner (or an administrator) changes a shared view; a stale version is refused.
    expect((await sales.patch(`/api/v1/views/${view.id}`, { name: 'Mine now', version: 2 })).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/views/${view.id}`, { name: 'Stale', version: 1 })).statusCode).toBe(409);

    expect((await sales.put(`/api/v1/views/default/accounts`, { viewId: view.id })).statusCode).toBe(204);
    expect((await sales.get('/api/v1/views?module=accounts')).json<{ defaultViewId: string }>().defaultViewId).toBe(view.id);
    expect((await admin.delete(`/api/v1/views/${view.id}`)).statusCode).toBe(204);
    expect((await sales.get('/api/v1/views?module=accounts')).json<{ defaultViewId: string }>().defaultViewId).toBe('system.all');
  });

  it('refuses a view whose filter, sort or columns the module does not have, and changes nothing', async () => {
    const before = (await admin.get('/api/v1/views?module=contacts')).json<{ data: View[] }>().data.length;
    for (const body of [
      { module: 'contacts', name: 'x', filter: all({ field: 'industry', op: 'is', value: 'technology' }) },
      { module: 'contacts', name: 'x', sort: ['employees'] },
      { module: 'contacts', name: 'x', columns: ['name', 'shoeSize'] },
      { module: 'contacts', name: '   ' },
      { module: 'contacts', name: 'x', pageSize: 5000 },
      { module: 'nothing', name: 'x' },
    ]) {
      const res = await admin.post('/api/v1/views', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.get('/api/v1/views?module=contacts')).json<{ data: View[] }>().data.length).toBe(before);
  });

  it('offers every field with its operators, custom fields with their labels', async () => {
    const res = await admin.get('/api/v1/views/fields?module=accounts');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<FilterFieldsResponse>();
    const byKey = new Map(body.fields.map((f) => [f.key, f]));
    expect(byKey.get('employees')?.operators).toContain('between');
    expect(byKey.get('customFields.segment')).toMatchObject({ label: 'SEGMENT', type: 'picklist', options: ['smb', 'enterprise'], custom: true });
    expect(byKey.get('ownerId')).toMatchObject({ type: 'user', references: 'users' });
    expect(body.columns).toContain('customFields.budget');
  });
});

describe('system views', () => {
  it('my records, new this week, unread, recently viewed and customers', async () => {
    const sales = await h.client('sales');
    const mine = await makeContact(sales, { firstName: 'Own', lastName: 'Systemview' });
    const other = await makeContact(admin, { firstName: 'Other', lastName: 'Systemview', ownerId: sales.userId });
    const only = (ns: string[]) => ns.filter((n) => n.endsWith('Systemview'));
    expect(only(await names(sales, 'contacts', { view: 'system.mine' }))).toEqual(['Other Systemview', 'Own Systemview']);
    expect(only(await names(sales, 'contacts', { view: 'system.new-this-week' }))).toEqual(['Other Systemview', 'Own Systemview']);
    expect(only(await names(sales, 'contacts', { view: 'system.new-last-week' }))).toEqual([]);
    expect(only(await names(sales, 'contacts', { view: 'system.unread' }))).toEqual(['Other Systemview', 'Own Systemview']);
    expect(only(await names(sales, 'contacts', { view: 'system.recently-viewed' }))).toEqual([]);
    expect((await sales.get(`/api/v1/contacts/${other.id}`)).statusCode).toBe(200);
    expect(only(await names(sales, 'contacts', { view: 'system.unread' }))).toEqual(['Own Systemview']);
    expect(only(await names(sales, 'contacts', { view: 'system.recently-viewed' }))).toEqual(['Other Systemview']);
    // Another user's visits are theirs.
    expect(only(await names(admin, 'contacts', { view: 'system.recently-viewed' }))).toEqual([]);
    // Recently viewed: the last opened first.
    expect((await sales.get(`/api/v1/contacts/${mine.id}/page`)).statusCode).toBe(200);
    const recent = await sales.get(url('contacts', { view: 'system.recently-viewed' }));
    expect(recent.json<ListResponse<{ fullName: string }>>().data.map((c) => c.fullName).filter((n) => n.endsWith('Systemview'))).toEqual(['Own Systemview', 'Other Systemview']);
    expect(await names(admin, 'accounts', { view: 'system.customers', tag: 'viewtest' })).toEqual(['Alpha Tools GmbH']);
  });
});
