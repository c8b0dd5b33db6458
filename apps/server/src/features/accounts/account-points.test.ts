import { describe, expect, it } from 'vitest';
import type { Account, AccountListItem } from '@kontor/contract/accounts';
import type { ListResponse } from '@kontor/contract/common';
import type { LeadConversion } from '@kontor/contract/leads';
import type { FieldChange, TimelineEvent } from '@kontor/contract/timeline';
import type { Job } from '@kontor/contract/views';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeLead } from '../../test/factories.ts';

/** Issue #14: an account's `phone` and `website` are its primary phone and website points, one value stored once. */

const { admin } = useHarness();

type ErrorBody = { error: { code: string; fields?: Record<string, unknown> } };

const read = async (id: string) => (await admin.get(`/api/v1/accounts/${id}`)).json<Account>();
async function patch(a: Account, body: Record<string, unknown>): Promise<Account> {
  const res = await admin.patch(`/api/v1/accounts/${a.id}`, { ...body, version: a.version });
  expect(res.statusCode, res.body).toBe(200);
  const answer = res.json<Account>();
  expect(await read(a.id)).toEqual(answer);
  return answer;
}
/** The field changes of a record's `updated` events. */
const changesOf = (events: TimelineEvent[]) => events.filter((e) => e.kind === 'updated').flatMap((e) => (e.details.changes ?? []) as FieldChange[]);
const values = (points: Array<{ value: string; primary: boolean }>) => points.map((p) => `${p.primary ? '*' : ''}${p.value}`);
/** The shorthand equals the primary point, and `primaryPhone` too. */
function expectOneValue(a: Account | AccountListItem & Partial<Account>) {
  if (a.phones) expect(a.phone).toBe(a.phones.find((p) => p.primary)?.value ?? null);
  if (a.websites) expect(a.website).toBe(a.websites.find((p) => p.primary)?.value ?? null);
  expect(a.primaryPhone).toBe(a.phone);
}

describe('phone and website: shorthands for the primary points', () => {
  it('creates the primary points from the shorthands, website as a website point is stored', async () => {
    const a = await makeAccount(admin, { phone: '+49 30 1234567', website: 'shorthand.example' });
    expect(a).toMatchObject({ phone: '+49 30 1234567', website: 'https://shorthand.example', primaryPhone: '+49 30 1234567' });
    expect(a.phones).toEqual([{ label: 'work', value: '+49 30 1234567', e164: '+49301234567', primary: true }]);
    expect(a.websites).toEqual([{ label: 'website', value: 'https://shorthand.example', primary: true }]);
    expect(await read(a.id)).toEqual(a);
  });

  it('edits the primary through the shorthand: replace, pick an existing point, remove with null', async () => {
    let a = await makeAccount(admin, { website: null, phones: [{ label: 'mobile', value: '+49 170 1111111' }, { label: 'home', value: '+49 30 2222222' }] });
    expect(a.phone).toBe('+49 170 1111111');
    a = await patch(a, { phone: '+49 170 3333333' });
    expect(a.phones.map((p) => `${p.label}:${p.primary ? '*' : ''}${p.value}`)).toEqual(['mobile:*+49 170 3333333', 'home:+49 30 2222222']);
    a = await patch(a, { phone: '+49 30 2222222' });
    expect(values(a.phones)).toEqual(['+49 170 3333333', '*+49 30 2222222']);
    expectOneValue(a);
    a = await patch(a, { phone: null });
    expect(values(a.phones)).toEqual(['*+49 170 3333333']);
    expect(a.phone).toBe('+49 170 3333333');
    a = await patch(a, { phone: '' });
    expect(a).toMatchObject({ phone: null, primaryPhone: null, phones: [] });
    a = await patch(a, { website: 'https://www.linkedin.com/company/a-company-with-a-long-name' });
    expect(a.website).toBe('https://www.linkedin.com/company/a-company-with-a-long-name');
    expectOneValue(a);
  });

  it('follows the lists: the shorthand answers the primary of what was sent', async () => {
    let a = await makeAccount(admin, { website: undefined, websites: [{ label: 'linkedin', value: 'linkedin.com/company/x' }, { label: 'website', value: 'x.example', primary: true }] });
    expect(a.website).toBe('https://x.example');
    a = await patch(a, { phones: [{ label: 'work', value: '+44 20 7946 0000' }] });
    expect(a.phone).toBe('+44 20 7946 0000');
    a = await patch(a, { websites: [] });
    expect(a.website).toBeNull();
    expectOneValue(a);
  });

  it('refuses a shorthand that disagrees with its list, and takes one that agrees', async () => {
    for (const body of [
      { name: 'Disagree', phone: '+49 30 1', phones: [{ value: '+49 30 2' }] },
      { name: 'Disagree', phone: '+49 30 1', phones: [] },
      { name: 'Disagree', phone: null, phones: [{ value: '+49 30 2' }] },
      { name: 'Disagree', website: 'a.example', websites: [{ value: 'b.example', primary: true }] },
    ]) {
      const res = await admin.post('/api/v1/accounts', body);
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json<ErrorBody>().error;
      expect(err.code).toBe('validation_failed');
      expect(Object.keys(err.fields ?? {})).toEqual(['phone' in body ? 'phone' : 'website']);
    }
    const a = await makeAccount(admin, { phone: '+49 30 2', phones: [{ value: '+49 30 1' }, { value: '+49 30 2', primary: true }], website: 'same.example', websites: [{ value: 'https://same.example' }] });
    expect({ phone: a.phone, website: a.website, phones: values(a.phones) }).toEqual({ phone: '+49 30 2', website: 'https://same.example', phones: ['+49 30 1', '*+49 30 2'] });
    const stale = await admin.patch(`/api/v1/accounts/${a.id}`, { phone: '+49 30 9', phones: a.phones.map(({ e164: _e, ...p }) => p), version: a.version });
    expect(stale.statusCode).toBe(400);
    expect((await read(a.id)).version).toBe(a.version);
  });

  it.each([
    ['an invalid phone', { phone: 'call the front desk' }, 'phone'],
    ['an over-long phone', { phone: '1'.repeat(10_000) }, 'phone'],
    ['an invalid website', { website: 'javascript:alert(1)' }, 'website'],
    ['an over-long website', { website: `https://x.example/${'a'.repeat(2000)}` }, 'website'],
    ['a non-string phone', { phone: 2147483648 }, 'phone'],
  ])('refuses %s with 400 naming the field', async (_label, body, field) => {
    const res = await admin.post('/api/v1/accounts', { name: 'Hostile', ...body });
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(res.json<ErrorBody>().error.fields ?? {})).toContain(field);
  });

  it('stores a long website in a multi-byte script on both engines (the website index takes a prefix)', async () => {
    // Han characters that do not repeat (a repeated one compresses below PostgreSQL's b-tree entry limit).
    let seed = 7;
    const han = Array.from({ length: 1970 }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 48271) % 2147483647) % 20000))).join('');
    const long = `https://例子.example/${han}`;
    expect(long.length).toBeLessThanOrEqual(2000);
    const a = await makeAccount(admin, { website: long });
    expect(a.website).toBe(long);
    const b = await patch(a, { websites: [{ label: 'website', value: `${long.slice(0, -1)}x` }] });
    expect(b.website?.endsWith('x')).toBe(true);
  });

  it('writes the change once in the timeline: the points, not the copy', async () => {
    const a = await makeAccount(admin, { phone: '+49 30 5550000' });
    await patch(a, { phone: '+49 30 5550001' });
    const events = (await admin.get(`/api/v1/accounts/${a.id}/timeline?since=all`)).json<{ data: TimelineEvent[] }>().data;
    expect(changesOf(events).map((c) => c.field)).toEqual(['phones']);
  });
});

describe('lists, mass updates, clone, recycle bin and lead conversion keep phone and website the primary points', () => {
  const tag = `pts${Date.now()}`;
  const list = async (query: string) => (await admin.get(`/api/v1/accounts?tag=${tag}&${query}`)).json<ListResponse<AccountListItem>>().data;

  it('sorts, filters and searches by the primary after point edits', async () => {
    const a = await makeAccount(admin, { name: `${tag} A`, tags: [tag], phone: '+49 30 3000000', website: 'c-site.example' });
    const b = await makeAccount(admin, { name: `${tag} B`, tags: [tag], phone: '+49 30 2000000', website: 'b-site.example' });
    await patch(a, { phones: [{ value: '+49 30 9000000' }, { value: '+49 30 1000000', primary: true }], websites: [{ value: 'a-site.example' }] });
    await patch(b, { phone: '+49 30 5000000' });
    expect((await list('sort=phone')).map((r) => r.phone)).toEqual(['+49 30 1000000', '+49 30 5000000']);
    expect((await list('sort=-website')).map((r) => r.website)).toEqual(['https://b-site.example', 'https://a-site.example']);
    const filter = (field: string, value: string) => encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field, op: 'contains', value }] }));
    expect((await list(`filter=${filter('phone', '1000000')}`)).map((r) => r.name)).toEqual([`${tag} A`]);
    expect((await list(`filter=${filter('phone', '3000000')}`)).map((r) => r.name)).toEqual([]);
    expect((await list(`filter=${filter('website', 'a-site')}`)).map((r) => r.name)).toEqual([`${tag} A`]);
    for (const r of await list('sort=name')) expectOneValue(r);
    const found = (await admin.get(`/api/v1/accounts?q=${encodeURIComponent('+49 30 5000000')}`)).json<ListResponse<AccountListItem>>().data;
    expect(found.map((r) => r.name)).toEqual([`${tag} B`]);
  });

  it('exports the primary in the phone and website columns', async () => {
    const a = await makeAccount(admin, { name: `${tag} Export`, tags: [tag], phones: [{ value: '+49 30 7000000' }], website: undefined, websites: [{ value: 'export.example' }] });
    const filter = encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'name', op: 'is', value: a.name }] }));
    const res = await admin.get(`/api/v1/accounts/export?filter=${filter}&columns=name,phone,website`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('+49 30 7000000');
    expect(res.body).toContain('https://export.example');
  });

  it('mass-updates phone and website through the points', async () => {
    const x = await makeAccount(admin, { name: `${tag} X`, website: null, phones: [{ label: 'mobile', value: '+49 170 1' }, { label: 'home', value: '+49 30 8888888' }] });
    const y = await makeAccount(admin, { name: `${tag} Y`, website: null });
    const z = await makeAccount(admin, { name: `${tag} Z`, website: null, phone: '+49 30 8888888' });
    const run = async (field: string, value: string | null) => {
      const res = await admin.post('/api/v1/accounts/bulk', { action: 'updateField', selection: { ids: [x.id, y.id, z.id] }, field, value });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json<Job>()).toMatchObject({ status: 'done', succeeded: 3 });
    };
    await run('phone', '+49 30 8888888');
    const [x1, y1, z1] = [await read(x.id), await read(y.id), await read(z.id)];
    expect(values(x1.phones)).toEqual(['+49 170 1', '*+49 30 8888888']);
    expect(y1.phones).toEqual([{ label: 'work', value: '+49 30 8888888', e164: '+49308888888', primary: true }]);
    expect(z1.version).toBe(z.version);
    for (const r of [x1, y1, z1]) expectOneValue(r);
    await run('phone', null);
    const [x2, y2] = [await read(x.id), await read(y.id)];
    expect(values(x2.phones)).toEqual(['*+49 170 1']);
    expect(x2.phone).toBe('+49 170 1');
    expect(y2).toMatchObject({ phone: null, phones: [] });
    const events = (await admin.get(`/api/v1/accounts/${x.id}/timeline?since=all`)).json<{ data: TimelineEvent[] }>().data;
    expect(changesOf(events)).toContainEqual({ field: 'phone', before: '+49 30 8888888', after: '+49 170 1' });
    await run('website', 'bulk.example');
    for (const r of [await read(x.id), await read(y.id), await read(z.id)]) {
      expect(r.websites).toEqual([{ label: 'website', value: 'https://bulk.example', primary: true }]);
      expectOneValue(r);
    }
    const bad = await admin.post('/api/v1/accounts/bulk', { action: 'updateField', selection: { ids: [x.id] }, field: 'phone', value: 'not a phone' });
    expect(bad.statusCode).toBe(400);
  });

  it('clones and restores an account with its phone and website as they were', async () => {
    const a = await makeAccount(admin, { phones: [{ label: 'home', value: '+49 30 1212121' }, { label: 'work', value: '+49 30 3434343', primary: true }], website: 'clone.example' });
    const res = await admin.post(`/api/v1/accounts/${a.id}/clone`);
    expect(res.statusCode, res.body).toBe(201);
    const copy = res.json<Account>();
    expect({ phone: copy.phone, website: copy.website, phones: values(copy.phones) }).toEqual({ phone: '+49 30 3434343', website: 'https://clone.example', phones: ['+49 30 1212121', '*+49 30 3434343'] });
    expect((await admin.delete(`/api/v1/accounts/${copy.id}`)).statusCode).toBe(204);
    const restored = await admin.post(`/api/v1/accounts/${copy.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json<Account>()).toMatchObject({ phone: '+49 30 3434343', website: 'https://clone.example' });
    expectOneValue(restored.json<Account>());
  });

  it('converts a lead into a new account whose phone and website are consistent, and still matches accounts by website', async () => {
    const site = await makeAccount(admin, { name: `${tag} Matched`, website: 'https://www.matchme.example/' });
    const lead = await makeLead(admin, { company: `${tag} Converted GmbH`, email: 'lena@matchme.example' });
    const matches = (await admin.get(`/api/v1/leads/${lead.id}/conversion-matches`)).json<{ data: Array<{ accountId: string }> }>().data;
    expect(matches.map((m) => m.accountId)).toContain(site.id);
    const res = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, createAccount: true });
    expect(res.statusCode, res.body).toBe(200);
    const conversion = res.json<LeadConversion>();
    const made = await read(conversion.accountId ?? '');
    expect(made).toMatchObject({ name: `${tag} Converted GmbH`, phone: null, website: null, phones: [], websites: [] });
  });
});
