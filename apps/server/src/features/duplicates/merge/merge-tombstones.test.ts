/** Merged records' old ids (issue #16): GETs redirect to the survivor, other requests answer 410, the recycle bin ignores them. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../../test/harness.ts';
import { makeAccount, makeContact } from '../../../test/factories.ts';
import { merge, type ErrorAnswer } from './merge-test-kit.ts';

const { h, admin } = useHarness();

describe('tombstones', () => {
  it('redirect every GET below a merged record to the same path of its survivor, through chains of merges', async () => {
    const [a, b, c] = [await makeContact(admin), await makeContact(admin), await makeContact(admin)];
    await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    for (const rest of ['', '/page', '/timeline?since=all&limit=5', '/history']) {
      const res = await admin.get(`/api/v1/contacts/${b.id}${rest}`);
      expect(res.statusCode, rest).toBe(307);
      expect(res.headers.location).toBe(`/api/v1/contacts/${a.id}${rest}`);
      expect(res.body).toBe('');
    }
    expect((await admin.raw({ method: 'HEAD', url: `/api/v1/contacts/${b.id}` })).statusCode).toBe(307);
    // A was merged into C later: B's old id leads straight to C.
    await merge(admin, 'contacts', { survivorId: c.id, mergedIds: [a.id] });
    expect((await admin.get(`/api/v1/contacts/${b.id}`)).headers.location).toBe(`/api/v1/contacts/${c.id}`);
    expect((await admin.get('/api/v1/contacts/2147483647')).statusCode).toBe(404);
  });

  it('answer 410 record_merged with the survivor to every other method', async () => {
    const [a, b] = [await makeAccount(admin), await makeAccount(admin)];
    await merge(admin, 'accounts', { survivorId: a.id, mergedIds: [b.id] });
    for (const res of [
      await admin.patch(`/api/v1/accounts/${b.id}`, { name: 'Renamed', version: b.version }),
      await admin.delete(`/api/v1/accounts/${b.id}`),
      await admin.post(`/api/v1/accounts/${b.id}/restore`),
      await admin.post(`/api/v1/accounts/${b.id}/shares`, { userId: admin.userId, access: 'read' }),
    ]) {
      expect(res.statusCode).toBe(410);
      expect(res.json<ErrorAnswer>().error).toMatchObject({ code: 'record_merged', details: { survivorId: a.id } });
    }
    expect((await admin.get(`/api/v1/accounts/${b.id}/contacts`)).headers.location).toBe(`/api/v1/accounts/${a.id}/contacts`);
  });

  it('stay 404 for callers who may not see the survivor', async () => {
    const sales = await h.client('sales');
    const a = await makeContact(admin, { restrictedTo: [] });
    const b = await makeContact(admin);
    expect((await sales.get(`/api/v1/contacts/${b.id}`)).statusCode).toBe(200);
    await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    const res = await sales.get(`/api/v1/contacts/${b.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers.location).toBeUndefined();
    expect((await sales.patch(`/api/v1/contacts/${b.id}`, { version: 1 })).statusCode).toBe(404);
  });

  it('are not in the recycle bin: not listed, not restored, not purged', async () => {
    const [a, b, d] = [await makeContact(admin), await makeContact(admin), await makeContact(admin)];
    expect((await admin.delete(`/api/v1/contacts/${d.id}`)).statusCode).toBe(204);
    await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    const bin = (await admin.get('/api/v1/recycle-bin?module=contacts&limit=100')).json<{ data: Array<{ id: string }> }>().data.map((x) => x.id);
    expect(bin).toContain(d.id);
    expect(bin).not.toContain(b.id);
    expect((await admin.post(`/api/v1/contacts/${b.id}/restore`)).statusCode).toBe(410);
    expect((await admin.delete(`/api/v1/recycle-bin/contacts/${b.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/contacts/${b.id}`)).headers.location).toBe(`/api/v1/contacts/${a.id}`);
  });
});
