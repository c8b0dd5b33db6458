import { describe, expect, it } from 'vitest';
import type { HierarchySummary } from '@kontor/contract/account-hierarchy';
import type { DealCreate } from '@kontor/contract/deals';
import type { OrgDefaults } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal } from '../../test/factories.ts';

const { h, admin } = useHarness();

async function summary(c: TestClient, id: string): Promise<HierarchySummary> {
  const res = await c.get(`/api/v1/accounts/${id}/hierarchy-summary`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<HierarchySummary>();
}

async function setOrgDefaults(patch: Partial<OrgDefaults>) {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: OrgDefaults }>();
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, ...patch } })).statusCode).toBe(200);
}

async function wonDeal(overrides: Partial<DealCreate>) {
  const d = await makeDeal(admin, overrides);
  expect((await admin.patch(`/api/v1/deals/${d.id}`, { status: 'won', version: d.version })).statusCode).toBe(200);
}

describe('member accounts roll-up', () => {
  it('sums contacts and open and won deals over three levels, leaving out a branch the reader cannot see', async () => {
    const sales = await h.client('sales');
    const own = { ownerId: sales.userId };
    await setOrgDefaults({ accounts: 'private', contacts: 'private', deals: 'private' });
    try {
      const root = await makeAccount(admin, { name: 'Group holding', ...own });
      const child = await makeAccount(admin, { name: 'Subsidiary', parentAccountId: root.id, ...own });
      const grandchild = await makeAccount(admin, { name: 'Branch office', parentAccountId: child.id, ...own });
      const hiddenChild = await makeAccount(admin, { name: 'Board\'s own', parentAccountId: root.id });
      const belowHidden = await makeAccount(admin, { name: 'Below the hidden one', parentAccountId: hiddenChild.id, ...own });

      await makeContact(admin, { accountId: root.id, ...own });
      await makeContact(admin, { accountId: child.id, ...own });
      await makeContact(admin, { accountId: child.id, ...own });
      await makeContact(admin, { accountId: grandchild.id, ...own });
      await makeContact(admin, { accountId: grandchild.id }); // the admin's: hidden from the salesperson
      await makeContact(admin, { accountId: hiddenChild.id });
      await makeContact(admin, { accountId: belowHidden.id, ...own });

      await makeDeal(admin, { accountId: root.id, amount: 100, currency: 'EUR', ...own });
      await makeDeal(admin, { accountId: grandchild.id, amount: 10.5, currency: 'EUR', ...own });
      await wonDeal({ accountId: child.id, amount: 200, currency: 'EUR', ...own });
      await wonDeal({ accountId: grandchild.id, amount: 50, currency: 'USD', ...own });
      await wonDeal({ accountId: grandchild.id, amount: 7000, currency: 'EUR' }); // the admin's
      await wonDeal({ accountId: hiddenChild.id, amount: 1000, currency: 'EUR', ...own });
      await wonDeal({ accountId: belowHidden.id, amount: 5, currency: 'EUR', ...own });
      await makeDeal(admin, { accountId: child.id, amount: 1, currency: 'EUR', status: 'lost', ...own });

      expect(await summary(sales, root.id)).toEqual({
        memberCount: 2,
        levels: 3,
        contactCount: 4,
        openDeals: { count: 2, value: [{ currency: 'EUR', amount: 110.5 }] },
        wonDeals: { count: 2, value: [{ currency: 'EUR', amount: 200 }, { currency: 'USD', amount: 50 }] },
      });
      expect(await summary(admin, root.id)).toEqual({
        memberCount: 4,
        levels: 3,
        contactCount: 7,
        openDeals: { count: 2, value: [{ currency: 'EUR', amount: 110.5 }] },
        wonDeals: { count: 5, value: [{ currency: 'EUR', amount: 8205 }, { currency: 'USD', amount: 50 }] },
      });
      // From the middle: the subsidiary and its branch office only.
      expect(await summary(sales, child.id)).toMatchObject({ memberCount: 1, levels: 2, contactCount: 3 });
      // A leaf has no members; the hidden account is a 404, like its page.
      expect(await summary(sales, grandchild.id)).toMatchObject({ memberCount: 0, levels: 1 });
      expect((await sales.get(`/api/v1/accounts/${hiddenChild.id}/hierarchy-summary`)).statusCode).toBe(404);
      // Deleted members leave the roll-up.
      expect((await admin.delete(`/api/v1/accounts/${grandchild.id}?contacts=detach`)).statusCode).toBe(204);
      expect(await summary(sales, root.id)).toMatchObject({ memberCount: 1, levels: 2, contactCount: 3 });
    } finally {
      await setOrgDefaults({ accounts: 'read_write', contacts: 'read_write', deals: 'read_write' });
    }
  });

  it('counts nothing of contacts or deals a profile may not view', async () => {
    const profile = await admin.post('/api/v1/profiles', { name: 'Accounts only', rights: { modules: { accounts: ['view'], contacts: [], deals: [] }, admin: [] } });
    const c = await h.client('sales', { profileId: profile.json<{ id: string }>().id });
    const root = await makeAccount(admin);
    await makeAccount(admin, { parentAccountId: root.id });
    await makeContact(admin, { accountId: root.id });
    await makeDeal(admin, { accountId: root.id, amount: 5 });
    expect(await summary(c, root.id)).toEqual({ memberCount: 1, levels: 2, contactCount: 0, openDeals: { count: 0, value: [] }, wonDeals: { count: 0, value: [] } });
  });

  it('stays finite on a cycle left in old data and stops 20 levels down', async () => {
    const top = await makeAccount(admin, { name: 'Loop top' });
    const below = await makeAccount(admin, { name: 'Loop below', parentAccountId: top.id });
    // The API refuses cycles; old data may still hold one.
    await h.database.db.updateTable('accounts').set({ parent_account_id: Number(below.id) }).where('id', '=', Number(top.id)).execute();
    await makeContact(admin, { accountId: top.id });
    expect(await summary(admin, top.id)).toMatchObject({ memberCount: 1, levels: 2, contactCount: 1 });
    expect(await summary(admin, below.id)).toMatchObject({ memberCount: 1, levels: 2, contactCount: 1 });

    let parent = await makeAccount(admin, { name: 'Level 0' });
    const head = parent.id;
    for (let level = 1; level <= 25; level += 1) parent = await makeAccount(admin, { name: `Level ${level}`, parentAccountId: parent.id });
    expect(await summary(admin, head)).toMatchObject({ memberCount: 20, levels: 21 });
  });

  it('refuses hostile ids with 400', async () => {
    for (const id of ['0', '2147483648', '99999999999999999999', '-1', '1.5', 'abc']) {
      expect((await admin.get(`/api/v1/accounts/${id}/hierarchy-summary`)).statusCode, id).toBe(400);
    }
    expect((await admin.get('/api/v1/accounts/2147483647/hierarchy-summary')).statusCode).toBe(404);
  });
});
