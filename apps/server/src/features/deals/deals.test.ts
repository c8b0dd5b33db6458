import { describe, expect, it } from 'vitest';
import type { Account, AccountListItem } from '@kontor/contract/accounts';
import type { ContactListItem } from '@kontor/contract/contacts';
import type { Deal, DealBoard, DealListItem, Pipeline } from '@kontor/contract/deals';
import type { OrgDefault } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal } from '../../test/factories.ts';

const { h, admin } = useHarness();

const account = async (c: TestClient, id: string) => (await c.get(`/api/v1/accounts/${id}`)).json<Account>();
const pipelines = async () => (await admin.get('/api/v1/pipelines')).json<{ data: Pipeline[] }>().data;
async function setDefaults(value: OrgDefault) {
  const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: value, contacts: value, deals: value } })).statusCode).toBe(200);
}

describe('pipelines', () => {
  it('start with a default pipeline of ordered stages that admins edit; stages with deals stay', async () => {
    const [sales] = await pipelines();
    expect(sales).toMatchObject({ name: 'Sales pipeline', isDefault: true });
    expect(sales?.stages.map((s) => s.probability)).toEqual([10, 20, 40, 60, 80]);
    const created = await admin.post('/api/v1/pipelines', { name: 'Renewals', stages: [{ name: 'Due', probability: 50 }, { name: 'Quoted', probability: 70 }] });
    expect(created.statusCode).toBe(201);
    const renewals = created.json<Pipeline>();
    const [due, quoted] = renewals.stages;
    await makeDeal(admin, { name: 'Renewal 2027', stageId: quoted?.id });
    // Reorder and rename, add one, drop the empty one.
    const edited = await admin.patch(`/api/v1/pipelines/${renewals.id}`, {
      stages: [{ id: quoted?.id, name: 'Quote sent', probability: 75 }, { name: 'Signed', probability: 95 }],
      version: renewals.version,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Pipeline>().stages.map((s) => [s.name, s.position])).toEqual([['Quote sent', 0], ['Signed', 1]]);
    const refused = await admin.patch(`/api/v1/pipelines/${renewals.id}`, { stages: [{ name: 'Only', probability: 1 }], version: edited.json<Pipeline>().version });
    expect(refused.statusCode).toBe(422);
    expect(due?.id).toBeDefined();
    const sales2 = await h.client('sales');
    expect((await sales2.post('/api/v1/pipelines', { name: 'Mine', stages: [{ name: 'A', probability: 1 }] })).statusCode).toBe(403);
    expect((await sales2.get('/api/v1/pipelines')).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/pipelines/${renewals.id}`)).statusCode).toBe(400);
    expect((await admin.delete(`/api/v1/pipelines/${renewals.id}?moveTo=${sales?.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/deals?pipelineId=${sales?.id}&q=Renewal 2027`)).json<{ data: DealListItem[] }>().data[0]?.stageId).toBe(sales?.stages[0]?.id);
  });
});

describe('deals', () => {
  it('go to the default pipeline\'s first stage, move through stages, and validate what they are given', async () => {
    const [sales] = await pipelines();
    const d = await makeDeal(admin, { name: 'Bare deal' });
    expect(d).toMatchObject({ pipelineId: sales?.id, stageId: sales?.stages[0]?.id, status: 'open', currency: 'EUR', probability: 10 });
    const moved = await admin.patch(`/api/v1/deals/${d.id}`, { stageId: sales?.stages[3]?.id, version: d.version });
    expect(moved.json<Deal>()).toMatchObject({ stageName: 'Proposal made', probability: 60, version: d.version + 1 });
    expect((await admin.patch(`/api/v1/deals/${d.id}`, { stageId: sales?.stages[1]?.id, version: d.version })).statusCode).toBe(409);
    for (const bad of [{ amount: -1 }, { currency: 'euro' }, { expectedCloseDate: '2026-13-01' }, { stageId: '999999' }, { accountId: '999999' }, { name: '\u200b\u200b' }, { lostReason: 'too early' }]) {
      const res = await admin.post('/api/v1/deals', { name: 'Bad', ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await admin.post('/api/v1/deals', { name: 'Mismatch', pipelineId: sales?.id, stageId: (await pipelines())[1]?.stages[0]?.id ?? sales?.stages[0]?.id })).statusCode).toBeLessThan(500);
  });

  it('a won deal makes its account a customer with its sums in the same request; reopening undoes it', async () => {
    const acme = await makeAccount(admin, { name: 'Customer Test AG' });
    const eur = await makeDeal(admin, { name: 'Big one', amount: 12000, currency: 'EUR', accountId: acme.id });
    await makeDeal(admin, { name: 'Yuan one', amount: 50000, currency: 'CNY', accountId: acme.id });
    await makeDeal(admin, { name: 'Small one', amount: 500.5, currency: 'EUR', accountId: acme.id });
    expect((await account(admin, acme.id)).deals).toEqual({
      isCustomer: false,
      wonDealsValue: [],
      openDealsValue: [{ currency: 'CNY', amount: 50000 }, { currency: 'EUR', amount: 12500.5 }],
      openDealCount: 3,
    });
    const won = await admin.patch(`/api/v1/deals/${eur.id}`, { status: 'won', version: eur.version });
    expect(won.json<Deal>()).toMatchObject({ status: 'won', closedAt: expect.any(String) });
    const after = await account(admin, acme.id);
    expect(after.deals).toMatchObject({ isCustomer: true, wonDealsValue: [{ currency: 'EUR', amount: 12000 }], openDealCount: 2 });
    const customers = (await admin.get('/api/v1/accounts?customer=true&q=Customer Test')).json<{ data: AccountListItem[] }>().data;
    expect(customers.map((a) => [a.id, a.isCustomer])).toEqual([[acme.id, true]]);
    const reopened = await admin.patch(`/api/v1/deals/${eur.id}`, { status: 'open', version: won.json<Deal>().version });
    expect(reopened.json<Deal>()).toMatchObject({ status: 'open', closedAt: null });
    expect((await account(admin, acme.id)).deals.isCustomer).toBe(false);
    expect((await admin.get('/api/v1/accounts?customer=true&q=Customer Test')).json<{ data: unknown[] }>().data).toEqual([]);
    expect((await admin.get('/api/v1/accounts?withOpenDeals=true&q=Customer Test')).json<{ data: unknown[] }>().data).toHaveLength(1);
    const lost = await admin.patch(`/api/v1/deals/${eur.id}`, { status: 'lost', lostReason: 'Price', version: reopened.json<Deal>().version });
    expect(lost.json<Deal>()).toMatchObject({ status: 'lost', lostReason: 'Price' });
  });

  it('sums, the customer flag and related lists count only deals the reader may see', async () => {
    await setDefaults('private');
    try {
      const owner = await h.client('sales');
      const stranger = await h.client('sales');
      const acme = await makeAccount(owner, { name: 'Shared Interest GmbH' });
      await admin.post(`/api/v1/accounts/${acme.id}/shares`, { userId: stranger.userId, access: 'read' });
      const hidden = await makeDeal(owner, { name: 'Owner-only deal', amount: 900, accountId: acme.id });
      const wonHidden = await admin.patch(`/api/v1/deals/${hidden.id}`, { status: 'won', version: hidden.version });
      expect(wonHidden.statusCode).toBe(200);
      expect((await account(owner, acme.id)).deals.isCustomer).toBe(true);
      expect((await account(stranger, acme.id)).deals).toEqual({ isCustomer: false, wonDealsValue: [], openDealsValue: [], openDealCount: 0 });
      expect((await stranger.get(`/api/v1/accounts/${acme.id}/deals`)).json<{ data: unknown[] }>().data).toEqual([]);
      expect((await stranger.get(`/api/v1/deals/${hidden.id}`)).statusCode).toBe(404);
      expect((await stranger.get('/api/v1/accounts?customer=true&q=Shared Interest')).json<{ data: unknown[] }>().data).toEqual([]);
      // A deal on an account the reader cannot see: the related list is 404, the deal itself is private too.
      const secretAccount = await makeAccount(owner, { name: 'Secret account' });
      const onSecret = await makeDeal(owner, { name: 'On secret', accountId: secretAccount.id });
      expect((await stranger.get(`/api/v1/accounts/${secretAccount.id}/deals`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/v1/deals/${onSecret.id}`)).statusCode).toBe(404);
      // Shared with the stranger, the deal shows, but the hidden account's name does not.
      await owner.post(`/api/v1/deals/${onSecret.id}/shares`, { userId: stranger.userId, access: 'read' });
      expect((await stranger.get(`/api/v1/deals/${onSecret.id}`)).json<Deal>()).toMatchObject({ accountId: secretAccount.id, accountName: null });
      // A stranger cannot link a deal to an account they cannot see.
      expect((await stranger.post('/api/v1/deals', { name: 'Sneaky', accountId: secretAccount.id })).statusCode).toBe(400);
    } finally {
      await setDefaults('read_write');
    }
  });

  it('shows on contacts, filters contacts with open or won deals, and clones for every module', async () => {
    const c = await makeContact(admin, { lastName: 'Dealmaker' });
    const d = await makeDeal(admin, { name: 'Contact deal', contactId: c.id, amount: 10, tags: ['hot'] });
    expect((await admin.get(`/api/v1/contacts/${c.id}/deals`)).json<{ data: DealListItem[] }>().data.map((x) => x.id)).toEqual([d.id]);
    expect((await admin.get('/api/v1/contacts?withOpenDeals=true&q=Dealmaker')).json<{ data: ContactListItem[] }>().data.map((x) => x.id)).toEqual([c.id]);
    expect((await admin.get('/api/v1/contacts?customer=true&q=Dealmaker')).json<{ data: unknown[] }>().data).toEqual([]);
    const clone = await admin.post(`/api/v1/deals/${d.id}/clone`);
    expect(clone.statusCode).toBe(201);
    expect(clone.json<Deal>()).toMatchObject({ name: 'Contact deal', contactId: c.id, amount: 10, tags: ['hot'], status: 'open' });
    expect(clone.json<Deal>().id).not.toBe(d.id);
    const a = await makeAccount(admin, { name: 'Clone me AG', accountNumber: 'A-1', emails: [{ label: 'work', value: 'x@clone.example', primary: true }] });
    const ac = (await admin.post(`/api/v1/accounts/${a.id}/clone`)).json<Account>();
    expect(ac).toMatchObject({ name: 'Clone me AG', accountNumber: null, emails: [{ value: 'x@clone.example', primary: true }] });
    expect((await admin.post(`/api/v1/contacts/${c.id}/clone`)).statusCode).toBe(201);
    const sales = await h.client('sales');
    expect((await sales.post('/api/v1/deals/999999/clone')).statusCode).toBe(404);
  });

  it('board: a column per stage in order, counts and sums per currency, open deals only, filtered by owner', async () => {
    const renewal = (await admin.post('/api/v1/pipelines', { name: `Board ${Date.now()}`, stages: [{ name: 'One', probability: 10 }, { name: 'Two', probability: 90 }] })).json<Pipeline>();
    const [one, two] = renewal.stages;
    const mine = await h.client('sales');
    await makeDeal(admin, { name: 'B1', amount: 100, currency: 'EUR', stageId: one?.id });
    await makeDeal(admin, { name: 'B2', amount: 50, currency: 'USD', stageId: one?.id });
    await makeDeal(mine, { name: 'B3', amount: 25, currency: 'EUR', stageId: two?.id });
    const wonOne = await makeDeal(admin, { name: 'B4', amount: 1000, stageId: two?.id });
    await admin.patch(`/api/v1/deals/${wonOne.id}`, { status: 'won', version: wonOne.version });
    const board = (await admin.get(`/api/v1/deals/board?pipelineId=${renewal.id}`)).json<DealBoard>();
    expect(board.columns.map((c) => [c.stage.name, c.count, c.sums, c.deals.map((d) => d.name).sort()])).toEqual([
      ['One', 2, [{ currency: 'EUR', amount: 100 }, { currency: 'USD', amount: 50 }], ['B1', 'B2']],
      ['Two', 1, [{ currency: 'EUR', amount: 25 }], ['B3']],
    ]);
    const filtered = (await admin.get(`/api/v1/deals/board?pipelineId=${renewal.id}&ownerId=${mine.userId}`)).json<DealBoard>();
    expect(filtered.columns.map((c) => c.count)).toEqual([0, 1]);
    const paged = (await admin.get(`/api/v1/deals/board?pipelineId=${renewal.id}&limit=1`)).json<DealBoard>();
    expect(paged.columns[0]?.deals).toHaveLength(1);
    expect(paged.columns[0]?.nextCursor).not.toBeNull();
  });

  it('deletes to the recycle bin and restores; purging the account keeps the deal without it', async () => {
    const a = await makeAccount(admin, { name: 'Purge AG' });
    const d = await makeDeal(admin, { name: 'Survivor', accountId: a.id });
    expect((await admin.delete(`/api/v1/deals/${d.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/deals/${d.id}`)).statusCode).toBe(404);
    const bin = (await admin.get('/api/v1/recycle-bin?module=deals')).json<{ data: Array<{ id: string; name: string }> }>().data;
    expect(bin.find((b) => b.id === d.id)?.name).toBe('Survivor');
    expect((await admin.post(`/api/v1/deals/${d.id}/restore`)).json<Deal>()).toMatchObject({ name: 'Survivor', accountId: a.id });
    await admin.delete(`/api/v1/accounts/${a.id}`);
    expect((await admin.get(`/api/v1/deals/${d.id}`)).json<Deal>()).toMatchObject({ accountId: a.id, accountName: null });
    expect((await admin.delete(`/api/v1/recycle-bin/accounts/${a.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/deals/${d.id}`)).json<Deal>()).toMatchObject({ accountId: null });
  });
});
