import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ListResponse } from '@kontor/contract/common';
import type { Note } from '@kontor/contract/notes';
import type { OrgDefault } from '@kontor/contract/permissions';
import type { User } from '@kontor/contract/users';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal, makeNote } from '../../test/factories.ts';

const { h, admin } = useHarness();

interface ErrorJson {
  error: { code: string; fields?: Record<string, string> };
}

const notesOf = async (url: string, c = admin) => (await c.get(url)).json<ListResponse<Note>>();
const eventsOf = (kind: string, itemId: string) =>
  h.database.db.selectFrom('timeline_events').selectAll().where('kind', '=', kind).where('item_type', '=', 'note').where('item_id', '=', Number(itemId)).execute();

async function setDefaults(value: OrgDefault) {
  const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
  const orgDefaults = { accounts: value, contacts: value, deals: value, activities: value, leads: value };
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults })).statusCode).toBe(200);
}

/** A lead row (leads have their own API; notes only need one to sit on). */
async function insertLead(ownerId: string): Promise<string> {
  const now = new Date().toISOString();
  const { rows } = await sql<{ id: number }>`insert into leads (last_name, name_sort, owner_id, created_at, updated_at) values ('Lead', 'lead', ${Number(ownerId)}, ${now}, ${now}) returning id`.execute(h.database.db);
  return String(rows[0]?.id);
}

describe('notes', () => {
  it('are sanitised on the server: a script and an onerror go, the text stays', async () => {
    const a = await makeAccount(admin);
    const note = await makeNote(admin, { accountId: a.id }, '<p>Hello<script>x</script> <img src=x onerror=alert(1)>world</p>');
    expect(note).toMatchObject({ module: 'accounts', recordId: a.id, body: '<p>Hello world</p>', bodyText: 'Hello world', version: 1, access: { edit: true, delete: true } });
    expect(note.createdBy?.id).toBe(admin.userId);
    const link = await makeNote(admin, { accountId: a.id }, '<p><a href="javascript:alert(1)">bad</a> <a href="https://example.com">good</a></p>');
    expect(link.body).toBe('<p><span>bad</span> <a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">good</a></p>');
    for (const body of ['<script>alert(1)</script>', '<p> </p>', '']) {
      const res = await admin.post('/api/v1/notes', { body, accountId: a.id });
      expect(res.statusCode, body).toBe(400);
      expect(res.json<ErrorJson>().error.fields?.body).toBeDefined();
    }
    expect((await admin.post('/api/v1/notes', { body: 'x'.repeat(100_001), accountId: a.id })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/notes', { body: `<p>${'x'.repeat(99_990)}</p>`, accountId: a.id })).statusCode).toBe(201);
  });

  it('keep mentions of active users with their names and drop the rest', async () => {
    const a = await makeAccount(admin);
    const anna = await h.client('sales');
    const gone = await h.client('sales');
    const goneUser = (await admin.get(`/api/v1/users/${gone.userId}`)).json<User>();
    expect((await admin.patch(`/api/v1/users/${gone.userId}`, { active: false, version: goneUser.version })).statusCode).toBe(200);
    const body = `<p>Ask <span data-mention-id="${anna.userId}">@Anna</span>, not <span data-mention-id="${gone.userId}">@Gone</span> or <span data-mention-id="2147483647">@Nobody</span></p>`;
    const note = await makeNote(admin, { accountId: a.id }, body);
    expect(note.body).toBe(`<p>Ask <span data-mention-id="${anna.userId}">@Anna</span>, not <span>@Gone</span> or <span>@Nobody</span></p>`);
    expect(note.mentions).toEqual([{ id: anna.userId, name: expect.stringContaining('Test sales') }]);
    const row = await h.database.db.selectFrom('notes').select('mentions').where('id', '=', Number(note.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(row.mentions)).toEqual([Number(anna.userId)]);
  });

  it('sit on exactly one record of each of the four modules and list newest first, paged, by either path', async () => {
    const a = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: a.id });
    const d = await makeDeal(admin, { accountId: a.id, contactId: c.id });
    const lead = await insertLead(admin.userId);
    for (const [field, module, id] of [['accountId', 'accounts', a.id], ['contactId', 'contacts', c.id], ['dealId', 'deals', d.id], ['leadId', 'leads', lead]] as const) {
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await makeNote(admin, { [field]: id }, `<p>${module} ${i}</p>`));
      const first = await notesOf(`/api/v1/notes?${field}=${id}&limit=2&count=true`);
      expect(first.data.map((n) => n.bodyText)).toEqual([`${module} 2`, `${module} 1`]);
      expect(first.total).toBe(3);
      const second = await notesOf(`/api/v1/notes?${field}=${id}&limit=2&cursor=${first.nextCursor}`);
      expect(second.data.map((n) => n.id)).toEqual([made[0]?.id]);
      expect(second.nextCursor).toBeNull();
      expect((await notesOf(`/api/v1/${module}/${id}/notes`)).data.map((n) => n.id)).toEqual(made.map((n) => n.id).reverse());
    }
    for (const parents of [{}, { accountId: a.id, contactId: c.id }]) {
      expect((await admin.post('/api/v1/notes', { body: 'x', ...parents })).statusCode).toBe(400);
    }
    expect((await admin.get(`/api/v1/notes?accountId=${a.id}&dealId=${d.id}`)).statusCode).toBe(400);
    expect((await admin.get('/api/v1/notes')).statusCode).toBe(400);
    expect((await admin.post('/api/v1/notes', { body: 'x', accountId: a.id, extra: 1 })).statusCode).toBe(400);
  });

  it('are edited and deleted by their author, users above the author and admins; others get 403', async () => {
    const a = await makeAccount(admin);
    const author = await h.client('sales');
    const peer = await h.client('sales');
    const manager = await h.client('manager');
    const readonly = await h.client('readonly');
    const note = await makeNote(author, { accountId: a.id }, '<p>mine</p>');
    const seen = async (c: typeof admin) => (await notesOf(`/api/v1/accounts/${a.id}/notes`, c)).data.find((n) => n.id === note.id)?.access;
    expect(await seen(author)).toEqual({ edit: true, delete: true });
    expect(await seen(peer)).toEqual({ edit: false, delete: false });
    expect(await seen(manager)).toEqual({ edit: true, delete: true });
    expect(await seen(readonly)).toEqual({ edit: false, delete: false });
    expect(await seen(admin)).toEqual({ edit: true, delete: true });

    expect((await peer.patch(`/api/v1/notes/${note.id}`, { body: 'peer', version: 1 })).statusCode).toBe(403);
    expect((await peer.delete(`/api/v1/notes/${note.id}`)).statusCode).toBe(403);
    expect((await readonly.patch(`/api/v1/notes/${note.id}`, { body: 'ro', version: 1 })).statusCode).toBe(403);
    expect((await readonly.post('/api/v1/notes', { body: 'ro', accountId: a.id })).statusCode).toBe(403);
    const byAuthor = await author.patch(`/api/v1/notes/${note.id}`, { body: '<p>mine, <em>edited</em></p>', version: 1 });
    expect(byAuthor.json<Note>()).toMatchObject({ body: '<p>mine, <em>edited</em></p>', version: 2 });
    const byManager = await manager.patch(`/api/v1/notes/${note.id}`, { body: 'by the manager', version: 2 });
    expect(byManager.json<Note>()).toMatchObject({ bodyText: 'by the manager', version: 3, updatedBy: { id: manager.userId } });
    const byAdmin = await admin.patch(`/api/v1/notes/${note.id}`, { body: 'by the admin', version: 3 });
    expect(byAdmin.statusCode).toBe(200);
    expect((await peer.get(`/api/v1/notes/${note.id}`)).json<Note>().bodyText).toBe('by the admin');

    const other = await makeNote(author, { accountId: a.id });
    expect((await manager.delete(`/api/v1/notes/${other.id}`)).statusCode).toBe(204);
    expect((await author.delete(`/api/v1/notes/${note.id}?version=4`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/notes/${note.id}`)).statusCode).toBe(404);
  });

  it('refuse a stale version with 409 and change nothing', async () => {
    const a = await makeAccount(admin);
    const note = await makeNote(admin, { accountId: a.id }, 'first');
    expect((await admin.patch(`/api/v1/notes/${note.id}`, { body: 'second', version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/notes/${note.id}`, { body: 'third', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorJson>().error.code).toBe('version_conflict');
    expect((await admin.delete(`/api/v1/notes/${note.id}?version=1`)).statusCode).toBe(409);
    expect((await admin.get(`/api/v1/notes/${note.id}`)).json<Note>()).toMatchObject({ bodyText: 'second', version: 2 });
  });

  it('of a hidden or deleted record answer 404 for list, read, create, edit and delete', async () => {
    const sales = await h.client('sales');
    const hidden = await makeAccount(admin, { restrictedTo: [] });
    const note = await makeNote(admin, { accountId: hidden.id });
    for (const res of [
      await sales.get(`/api/v1/notes?accountId=${hidden.id}`),
      await sales.get(`/api/v1/accounts/${hidden.id}/notes`),
      await sales.get(`/api/v1/notes/${note.id}`),
      await sales.post('/api/v1/notes', { body: 'x', accountId: hidden.id }),
      await sales.patch(`/api/v1/notes/${note.id}`, { body: 'x', version: 1 }),
      await sales.delete(`/api/v1/notes/${note.id}`),
      await admin.get('/api/v1/notes?accountId=2147483647'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(note.bodyText);
    }
    const deleted = await makeAccount(admin);
    await makeNote(admin, { accountId: deleted.id });
    expect((await admin.delete(`/api/v1/accounts/${deleted.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/accounts/${deleted.id}/notes`)).statusCode).toBe(404);
  });

  it('may be added by whoever may edit the record, not by those who only see it', async () => {
    const sales = await h.client('sales');
    const a = await makeAccount(admin);
    try {
      await setDefaults('read_only');
      expect((await sales.get(`/api/v1/accounts/${a.id}/notes`)).statusCode).toBe(200);
      expect((await sales.post('/api/v1/notes', { body: 'x', accountId: a.id })).statusCode).toBe(403);
    } finally {
      await setDefaults('read_write');
    }
    expect((await sales.post('/api/v1/notes', { body: 'x', accountId: a.id })).statusCode).toBe(201);
  });

  it('write their timeline events in the record\'s context, with an excerpt', async () => {
    const a = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: a.id });
    const note = await makeNote(admin, { contactId: c.id }, `<p>${'long '.repeat(60)}</p>`);
    await admin.patch(`/api/v1/notes/${note.id}`, { body: 'short', version: 1 });
    await admin.delete(`/api/v1/notes/${note.id}`);
    const [added] = await eventsOf('note_added', note.id);
    expect(added).toMatchObject({ module: 'contacts', record_id: Number(c.id), contact_id: Number(c.id), account_id: Number(a.id), deal_id: null, actor_id: Number(admin.userId) });
    expect(JSON.parse(added?.details ?? '{}').excerpt).toBe('long '.repeat(40));
    const [edited] = await eventsOf('note_edited', note.id);
    expect(JSON.parse(edited?.details ?? '{}')).toEqual({ excerpt: 'short' });
    expect(await eventsOf('note_deleted', note.id)).toHaveLength(1);

    const d = await makeDeal(admin, { accountId: a.id, contactId: c.id });
    const onDeal = await makeNote(admin, { dealId: d.id });
    expect((await eventsOf('note_added', onDeal.id))[0]).toMatchObject({ module: 'deals', deal_id: Number(d.id), account_id: Number(a.id), contact_id: Number(c.id) });
    // A refused write records nothing.
    expect((await admin.post('/api/v1/notes', { body: '<script>x</script>', accountId: a.id })).statusCode).toBe(400);
    const count = await h.database.db.selectFrom('timeline_events').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', 'like', 'note_%').where('account_id', '=', Number(a.id)).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('answer 400 for hostile ids and NUL bytes, on both engines', async () => {
    const a = await makeAccount(admin);
    for (const url of ['/api/v1/notes?accountId=2147483648', '/api/v1/notes/2147483648', '/api/v1/accounts/9223372036854775808/notes', `/api/v1/notes?accountId=${a.id}&cursor=bm9wZQ`]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorJson>().error.code).toBe('validation_failed');
    }
    expect((await admin.post('/api/v1/notes', { body: 'a\u0000b', accountId: a.id })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/notes', { body: 'x', accountId: '2147483648' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/notes/1', { body: 'x', version: 2147483648 })).statusCode).toBe(400);
  });
});
