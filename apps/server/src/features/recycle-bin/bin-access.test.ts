/** The recycle bin says per entry what the caller may do (restore, purge), and the endpoints do what it says. Both engines. */
import { describe, expect, it } from 'vitest';
import type { RecycleBinItem } from '@kontor/contract/recycle-bin';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount } from '../../test/factories.ts';

const { h, admin } = useHarness();

const entry = async (c: TestClient, id: string): Promise<RecycleBinItem | undefined> =>
  (await c.get('/api/v1/recycle-bin?module=accounts&limit=200')).json<{ data: RecycleBinItem[] }>().data.find((i) => i.id === id);

describe('recycle bin access', () => {
  it('the owner may restore and purge; a peer with the read/write default only restore; a read-only profile neither', async () => {
    const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
    expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: 'read_write', contacts: 'read_write', deals: 'read_write', activities: 'read_write', leads: 'read_write' } })).statusCode).toBe(200);
    const owner = await h.client('sales');
    const peer = await h.client('sales');
    const reader = await h.client('readonly');
    const a = await makeAccount(owner, { name: 'Binned GmbH' });
    expect((await owner.delete(`/api/v1/accounts/${a.id}`)).statusCode).toBe(204);

    expect((await entry(owner, a.id))?.access).toEqual({ restore: true, purge: true });
    expect((await entry(peer, a.id))?.access).toEqual({ restore: true, purge: false });
    expect((await entry(reader, a.id))?.access).toEqual({ restore: false, purge: false });
    expect((await entry(admin, a.id))?.access).toEqual({ restore: true, purge: true });

    // what the flags say is what the endpoints do
    expect((await peer.delete(`/api/v1/recycle-bin/accounts/${a.id}`)).statusCode).toBe(403);
    expect((await reader.post(`/api/v1/accounts/${a.id}/restore`)).statusCode).toBe(403);
    expect((await reader.delete(`/api/v1/recycle-bin/accounts/${a.id}`)).statusCode).toBe(403);
    expect((await peer.post(`/api/v1/accounts/${a.id}/restore`)).statusCode).toBe(200);
    expect((await owner.delete(`/api/v1/accounts/${a.id}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/v1/recycle-bin/accounts/${a.id}`)).statusCode).toBe(204);
    expect(await entry(owner, a.id)).toBeUndefined();
  });
});
