/** Undoing merges (issue #16): byte for byte, refused with the change named, expired after 30 days, once only. */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { MergeInfo } from '@kontor/contract/duplicates';
import type { TimelineEvent } from '@kontor/contract/timeline';
import { useHarness } from '../../../test/harness.ts';
import { makeAccount, makeActivity, makeAttachment, makeContact, makeDeal, makeNote } from '../../../test/factories.ts';
import { addSourceId, answers, comparable, lastEventId, merge, rawState, type ErrorAnswer } from './merge-test-kit.ts';

const { h, admin } = useHarness();
const db = () => h.database.db;

async function richContact(tag: string, extra: Parameters<typeof makeContact>[1] = {}) {
  const contact = await makeContact(admin, { lastName: `Undo ${tag}`, position: `Pos ${tag}`, tags: [`t-${tag}`, 'shared'], phones: [{ label: 'work', value: `+49 30 55${tag.charCodeAt(0)}000`, primary: true }], ...extra });
  await makeDeal(admin, { name: `Deal ${tag}`, contactId: contact.id });
  await makeActivity(admin, { subject: `Call ${tag}`, contactId: contact.id });
  await makeNote(admin, { contactId: contact.id }, `<p>Note ${tag}</p>`);
  await makeAttachment(admin, 'contacts', contact.id, `${tag}.txt`);
  return contact;
}

const timelineOf = async (module: string, id: string) => (await admin.get(`/api/v1/${module}/${id}/timeline?since=all&limit=200`)).json<{ data: TimelineEvent[] }>().data;

describe('undoing a merge', () => {
  it('restores the contacts, their values and every related row exactly as they were', async () => {
    const sales = await h.client('sales');
    const a = await richContact('A', { restrictedTo: [sales.userId] });
    const b = await richContact('B', { emails: [{ label: 'home', value: 'b@undo.example', primary: true }] });
    const c = await richContact('C', { ownerId: sales.userId });
    await addSourceId(db(), 'contacts', `undo-src-${Date.now()}`, c.id);
    const ids = [a.id, b.id, c.id];
    const beforeRaw = await rawState(db(), 'contacts', ids);
    const beforeAnswers = [await answers(admin, 'contacts', a.id, true), await answers(admin, 'contacts', b.id, false), await answers(admin, 'contacts', c.id, false)];
    const last = await lastEventId(db());

    const done = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id, c.id], fields: { lastName: c.id, ownerId: c.id } });
    expect(done.record).toMatchObject({ lastName: 'Undo C', ownerId: sales.userId });
    const undo = await admin.post(`/api/v1/merges/${done.mergeId}/undo`);
    expect(undo.statusCode).toBe(200);
    expect(undo.json<{ restoredIds: string[]; record: { id: string } }>()).toMatchObject({ restoredIds: [b.id, c.id], record: { id: a.id, lastName: 'Undo A' } });

    expect(comparable(await rawState(db(), 'contacts', ids), a.id, last)).toEqual(comparable(beforeRaw, a.id, last));
    expect([await answers(admin, 'contacts', a.id, true), await answers(admin, 'contacts', b.id, false), await answers(admin, 'contacts', c.id, false)]).toEqual(beforeAnswers);
    // The survivor's version moves on (never back to one a client may hold for other values).
    expect(undo.json<{ record: { version: number } }>().record.version).toBe(done.record.version + 1);
    expect((await timelineOf('contacts', a.id)).map((e) => e.kind)).toContain('merge_undone');
    expect((await timelineOf('contacts', b.id)).map((e) => e.kind)).toContain('restored');
    const info = (await admin.get(`/api/v1/merges/${done.mergeId}`)).json<MergeInfo>();
    expect(info).toMatchObject({ module: 'contacts', survivorId: a.id, mergedIds: [b.id, c.id], mergedNames: [b.fullName, c.fullName], createdBy: { id: admin.userId } });
    expect(info.undoneAt).not.toBeNull();
    expect((await admin.get(`/api/v1/contacts/${b.id}`)).statusCode).toBe(200);

    const again = await admin.post(`/api/v1/merges/${done.mergeId}/undo`);
    expect(again.statusCode).toBe(422);
    expect(again.json<ErrorAnswer>().error.details?.reason).toBe('merge_undone');
  });

  it('restores accounts with their contacts, members, deals, activities and next activity', async () => {
    const a = await makeAccount(admin);
    const b = await makeAccount(admin, { tags: ['b-tag'] });
    await makeContact(admin, { accountId: a.id });
    await makeContact(admin, { accountId: b.id });
    await makeAccount(admin, { parentAccountId: b.id });
    await makeDeal(admin, { accountId: b.id });
    await makeActivity(admin, { accountId: b.id, dueAt: new Date(Date.now() + 7_200_000).toISOString() });
    await makeActivity(admin, { accountId: a.id, dueAt: new Date(Date.now() + 9_200_000).toISOString() });
    await makeNote(admin, { accountId: b.id });
    const before = await rawState(db(), 'accounts', [a.id, b.id]);
    const beforeAnswers = [await answers(admin, 'accounts', a.id, true), await answers(admin, 'accounts', b.id, false)];
    const last = await lastEventId(db());
    const done = await merge(admin, 'accounts', { survivorId: a.id, mergedIds: [b.id] });
    expect((await admin.post(`/api/v1/merges/${done.mergeId}/undo`)).statusCode).toBe(200);
    expect(comparable(await rawState(db(), 'accounts', [a.id, b.id]), a.id, last)).toEqual(comparable(before, a.id, last));
    expect([await answers(admin, 'accounts', a.id, true), await answers(admin, 'accounts', b.id, false)]).toEqual(beforeAnswers);
  });

  it('gives a restored contact the survivor of its account when that account was merged since', async () => {
    const [x, y] = [await makeAccount(admin), await makeAccount(admin)];
    const a = await makeContact(admin);
    const c = await makeContact(admin, { accountId: x.id });
    const contacts = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [c.id], fields: { accountId: c.id } });
    expect(contacts.record.accountId).toBe(x.id);
    await merge(admin, 'accounts', { survivorId: y.id, mergedIds: [x.id] });
    expect((await admin.get(`/api/v1/contacts/${a.id}`)).json<{ accountId: string }>().accountId).toBe(y.id);
    expect((await admin.post(`/api/v1/merges/${contacts.mergeId}/undo`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<{ accountId: string }>().accountId).toBe(y.id);
    expect((await admin.get(`/api/v1/contacts/${a.id}`)).json<{ accountId: string | null }>().accountId).toBeNull();
  });

  it('is refused when a later change stands in the way, naming the change, and changes nothing', async () => {
    const editor = await h.client('sales');
    const a = await richContact('P');
    const b = await richContact('Q');
    const other = await makeContact(admin);
    const done = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    const page = (await admin.get(`/api/v1/contacts/${a.id}/page`)).json<{ deals: { open: { data: Array<{ id: string; name: string; version: number }> } }; notes: { data: Array<{ id: string; body: string }> } }>();
    const bDeal = page.deals.open.data.find((d) => d.name === 'Deal Q');
    const bNote = page.notes.data.find((n) => n.body.includes('Note Q'));
    expect((await editor.patch(`/api/v1/deals/${bDeal?.id}`, { contactId: other.id, version: bDeal?.version })).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/notes/${bNote?.id}`)).statusCode).toBe(204);
    const survivor = (await admin.get(`/api/v1/contacts/${a.id}`)).json<{ version: number }>();
    expect((await editor.patch(`/api/v1/contacts/${a.id}`, { description: 'changed later', version: survivor.version })).statusCode).toBe(200);
    const state = await rawState(db(), 'contacts', [a.id, b.id]);

    const res = await admin.post(`/api/v1/merges/${done.mergeId}/undo`);
    expect(res.statusCode).toBe(422);
    const error = res.json<ErrorAnswer>().error;
    expect(error.details?.reason).toBe('merge_undo_blocked');
    const blockers = error.details?.blockers ?? [];
    expect(blockers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'survivor_changed', module: 'contacts', id: a.id, by: expect.stringContaining('Test sales'), at: expect.stringMatching(/^\d{4}-/) }),
        expect.objectContaining({ code: 'related_moved', module: 'deals', id: bDeal?.id, name: 'Deal Q', by: expect.stringContaining('Test sales') }),
        expect.objectContaining({ code: 'related_gone', module: 'notes', id: bNote?.id }),
      ]),
    );
    expect(await rawState(db(), 'contacts', [a.id, b.id])).toEqual(state);
    expect((await admin.get(`/api/v1/merges/${done.mergeId}`)).json<MergeInfo>().undoneAt).toBeNull();
  });

  it('can be undone for 30 days only', async () => {
    const [a, b] = [await makeContact(admin), await makeContact(admin)];
    const done = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    const info = (await admin.get(`/api/v1/merges/${done.mergeId}`)).json<MergeInfo>();
    expect(Date.parse(info.undoableUntil) - Date.parse(info.createdAt)).toBe(30 * 86_400_000);
    await sql`update merges set created_at = ${new Date(Date.now() - 31 * 86_400_000).toISOString()} where id = ${Number(done.mergeId)}`.execute(db());
    const res = await admin.post(`/api/v1/merges/${done.mergeId}/undo`);
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorAnswer>().error.details).toMatchObject({ reason: 'merge_undo_expired', params: { days: 30 } });
    expect((await admin.get(`/api/v1/contacts/${b.id}`)).statusCode).toBe(307);
  });

  it('needs edit on the survivor and the delete right, and hides merges of records the caller cannot see', async () => {
    const reader = await h.client('readonly');
    const sales = await h.client('sales');
    const [a, b] = [await makeContact(admin), await makeContact(admin)];
    const done = await merge(admin, 'contacts', { survivorId: a.id, mergedIds: [b.id] });
    const refused = await reader.post(`/api/v1/merges/${done.mergeId}/undo`);
    expect(refused.statusCode).toBe(403);
    expect((await reader.get(`/api/v1/merges/${done.mergeId}`)).statusCode).toBe(200);

    const [x, y] = [await makeContact(admin, { restrictedTo: [] }), await makeContact(admin, { restrictedTo: [] })];
    const hidden = await merge(admin, 'contacts', { survivorId: x.id, mergedIds: [y.id] });
    expect((await sales.get(`/api/v1/merges/${hidden.mergeId}`)).statusCode).toBe(404);
    expect((await sales.post(`/api/v1/merges/${hidden.mergeId}/undo`)).statusCode).toBe(404);
  });
});
