import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '@kontor/contract/search';
import type { ListResponse } from '@kontor/contract/common';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal, makeLead } from '../../test/factories.ts';

/**
 * The query language and the index (issue #12), the same table of queries on both engines: the seed's own examples,
 * word order, typos, diacritics, Chinese, Romanian and German names, phone formats, fields and exclusions.
 */
const { h, admin } = useHarness();

const search = async (c: TestClient, q: string, extra = '') => {
  const res = await c.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchResponse>();
};
const titles = async (q: string, types = 'contact', c: TestClient = admin) => (await search(c, q, `&types=${types}`)).data.map((d) => d.title).sort();

beforeAll(async () => {
  const acme = await makeAccount(admin, {
    name: 'Acme GmbH', website: 'https://www.acme.com', emails: [{ label: 'work', value: 'info@acme.com', primary: true }],
    billingAddress: { street: 'Leopoldstr. 1', city: 'München', region: '', postalCode: '80802', country: 'DE' },
  });
  await makeContact(admin, {
    firstName: 'Emma', lastName: 'Patel', accountId: acme.id, position: 'Purchasing Director', tags: ['vip'],
    emails: [{ label: 'work', value: 'emma.patel@acme.com', primary: true }, { label: 'home', value: 'emma@patel.example', primary: false }],
    phones: [{ label: 'work', value: '+49 30 1234567', primary: true }],
    addresses: [{ label: 'work', street: 'Unter den Linden 5', city: 'Berlin', region: '', postalCode: '10117', country: 'DE', primary: true }],
  });
  for (const [firstName, lastName] of [['John', 'Smith'], ['Jane', 'Smyth'], ['Otto', 'Johnson'], ['Thomas', 'Müller'], ['José', 'García'], ['小明', '王'], ['Ștefan', 'Popescu'], ['Sarah', 'Brown']]) {
    await makeContact(admin, { firstName, lastName, emails: [] });
  }
  await makeLead(admin, { firstName: 'Lena', lastName: 'Schmidt', company: 'Globex AG' });
  await makeDeal(admin, { name: 'Expansion 2027', accountId: acme.id });
});

describe('the query language', () => {
  it.each([
    // Words in any order, punctuation ignored.
    ['Emma Patel', ['Emma Patel']],
    ['Patel Emma', ['Emma Patel']],
    ['patel, emma', ['Emma Patel']],
    // Seed 002: ? one character, * any run, "exact phrase", ~ similar spelling.
    ['Sm?th', ['Jane Smyth', 'John Smith']],
    ['O*', ['Otto Johnson']],
    ['"emma patel"', ['Emma Patel']],
    ['"patel emma"', []],
    ['Jonson~', ['Otto Johnson']],
    ['Brwon~', ['Sarah Brown']],
    // Case and accents, German, Spanish, Romanian, Chinese.
    ['muller', ['Thomas Müller']],
    ['MÜLLER', ['Thomas Müller']],
    ['mül', ['Thomas Müller']],
    ['mueller', ['Thomas Müller']],
    ['city:muenchen', []],
    ['Jose', ['José García']],
    ['garcia', ['José García']],
    ['stefan', ['Ștefan Popescu']],
    ['小明', ['王小明']],
    ['王', ['王小明']],
    // Phones in any format.
    ['+49 30 1234567', ['Emma Patel']],
    ['030/1234567', ['Emma Patel']],
    ['301234567', ['Emma Patel']],
    ['1234567', ['Emma Patel']],
    // Every e-mail, the company, the position, fields.
    ['emma@patel.example', ['Emma Patel']],
    ['acme', ['Emma Patel']],
    ['purchasing', ['Emma Patel']],
    ['email:*@acme.com', ['Emma Patel']],
    ['city:Berlin', ['Emma Patel']],
    ['city:München', []],
    ['tag:vip', ['Emma Patel']],
    ['company:acme', ['Emma Patel']],
    ['name:acme', []],
    // Exclusions.
    ['Sm?th -jane', ['John Smith']],
    ['patel -emma', []],
    ['-emma', []],
  ])('%s', async (q, expected) => {
    expect(await titles(q)).toEqual([...expected].sort());
  });

  it.each([
    ['acme', 'account', ['Acme GmbH']],
    ['city:munchen', 'account', ['Acme GmbH']],
    ['city:muenchen', 'account', ['Acme GmbH']],
    ['acme.com', 'account', ['Acme GmbH']],
    ['schmidt', 'lead', ['Lena Schmidt']],
    ['globex', 'lead', ['Lena Schmidt']],
    ['expansion', 'deal', ['Expansion 2027']],
    ['company:acme', 'deal', ['Expansion 2027']],
  ])('%s in %s', async (q, type, expected) => {
    expect(await titles(q, type)).toEqual(expected);
  });

  it('answers every type grouped, with the primary e-mail, phone and account of each hit', async () => {
    const res = await search(admin, 'acme');
    expect(res.data.map((d) => d.type)).toEqual(['contact', 'account', 'deal']);
    const emma = res.data[0];
    expect(emma).toMatchObject({ title: 'Emma Patel', email: 'emma.patel@acme.com', phone: '+49 30 1234567', account: { name: 'Acme GmbH' }, ownedByMe: true });
    const lead = (await search(admin, 'globex')).data[0];
    expect(lead).toMatchObject({ type: 'lead', company: 'Globex AG', account: null });
  });

  it('reads malformed queries sensibly and says how', async () => {
    expect(await search(admin, '"emma patel')).toMatchObject({ notices: [{ code: 'unbalanced_quote' }] });
    expect((await search(admin, '"emma patel')).data.map((d) => d.title)).toEqual(['Emma Patel']);
    expect(await search(admin, '*')).toEqual({ data: [], notices: [{ code: 'wildcard_only', term: '*' }] });
    for (const q of ['', '"', '-', ':', '~', '?', '***', 'email:', '%_%', "' or 1=1 --", '\\', '🙂', '"""', 'x'.repeat(200)]) {
      const res = await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${JSON.stringify(q)}: ${res.body}`).toBe(200);
    }
    for (const bad of [`q=${'x'.repeat(201)}`, 'q=a&types=people', 'q=a&limit=0', 'q=a&limit=51', 'q=a&limit=abc', 'types=contact', 'q=%00', 'q=a%00b', `q=a&limit=${2 ** 31}`]) {
      const res = await admin.get(`/api/v1/search?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
  });
});

describe('ranking', () => {
  it('puts exact words before word starts, word starts before fragments, and own records first among equals', async () => {
    const sales = await h.client('sales');
    await makeContact(admin, { firstName: 'Ann', lastName: 'Kowalczyk' });
    await makeContact(admin, { firstName: 'Ann', lastName: 'Kowal' });
    await makeContact(admin, { firstName: 'Ann', lastName: 'Nowakowal' });
    const res = await search(admin, 'kowal', '&types=contact');
    expect(res.data.map((d) => [d.title, d.match])).toEqual([
      ['Ann Kowal', 'exact'],
      ['Ann Kowalczyk', 'prefix'],
      ['Ann Nowakowal', 'substring'],
    ]);
    const mine = await makeContact(sales, { firstName: 'Zed', lastName: 'Ranking' });
    await makeContact(admin, { firstName: 'Zoe', lastName: 'Ranking' });
    const forSales = await search(sales, 'ranking', '&types=contact');
    expect(forSales.data[0]).toMatchObject({ id: mine.id, ownedByMe: true });
    // For the administrator the most recently changed comes first.
    expect((await search(admin, 'ranking', '&types=contact')).data.map((d) => d.title)).toEqual(['Zoe Ranking', 'Zed Ranking']);
  });
});

describe('permissions', () => {
  it('never returns, counts or names records the reader may not see', async () => {
    const sales = await h.client('sales');
    const hiddenAccount = await makeAccount(admin, { name: 'Secretive Holding', restrictedTo: [] });
    await makeContact(admin, { firstName: 'Hidden', lastName: 'Quibble', restrictedTo: [] });
    await makeContact(admin, { firstName: 'Open', lastName: 'Quibble', accountId: hiddenAccount.id });
    expect(await titles('quibble', 'contact', sales)).toEqual(['Open Quibble']);
    const open = (await search(sales, 'quibble')).data[0];
    expect(open?.account).toBeNull();
    expect(await titles('secretive', 'account', sales)).toEqual([]);
    // The hidden account's name finds (or excludes) nothing through its contact; the administrator finds it.
    expect(await titles('secretive', 'contact', sales)).toEqual([]);
    expect(await titles('company:secretive', 'contact', sales)).toEqual([]);
    expect(await titles('quibble -secretive', 'contact', sales)).toEqual(['Open Quibble']);
    expect(await titles('secretive', 'contact', admin)).toEqual(['Open Quibble']);
    expect((await sales.get('/api/v1/contacts?q=secretive')).json<ListResponse<unknown>>().data).toEqual([]);
    const list = await sales.get(`/api/v1/contacts?q=quibble&count=true`);
    expect(list.json<ListResponse<unknown>>().total).toBe(1);
  });
});

describe('the index stays in step with every write', () => {
  it('follows edits, contact points, tags, account renames, deletion and restore', async () => {
    const account = await makeAccount(admin, { name: 'Initech' });
    const c = await makeContact(admin, { firstName: 'Peter', lastName: 'Gibbons', accountId: account.id });
    expect(await titles('gibbons')).toEqual(['Peter Gibbons']);
    const edited = await admin.patch(`/api/v1/contacts/${c.id}`, { lastName: 'Gibbs', version: c.version, tags: ['golf'], phones: [{ label: 'mobile', value: '0171 5550199', primary: true }] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await titles('gibbons')).toEqual([]);
    expect(await titles('gibbs')).toEqual(['Peter Gibbs']);
    expect(await titles('tag:golf')).toEqual(['Peter Gibbs']);
    expect(await titles('+49 171 5550199')).toEqual(['Peter Gibbs']);
    const renamed = await admin.patch(`/api/v1/accounts/${account.id}`, { name: 'Initrode', version: account.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await titles('initrode')).toEqual(['Peter Gibbs']);
    expect(await titles('initech')).toEqual([]);
    expect((await admin.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect(await titles('gibbs')).toEqual([]);
    expect((await admin.post(`/api/v1/contacts/${c.id}/restore`)).statusCode).toBe(200);
    expect(await titles('gibbs')).toEqual(['Peter Gibbs']);
  });

  it('follows writes outside the API: one statement, a transaction of many, and nothing from a rolled-back one', async () => {
    const db = h.database.db;
    const now = new Date().toISOString();
    const row = (last: string) => ({ first_name: 'Raw', last_name: last, sort_name: `${last.toLowerCase()} raw`, custom_fields: '{}', created_at: now, updated_at: now });
    await db.insertInto('contacts').values(row('Outsidetrx')).execute();
    expect(await titles('outsidetrx')).toEqual(['Raw Outsidetrx']);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 700; i++) await trx.insertInto('contacts').values(row(`Bulkimport${i}`)).execute();
    });
    expect(await titles('bulkimport699')).toEqual(['Raw Bulkimport699']);
    expect((await search(admin, 'bulkimport*', '&types=contact&limit=50')).data).toHaveLength(50);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('contacts').values(row('Rolledback')).execute();
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await titles('rolledback')).toEqual([]);
    const docs = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('title', '=', 'Raw Rolledback').executeTakeFirstOrThrow();
    expect(Number(docs.n)).toBe(0);
  });

  it('is rebuilt by a reindex, documents and vocabulary', async () => {
    const { reindexSearch } = await import('./sync.ts');
    const db = h.database.db;
    await db.deleteFrom('search_documents').where('module', '=', 'contacts').execute();
    expect(await titles('Patel')).toEqual([]);
    const counts = await reindexSearch(db, { batch: 3 });
    expect(counts.contacts).toBeGreaterThan(9);
    expect(await titles('Patel')).toEqual(['Emma Patel']);
    expect(await titles('Jonson~')).toEqual(['Otto Johnson']);
    const pending = await db.selectFrom('search_pending').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBe(0);
  });
});

describe('the lists take the same query language', () => {
  it.each([
    ['contacts', 'patel emma', ['Patel']],
    ['contacts', 'Sm?th', ['Smith', 'Smyth']],
    ['contacts', 'Jonson~', ['Johnson']],
    ['contacts', '030/1234567', ['Patel']],
    ['accounts', 'city:münchen', ['Acme GmbH']],
    // One letter: names starting with it (from the sort key's index); one Chinese character: the names holding it.
    ['contacts', 'j', ['Johnson']],
    ['contacts', '王', ['王']],
  ])('%s?q=%s', async (module, q, expected) => {
    const res = await admin.get(`/api/v1/${module}?q=${encodeURIComponent(q)}&count=true`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<ListResponse<{ lastName?: string; name?: string }>>().data;
    expect(rows.map((r) => r.lastName ?? r.name).sort()).toEqual(expected);
  });
});
