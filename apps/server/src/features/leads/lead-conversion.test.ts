import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { Activity } from '@kontor/contract/activities';
import type { Contact } from '@kontor/contract/contacts';
import type { Deal, Pipeline } from '@kontor/contract/deals';
import type { ConversionMatch, Lead, LeadConversion } from '@kontor/contract/leads';
import type { TimelinePage } from '@kontor/contract/timeline';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeAttachment, makeContact, makeLead, makeNote } from '../../test/factories.ts';

const { h, admin } = useHarness();

const convert = async (c: TestClient, lead: Lead, body: Record<string, unknown> = {}) => {
  const res = await c.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LeadConversion>();
};
const get = async <T>(c: TestClient, path: string) => {
  const res = await c.get(`/api/v1/${path}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const matches = async (c: TestClient, lead: Lead) => (await get<{ data: ConversionMatch[] }>(c, `leads/${lead.id}/conversion-matches`)).data;
const kinds = async (module: string, id: string) => (await get<TimelinePage>(admin, `${module}/${id}/timeline`)).data.map((e) => `${e.module}:${e.kind}`);

describe('lead conversion', () => {
  it('finds visible accounts by company name (case, accents, spaces) and by e-mail domain, never by a free mail domain', async () => {
    const byName = await makeAccount(admin, { name: 'Über  Widgets AG' });
    const bySite = await makeAccount(admin, { name: 'Widget Holding', website: 'https://www.uwidgets.example/' });
    const viaContact = await makeAccount(admin, { name: 'Widget Services', website: null });
    await makeContact(admin, { lastName: 'Employee', accountId: viaContact.id, emails: [{ label: 'work', value: 'Someone@UWidgets.example', primary: true }] });
    const owner = await h.client('sales');
    const hidden = await makeAccount(owner, { name: 'Uber Widgets AG', restrictedTo: [] });
    await makeAccount(admin, { name: 'Uber Widgets AG Nord' });
    const sales = await h.client('sales');
    const lead = await makeLead(sales, { company: 'uber widgets ag', email: 'kim@uwidgets.example' });
    const found = await matches(sales, lead);
    expect(found.map((m) => [m.name, m.reason])).toEqual([
      ['Über  Widgets AG', 'name'],
      ['Widget Holding', 'domain'],
      ['Widget Services', 'domain'],
    ]);
    expect(found.map((m) => m.accountId)).not.toContain(hidden.id);
    expect(found[0]).toMatchObject({ accountId: byName.id, owner: { id: admin.userId } });
    expect(found[1]?.accountId).toBe(bySite.id);
    // Admins see the restricted one too.
    expect((await matches(admin, lead)).map((m) => m.accountId)).toContain(hidden.id);

    const freeMail = await makeLead(sales, { company: null, email: 'kim@gmail.com' });
    await makeAccount(admin, { name: 'Google mail user', website: 'gmail.com' });
    expect(await matches(sales, freeMail)).toEqual([]);

    for (let i = 0; i < 12; i += 1) await makeAccount(admin, { name: 'Crowded Name' });
    expect(await matches(admin, await makeLead(admin, { company: 'Crowded Name', email: null }))).toHaveLength(10);
  });

  it('joins the chosen account: contact with the lead\'s person, e-mail, phone, tags, source and owner; the lead links to it', async () => {
    const owner = await h.client('sales');
    const chosen = await makeAccount(admin, { name: 'Chosen Account GmbH' });
    await makeAccount(admin, { name: 'Lead Company Named Differently' });
    const lead = await makeLead(owner, {
      firstName: 'Clara',
      lastName: 'Chosen',
      company: 'Lead Company Named Differently',
      email: 'clara@chosen.example',
      phone: '+49 30 1234567',
      position: 'CTO',
      source: 'trade_show',
      description: 'Wants a demo',
      tags: ['fair', 'hot'],
    });
    const result = await convert(admin, lead, { accountId: chosen.id });
    expect(result).toMatchObject({ accountId: chosen.id, accountCreated: false, dealId: null });
    const contact = await get<Contact>(admin, `contacts/${result.contactId}`);
    expect(contact).toMatchObject({
      firstName: 'Clara',
      lastName: 'Chosen',
      position: 'CTO',
      leadSource: 'trade_show',
      description: 'Wants a demo',
      accountId: chosen.id,
      ownerId: owner.userId,
      primaryEmail: 'clara@chosen.example',
      primaryPhone: '+49 30 1234567',
      tags: ['fair', 'hot'],
    });
    expect(contact.phones[0]?.e164).toBe('+49301234567');
    expect(result.lead).toMatchObject({
      status: 'converted',
      version: lead.version + 1,
      convertedContactId: result.contactId,
      convertedContactName: 'Clara Chosen',
      convertedAccountId: chosen.id,
      convertedAccountName: 'Chosen Account GmbH',
      convertedDealId: null,
    });
    expect(result.lead.convertedAt).not.toBeNull();
    expect(await kinds('leads', lead.id)).toEqual(['leads:converted', 'leads:created']);
    expect(await kinds('accounts', chosen.id)).toEqual(['leads:converted', 'contacts:created', 'accounts:created']);
    const converted = (await get<TimelinePage>(admin, `leads/${lead.id}/timeline`)).data[0];
    expect(converted?.details).toMatchObject({ contactId: result.contactId, accountId: chosen.id, dealId: null, accountCreated: false });
  });

  it('without a choice joins the account named exactly like the company, else makes one; without a company makes none', async () => {
    const existing = await makeAccount(admin, { name: 'Exact  Match Ltd' });
    const toExisting = await convert(admin, await makeLead(admin, { company: ' exact match LTD ' }));
    expect(toExisting).toMatchObject({ accountId: existing.id, accountCreated: false });

    const forced = await convert(admin, await makeLead(admin, { company: 'Exact Match Ltd' }), { createAccount: true });
    expect(forced.accountCreated).toBe(true);
    expect(forced.accountId).not.toBe(existing.id);

    const owner = await h.client('sales');
    const fresh = await convert(admin, await makeLead(owner, { company: 'Brand New Company SRL' }));
    expect(fresh.accountCreated).toBe(true);
    const account = await get<Account>(admin, `accounts/${fresh.accountId}`);
    expect(account).toMatchObject({ name: 'Brand New Company SRL', ownerId: owner.userId, contactCount: 1 });
    expect(await kinds('accounts', account.id)).toEqual(['leads:converted', 'contacts:created', 'accounts:created']);

    const loner = await convert(admin, await makeLead(admin, { company: null, lastName: 'Freelancer' }));
    expect(loner).toMatchObject({ accountId: null, accountCreated: false });
    expect((await get<Contact>(admin, `contacts/${loner.contactId}`)).accountId).toBeNull();
    expect((await admin.post(`/api/v1/leads/${(await makeLead(admin, { company: null })).id}/convert`, { version: 1, createAccount: true })).statusCode).toBe(400);
  });

  it('makes the deal when asked: on the account and contact, first stage of the default pipeline, currency from the settings', async () => {
    const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
    await admin.put('/api/v1/settings', { ...settings, defaultCurrency: 'RON' });
    try {
      const lead = await makeLead(admin, { company: 'Deal Maker SA' });
      const result = await convert(admin, lead, { createDeal: { name: 'Deal Maker SA deal', amount: 5000, expectedCloseDate: '2031-06-30' } });
      const [sales] = (await get<{ data: Pipeline[] }>(admin, 'pipelines')).data.filter((p) => p.isDefault);
      const deal = await get<Deal>(admin, `deals/${result.dealId}`);
      expect(deal).toMatchObject({
        name: 'Deal Maker SA deal',
        amount: 5000,
        currency: 'RON',
        expectedCloseDate: '2031-06-30',
        accountId: result.accountId,
        contactId: result.contactId,
        pipelineId: sales?.id,
        stageId: sales?.stages[0]?.id,
        status: 'open',
      });
      expect(result.lead).toMatchObject({ convertedDealId: result.dealId, convertedDealName: 'Deal Maker SA deal' });
      expect(await kinds('accounts', result.accountId ?? '')).toEqual(['leads:converted', 'deals:created', 'contacts:created', 'accounts:created']);
      const stage = sales?.stages[2];
      const inStage = await convert(admin, await makeLead(admin, { company: 'Staged Co' }), { createDeal: { name: 'Staged', stageId: stage?.id, currency: 'usd' } });
      expect(await get<Deal>(admin, `deals/${inStage.dealId}`)).toMatchObject({ stageId: stage?.id, currency: 'USD' });
    } finally {
      await admin.put('/api/v1/settings', settings);
    }
  });

  it('moves the lead\'s activities, notes and files to the contact (activities keep the lead)', async () => {
    const lead = await makeLead(admin, { company: 'Movers Inc' });
    const call = await makeActivity(admin, { type: 'call', subject: 'First call', leadId: lead.id });
    const note = await makeNote(admin, { leadId: lead.id }, '<p>Budget approved</p>');
    const file = await makeAttachment(admin, 'leads', lead.id, 'brief.txt');
    const fresh = await get<Lead>(admin, `leads/${lead.id}`);
    const result = await convert(admin, fresh);
    expect(await get<Activity>(admin, `activities/${call.id}`)).toMatchObject({ leadId: lead.id, contactId: result.contactId, accountId: result.accountId });
    const notes = await get<{ data: Array<{ id: string }> }>(admin, `contacts/${result.contactId}/notes`);
    expect(notes.data.map((n) => n.id)).toEqual([note.id]);
    const files = await get<{ data: Array<{ id: string }> }>(admin, `contacts/${result.contactId}/attachments`);
    expect(files.data.map((f) => f.id)).toEqual([file.id]);
    expect((await get<{ data: unknown[] }>(admin, `leads/${lead.id}/notes`)).data).toEqual([]);
  });
});
