import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Account } from '@kontor/contract/accounts';
import type { Activity } from '@kontor/contract/activities';
import type { ListResponse } from '@kontor/contract/common';
import type { Contact } from '@kontor/contract/contacts';
import type { Deal } from '@kontor/contract/deals';
import type { Lead, LeadConversion } from '@kontor/contract/leads';
import type { RecycleBinItem } from '@kontor/contract/recycle-bin';
import type { SearchResponse } from '@kontor/contract/search';
import type { TimelinePage } from '@kontor/contract/timeline';
import { pinyinSortKeys } from '../../db/migrations/017_pinyin_sort_keys.ts';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeContact, makeDeal, makeLead } from '../../test/factories.ts';

/**
 * Names as their cultures write them and the A-Z index (issue #14), on both engines: a Chinese contact is "李丹"
 * everywhere the server names it (record, lists, search, timeline, recycle bin, exports, deals, activities, lead
 * conversion) and files under the pinyin of its family name; letters with marks file under their base letter; `#`
 * keeps only what starts with no letter; migration 017 rekeys what was filed under `#` before.
 */
const { h, admin } = useHarness();
const TAG = 'names14';
const url = (module: string, params: Record<string, string>) => `/api/v1/${module}?${new URLSearchParams({ limit: '200', tag: TAG, ...params }).toString()}`;

async function list(module: 'contacts' | 'accounts' | 'leads' | 'deals', params: Record<string, string>): Promise<string[]> {
  const res = await admin.get(url(module, params));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListResponse<{ name?: string; fullName?: string }>>().data.map((r) => r.fullName ?? r.name ?? '');
}
const sorted = (names: string[]) => [...names].sort();

let li: Contact;
beforeAll(async () => {
  const people: Array<[string | null, string]> = [
    ['丹', '李'],
    ['小明', '王'],
    ['Dan', 'Li'],
    ['Anna', 'Lindqvist'],
    ['Tom', 'Wagner'],
    ['Eva', 'Zimmermann'],
    ['Jens', 'Ärger'],
    ['Ana', 'Șerban'],
    ['Ayşe', 'Şahin'],
    ['Piotr', 'Łukasz'],
    ['Kari', 'Øster'],
    ['さくら', '佐藤'],
    ['민준', '김'],
    [null, '42nd Street'],
    [null, '(Quoted)'],
  ];
  for (const [firstName, lastName] of people) {
    const c = await makeContact(admin, { firstName, lastName, emails: [], tags: [TAG] });
    if (lastName === '李') li = c;
  }
  for (const name of ['北京字节跳动科技有限公司', 'Ärger Bau GmbH', 'Șerban Construct SRL', 'Łódź Logistics', 'Øresund AB', 'Bäckerei Beck', '🚀', '🚀 Rocket Labs', 'トヨタ自動車株式会社', '3M Deutschland GmbH']) {
    await makeAccount(admin, { name, website: null, tags: [TAG] });
  }
});

describe('a Chinese name is written family name first, everywhere the server names it', () => {
  it('on the record, in the list and in search', async () => {
    expect(li.fullName).toBe('李丹');
    expect((await admin.get(`/api/v1/contacts/${li.id}`)).json<Contact>().fullName).toBe('李丹');
    expect(await list('contacts', { q: '李' })).toEqual(['李丹']);
    expect(await list('contacts', { q: '丹' })).toEqual(['李丹']);
    const res = await admin.get(`/api/v1/search?q=${encodeURIComponent('李丹')}&types=contact`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SearchResponse>().data.map((hit) => hit.title)).toEqual(['李丹']);
    const latin = await admin.get(`/api/v1/search?q=Lindqvist&types=contact`);
    expect(latin.json<SearchResponse>().data.map((hit) => hit.title)).toEqual(['Anna Lindqvist']);
  });

  it('on deals, activities, the timeline, the recycle bin and in exports', async () => {
    const account = await makeAccount(admin, { name: '华为技术有限公司', website: null });
    const c = await makeContact(admin, { firstName: '伟', lastName: '张', accountId: account.id, emails: [] });
    const deal = await makeDeal(admin, { name: 'Cloud 2026', accountId: account.id, contactId: c.id });
    expect(deal.contactName).toBe('张伟');
    const activity: Activity = await makeActivity(admin, { subject: 'Call', contactId: c.id });
    expect(activity.contact?.name).toBe('张伟');
    const timeline = (await admin.get(`/api/v1/accounts/${account.id}/timeline`)).json<TimelinePage>();
    expect(timeline.data.map((e) => e.recordName)).toContain('张伟');
    const csv = (await admin.get(`/api/v1/deals/export?columns=name,contactName&filter=${encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'name', op: 'is', value: 'Cloud 2026' }] }))}`)).rawPayload.toString('utf8');
    expect(csv).toContain('Cloud 2026,张伟');
    const contactsCsv = (await admin.get(`/api/v1/contacts/export?columns=fullName&q=${encodeURIComponent('张')}`)).rawPayload.toString('utf8');
    expect(contactsCsv).toContain('张伟');
    const moved = await admin.patch(`/api/v1/deals/${deal.id}`, { contactId: null, version: deal.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const dealTimeline = (await admin.get(`/api/v1/deals/${deal.id}/timeline`)).json<TimelinePage>();
    expect(dealTimeline.data.flatMap((e) => Object.values(e.names))).toContain('张伟');
    expect((await admin.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    const bin = (await admin.get('/api/v1/recycle-bin?module=contacts')).json<ListResponse<RecycleBinItem>>();
    expect(bin.data.find((i) => i.id === c.id)?.name).toBe('张伟');
  });

  it('on leads and what a lead becomes', async () => {
    const lead: Lead = await makeLead(admin, { firstName: '芳', lastName: '陈', company: '北京字节跳动科技有限公司', tags: [TAG] });
    expect(lead.fullName).toBe('陈芳');
    expect(await list('leads', { letter: 'C' })).toEqual(['陈芳']);
    expect(await list('leads', { letter: '#' })).toEqual([]);
    const res = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json<LeadConversion>();
    // The company matched the existing account by its sort key.
    const [account] = (await admin.get(url('accounts', { q: '北京字节跳动' }))).json<ListResponse<Account>>().data;
    expect(done.accountId).toBe(account?.id);
    const converted = (await admin.get(`/api/v1/leads/${lead.id}`)).json<Lead>();
    expect(converted.convertedContactName).toBe('陈芳');
  });
});

describe('the A-Z index', () => {
  it('files Chinese names under the pinyin of the family name, and keeps them out of #', async () => {
    expect(sorted(await list('contacts', { letter: 'L' }))).toEqual(sorted(['李丹', 'Dan Li', 'Anna Lindqvist', 'Piotr Łukasz']));
    expect(await list('contacts', { letter: 'W' })).toEqual(['Tom Wagner', '王小明']);
    expect(await list('accounts', { letter: 'B' })).toEqual(['Bäckerei Beck', '北京字节跳动科技有限公司']);
  });

  it('files letters with marks under their base letter', async () => {
    expect(await list('contacts', { letter: 'A' })).toEqual(['Jens Ärger']);
    expect(sorted(await list('contacts', { letter: 'S' }))).toEqual(sorted(['Ana Șerban', 'Ayşe Şahin']));
    expect(await list('contacts', { letter: 'O' })).toEqual(['Kari Øster']);
    expect(await list('accounts', { letter: 'A' })).toEqual(['Ärger Bau GmbH']);
    expect(await list('accounts', { letter: 'S' })).toEqual(['Șerban Construct SRL']);
    expect(await list('accounts', { letter: 'L' })).toEqual(['Łódź Logistics']);
    expect(await list('accounts', { letter: 'O' })).toEqual(['Øresund AB']);
  });

  it('keeps digits under 0-9 and only what starts with no letter under #', async () => {
    expect(await list('contacts', { letter: '0-9' })).toEqual(['42nd Street']);
    expect(await list('contacts', { letter: 'Q' })).toEqual(['(Quoted)']);
    expect(sorted(await list('contacts', { letter: '#' }))).toEqual(sorted(['佐藤さくら', '김민준']));
    expect(await list('accounts', { letter: '0-9' })).toEqual(['3M Deutschland GmbH']);
    expect(await list('accounts', { letter: 'R' })).toEqual(['🚀 Rocket Labs']);
    expect(sorted(await list('accounts', { letter: '#' }))).toEqual(sorted(['🚀', 'トヨタ自動車株式会社']));
  });

  it('sorts by family name, Chinese names among the Latin ones by their reading', async () => {
    const names = await list('contacts', { sort: 'lastName' });
    // 陈芳 is the contact the lead above became (it keeps the lead's tags).
    expect(names.slice(0, 10)).toEqual(['42nd Street', 'Jens Ärger', '陈芳', 'Dan Li', '李丹', 'Anna Lindqvist', 'Piotr Łukasz', 'Kari Øster', '(Quoted)', 'Ayşe Şahin']);
    expect(names.slice(10, 14)).toEqual(['Ana Șerban', 'Tom Wagner', '王小明', 'Eva Zimmermann']);
    expect(sorted(names.slice(14))).toEqual(sorted(['佐藤さくら', '김민준']));
    const rename = await admin.patch(`/api/v1/contacts/${li.id}`, { lastName: '黎', version: li.version });
    expect(rename.statusCode, rename.body).toBe(200);
    expect(rename.json<Contact>().fullName).toBe('黎丹');
    expect((await list('contacts', { letter: 'L' })).includes('黎丹')).toBe(true);
  });

  it('answers hostile names with a 400, never a 500', async () => {
    for (const body of [{ lastName: '李'.repeat(100_000) }, { lastName: '李\u0000丹' }, { firstName: '', lastName: ' ' }]) {
      const res = await admin.post('/api/v1/contacts', body);
      expect(res.statusCode, res.body).toBe(400);
    }
    for (const letter of ['李', 'ab', '\u0000']) {
      const res = await admin.get(url('contacts', { letter }));
      expect([200, 400], res.body).toContain(res.statusCode);
    }
  });
});

describe('migration 017', () => {
  it('rekeys the rows filed under # before, and rebuilds the search titles of CJK names', async () => {
    const db = h.database.db;
    const c: Contact = await makeContact(admin, { firstName: '建国', lastName: '单', emails: [], tags: ['mig17'] });
    const a: Account = await makeAccount(admin, { name: '„Quoted“ Trading', website: null, tags: ['mig17'] });
    const d: Deal = await makeDeal(admin, { name: '长城 project' });
    // As the keys and titles were before issue #14.
    await sql`update contacts set sort_name = ${'单 建国'} where id = ${Number(c.id)}`.execute(db);
    await sql`update accounts set name_sort = ${'„quoted“ trading'} where id = ${Number(a.id)}`.execute(db);
    await sql`update deals set name_sort = ${'长城 project'} where id = ${Number(d.id)}`.execute(db);
    await sql`update search_documents set title = ${'建国 单'} where module = 'contacts' and record_id = ${Number(c.id)}`.execute(db);
    expect(await list('contacts', { letter: '#', tag: 'mig17' })).toEqual(['单建国']);

    await db.transaction().execute((trx) => pinyinSortKeys(trx));

    const key = await sql<{ k: string }>`select sort_name as k from contacts where id = ${Number(c.id)}`.execute(db);
    expect(key.rows[0]?.k).toBe('shan jian guo 单 建国');
    expect(await list('contacts', { letter: 'S', tag: 'mig17' })).toEqual(['单建国']);
    expect(await list('accounts', { letter: 'Q', tag: 'mig17' })).toEqual(['„Quoted“ Trading']);
    const deals = (await admin.get(`/api/v1/deals?letter=C&q=${encodeURIComponent('长城')}`)).json<ListResponse<Deal>>();
    expect(deals.data.map((x) => x.name)).toEqual(['长城 project']);
    const title = await sql<{ t: string }>`select title as t from search_documents where module = 'contacts' and record_id = ${Number(c.id)}`.execute(db);
    expect(title.rows[0]?.t).toBe('单建国');
    // Run again: nothing left to change.
    const before = await sql<{ n: number }>`select count(*) as n from search_pending`.execute(db);
    await db.transaction().execute((trx) => pinyinSortKeys(trx));
    expect(Number((await sql<{ n: number }>`select count(*) as n from search_pending`.execute(db)).rows[0]?.n)).toBe(Number(before.rows[0]?.n));
  });
});
