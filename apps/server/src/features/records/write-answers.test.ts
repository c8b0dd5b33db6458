import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { Deal } from '@kontor/contract/deals';
import type { Lead } from '@kontor/contract/leads';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { accountInput, contactInput, dealInput, leadInput, makeAccount, makeContact, makeDeal, makeLead } from '../../test/factories.ts';

/**
 * A write answers the record as a read right after it shows it, byte for byte: the answer is built from what the
 * write read before and wrote, not read again, so every kind of change (fields, names of linked records, tags new
 * and old, contact points, custom fields, owner, restriction, access through a share) is checked here per module.
 */
const { h, admin } = useHarness();

type Saved = { id: string; version: number };

/** The answer of a write equals the read that follows it, byte for byte; answers the record. */
async function answersAsRead<T extends Saved>(client: TestClient, module: string, res: LightMyRequestResponse, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  const record = res.json<T>();
  const read = await client.get(`/api/v1/${module}/${record.id}`);
  expect(read.statusCode).toBe(200);
  expect(res.body).toBe(read.body);
  return record;
}

/** Users whose ids cross a power of ten, listed in falling order: a restricted list is answered in id order. */
async function manyUsers(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 11; i += 1) ids.push((await h.client('sales')).userId);
  return ids.reverse();
}

async function setOrgDefault(module: string, value: 'private' | 'read_only' | 'read_write') {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: Record<string, string> }>();
  const res = await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, [module]: value } });
  expect(res.statusCode).toBe(200);
}

describe('contacts: the answer of a write is the record as read', () => {
  it('creates and edits field by field, tags, contact points, custom fields, owner, restriction and account link', async () => {
    const sales = await h.client('sales');
    expect((await admin.post('/api/v1/custom-fields', { module: 'contacts', key: 'shoe_size', label: 'Shoe size', type: 'number' })).statusCode).toBe(201);
    await makeContact(admin, { tags: ['Existing'] });
    const account = await makeAccount(admin);
    let c = await answersAsRead<Contact>(
      admin,
      'contacts',
      await admin.post(
        '/api/v1/contacts',
        contactInput({
          accountId: account.id,
          tags: ['existing', 'Brand new', 'brand NEW'],
          phones: [{ label: 'work', value: '+49 30 1234567' }, { label: 'mobile', value: '0151 2345678' }],
          addresses: [{ label: 'work', street: 'Hauptstr. 1', city: 'Köln', country: 'DE' }],
          customFields: { shoe_size: 44 },
          restrictedTo: [sales.userId, admin.userId, sales.userId],
        }),
      ),
      201,
    );
    expect(c.tags).toEqual(['Brand new', 'Existing']);
    expect(c.restrictedTo).toHaveLength(2);
    const edits: Array<Record<string, unknown>> = [
      { position: 'CEO' },
      { firstName: 'Zoë', lastName: 'Ångström' },
      { tags: ['EXISTING', 'brand new'], emails: c.emails, phones: c.phones.map(({ e164: _e, ...p }) => p) },
      { tags: ['Another new one'], emails: [{ label: 'home', value: 'zoe@example.org' }], websites: [{ label: 'web', value: 'https://zoe.example' }] },
      { customFields: { shoe_size: null }, emailOptOut: true, birthday: '--02-29' },
      { ownerId: sales.userId },
      { restrictedTo: null },
      { accountId: null },
      { accountId: account.id, description: 'back again' },
      { restrictedTo: [] },
      { emails: [{ label: 'b', value: 'b@example.org' }, { label: 'a', value: 'a@example.org', primary: true }, { label: 'c', value: 'c@example.org' }] },
      { restrictedTo: await manyUsers() },
    ];
    for (const edit of edits) c = await answersAsRead<Contact>(admin, 'contacts', await admin.patch(`/api/v1/contacts/${c.id}`, { ...edit, version: c.version }));
    expect(c).toMatchObject({ accountId: account.id, owner: { id: sales.userId }, tags: ['Another new one'] });
    expect(c.restrictedTo?.map(Number)).toEqual(c.restrictedTo?.map(Number).sort((a, b) => a - b));
    expect(c.emails.map((e) => e.label)).toEqual(['b', 'a', 'c']);
  });

  it('answers moves, adding to an account and clones as read', async () => {
    const first = await makeAccount(admin);
    const second = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: first.id });
    const moved = await answersAsRead<Contact>(admin, 'contacts', await admin.post(`/api/v1/contacts/${c.id}/move`, { accountId: second.id, version: c.version }));
    const unlinked = await answersAsRead<Contact>(admin, 'contacts', await admin.post(`/api/v1/contacts/${c.id}/move`, { accountId: null, version: moved.version }));
    await answersAsRead<Contact>(admin, 'contacts', await admin.post(`/api/v1/accounts/${first.id}/contacts`, { contactId: unlinked.id }));
    await answersAsRead<Contact>(admin, 'contacts', await admin.post(`/api/v1/contacts/${c.id}/clone`), 201);
  });

  it('answers a salesperson who edits through a write share, with the account hidden from them', async () => {
    await setOrgDefault('contacts', 'read_only');
    await setOrgDefault('accounts', 'private');
    const sales = await h.client('sales');
    const hidden = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: hidden.id, tags: ['Shared'] });
    expect((await admin.post(`/api/v1/contacts/${c.id}/shares`, { userId: sales.userId, access: 'write' })).statusCode).toBe(201);
    const edited = await answersAsRead<Contact>(sales, 'contacts', await sales.patch(`/api/v1/contacts/${c.id}`, { position: 'Buyer', version: c.version }));
    expect(edited).toMatchObject({ accountId: hidden.id, accountName: null, access: { edit: true, share: false } });
    const own = await answersAsRead<Contact>(sales, 'contacts', await sales.post('/api/v1/contacts', contactInput({ tags: ['Shared'] })), 201);
    await answersAsRead<Contact>(sales, 'contacts', await sales.patch(`/api/v1/contacts/${own.id}`, { restrictedTo: [sales.userId], version: own.version }));
    await setOrgDefault('contacts', 'read_write');
    await setOrgDefault('accounts', 'read_write');
  });
});

describe('accounts: the answer of a write is the record as read', () => {
  it('creates and edits with parent, counts, deals, tags, points and restriction', async () => {
    const sales = await h.client('sales');
    const parent = await makeAccount(admin);
    let a = await answersAsRead<Account>(
      admin,
      'accounts',
      await admin.post('/api/v1/accounts', accountInput({ parentAccountId: parent.id, tags: ['Key account'], emails: [{ label: 'info', value: 'info@acme.example' }], restrictedTo: [sales.userId] })),
      201,
    );
    await makeContact(admin, { accountId: a.id });
    await makeAccount(admin, { parentAccountId: a.id });
    const deal = await makeDeal(admin, { accountId: a.id, amount: 1234.5 });
    expect((await admin.patch(`/api/v1/deals/${deal.id}`, { status: 'won', version: deal.version })).statusCode).toBe(200);
    const edits: Array<Record<string, unknown>> = [
      { website: 'acme.example' },
      { name: 'Acme Renamed AG', billingAddress: { street: 'Ring 2', city: 'Wien', region: '', postalCode: '1010', country: 'AT' } },
      { parentAccountId: null, tags: ['key ACCOUNT'] },
      { parentAccountId: parent.id, phones: [{ label: 'work', value: '+43 1 234567' }] },
      { ownerId: sales.userId, restrictedTo: null },
    ];
    for (const edit of edits) a = await answersAsRead<Account>(admin, 'accounts', await admin.patch(`/api/v1/accounts/${a.id}`, { ...edit, version: a.version }));
    expect(a).toMatchObject({ contactCount: 1, memberCount: 1, isCustomer: true, parentAccountId: parent.id, owner: { id: sales.userId } });
  });
});

describe('deals and leads: the answer of a write is the record as read', () => {
  it('creates and edits a deal: fields, stage, links, tags, owner, restriction', async () => {
    const sales = await h.client('sales');
    const account = await makeAccount(admin);
    const contact = await makeContact(admin, { accountId: account.id });
    let d = await answersAsRead<Deal>(admin, 'deals', await admin.post('/api/v1/deals', dealInput({ accountId: account.id, tags: ['Big'] })), 201);
    const pipeline = (await admin.get(`/api/v1/pipelines/${d.pipelineId}`)).json<{ stages: Array<{ id: string }> }>();
    const edits: Array<Record<string, unknown>> = [
      { amount: 99.99 },
      { stageId: pipeline.stages[1]?.id },
      { contactId: contact.id, tags: ['big', 'Urgent new tag'] },
      { status: 'lost', lostReason: 'price' },
      { ownerId: sales.userId, restrictedTo: [sales.userId] },
      { pipelineId: d.pipelineId, name: 'Renamed deal' },
    ];
    for (const edit of edits) d = await answersAsRead<Deal>(admin, 'deals', await admin.patch(`/api/v1/deals/${d.id}`, { ...edit, version: d.version }));
    expect(d).toMatchObject({ name: 'Renamed deal', contactId: contact.id, status: 'lost', restrictedTo: [sales.userId] });
  });

  it('creates and edits a lead: fields, tags, owner, restriction', async () => {
    const sales = await h.client('sales');
    await makeLead(admin, { tags: ['Warm'] });
    let l = await answersAsRead<Lead>(admin, 'leads', await admin.post('/api/v1/leads', leadInput({ tags: ['warm', 'Fresh lead tag'], phone: '030 1234567', ownerId: sales.userId })), 201);
    const edits: Array<Record<string, unknown>> = [
      { company: 'Other GmbH' },
      { firstName: 'Léa', tags: ['WARM'] },
      { ownerId: admin.userId, restrictedTo: [admin.userId] },
      { restrictedTo: null, status: 'qualified' },
    ];
    for (const edit of edits) l = await answersAsRead<Lead>(admin, 'leads', await admin.patch(`/api/v1/leads/${l.id}`, { ...edit, version: l.version }));
    expect(l).toMatchObject({ company: 'Other GmbH', tags: ['Warm'], owner: { id: admin.userId }, restrictedTo: null });
  });
});
