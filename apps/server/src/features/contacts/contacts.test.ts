import { describe, expect, it } from 'vitest';
import type { ListResponse } from '@kontor/contract/common';
import type { Contact, ContactListItem } from '@kontor/contract/contacts';
import type { Account } from '@kontor/contract/accounts';
import { useHarness } from '../../test/harness.ts';
import { contactInput, makeAccount, makeContact } from '../../test/factories.ts';

const { h, admin } = useHarness();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> } };

describe('contacts API', () => {
  it('creates a contact with every standard field and contact points', async () => {
    const account = await makeAccount(admin);
    const res = await admin.post('/api/v1/contacts', {
      salutation: 'dr',
      firstName: 'Ștefan',
      lastName: 'Popescu',
      position: 'CTO',
      department: 'Engineering',
      birthday: '--05-17',
      emailOptOut: true,
      leadSource: 'trade_show',
      description: 'Met at Hannover Messe',
      accountId: account.id,
      tags: ['Clienți'],
      emails: [
        { label: 'work', value: 'stefan@carpathia.example' },
        { label: 'home', value: 'stefan.p@mail.example', primary: true },
      ],
      phones: [{ label: 'mobile', value: '+40 721 234 567' }],
      addresses: [{ label: 'work', street: 'Bulevardul Eroilor 15, ap. 4', city: 'Brașov', country: 'RO' }],
    });
    expect(res.statusCode).toBe(201);
    const c = res.json<Contact>();
    expect(c).toMatchObject({
      fullName: 'Ștefan Popescu',
      birthday: '--05-17',
      emailOptOut: true,
      accountId: account.id,
      accountName: account.name,
      primaryEmail: 'stefan.p@mail.example',
      primaryPhone: '+40 721 234 567',
      tags: ['Clienți'],
    });
    expect(c.phones[0]?.e164).toBe('+40721234567');
    expect(c.addresses[0]).toMatchObject({ city: 'Brașov', primary: true });
    const list = (await admin.get(`/api/v1/accounts/${account.id}/contacts`)).json<ListResponse<ContactListItem>>();
    expect(list.data.map((x) => x.id)).toEqual([c.id]);
    expect(list.data[0]?.primaryEmail).toBe('stefan.p@mail.example');
  });

  it.each([
    ['no name at all', { firstName: '', lastName: '' }, 'lastName'],
    ['impossible birthday', { birthday: '2001-02-30' }, 'birthday'],
    ['future birthday', { birthday: '2999-01-01' }, 'birthday'],
    ['bad month-day', { birthday: '--13-01' }, 'birthday'],
    ['second primary email', { emails: [{ value: 'a@b.example', primary: true }, { value: 'c@b.example', primary: true }] }, 'emails'],
    ['bad phone', { phones: [{ value: 'call me maybe' }] }, 'phones.0.value'],
    ['unknown lead source', { leadSource: 'carrier pigeon' }, 'leadSource'],
  ])('refuses %s', async (_l, patch, field) => {
    const res = await admin.post('/api/v1/contacts', { ...contactInput(), ...patch });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json<ErrorBody>().error.fields ?? {})).toContain(field);
  });

  it('refuses a link to an account that does not exist', async () => {
    const res = await admin.post('/api/v1/contacts', contactInput({ accountId: '999999' }));
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.fields?.accountId).toBeDefined();
  });

  it('keeps a contact in one account: re-linking is 409, moving is explicit', async () => {
    const a = await makeAccount(admin, { name: 'First Co' });
    const b = await makeAccount(admin, { name: 'Second Co' });
    const c = await makeContact(admin, { accountId: a.id });

    const relink = await admin.patch(`/api/v1/contacts/${c.id}`, { accountId: b.id, version: c.version });
    expect(relink.statusCode).toBe(409);
    expect(relink.json<ErrorBody>().error).toMatchObject({ code: 'contact_has_account' });
    expect(relink.json<ErrorBody>().error.message).toContain('First Co');

    const addExisting = await admin.post(`/api/v1/accounts/${b.id}/contacts`, { contactId: c.id });
    expect(addExisting.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>()).toMatchObject({ accountId: a.id, version: c.version });

    const moved = await admin.post(`/api/v1/contacts/${c.id}/move`, { accountId: b.id, version: c.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<Contact>()).toMatchObject({ accountId: b.id, accountName: 'Second Co', version: c.version + 1 });

    const free = await makeContact(admin);
    const added = await admin.post(`/api/v1/accounts/${a.id}/contacts`, { contactId: free.id });
    expect(added.statusCode).toBe(200);
    expect(added.json<Contact>().accountId).toBe(a.id);
    expect((await admin.get(`/api/v1/accounts/${a.id}`)).json<Account>().contactCount).toBe(1);
  });

  it('replaces contact point lists on update and keeps the ones not sent', async () => {
    const c = await makeContact(admin, { phones: [{ label: 'work', value: '+49 30 1234567', primary: true }] });
    const res = await admin.patch(`/api/v1/contacts/${c.id}`, {
      version: c.version,
      emails: [{ label: 'home', value: 'new@example.com' }],
    });
    expect(res.statusCode).toBe(200);
    const u = res.json<Contact>();
    expect(u.emails).toEqual([{ label: 'home', value: 'new@example.com', primary: true }]);
    expect(u.phones).toHaveLength(1);
    expect(u.primaryEmail).toBe('new@example.com');
    const cleared = (await admin.patch(`/api/v1/contacts/${c.id}`, { version: u.version, emails: [] })).json<Contact>();
    expect(cleared.primaryEmail).toBeNull();
  });

  it('refuses an update that would leave no name, and a stale version', async () => {
    const c = await makeContact(admin, { firstName: 'Solo', lastName: 'Name' });
    const noName = await admin.patch(`/api/v1/contacts/${c.id}`, { firstName: null, lastName: '', version: c.version });
    expect(noName.statusCode).toBe(400);
    await admin.patch(`/api/v1/contacts/${c.id}`, { position: 'CEO', version: c.version });
    const stale = await admin.patch(`/api/v1/contacts/${c.id}`, { position: 'CFO', version: c.version });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().position).toBe('CEO');
  });

  it('filters by letter, tag and name fragment, accent-insensitively', async () => {
    const tag = `T${Date.now()}`;
    await makeContact(admin, { firstName: 'Jürgen', lastName: 'Özdemir', tags: [tag] });
    await makeContact(admin, { firstName: 'Zoë', lastName: 'Zimmermann', tags: [tag] });
    const byTag = (await admin.get(`/api/v1/contacts?tag=${tag}&count=true`)).json<ListResponse<ContactListItem>>();
    expect(byTag.total).toBe(2);
    expect(byTag.data.map((c) => c.lastName)).toEqual(['Özdemir', 'Zimmermann']);
    const byLetter = (await admin.get(`/api/v1/contacts?tag=${tag}&letter=O`)).json<ListResponse<ContactListItem>>();
    expect(byLetter.data.map((c) => c.lastName)).toEqual(['Özdemir']);
    const byQ = (await admin.get(`/api/v1/contacts?q=ozdem`)).json<ListResponse<ContactListItem>>();
    expect(byQ.data.some((c) => c.lastName === 'Özdemir')).toBe(true);
  });

  it('finds name and e-mail fragments through the search index, kept in step with edits', async () => {
    const c = await makeContact(admin, { firstName: 'Ioana', lastName: 'Fragmentescu', emails: [{ label: 'work', value: 'ioana@zzquux-example.ro', primary: true }] });
    const find = async (q: string) => (await admin.get(`/api/v1/contacts?q=${encodeURIComponent(q)}`)).json<ListResponse<ContactListItem>>().data.map((x) => x.id);
    expect(await find('gmentes')).toEqual([c.id]);
    expect(await find('ZZQUUX')).toEqual([c.id]);
    expect(await find('fragmentescu ioana')).toEqual([c.id]);
    const renamed = (await admin.patch(`/api/v1/contacts/${c.id}`, { lastName: 'Popovici', emails: [], version: c.version })).json<Contact>();
    expect(await find('gmentes')).toEqual([]);
    expect(await find('zzquux')).toEqual([]);
    expect(await find('popovic')).toEqual([renamed.id]);
  });

  it("never shows the name of an account the caller cannot see, in lists or on the page", async () => {
    const sales = await h.client('sales');
    const hidden = await makeAccount(admin, { name: 'Hidden Holding SE', restrictedTo: [] });
    const c = await makeContact(admin, { lastName: 'Visible Person', ownerId: sales.userId, accountId: hidden.id, tags: ['Alpha', 'beta'] });
    const row = (await sales.get('/api/v1/contacts?q=visible%20person')).json<ListResponse<ContactListItem>>().data[0];
    expect(row).toMatchObject({ id: c.id, accountId: hidden.id, accountName: null, tags: ['Alpha', 'beta'], owner: { id: sales.userId } });
    expect((await sales.get(`/api/v1/contacts/${c.id}`)).json<Contact>().accountName).toBeNull();
    const adminRow = (await admin.get('/api/v1/contacts?q=visible%20person')).json<ListResponse<ContactListItem>>().data[0];
    expect(adminRow?.accountName).toBe('Hidden Holding SE');
  });
});
