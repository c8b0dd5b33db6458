/**
 * Write access is not ownership (issue #8, item 2), and a caller learns nothing about records they cannot see
 * (item 8): owner changes and restrictions need the share right and land on the record's history; deleting an
 * account and choosing a parent answer only from what the caller sees.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { RecordHistoryEntry } from '@kontor/contract/audit';
import type { Contact } from '@kontor/contract/contacts';
import type { Module } from '@kontor/contract/custom-fields';
import type { OrgDefault } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal } from '../../test/factories.ts';

const { h, admin } = useHarness();

async function setDefaults(value: OrgDefault) {
  const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: value, contacts: value } })).statusCode).toBe(200);
}
const fetchRecord = async (module: Module, id: string) => (await admin.get(`/api/v1/${module}/${id}`)).json<Account & Contact>();
const history = async (c: TestClient, module: Module, id: string) => (await c.get(`/api/v1/${module}/${id}/history`)).json<{ data: RecordHistoryEntry[] }>().data;

/** Every way a non-owner can hold write access: the read/write default, a write share, a place on the restricted list. */
const writeAccess: Array<{ name: string; orgDefault: OrgDefault; grant: (module: Module, id: string, who: TestClient) => Promise<{ restrictedTo?: string[] }> }> = [
  { name: 'the read/write default', orgDefault: 'read_write', grant: async () => ({}) },
  {
    name: 'a write share',
    orgDefault: 'private',
    grant: async (module, id, who) => {
      expect((await admin.post(`/api/v1/${module}/${id}/shares`, { userId: who.userId, access: 'write' })).statusCode).toBe(201);
      return {};
    },
  },
  { name: 'the restricted list', orgDefault: 'private', grant: async (_m, _id, who) => ({ restrictedTo: [who.userId] }) },
];

describe('write access does not become ownership', () => {
  for (const module of ['accounts', 'contacts'] as const) {
    for (const way of writeAccess) {
      it(`${module}: a user with ${way.name} may edit but not take the record, restrict it or lift its restriction`, async () => {
        await setDefaults(way.orgDefault);
        const owner = await h.client('sales');
        const other = await h.client('sales');
        const make = module === 'accounts' ? makeAccount : makeContact;
        const rec = await make(owner);
        const { restrictedTo } = await way.grant(module, rec.id, other);
        if (restrictedTo) expect((await owner.patch(`/api/v1/${module}/${rec.id}`, { restrictedTo, version: rec.version })).statusCode).toBe(200);
        const before = await fetchRecord(module, rec.id);
        expect((await other.get(`/api/v1/${module}/${rec.id}`)).json<Account>().access).toEqual({ edit: true, delete: true, share: false });
        const take = await other.patch(`/api/v1/${module}/${rec.id}`, { ownerId: other.userId, version: before.version });
        expect(take.statusCode).toBe(403);
        expect(take.json<{ error: { fields?: Record<string, string> } }>().error.fields?.ownerId).toBeDefined();
        expect((await other.patch(`/api/v1/${module}/${rec.id}`, { restrictedTo: [], version: before.version })).statusCode).toBe(403);
        expect((await other.patch(`/api/v1/${module}/${rec.id}`, { restrictedTo: null, version: before.version })).statusCode).toBe(403);
        expect((await other.post(`/api/v1/${module}/${rec.id}/shares`, { userId: other.userId, access: 'write' })).statusCode).toBe(403);
        // Sending the current owner back unchanged is an ordinary edit (forms send the whole record).
        expect((await other.patch(`/api/v1/${module}/${rec.id}`, { ownerId: owner.userId, description: 'edited', version: before.version })).statusCode).toBe(200);
        const after = await fetchRecord(module, rec.id);
        expect(after).toMatchObject({ ownerId: owner.userId, restrictedTo: before.restrictedTo, description: 'edited' });
        expect((await history(owner, module, rec.id)).filter((e) => e.action === 'record.owner_change')).toEqual([]);
      });
    }
  }

  it('the owner, users above the owner and admins change the owner; it is audited and on the history', async () => {
    await setDefaults('private');
    const manager = await h.client('manager');
    const owner = await h.client('sales');
    const colleague = await h.client('sales');
    const a = await makeAccount(owner);
    const byManager = await manager.patch(`/api/v1/accounts/${a.id}`, { ownerId: colleague.userId, version: a.version });
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json<Account>().ownerId).toBe(colleague.userId);
    const back = await admin.patch(`/api/v1/accounts/${a.id}`, { ownerId: owner.userId, version: byManager.json<Account>().version });
    expect(back.statusCode).toBe(200);
    const entries = await history(manager, 'accounts', a.id);
    expect(entries.map((e) => [e.action, e.details.fromOwnerId, e.details.toOwnerId, e.actor?.id])).toEqual([
      ['record.owner_change', colleague.userId, owner.userId, admin.userId],
      ['record.owner_change', owner.userId, colleague.userId, manager.userId],
    ]);
    expect(entries[0]?.userNames[owner.userId]).toMatch(/^Test sales/);
    const audit = (await admin.get('/api/v1/audit-log?action=record.owner_change')).json<{ data: Array<{ targetId: string }> }>().data;
    expect(audit.filter((e) => e.targetId === a.id)).toHaveLength(2);
    // The history is as private as the record.
    expect((await colleague.get(`/api/v1/accounts/${a.id}/history`)).statusCode).toBe(404);
  });

  it('the history records sharing and restriction changes once, and says with whom a share ended', async () => {
    const owner = await h.client('sales');
    const colleague = await h.client('sales');
    const c = await makeContact(owner);
    const restricted = (await owner.patch(`/api/v1/contacts/${c.id}`, { restrictedTo: [colleague.userId], version: c.version })).json<Contact>();
    // The form sends the same restriction back with an unrelated edit: no second entry.
    const edited = (await owner.patch(`/api/v1/contacts/${c.id}`, { restrictedTo: [colleague.userId], description: 'x', version: restricted.version })).json<Contact>();
    await owner.patch(`/api/v1/contacts/${c.id}`, { restrictedTo: null, version: edited.version });
    const share = (await owner.post(`/api/v1/contacts/${c.id}/shares`, { userId: colleague.userId, access: 'write' })).json<{ id: string }>();
    expect((await owner.delete(`/api/v1/contacts/${c.id}/shares/${share.id}`)).statusCode).toBe(204);
    const entries = await history(owner, 'contacts', c.id);
    expect(entries.map((e) => e.action)).toEqual(['record.unshare', 'record.share', 'record.restrict', 'record.restrict']);
    expect(entries[0]?.details).toMatchObject({ shareId: share.id, userId: colleague.userId, roleId: null, access: 'write' });
    expect(entries[0]?.userNames[colleague.userId]).toMatch(/^Test sales/);
    expect(entries.map((e) => e.details.restrictedTo).slice(2)).toEqual([null, [colleague.userId]]);
  });

  it('a transfer of all of a user\'s records lands on each record\'s history', async () => {
    const leaving = await h.client('sales');
    const heir = await h.client('sales');
    const a = await makeAccount(leaving);
    const c = await makeContact(leaving);
    const d = await makeDeal(leaving);
    expect((await admin.post(`/api/v1/users/${leaving.userId}/transfer`, { toUserId: heir.userId })).json()).toEqual({ accounts: 1, contacts: 1, deals: 1, activities: 0, leads: 0 });
    for (const [module, id] of [['accounts', a.id], ['contacts', c.id], ['deals', d.id]] as const) {
      expect((await history(admin, module, id)).map((e) => e.details)).toEqual([{ fromOwnerId: leaving.userId, toOwnerId: heir.userId, via: 'transfer' }]);
    }
  });
});

describe('no existence oracles', () => {
  it('deleting an account with only hidden contacts answers as if it had none, and detaches them', async () => {
    await setDefaults('private');
    const owner = await h.client('sales');
    const stranger = await h.client('sales');
    const account = await makeAccount(owner);
    const hidden = await makeContact(stranger);
    expect((await admin.post(`/api/v1/accounts/${account.id}/contacts`, { contactId: hidden.id })).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/accounts/${account.id}`)).json<Account>().contactCount).toBe(0);
    const res = await owner.delete(`/api/v1/accounts/${account.id}`);
    expect(res.statusCode).toBe(204);
    expect((await fetchRecord('contacts', hidden.id)).accountId).toBeNull();
    expect((await stranger.get(`/api/v1/contacts/${hidden.id}`)).statusCode).toBe(200);
  });

  it('a visible contact still needs the choice, and the count names only visible contacts', async () => {
    await setDefaults('private');
    const owner = await h.client('sales');
    const stranger = await h.client('sales');
    const account = await makeAccount(owner);
    await makeContact(owner, { accountId: account.id });
    const hidden = await makeContact(stranger);
    await admin.post(`/api/v1/accounts/${account.id}/contacts`, { contactId: hidden.id });
    const res = await owner.delete(`/api/v1/accounts/${account.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string; details: { contactCount: number } } }>().error).toMatchObject({ code: 'account_has_contacts', details: { contactCount: 1 } });
  });

  it('a parent chain through hidden accounts answers the same whether or not it loops', async () => {
    await setDefaults('private');
    const owner = await h.client('sales');
    const stranger = await h.client('sales');
    const mine = await makeAccount(owner);
    // A loop: mine <- hiddenMember <- viaHidden (mine is the hidden account's parent, the hidden account viaHidden's).
    const hiddenMember = await makeAccount(stranger);
    await admin.patch(`/api/v1/accounts/${hiddenMember.id}`, { parentAccountId: mine.id, version: hiddenMember.version });
    const viaHidden = await makeAccount(owner);
    await admin.patch(`/api/v1/accounts/${viaHidden.id}`, { parentAccountId: hiddenMember.id, version: viaHidden.version });
    // No loop: another of mine below an unrelated hidden account.
    const unrelatedHidden = await makeAccount(stranger);
    const elsewhere = await makeAccount(owner);
    await admin.patch(`/api/v1/accounts/${elsewhere.id}`, { parentAccountId: unrelatedHidden.id, version: elsewhere.version });

    const current = await fetchRecord('accounts', mine.id);
    const loop = await owner.patch(`/api/v1/accounts/${mine.id}`, { parentAccountId: viaHidden.id, version: current.version });
    const noLoop = await owner.patch(`/api/v1/accounts/${mine.id}`, { parentAccountId: elsewhere.id, version: current.version });
    expect(loop.statusCode).toBe(422);
    expect(loop.json()).toEqual(noLoop.json());
    expect(loop.json<{ error: { code: string } }>().error.code).toBe('parent_chain_hidden');
    // A loop the caller can see is still named as one; an administrator sees everything and gets the real answer.
    const visibleChild = await makeAccount(owner, { parentAccountId: mine.id });
    const visibleLoop = await owner.patch(`/api/v1/accounts/${mine.id}`, { parentAccountId: visibleChild.id, version: current.version });
    expect(visibleLoop.json<{ error: { code: string } }>().error.code).toBe('parent_cycle');
    expect((await admin.patch(`/api/v1/accounts/${mine.id}`, { parentAccountId: viaHidden.id, version: current.version })).json<{ error: { code: string } }>().error.code).toBe('parent_cycle');
    expect((await admin.patch(`/api/v1/accounts/${mine.id}`, { parentAccountId: elsewhere.id, version: current.version })).statusCode).toBe(200);
  });
});
