import { describe, expect, it } from 'vitest';
import type { Lead, LeadConversion } from '@kontor/contract/leads';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeLead } from '../../test/factories.ts';

const { h, admin } = useHarness();

/** Rows in the tables a conversion writes to, read past the API (a failed conversion must leave no trace anywhere). */
async function footprint() {
  const db = h.database.db;
  const count = async (table: 'contacts' | 'accounts' | 'deals' | 'timeline_events' | 'contact_points' | 'record_tags') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  return {
    contacts: await count('contacts'),
    accounts: await count('accounts'),
    deals: await count('deals'),
    events: await count('timeline_events'),
    points: await count('contact_points'),
    tags: await count('record_tags'),
  };
}
const leadNow = async (id: string) => (await admin.get(`/api/v1/leads/${id}`)).json<Lead>();
const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string; fields?: Record<string, string> } }).error;

async function profileWith(modules: Record<string, string[]>) {
  const all = ['view', 'create', 'edit', 'delete'];
  const rights = { modules: { accounts: all, contacts: all, deals: all, activities: all, leads: all, ...modules }, admin: [] };
  const res = await admin.post('/api/v1/profiles', { name: `Profile ${Math.random()}`, rights });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('lead conversion is atomic and happens once', () => {
  it('converts nothing when the deal step fails after the contact and account were written', async () => {
    const lead = await makeLead(admin, { company: 'Halfway There GmbH', phone: '+40 21 123 4567', tags: ['keep'] });
    const before = await footprint();
    const res = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, createDeal: { name: 'Never', stageId: '999999' } });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorCode(res.body)).toMatchObject({ code: 'validation_failed', fields: { 'createDeal.stageId': 'no such stage' } });
    expect(await footprint()).toEqual(before);
    expect(await leadNow(lead.id)).toMatchObject({ status: 'new', version: lead.version, convertedAt: null, convertedContactId: null });
    expect((await admin.get('/api/v1/accounts?q=Halfway There')).json<{ data: unknown[] }>().data).toEqual([]);
    // The same lead converts cleanly afterwards.
    const ok = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, createDeal: { name: 'Now' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses a second conversion (409 lead_converted), sequential or concurrent; exactly one of two at once succeeds', async () => {
    const lead = await makeLead(admin, { company: 'Once Only AG' });
    const first = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version });
    expect(first.statusCode).toBe(200);
    const converted = first.json<LeadConversion>().lead;
    for (const version of [lead.version, converted.version]) {
      const again = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version });
      expect(again.statusCode).toBe(409);
      expect(errorCode(again.body).code).toBe('lead_converted');
    }

    const racer = await makeLead(admin, { company: 'Race Condition Ltd', lastName: 'Racer' });
    const before = await footprint();
    const answers = await Promise.all([0, 1].map(() => admin.post(`/api/v1/leads/${racer.id}/convert`, { version: racer.version, createDeal: { name: 'Race deal' } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(errorCode(answers.find((a) => a.statusCode === 409)?.body ?? '{}').code).toBe('lead_converted');
    const after = await footprint();
    expect([after.contacts - before.contacts, after.accounts - before.accounts, after.deals - before.deals]).toEqual([1, 1, 1]);
    expect((await admin.get('/api/v1/contacts?q=Racer')).json<{ data: unknown[] }>().data).toHaveLength(1);
  });

  it('keeps a converted lead as it was: description, tags and owner change; its person and company do not', async () => {
    const lead = await makeLead(admin, { company: 'Frozen Corp' });
    const { lead: converted } = (await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version })).json<LeadConversion>();
    const ok = await admin.patch(`/api/v1/leads/${lead.id}`, { description: 'Converted at the fair', tags: ['won'], version: converted.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Lead>()).toMatchObject({ description: 'Converted at the fair', tags: ['won'], status: 'converted' });
    for (const body of [{ company: 'Thawed' }, { status: 'new' }, { email: 'x@y.example' }]) {
      const res = await admin.patch(`/api/v1/leads/${lead.id}`, { ...body, version: ok.json<Lead>().version });
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(errorCode(res.body).code).toBe('lead_converted');
    }
    expect(await leadNow(lead.id)).toMatchObject({ company: 'Frozen Corp', status: 'converted' });
  });

  it('needs edit on the lead and create on contacts, and on accounts and deals when it makes them', async () => {
    const lead = await makeLead(admin, { company: 'Rights Check BV' });
    const noContacts = await h.client('sales', { profileId: await profileWith({ contacts: ['view'] }) });
    const before = await footprint();
    const refused = await noContacts.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version });
    expect(refused.statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
    expect((await leadNow(lead.id)).status).toBe('new');

    const noAccounts = await h.client('sales', { profileId: await profileWith({ accounts: ['view'] }) });
    expect((await noAccounts.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version })).statusCode).toBe(403);
    const existing = await makeAccount(admin, { name: 'Existing for rights' });
    const noDeals = await h.client('sales', { profileId: await profileWith({ deals: ['view'] }) });
    expect((await noDeals.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, accountId: existing.id, createDeal: { name: 'D' } })).statusCode).toBe(403);
    const viewLeads = await h.client('sales', { profileId: await profileWith({ leads: ['view'] }) });
    expect((await viewLeads.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version })).statusCode).toBe(403);
    // Joining an existing account needs no right on accounts beyond seeing it.
    const joined = await noAccounts.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, accountId: existing.id });
    expect(joined.statusCode, joined.body).toBe(200);
  });

  it('answers 400 for a hidden or missing account and for a stale version 409, changing nothing', async () => {
    const owner = await h.client('sales');
    const secret = await makeAccount(owner, { name: 'Secret target', restrictedTo: [] });
    const sales = await h.client('sales');
    const lead = await makeLead(sales, { company: 'Secret target' });
    const before = await footprint();
    for (const accountId of [secret.id, '999999']) {
      const res = await sales.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, accountId });
      expect(res.statusCode, res.body).toBe(400);
      expect(errorCode(res.body).fields).toEqual({ accountId: 'no such account' });
    }
    const stale = await sales.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale.body).code).toBe('version_conflict');
    for (const body of [{ accountId: secret.id, createAccount: true }, { createDeal: { name: '' } }, { createDeal: { name: 'x', amount: -1 } }, { extra: 1 }, {}]) {
      const res = await sales.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(Object.keys(body).length === 0 ? 200 : 400);
    }
    // The hidden account with the company's name is not used: the one conversion that went through made a new account.
    const after = await footprint();
    expect([after.contacts - before.contacts, after.accounts - before.accounts]).toEqual([1, 1]);
    expect((await leadNow(lead.id)).convertedAccountId).not.toBe(secret.id);
  });
});
