import { describe, expect, it } from 'vitest';
import type { Contact } from '@kontor/contract/contacts';
import type { Tag } from '@kontor/contract/tags';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';

const { h, admin } = useHarness();

const tags = async () => (await admin.get('/api/v1/tags')).json<{ data: Tag[] }>().data;
const byName = async (name: string) => (await tags()).find((t) => t.name === name);

describe('tags', () => {
  it('creates tags from record input, case-insensitively unique, and counts their use', async () => {
    await makeContact(admin, { tags: ['Trade fair 2026', '供应商'] });
    await makeAccount(admin, { tags: ['trade FAIR 2026'] });
    const fair = await byName('Trade fair 2026');
    expect(fair?.usage).toBe(2);
    expect(fair?.color).toMatch(/^#[0-9a-f]{6}$/);
    expect((await byName('供应商'))?.usage).toBe(1);
  });

  it('renames and recolours; records show the new name', async () => {
    const c = await makeContact(admin, { tags: ['Old name'] });
    const tag = await byName('Old name');
    const res = await admin.patch(`/api/v1/tags/${tag?.id}`, { name: 'New name', color: '#112233' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Tag>()).toMatchObject({ name: 'New name', color: '#112233' });
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().tags).toEqual(['New name']);
    expect((await admin.patch(`/api/v1/tags/${tag?.id}`, { color: 'red' })).statusCode).toBe(400);
  });

  it('refuses a rename onto an existing name and merges instead', async () => {
    const c1 = await makeContact(admin, { tags: ['Kunde', 'Customer'] });
    const c2 = await makeContact(admin, { tags: ['Kunde'] });
    const kunde = await byName('Kunde');
    const customer = await byName('Customer');
    expect((await admin.patch(`/api/v1/tags/${kunde?.id}`, { name: 'customer' })).statusCode).toBe(409);
    const merged = await admin.post(`/api/v1/tags/${kunde?.id}/merge`, { intoId: customer?.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json<Tag>().usage).toBe(2);
    expect(await byName('Kunde')).toBeUndefined();
    expect((await admin.get(`/api/v1/contacts/${c1.id}`)).json<Contact>().tags).toEqual(['Customer']);
    expect((await admin.get(`/api/v1/contacts/${c2.id}`)).json<Contact>().tags).toEqual(['Customer']);
    expect((await admin.post(`/api/v1/tags/${customer?.id}/merge`, { intoId: customer?.id })).statusCode).toBe(400);
  });

  it('removes a tag from a record and deletes a tag everywhere', async () => {
    const c = await makeContact(admin, { tags: ['Keep', 'Drop'] });
    const removed = (await admin.patch(`/api/v1/contacts/${c.id}`, { tags: ['Keep'], version: c.version })).json<Contact>();
    expect(removed.tags).toEqual(['Keep']);
    const keep = await byName('Keep');
    expect((await admin.delete(`/api/v1/tags/${keep?.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().tags).toEqual([]);
  });

  it('counts only the live records the caller can see', async () => {
    const name = `Secret${Date.now()}`;
    await makeContact(admin, { tags: [name], restrictedTo: [] });
    const gone = await makeContact(admin, { tags: [name] });
    await admin.delete(`/api/v1/contacts/${gone.id}`);
    await makeAccount(admin, { tags: [name] });
    expect((await byName(name))?.usage).toBe(2);
    const sales = await h.client('sales');
    const seen = (await sales.get('/api/v1/tags')).json<{ data: Tag[] }>().data.find((t) => t.name === name);
    expect(seen?.usage).toBe(1);
  });

  it('lets only tag managers (admins, the fields right) create, rename, recolour, merge or delete tags', async () => {
    const sales = await h.client('sales');
    const c = await makeContact(sales, { tags: ['Sales made this', 'Second'] });
    const mine = await byName('Sales made this');
    const second = await byName('Second');
    expect((await sales.post('/api/v1/tags', { name: 'Vocabulary' })).statusCode).toBe(403);
    expect((await sales.patch(`/api/v1/tags/${mine?.id}`, { name: 'Renamed' })).statusCode).toBe(403);
    expect((await sales.patch(`/api/v1/tags/${mine?.id}`, { color: '#000000' })).statusCode).toBe(403);
    expect((await sales.post(`/api/v1/tags/${mine?.id}/merge`, { intoId: second?.id })).statusCode).toBe(403);
    expect((await sales.delete(`/api/v1/tags/${mine?.id}`)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().tags).toEqual(['Sales made this', 'Second']);
    const profile = (await admin.post('/api/v1/profiles', { name: 'Field keeper', rights: { modules: { accounts: ['view'], contacts: ['view'] }, admin: ['fields'] } })).json<{ id: string }>();
    const keeper = await h.client('sales', { profileId: profile.id });
    expect((await keeper.patch(`/api/v1/tags/${mine?.id}`, { name: 'Renamed by keeper' })).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().tags).toEqual(['Renamed by keeper', 'Second']);
  });

  it('lists a tag name only to those who see a record carrying it (or when no record carries it)', async () => {
    const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
    await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: 'private', contacts: 'private' } });
    try {
      const owner = await h.client('sales');
      const other = await h.client('sales');
      const stamp = Date.now();
      await makeContact(owner, { tags: [`Hidden plan ${stamp}`, `Shared word ${stamp}`] });
      await makeAccount(other, { tags: [`Shared word ${stamp}`] });
      const binned = await makeContact(owner, { tags: [`Binned ${stamp}`] });
      await owner.delete(`/api/v1/contacts/${binned.id}`);
      await admin.post('/api/v1/tags', { name: `Fresh vocabulary ${stamp}` });
      const names = async (c: typeof owner) => (await c.get('/api/v1/tags')).json<{ data: Tag[] }>().data.map((t) => t.name).filter((n) => n.endsWith(String(stamp)));
      expect((await names(other)).sort()).toEqual([`Fresh vocabulary ${stamp}`, `Shared word ${stamp}`]);
      expect((await names(owner)).sort()).toEqual([`Fresh vocabulary ${stamp}`, `Hidden plan ${stamp}`, `Shared word ${stamp}`]);
      expect((await names(admin)).sort()).toEqual([`Binned ${stamp}`, `Fresh vocabulary ${stamp}`, `Hidden plan ${stamp}`, `Shared word ${stamp}`]);
    } finally {
      await admin.put('/api/v1/settings', settings);
    }
  });
});
