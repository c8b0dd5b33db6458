import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate, DuplicateCheck, DuplicateListResponse, DuplicateModule } from '@kontor/contract/duplicates';
import type { OrgDefaults } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';
import { rebuildDuplicates } from './duplicate-rebuild.ts';

const { h, admin } = useHarness();
let seq = 0;
const u = () => `${Date.now().toString(36)}${(seq += 1)}`;

async function check(c: TestClient, module: DuplicateModule, draft: DuplicateCheck): Promise<DuplicateCandidate[]> {
  const res = await c.post(`/api/v1/${module}/duplicates/check`, draft);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: DuplicateCandidate[] }>().data;
}

async function clusters(c: TestClient, module: DuplicateModule, query = ''): Promise<DuplicateListResponse> {
  const res = await c.get(`/api/v1/${module}/duplicates?limit=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DuplicateListResponse>();
}

const clusterOf = (list: DuplicateListResponse, id: string) => list.data.find((c) => c.records.some((r) => r.id === id));

async function setOrgDefaults(patch: Partial<OrgDefaults>) {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: OrgDefaults }>();
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, ...patch } })).statusCode).toBe(200);
}

describe('check on entry: each reason finds its duplicate and only it', () => {
  it('same e-mail, ignoring case', async () => {
    const k = u();
    const c = await makeContact(admin, { firstName: 'Petra', lastName: `Novak${k}`, emails: [{ label: 'work', value: `petra.${k}@novak.example`, primary: true }] });
    await makeContact(admin, { firstName: 'Other', lastName: `Person${k}`, emails: [{ label: 'work', value: `other.${k}@novak.example`, primary: true }] });
    const found = await check(admin, 'contacts', { firstName: 'Someone', lastName: 'Else', emails: [`PETRA.${k}@Novak.example`] });
    expect(found.map((f) => f.id)).toEqual([c.id]);
    expect(found[0]?.reasons).toEqual([{ code: 'email', value: `petra.${k}@novak.example` }]);
    expect(found[0]?.score).toBe(90);
  });

  it('same phone in another spelling (E.164)', async () => {
    const n = String(1000000 + (Date.now() % 8999999));
    const c = await makeContact(admin, { lastName: `Phone${u()}`, phones: [{ label: 'work', value: `+49 30 ${n}`, primary: true }] });
    const found = await check(admin, 'contacts', { lastName: 'Unrelated', phones: [`+49 (30) ${n.slice(0, 3)}-${n.slice(3)}`] });
    expect(found.map((f) => f.id)).toEqual([c.id]);
    expect(found[0]?.reasons.map((r) => r.code)).toEqual(['phone']);
  });

  it('similar name in the same account, not in another account', async () => {
    const acc = await makeAccount(admin, { name: `Meier Werke ${u()}` });
    const other = await makeAccount(admin, { name: `Andere ${u()}` });
    const c = await makeContact(admin, { firstName: 'Johann', lastName: 'Meyer', accountId: acc.id });
    await makeContact(admin, { firstName: 'Johann', lastName: 'Meyer', accountId: other.id });
    await makeContact(admin, { firstName: 'Klara', lastName: 'Schulz', accountId: acc.id });
    const found = await check(admin, 'contacts', { firstName: 'Johan', lastName: 'Meier', accountId: acc.id });
    expect(found.map((f) => f.id)).toEqual([c.id]);
    expect(found[0]?.reasons[0]).toMatchObject({ code: 'name_account', value: acc.id });
    expect(found[0]?.context).toBe(acc.name);
    expect(await check(admin, 'contacts', { firstName: 'Johan', lastName: 'Meier' })).toEqual([]);
  });

  it('similar name and the same company e-mail domain, never a mail provider', async () => {
    const domain = `acme${u()}.example`;
    const c = await makeContact(admin, { firstName: 'Wile', lastName: 'Coyote', emails: [{ label: 'work', value: `wile@${domain}`, primary: true }] });
    const found = await check(admin, 'contacts', { firstName: 'Wile E.', lastName: 'Coyote', emails: [`w.coyote@${domain}`] });
    expect(found.map((f) => f.id)).toEqual([c.id]);
    expect(found[0]?.reasons.map((r) => r.code)).toEqual(['name_domain']);
    const g = u();
    await makeContact(admin, { firstName: 'Road', lastName: `Runner${g}`, emails: [{ label: 'home', value: `road${g}@gmail.com`, primary: true }] });
    expect(await check(admin, 'contacts', { firstName: 'Road', lastName: `Runner${g}`, emails: [`runner${g}@gmail.com`] })).toEqual([]);
  });

  it('accounts: same website domain, and a similar name without the legal form', async () => {
    const k = u();
    const site = await makeAccount(admin, { name: `Zeta ${k}`, website: `https://www.zeta${k}.example/about` });
    const found = await check(admin, 'accounts', { name: 'Totally different', websites: [`zeta${k}.example`] });
    expect(found.map((f) => f.id)).toEqual([site.id]);
    expect(found[0]?.reasons).toEqual([{ code: 'website', value: `zeta${k}.example` }]);
    const named = await makeAccount(admin, { name: `Quorvex Industries ${k} GmbH` });
    const byName = await check(admin, 'accounts', { name: `QUORVEX Industrie ${k}` });
    expect(byName.map((f) => f.id)).toEqual([named.id]);
    expect(byName[0]?.reasons[0]?.code).toBe('name');
  });

  it('leaves out the record being edited, records in the recycle bin and hidden records', async () => {
    const k = u();
    const email = `hidden.${k}@example.org`;
    const own = await makeContact(admin, { lastName: `Edited${k}`, emails: [{ label: 'work', value: `edit.${k}@example.org`, primary: true }] });
    expect(await check(admin, 'contacts', { excludeId: own.id, lastName: `Edited${k}`, emails: [`edit.${k}@example.org`] })).toEqual([]);
    const binned = await makeContact(admin, { lastName: `Binned${k}`, emails: [{ label: 'work', value: `bin.${k}@example.org`, primary: true }] });
    expect((await admin.delete(`/api/v1/contacts/${binned.id}?version=${binned.version}`)).statusCode).toBe(204);
    expect(await check(admin, 'contacts', { emails: [`bin.${k}@example.org`] })).toEqual([]);
    await setOrgDefaults({ contacts: 'private' });
    try {
      const sales = await h.client('sales');
      await makeContact(admin, { lastName: `Hidden${k}`, emails: [{ label: 'work', value: email, primary: true }] });
      expect(await check(sales, 'contacts', { emails: [email] })).toEqual([]);
      expect(clusterOf(await clusters(sales, 'contacts'), own.id)).toBeUndefined();
    } finally {
      await setOrgDefaults({ contacts: 'read_write' });
    }
  });

  it('refuses hostile input with 400', async () => {
    for (const body of [{ excludeId: '99999999999' }, { lastName: 'a\u0000b'.repeat(100) }, { emails: 'x' }, { unknown: 1 }, { emails: Array(51).fill('a@b.example') }]) {
      const res = await admin.post('/api/v1/contacts/duplicates/check', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('clusters', () => {
  it('groups records over every write path, explains the pairs, and follows edits and deletions', async () => {
    const k = u();
    const email = `cluster.${k}@example.net`;
    const a = await makeContact(admin, { firstName: 'Ana', lastName: `Cluster${k}`, emails: [{ label: 'work', value: email, primary: true }] });
    const b = await makeContact(admin, { firstName: 'Anna', lastName: `Cluster${k}`, emails: [{ label: 'home', value: email.toUpperCase(), primary: true }] });
    const cluster = clusterOf(await clusters(admin, 'contacts'), a.id);
    expect(cluster?.records.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(cluster?.pairs[0]?.reasons.map((r) => [r.code, r.value])).toEqual([
      ['email', email],
      ['name_domain', 'example.net'],
    ]);
    expect(cluster?.score).toBeGreaterThan(90);

    // A third record joins by phone with the second one.
    const phone = `+44 20 7946 ${String(Date.now() % 10000).padStart(4, '0')}`;
    expect((await admin.patch(`/api/v1/contacts/${b.id}`, { phones: [{ label: 'work', value: phone, primary: true }], version: b.version })).statusCode).toBe(200);
    const c = await makeContact(admin, { lastName: `Third${k}`, phones: [{ label: 'mobile', value: phone, primary: true }] });
    expect(clusterOf(await clusters(admin, 'contacts'), a.id)?.records.map((r) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());

    // Deleting the middle record splits the cluster; restoring it joins them again.
    const bNow = (await admin.get(`/api/v1/contacts/${b.id}`)).json<{ version: number }>();
    expect((await admin.delete(`/api/v1/contacts/${b.id}?version=${bNow.version}`)).statusCode).toBe(204);
    const after = await clusters(admin, 'contacts');
    expect(clusterOf(after, a.id)).toBeUndefined();
    expect(clusterOf(after, c.id)).toBeUndefined();
    expect((await admin.post(`/api/v1/contacts/${b.id}/restore`, {})).statusCode).toBe(200);
    expect(clusterOf(await clusters(admin, 'contacts'), a.id)?.records).toHaveLength(3);
  });

  it('"not a duplicate" is never suggested again, and filters by owner and account', async () => {
    const k = u();
    const acc = await makeAccount(admin, { name: `Filter Co ${k}` });
    const sales = await h.client('sales');
    const a = await makeContact(admin, { firstName: 'Dana', lastName: `Scully${k}`, accountId: acc.id, ownerId: sales.userId });
    const b = await makeContact(admin, { firstName: 'Dana', lastName: `Scully${k}`, accountId: acc.id });
    const list = await clusters(admin, 'contacts', `&accountId=${acc.id}`);
    expect(list.data).toHaveLength(1);
    expect(clusterOf(await clusters(admin, 'contacts', `&ownerId=${sales.userId}`), a.id)).toBeDefined();
    expect(clusterOf(await clusters(admin, 'contacts', `&ownerId=${admin.userId}&accountId=${acc.id}`), a.id)).toBeDefined();
    const res = await admin.post('/api/v1/contacts/duplicates/dismiss', { ids: [a.id, b.id] });
    expect(res.statusCode, res.body).toBe(204);
    expect((await clusters(admin, 'contacts', `&accountId=${acc.id}`)).data).toEqual([]);
    expect(await check(admin, 'contacts', { excludeId: a.id, firstName: 'Dana', lastName: `Scully${k}`, accountId: acc.id })).toEqual([]);
    // An edit of either record does not bring the pair back.
    expect((await admin.patch(`/api/v1/contacts/${b.id}`, { position: 'Agent', version: b.version })).statusCode).toBe(200);
    expect((await clusters(admin, 'contacts', `&accountId=${acc.id}`)).data).toEqual([]);
  });

  it('keeps one cluster when writers add to it at the same time', async () => {
    const k = u();
    const email = `race.${k}@example.com`;
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) => admin.post('/api/v1/contacts', { lastName: `Race${k}x${i}`, emails: [{ label: 'work', value: email, primary: true }] })),
    );
    expect(made.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const ids = made.map((r) => r.json<{ id: string }>().id).sort();
    expect(clusterOf(await clusters(admin, 'contacts'), ids[0] ?? '')?.records.map((r) => r.id).sort()).toEqual(ids);
  });

  it('pages in score order with a cursor', async () => {
    const k = u();
    for (let i = 0; i < 3; i++) {
      const email = `page${i}.${k}@example.com`;
      await makeContact(admin, { lastName: `Page${k}a${i}`, emails: [{ label: 'work', value: email, primary: true }] });
      await makeContact(admin, { lastName: `Page${k}b${i}`, emails: [{ label: 'work', value: email, primary: true }] });
    }
    const all = await clusters(admin, 'contacts');
    const first = (await admin.get('/api/v1/contacts/duplicates?limit=2')).json<DuplicateListResponse>();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await admin.get(`/api/v1/contacts/duplicates?limit=2&cursor=${first.nextCursor}`)).json<DuplicateListResponse>();
    expect([...first.data, ...second.data].map((c) => c.id)).toEqual(all.data.slice(0, 4).map((c) => c.id));
    const scores = all.data.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const q of ['cursor=abc', 'limit=0', 'ownerId=99999999999', 'sort=name', 'tagId=1%00']) expect((await admin.get(`/api/v1/contacts/duplicates?${q}`)).statusCode, q).toBe(400);
  });
});

describe('rebuild', () => {
  it('computes from nothing the pairs and clusters the upkeep kept, dismissals included', async () => {
    const k = u();
    const acc = await makeAccount(admin, { name: `Rebuild Co ${k}`, website: `https://rebuild${k}.example` });
    await makeAccount(admin, { name: `Rebuild Company ${k} Ltd`, website: `https://www.rebuild${k}.example/en` });
    const a = await makeContact(admin, { firstName: 'Maria', lastName: `Rebuild${k}`, accountId: acc.id });
    const b = await makeContact(admin, { firstName: 'Marie', lastName: `Rebuild${k}`, accountId: acc.id });
    await makeContact(admin, { lastName: `Mail${k}`, emails: [{ label: 'work', value: `mail.${k}@example.org`, primary: true }] });
    await makeContact(admin, { lastName: `Mail2${k}`, emails: [{ label: 'work', value: `MAIL.${k}@example.org`, primary: true }] });
    expect((await admin.post('/api/v1/contacts/duplicates/dismiss', { ids: [a.id, b.id] })).statusCode).toBe(204);
    const db = h.database.db;
    const snapshot = async () => ({
      pairs: await db.selectFrom('duplicate_pairs').select(['module', 'low_id', 'high_id', 'score', 'reasons']).orderBy('module').orderBy('low_id').orderBy('high_id').execute(),
      clusters: (await db.selectFrom('duplicate_members').select(['module', 'record_id', 'cluster_id']).execute())
        .reduce((m, r) => m.set(r.cluster_id, [...(m.get(r.cluster_id) ?? []), `${r.module}:${r.record_id}`]), new Map<number, string[]>()),
      keys: await db.selectFrom('duplicate_keys').select(['module', 'key', 'record_id']).orderBy('module').orderBy('key').orderBy('record_id').execute(),
    });
    const groups = (m: Map<number, string[]>) => [...m.values()].map((g) => g.sort().join(',')).sort();
    const before = await snapshot();
    expect(before.pairs.length).toBeGreaterThanOrEqual(2);
    await rebuildDuplicates(db);
    const after = await snapshot();
    expect(after.keys).toEqual(before.keys);
    expect(after.pairs).toEqual(before.pairs);
    expect(groups(after.clusters)).toEqual(groups(before.clusters));
    expect(await db.selectFrom('duplicate_pending').select('record_id').execute()).toEqual([]);
  });
});
