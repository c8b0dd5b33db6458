/** Merging accounts (issue #16): contacts, members and everything else move; hierarchy cycles are refused; choices of phone and website. */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Account } from '@kontor/contract/accounts';
import type { AccountPage } from '@kontor/contract/record-pages';
import type { Lead, LeadConversion } from '@kontor/contract/leads';
import { useHarness } from '../../../test/harness.ts';
import { makeAccount, makeActivity, makeAttachment, makeContact, makeDeal, makeLead, makeNote } from '../../../test/factories.ts';
import { merge, rawState, type ErrorAnswer } from './merge-test-kit.ts';

const { h, admin } = useHarness();

const activityColumns = async (id: string) =>
  (await sql<{ next_activity_id: number | null; last_activity_at: string | null }>`select next_activity_id, last_activity_at from accounts where id = ${Number(id)}`.execute(h.database.db)).rows[0];

describe('merging accounts', () => {
  it('moves contacts, members, deals, activities, notes, files, timeline and conversions, and refreshes the next activity', async () => {
    const a = await makeAccount(admin, { name: `Survivor ${Date.now()} AG` });
    const b = await makeAccount(admin);
    const aContact = await makeContact(admin, { accountId: a.id });
    const bContact = await makeContact(admin, { accountId: b.id });
    const bMember = await makeAccount(admin, { parentAccountId: b.id });
    const bDeal = await makeDeal(admin, { accountId: b.id, contactId: bContact.id });
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const bActivity = await makeActivity(admin, { accountId: b.id, dueAt: soon });
    const bNote = await makeNote(admin, { accountId: b.id });
    const bFile = await makeAttachment(admin, 'accounts', b.id);
    const lead = await makeLead(admin);
    expect((await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: lead.version, accountId: b.id })).json<LeadConversion>().accountId).toBe(b.id);

    const done = await merge(admin, 'accounts', { survivorId: a.id, mergedIds: [b.id], fields: { name: a.id } });
    expect(done.record).toMatchObject({ id: a.id, name: a.name, contactCount: 3, memberCount: 1 });
    const page = (await admin.get(`/api/v1/accounts/${a.id}/page`)).json<AccountPage>();
    expect(page.contacts?.data.map((c) => c.id)).toEqual(expect.arrayContaining([aContact.id, bContact.id]));
    expect(page.members.data.map((m) => m.id)).toEqual([bMember.id]);
    expect(page.deals?.open.data.map((d) => d.id)).toEqual([bDeal.id]);
    expect(page.activities?.open.data.map((x) => x.id)).toEqual([bActivity.id]);
    expect(page.notes.data.map((n) => n.id)).toEqual([bNote.id]);
    expect(page.attachments.data.map((f) => f.id)).toEqual([bFile.id]);
    expect((await admin.get(`/api/v1/leads/${lead.id}`)).json<Lead>().convertedAccountId).toBe(a.id);
    expect((await admin.get(`/api/v1/contacts/${bContact.id}`)).json<{ accountId: string }>().accountId).toBe(a.id);
    expect(await activityColumns(a.id)).toMatchObject({ next_activity_id: Number(bActivity.id) });

    const left = await rawState(h.database.db, 'accounts', [b.id]);
    for (const table of ['deals', 'activities', 'notes', 'attachments', 'timeline', 'leads', 'contacts', 'members']) expect(left[table], table).toEqual([]);
    expect(left.records?.[0]).toMatchObject({ merged_into_id: Number(a.id) });
  });

  it('refuses a merge that would make an account its own parent, and changes nothing', async () => {
    const b = await makeAccount(admin);
    const x = await makeAccount(admin, { parentAccountId: b.id });
    const a = await makeAccount(admin, { parentAccountId: x.id });
    const before = await rawState(h.database.db, 'accounts', [a.id, b.id, x.id]);
    const res = await admin.post('/api/v1/accounts/merge', { survivorId: a.id, mergedIds: [b.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorAnswer>().error.details?.reason).toBe('merge_hierarchy');
    expect(await rawState(h.database.db, 'accounts', [a.id, b.id, x.id])).toEqual(before);

    // A parent inside the merge is refused when chosen, and dropped when it was only the survivor's own.
    const p = await makeAccount(admin);
    const child = await makeAccount(admin, { parentAccountId: p.id });
    const chosen = await admin.post('/api/v1/accounts/merge', { survivorId: child.id, mergedIds: [p.id], fields: { parentAccountId: child.id } });
    expect(chosen.json<ErrorAnswer>().error.details?.reason).toBe('merge_hierarchy');
    const { record } = await merge(admin, 'accounts', { survivorId: child.id, mergedIds: [p.id] });
    expect(record.parentAccountId).toBeNull();
  });

  it('keeps the survivor\'s primary phone and website unless another record\'s is chosen', async () => {
    const a = await makeAccount(admin, { phone: '+49 30 1111111', website: 'https://a.example' });
    const b = await makeAccount(admin, { phone: '+49 30 2222222', website: 'https://b.example' });
    const kept = await merge(admin, 'accounts', { survivorId: a.id, mergedIds: [b.id] });
    expect(kept.record).toMatchObject({ phone: '+49 30 1111111', website: 'https://a.example' });
    expect((kept.record.phones as unknown[]).length).toBe(2);

    const c = await makeAccount(admin, { phone: '+49 30 3333333', website: 'https://c.example' });
    const d = await makeAccount(admin, { phone: '+49 30 4444444', website: 'https://d.example', billingAddress: { street: 'Weg 4', city: 'Köln' } });
    const chosen = await merge(admin, 'accounts', { survivorId: c.id, mergedIds: [d.id], fields: { website: d.id, billingAddress: c.id } });
    expect(chosen.record).toMatchObject({ phone: '+49 30 3333333', website: 'https://d.example', billingAddress: { street: '', city: '' } });
    const defaulted = await merge(admin, 'accounts', { survivorId: (await makeAccount(admin)).id, mergedIds: [(await makeAccount(admin, { billingAddress: { city: 'Köln' } })).id] });
    expect((defaulted.record as unknown as Account).billingAddress.city).toBe('Köln');
  });
});
