/** Hostile input: each attack gets a clear 4xx (or is stored as inert text) and changes nothing it should not. */
import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';

const { h, admin } = useHarness();

const xss = `<script>alert(1)</script><img src=x onerror=alert(2)>"'><svg/onload=alert(3)>`;

async function countRows(table: 'accounts' | 'contacts' | 'users'): Promise<number> {
  const r = await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('hostile input', () => {
  it('stores script in every text field as inert text and returns it verbatim as JSON', async () => {
    const a = await makeAccount(admin, {
      name: xss.slice(0, 100),
      tickerSymbol: '<b>x</b>',
      accountSite: xss.slice(0, 80),
      fax: '<script>',
      description: xss,
      billingAddress: { street: xss, city: '<i>c</i>', region: '', postalCode: '', country: '' },
      tags: ['<script>t</script>'],
    });
    expect(a.description).toBe(xss);
    expect(a.tags).toEqual(['<script>t</script>']);
    const c = await makeContact(admin, { firstName: '<img src=x>', lastName: xss.slice(0, 80), position: xss.slice(0, 100), department: '"><script>', description: xss, accountId: a.id });
    const res = await admin.get(`/api/v1/contacts/${c.id}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json<Contact>()).toMatchObject({ firstName: '<img src=x>', description: xss, accountName: xss.slice(0, 100) });
  });

  it.each(['javascript:alert(1).com', 'data:text/html,x.io', 'vbscript:x.co'])('refuses a %s website (script URLs)', async (website) => {
    const res = await admin.post('/api/v1/accounts', { name: 'Script URL AG', website });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { fields: Record<string, string> } }>().error.fields.website).toBeDefined();
  });

  it('sends a strict Content-Security-Policy and hardening headers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['referrer-policy']).toBeDefined();
  });

  it.each([
    ['sort', '/api/v1/contacts?sort=lastName;drop table contacts'],
    ['sort with quote', "/api/v1/accounts?sort=name'--"],
    ['sort by a column that is not offered', '/api/v1/contacts?sort=password_hash'],
    ['letter', "/api/v1/contacts?letter='"],
    ['limit', '/api/v1/contacts?limit=1;drop'],
    ['id', '/api/v1/contacts/1%20or%201=1'],
    ['owner filter', "/api/v1/accounts?ownerId=1' or '1'='1"],
    ['module', '/api/v1/recycle-bin?module=users'],
  ])('refuses SQL injection through %s with 400', async (_l, url) => {
    const before = await countRows('contacts');
    const res = await admin.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    expect(await countRows('contacts')).toBe(before);
  });

  it.each([
    ["q=' or 1=1 --", "' or 1=1 --"],
    ['q=%', '%'],
    ['q=_', '_'],
    ["tag='); drop table contacts;--", "'); drop table contacts;--"],
    ['cursor=<sql>', Buffer.from(JSON.stringify(["x') or 1=1 --", 1])).toString('base64url')],
  ])('treats %s in filters as data: no rows leak, nothing changes', async (_l, value) => {
    await makeContact(admin, { lastName: 'Ordinary' });
    const before = await countRows('contacts');
    const key = _l.split('=')[0] ?? 'q';
    const res = await admin.get(`/api/v1/contacts?${key}=${encodeURIComponent(value)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ data: unknown[] }>().data).toEqual([]);
    expect(await countRows('contacts')).toBe(before);
  });

  it.each([
    ['id', { id: '1' }],
    ['version', { version: 7 }],
    ['createdAt', { createdAt: '2000-01-01T00:00:00.000Z' }],
    ['createdBy', { createdBy: { id: '1', name: 'x' } }],
    ['deletedAt', { deletedAt: '2000-01-01T00:00:00.000Z' }],
    ['photoUrl', { photoUrl: '/etc/passwd' }],
    ['access', { access: { edit: true, delete: true, share: true } }],
  ])('refuses mass assignment of %s on create and update', async (_l, extra) => {
    const before = await countRows('accounts');
    const created = await admin.post('/api/v1/accounts', { name: 'Mass Assign GmbH', ...extra });
    expect(created.statusCode).toBe(400);
    expect(await countRows('accounts')).toBe(before);
    const a = await makeAccount(admin);
    const updated = await admin.patch(`/api/v1/accounts/${a.id}`, { name: 'Changed', version: a.version, ...extra, ...('version' in extra ? { version: a.version, versionX: 1 } : {}) });
    expect(updated.statusCode).toBe(400);
    expect((await admin.get(`/api/v1/accounts/${a.id}`)).json<Account>()).toMatchObject({ name: a.name, version: a.version });
  });

  it('refuses to let a salesperson make someone else the owner or lift a restriction they may not', async () => {
    const sales = await h.client('sales');
    const other = await h.client('sales');
    const res = await sales.post('/api/v1/accounts', { name: 'Not mine to give', ownerId: other.userId });
    expect(res.statusCode).toBe(403);
    const ro = await h.client('readonly');
    const mine = await makeContact(admin, { lastName: 'Restricted', restrictedTo: [] });
    expect((await ro.patch(`/api/v1/contacts/${mine.id}`, { restrictedTo: null, version: mine.version })).statusCode).toBe(403);
    expect((await sales.patch(`/api/v1/contacts/${mine.id}`, { restrictedTo: null, version: mine.version })).statusCode).toBe(404);
  });

  it("answers 404 for other users' tokens and 403 for their sessions (IDOR)", async () => {
    const alice = await h.client('sales');
    const bob = await h.client('sales');
    const token = (await alice.post('/api/v1/tokens', { name: 'alice' })).json<{ id: string }>();
    expect((await bob.delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(404);
    expect((await bob.get(`/api/v1/users/${alice.userId}/sessions`)).statusCode).toBe(403);
    expect((await bob.post(`/api/v1/users/${alice.userId}/password`, { password: 'hijacked-password' })).statusCode).toBe(403);
    expect((await alice.get('/api/v1/tokens')).json<{ data: unknown[] }>().data).toHaveLength(2);
  });

  it('refuses bodies over 1 MB with 413 and a JSON error', async () => {
    const before = await countRows('accounts');
    const res = await admin.post('/api/v1/accounts', { name: 'Big', description: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.statusCode).toBe(413);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('payload_too_large');
    expect(await countRows('accounts')).toBe(before);
  });

  it('refuses malformed JSON and wrong content types with 4xx', async () => {
    const broken = await admin.raw({ method: 'POST', url: '/api/v1/accounts', headers: { 'content-type': 'application/json' }, payload: '{"name": "x"' });
    expect(broken.statusCode).toBe(400);
    const xml = await admin.raw({ method: 'POST', url: '/api/v1/accounts', headers: { 'content-type': 'application/xml' }, payload: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' });
    expect(xml.statusCode).toBe(415);
  });

  it('keeps path traversal out of file names and static paths', async () => {
    const a = await makeAccount(admin);
    const boundary = '----trav';
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../../../etc/passwd"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await admin.raw({ method: 'PUT', url: `/api/v1/accounts/${a.id}/photo`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(up.statusCode).toBe(400);
    for (const url of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/api/v1/accounts/..%2f..%2fusers']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('root:x:0:0');
      expect(res.statusCode, url).not.toBe(500);
    }
  });

  it('throttles repeated failed logins per account without revealing whether it exists', async () => {
    const attempt = (email: string) => h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong-password-1' } });
    const known = await h.client('sales');
    const email = (await known.get('/api/v1/me')).json<{ email: string }>().email;
    for (let i = 0; i < 5; i++) expect((await attempt(email)).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await attempt('ghost@example.com')).statusCode).toBe(401);
    const lockedKnown = await attempt(email);
    const lockedGhost = await attempt('ghost@example.com');
    expect(lockedKnown.statusCode).toBe(429);
    expect(lockedGhost.statusCode).toBe(429);
    expect(lockedKnown.json<{ error: { message: string } }>().error.message).toBe(lockedGhost.json<{ error: { message: string } }>().error.message);
    const audit = (await admin.get('/api/v1/audit-log?action=login.failure')).json<{ data: unknown[] }>();
    expect(audit.data.length).toBeGreaterThanOrEqual(10);
  });
});
