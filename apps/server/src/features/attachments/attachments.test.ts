import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '@kontor/contract/attachments';
import type { ListResponse } from '@kontor/contract/common';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeAttachment, makeContact, makeDeal, multipartFile } from '../../test/factories.ts';

const LIMIT = 3 * 1024 * 1024;

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

describe.each(['database', 'folder'] as const)('attachments (%s storage)', (storage) => {
  let h: Harness;
  let admin: TestClient;
  beforeAll(async () => {
    h = await createHarness({ fileStorage: storage, maxUploadBytes: LIMIT });
    admin = await h.client('admin');
  });
  afterAll(async () => h.close());

  const upload = (c: TestClient, url: string, name: string, content: Buffer, mime?: string) => c.raw({ method: 'POST', url, ...multipartFile(name, content, mime) });
  const counts = async () => {
    const db = h.database.db;
    const n = async (table: 'attachments' | 'attachment_chunks') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const dir = h.database.config.fileDir;
    return { rows: await n('attachments'), chunks: await n('attachment_chunks'), files: fs.existsSync(dir) ? fs.readdirSync(dir).length : 0 };
  };
  const events = (kind: string, id: string) =>
    h.database.db.selectFrom('timeline_events').selectAll().where('kind', '=', kind).where('item_type', '=', 'attachment').where('item_id', '=', Number(id)).execute();

  it('round-trips a multi-megabyte file byte for byte, at exactly the limit too', async () => {
    const a = await makeAccount(admin);
    for (const size of [2.5 * 1024 * 1024, LIMIT]) {
      const content = crypto.randomBytes(size);
      const res = await upload(admin, `/api/v1/attachments?accountId=${a.id}`, 'big.bin', content);
      expect(res.statusCode).toBe(201);
      const file = res.json<Attachment>();
      expect(file).toMatchObject({ module: 'accounts', recordId: a.id, name: 'big.bin', mime: 'application/octet-stream', size, access: { delete: true } });
      const down = await admin.get(`/api/v1/attachments/${file.id}/download`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(content)).toBe(true);
      expect(down.headers['content-length']).toBe(String(size));
    }
    const stored = await h.database.db.selectFrom('attachments').select(['storage', 'storage_key']).execute();
    expect(stored.every((r) => r.storage === storage && (storage === 'folder' ? /^[0-9a-f]{32}$/.test(r.storage_key ?? '') : r.storage_key === null))).toBe(true);
    if (storage === 'database') expect((await counts()).chunks).toBe(3 + 3);
  });

  it('answers 413 over the limit and keeps nothing: no row, no chunk, no file, no event', async () => {
    const a = await makeAccount(admin);
    const before = await counts();
    const eventsBefore = await h.database.db.selectFrom('timeline_events').select('id').where('kind', '=', 'file_added').execute();
    const res = await upload(admin, `/api/v1/accounts/${a.id}/attachments`, 'huge.bin', crypto.randomBytes(LIMIT + 1));
    expect(res.statusCode).toBe(413);
    const err = res.json<ErrorJson>().error;
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toContain('3 MB');
    expect(await counts()).toEqual(before);
    expect(await h.database.db.selectFrom('timeline_events').select('id').where('kind', '=', 'file_added').execute()).toHaveLength(eventsBefore.length);
    expect((await admin.get(`/api/v1/accounts/${a.id}/attachments`)).json<ListResponse<Attachment>>().data).toEqual([]);
  });

  it('downloads with the original name, never rendered in place', async () => {
    const a = await makeAccount(admin);
    const name = 'Angebot für Müller 报价.pdf';
    const pdf = await makeAttachment(admin, 'accounts', a.id, name, Buffer.from('%PDF-1.4 test'), 'application/pdf');
    expect(pdf.name).toBe(name);
    const res = await admin.get(`/api/v1/attachments/${pdf.id}/download`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Angebot fur Muller __.pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller%20%E6%8A%A5%E4%BB%B7.pdf`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-length']).toBe('13');
    for (const [mime, served] of [['text/html', 'application/octet-stream'], ['image/svg+xml', 'application/octet-stream'], ['application/xhtml+xml', 'application/octet-stream'], ['text/javascript', 'application/octet-stream'], ['image/png', 'image/png'], ['text/plain; charset=utf-8', 'text/plain'], ['not a type', 'application/octet-stream']] as const) {
      const f = await makeAttachment(admin, 'accounts', a.id, 'page.html', Buffer.from('<script>alert(1)</script>'), mime);
      const down = await admin.get(`/api/v1/attachments/${f.id}/download`);
      expect(down.headers['content-type'], mime).toBe(served);
      expect(down.headers['content-disposition']).toMatch(/^attachment; /);
    }
    const quoted = await makeAttachment(admin, 'accounts', a.id, 'a\\b "c".txt');
    expect((await admin.get(`/api/v1/attachments/${quoted.id}/download`)).headers['content-disposition']).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''/);
  });

  it('keeps a clean name: no path parts, no control characters, at most 255 characters; NUL is a 400', async () => {
    const a = await makeAccount(admin);
    expect((await makeAttachment(admin, 'accounts', a.id, '../../etc/passwd')).name).toBe('passwd');
    expect((await makeAttachment(admin, 'accounts', a.id, 'tab\there\u0007.txt')).name).toBe('tabhere.txt');
    expect((await makeAttachment(admin, 'accounts', a.id, '..')).name).toBe('file');
    const long = await makeAttachment(admin, 'accounts', a.id, `${'ä'.repeat(300)}.docx`);
    expect(Array.from(long.name)).toHaveLength(255);
    expect(long.name.endsWith('.docx')).toBe(true);
    const before = await counts();
    const nul = await upload(admin, `/api/v1/accounts/${a.id}/attachments`, 'a\u0000b.txt', Buffer.from('x'));
    expect(nul.statusCode).toBe(400);
    expect(nul.json<ErrorJson>().error).toMatchObject({ code: 'validation_failed', fields: { file: 'must not contain a NUL character' } });
    expect(await counts()).toEqual(before);
  });

  it('lists newest first on every record module, by either path, paged', async () => {
    const a = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: a.id });
    const d = await makeDeal(admin, { accountId: a.id });
    for (const [field, module, id] of [['accountId', 'accounts', a.id], ['contactId', 'contacts', c.id], ['dealId', 'deals', d.id]] as const) {
      const first = await makeAttachment(admin, module, id, 'one.txt');
      const second = await makeAttachment(admin, module, id, 'two.txt');
      const page = (await admin.get(`/api/v1/attachments?${field}=${id}&limit=1&count=true`)).json<ListResponse<Attachment>>();
      expect(page.data.map((x) => x.name)).toEqual(['two.txt']);
      expect(page.total).toBe(2);
      const rest = (await admin.get(`/api/v1/${module}/${id}/attachments?limit=1&cursor=${page.nextCursor}`)).json<ListResponse<Attachment>>();
      expect(rest.data.map((x) => x.id)).toEqual([first.id]);
      expect(second.createdBy?.id).toBe(admin.userId);
    }
    expect((await upload(admin, `/api/v1/attachments?accountId=${a.id}&dealId=${d.id}`, 'x.txt', Buffer.from('x'))).statusCode).toBe(400);
    expect((await admin.post(`/api/v1/accounts/${a.id}/attachments`, { file: 'x' })).statusCode).toBe(415);
  });

  it('are hidden with their record: list, upload, read and download answer 404', async () => {
    const sales = await h.client('sales');
    const hidden = await makeAccount(admin, { restrictedTo: [] });
    const file = await makeAttachment(admin, 'accounts', hidden.id, 'secret.txt', Buffer.from('secret'));
    for (const res of [
      await sales.get(`/api/v1/attachments?accountId=${hidden.id}`),
      await sales.get(`/api/v1/accounts/${hidden.id}/attachments`),
      await sales.get(`/api/v1/attachments/${file.id}`),
      await sales.get(`/api/v1/attachments/${file.id}/download`),
      await sales.delete(`/api/v1/attachments/${file.id}`),
      await upload(sales, `/api/v1/attachments?accountId=${hidden.id}`, 'x.txt', Buffer.from('x')),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('are uploaded by whoever may edit the record and deleted by the uploader, those above, admins and record editors', async () => {
    const owner = await h.client('sales');
    const uploader = await h.client('sales');
    const peer = await h.client('sales');
    const manager = await h.client('manager');
    const readonly = await h.client('readonly');
    const a = await makeAccount(owner, { restrictedTo: [uploader.userId, peer.userId] });
    // A read-only profile edits nothing: 403 before the record is even looked up.
    expect((await upload(readonly, `/api/v1/accounts/${a.id}/attachments`, 'x.txt', Buffer.from('x'))).statusCode).toBe(403);
    const file = await makeAttachment(uploader, 'accounts', a.id, 'u.txt');
    const access = async (c: TestClient) => (await c.get(`/api/v1/accounts/${a.id}/attachments`)).json<ListResponse<Attachment>>().data.find((x) => x.id === file.id)?.access;
    // The peer is on the restricted list, so they may edit the record and delete its files.
    expect(await access(peer)).toEqual({ delete: true });
    expect(await access(uploader)).toEqual({ delete: true });
    expect(await access(owner)).toEqual({ delete: true });
    expect(await access(manager)).toEqual({ delete: true });

    // Read-only org default: the uploader still deletes their own file; a reader who is neither may not.
    const open = await makeAccount(admin);
    const mine = await makeAttachment(uploader, 'accounts', open.id, 'mine.txt');
    const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: Record<string, string> }>();
    const set = (v: string) => admin.put('/api/v1/settings', { ...settings, orgDefaults: Object.fromEntries(Object.keys(settings.orgDefaults).map((k) => [k, v])) });
    expect((await set('read_only')).statusCode).toBe(200);
    try {
      expect((await upload(peer, `/api/v1/accounts/${open.id}/attachments`, 'x.txt', Buffer.from('x'))).statusCode).toBe(403);
      expect((await peer.delete(`/api/v1/attachments/${mine.id}`)).statusCode).toBe(403);
      expect((await readonly.delete(`/api/v1/attachments/${mine.id}`)).statusCode).toBe(403);
      expect((await manager.delete(`/api/v1/attachments/${mine.id}`)).statusCode).toBe(204);
    } finally {
      expect((await set('read_write')).statusCode).toBe(200);
    }
    const before = await counts();
    expect((await uploader.delete(`/api/v1/attachments/${file.id}`)).statusCode).toBe(204);
    const after = await counts();
    expect(after.rows).toBe(before.rows - 1);
    expect(storage === 'database' ? before.chunks - after.chunks : before.files - after.files).toBe(1);
    expect((await admin.get(`/api/v1/attachments/${file.id}/download`)).statusCode).toBe(404);
  });

  it('write file_added and file_deleted with the name and size, in the record\'s context', async () => {
    const a = await makeAccount(admin);
    const c = await makeContact(admin, { accountId: a.id });
    const file = await makeAttachment(admin, 'contacts', c.id, 'card.vcf', Buffer.from('BEGIN:VCARD'));
    expect((await admin.delete(`/api/v1/attachments/${file.id}`)).statusCode).toBe(204);
    const [added] = await events('file_added', file.id);
    expect(added).toMatchObject({ module: 'contacts', record_id: Number(c.id), contact_id: Number(c.id), account_id: Number(a.id), actor_id: Number(admin.userId) });
    expect(JSON.parse(added?.details ?? '{}')).toEqual({ name: 'card.vcf', size: 11 });
    const [deleted] = await events('file_deleted', file.id);
    expect(JSON.parse(deleted?.details ?? '{}')).toEqual({ name: 'card.vcf', size: 11 });
  });

  it('answer 400 for hostile ids on both engines', async () => {
    for (const url of ['/api/v1/attachments/2147483648/download', '/api/v1/attachments?accountId=2147483648', '/api/v1/deals/99999999999/attachments']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ErrorJson>().error.code).toBe('validation_failed');
    }
    expect((await upload(admin, '/api/v1/attachments?contactId=2147483648', 'x.txt', Buffer.from('x'))).statusCode).toBe(400);
    expect((await admin.get('/api/v1/attachments/2147483647/download')).statusCode).toBe(404);
  });
});
