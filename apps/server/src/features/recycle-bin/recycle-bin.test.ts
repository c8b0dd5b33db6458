import { describe, expect, it } from 'vitest';
import type { ListResponse } from '@kontor/contract/common';
import type { Contact } from '@kontor/contract/contacts';
import type { Account } from '@kontor/contract/accounts';
import type { RecycleBinItem } from '@kontor/contract/recycle-bin';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeAttachment, makeContact, makeDeal, makeNote } from '../../test/factories.ts';

const { h, admin } = useHarness();

describe('recycle bin', () => {
  it('never deletes an account\'s contacts silently: it asks, then detaches or deletes them too', async () => {
    const a = await makeAccount(admin);
    const c1 = await makeContact(admin, { accountId: a.id });
    const ask = await admin.delete(`/api/v1/accounts/${a.id}`);
    expect(ask.statusCode).toBe(409);
    expect(ask.json<{ error: { code: string; details: { contactCount: number } } }>().error).toMatchObject({ code: 'account_has_contacts', details: { contactCount: 1 } });
    expect((await admin.get(`/api/v1/accounts/${a.id}`)).statusCode).toBe(200);

    const detach = await admin.delete(`/api/v1/accounts/${a.id}?contacts=detach`);
    expect(detach.statusCode).toBe(204);
    expect((await admin.get(`/api/v1/accounts/${a.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/contacts/${c1.id}`)).json<Contact>().accountId).toBeNull();
  });

  it('deletes contacts together with the account and restores them with it', async () => {
    const a = await makeAccount(admin);
    const member = await makeAccount(admin, { parentAccountId: a.id });
    const c1 = await makeContact(admin, { accountId: a.id });
    const c2 = await makeContact(admin, { accountId: a.id });
    expect((await admin.delete(`/api/v1/accounts/${a.id}?contacts=delete`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/contacts/${c1.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/accounts/${member.id}`)).json<Account>().parentAccountId).toBeNull();
    const bin = (await admin.get('/api/v1/recycle-bin?module=contacts')).json<ListResponse<RecycleBinItem>>();
    expect(bin.data.map((i) => i.id)).toEqual(expect.arrayContaining([c1.id, c2.id]));
    expect(bin.data[0]?.deletedBy?.id).toBe(admin.userId);

    const restored = await admin.post(`/api/v1/accounts/${a.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json<Account>().contactCount).toBe(2);
    expect((await admin.get(`/api/v1/contacts/${c2.id}`)).json<Contact>().accountId).toBe(a.id);
  });

  it('purges only from the bin, only for admins and managers, and for good', async () => {
    const c = await makeContact(admin);
    const sales = await h.client('sales');
    expect((await admin.delete(`/api/v1/recycle-bin/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await sales.delete(`/api/v1/recycle-bin/contacts/${c.id}`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/v1/recycle-bin/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await admin.post(`/api/v1/contacts/${c.id}/restore`)).statusCode).toBe(404);
    const rows = await h.database.db.selectFrom('contact_points').select('id').where('module', '=', 'contacts').where('record_id', '=', Number(c.id)).execute();
    expect(rows).toHaveLength(0);
  });

  it('purges a record with its notes, files and timeline, and cuts every link to it from other modules', async () => {
    const account = await makeAccount(admin);
    const contact = await makeContact(admin, { accountId: account.id });
    const deal = await makeDeal(admin, { name: 'Linked deal', accountId: account.id, contactId: contact.id });
    const activity = await makeActivity(admin, { contactId: contact.id });
    await makeNote(admin, { contactId: contact.id });
    const file = await makeAttachment(admin, 'contacts', contact.id, 'purged.txt', Buffer.alloc(1_500_000, 7));
    expect((await admin.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/recycle-bin/contacts/${contact.id}`)).statusCode).toBe(204);
    const db = h.database.db;
    const id = Number(contact.id);
    expect(await db.selectFrom('notes').select('id').where('module', '=', 'contacts').where('record_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('attachments').select('id').where('module', '=', 'contacts').where('record_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('attachment_chunks').select('seq').where('attachment_id', '=', Number(file.id)).execute()).toEqual([]);
    expect(await db.selectFrom('timeline_events').select('id').where('module', '=', 'contacts').where('record_id', '=', id).execute()).toEqual([]);
    expect((await admin.get(`/api/v1/deals/${deal.id}`)).json<{ contactId: string | null }>().contactId).toBeNull();
    expect((await admin.get(`/api/v1/activities/${activity.id}`)).json<{ contact: unknown }>().contact).toBeNull();
  });

  it('restores a contact whose account is still in the bin without the account', async () => {
    const a = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: a.id });
    await admin.delete(`/api/v1/contacts/${c.id}`);
    await admin.delete(`/api/v1/accounts/${a.id}`);
    const r = await admin.post(`/api/v1/contacts/${c.id}/restore`);
    expect(r.statusCode).toBe(200);
    expect(r.json<Contact>().accountId).toBeNull();
  });
});
