/** Who may merge what (issue #16): hidden records are 404, missing rights 403, stale versions 409; a refused merge changes nothing. */
import { describe, expect, it } from 'vitest';
import { useHarness, type TestClient } from '../../../test/harness.ts';
import { makeContact, makeDeal } from '../../../test/factories.ts';
import { merge, rawState, type ErrorAnswer } from './merge-test-kit.ts';

const { h, admin } = useHarness();

async function setContactsDefault(value: 'read_only' | 'read_write'): Promise<void> {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: Record<string, string> }>();
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, contacts: value } })).statusCode).toBe(200);
}

/** Tries a merge that must be refused with `status` (and `reason`), and checks that not a row changed. */
async function refusedMerge(c: TestClient, ids: string[], body: Record<string, unknown>, status: number, reason?: string): Promise<ErrorAnswer['error']> {
  const before = await rawState(h.database.db, 'contacts', ids);
  const res = await c.post('/api/v1/contacts/merge', body);
  expect(res.statusCode, res.body).toBe(status);
  const error = res.json<ErrorAnswer>().error;
  if (reason) expect(error.details?.reason).toBe(reason);
  expect(await rawState(h.database.db, 'contacts', ids)).toEqual(before);
  return error;
}

describe('who may merge', () => {
  it('answers 404 when a record is hidden from the caller, missing or merged already', async () => {
    const sales = await h.client('sales');
    const a = await makeContact(sales);
    const hidden = await makeContact(admin, { restrictedTo: [] });
    await makeDeal(admin, { contactId: hidden.id });
    const e = await refusedMerge(sales, [a.id, hidden.id], { survivorId: a.id, mergedIds: [hidden.id] }, 404);
    expect(e.code).toBe('not_found');
    await refusedMerge(sales, [hidden.id, a.id], { survivorId: hidden.id, mergedIds: [a.id] }, 404);
    await refusedMerge(sales, [a.id], { survivorId: a.id, mergedIds: ['2147483647'] }, 404);
    const b = await makeContact(sales);
    await merge(sales, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    await refusedMerge(sales, [a.id, b.id], { survivorId: a.id, mergedIds: [b.id] }, 404);
  });

  it('refuses a record in the recycle bin (422) and a record changed since it was loaded (409)', async () => {
    const [a, b, c] = [await makeContact(admin), await makeContact(admin), await makeContact(admin)];
    expect((await admin.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    await refusedMerge(admin, [a.id, c.id], { survivorId: a.id, mergedIds: [c.id] }, 422, 'merge_deleted');
    const stale = await refusedMerge(admin, [a.id, b.id], { survivorId: a.id, mergedIds: [b.id], versions: { [a.id]: a.version, [b.id]: b.version + 1 } }, 409);
    expect(stale.code).toBe('version_conflict');
  });

  it('needs edit on the survivor and delete on every merged record, and the share right to change owner or restriction', async () => {
    const reader = await h.client('readonly');
    const sales = await h.client('sales');
    const [x, y] = [await makeContact(admin), await makeContact(admin)];
    expect((await refusedMerge(reader, [x.id, y.id], { survivorId: x.id, mergedIds: [y.id] }, 403)).details?.reason).toBe('module_right');

    await setContactsDefault('read_only');
    try {
      const mine = await makeContact(sales);
      const theirs = await makeContact(admin);
      await refusedMerge(sales, [mine.id, theirs.id], { survivorId: mine.id, mergedIds: [theirs.id] }, 403, 'record_delete');
      await refusedMerge(sales, [theirs.id, mine.id], { survivorId: theirs.id, mergedIds: [mine.id] }, 403, 'record_edit');
    } finally {
      await setContactsDefault('read_write');
    }

    // With read/write access to someone else's record, the owner and the restriction stay theirs to change.
    const survivor = await makeContact(admin);
    const own = await makeContact(sales);
    await refusedMerge(sales, [survivor.id, own.id], { survivorId: survivor.id, mergedIds: [own.id], fields: { ownerId: own.id } }, 403, 'change_access');
    const restricted = await makeContact(sales, { restrictedTo: [sales.userId] });
    await refusedMerge(sales, [survivor.id, restricted.id], { survivorId: survivor.id, mergedIds: [restricted.id] }, 403, 'change_access');
    // The owner's own merge of the same records goes through.
    expect((await merge(sales, 'contacts', { survivorId: own.id, mergedIds: [restricted.id] })).record.restrictedTo).toEqual([sales.userId]);
  });
});
