import { describe, expect, it } from 'vitest';
import type { Lead, LeadListItem } from '@kontor/contract/leads';
import type { OrgDefault } from '@kontor/contract/permissions';
import type { TimelinePage } from '@kontor/contract/timeline';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeLead } from '../../test/factories.ts';

const { h, admin } = useHarness();

const list = async (c: TestClient, query: string) => {
  const res = await c.get(`/api/v1/leads?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: LeadListItem[]; nextCursor: string | null; total?: number }>();
};
const names = async (c: TestClient, query: string) => (await list(c, query)).data.map((l) => l.fullName);
const eventCount = async () => Number((await h.database.db.selectFrom('timeline_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);

async function setDefault(value: OrgDefault) {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: Record<string, OrgDefault> }>();
  const res = await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, leads: value } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('leads', () => {
  it('are created with their person and company fields, edited with optimistic locking, and record both on the timeline', async () => {
    const res = await admin.post('/api/v1/leads', {
      firstName: ' Ada ',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
      email: 'ada@engines.example',
      phone: '+44 20 7946 0958',
      position: 'Founder',
      source: 'trade_show',
      description: 'Met at the fair',
      tags: ['hot'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const lead = res.json<Lead>();
    expect(lead).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      company: 'Analytical Engines Ltd',
      email: 'ada@engines.example',
      phone: '+44 20 7946 0958',
      phoneE164: '+442079460958',
      source: 'trade_show',
      status: 'new',
      ownerId: admin.userId,
      tags: ['hot'],
      convertedAt: null,
      convertedContactId: null,
      access: { edit: true, delete: true, share: true },
      version: 1,
    });
    const edited = await admin.patch(`/api/v1/leads/${lead.id}`, { status: 'qualified', company: 'Engines plc', email: '', version: lead.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Lead>()).toMatchObject({ status: 'qualified', company: 'Engines plc', email: null, version: 2 });
    const stale = await admin.patch(`/api/v1/leads/${lead.id}`, { status: 'contacted', version: lead.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('version_conflict');

    const timeline = (await admin.get(`/api/v1/leads/${lead.id}/timeline`)).json<TimelinePage>();
    expect(timeline.data.map((e) => e.kind)).toEqual(['updated', 'created']);
    expect(timeline.data[0]?.details.changes).toEqual([
      { field: 'company', before: 'Analytical Engines Ltd', after: 'Engines plc' },
      { field: 'email', before: 'ada@engines.example', after: null },
      { field: 'status', before: 'new', after: 'qualified' },
    ]);
  });

  it('refuse bad and hostile input with 400 and store nothing', async () => {
    const before = await eventCount();
    const bad: Array<Record<string, unknown>> = [
      {},
      { lastName: '' },
      { lastName: '\u200b\u200b' },
      { lastName: 'x'.repeat(81) },
      { lastName: 'Ok', email: 'not-an-address' },
      { lastName: 'Ok', phone: 'call me' },
      { lastName: 'Ok', source: 'carrier_pigeon' },
      { lastName: 'Ok', status: 'converted' },
      { lastName: 'Ok', ownerId: '99999999999' },
      { lastName: 'Ok', ownerId: '999999' },
      { lastName: 'Ok\u0000' },
      { lastName: 'Ok', company: 'c'.repeat(101) },
      { lastName: 'Ok', description: 'd'.repeat(32001) },
      { lastName: 'Ok', tags: ['t'.repeat(51)] },
      { lastName: 'Ok', convertedAt: '2026-01-01T00:00:00.000Z' },
      { lastName: 'Ok', customFields: { nope: 1 } },
    ];
    for (const body of bad) {
      const res = await admin.post('/api/v1/leads', body);
      expect(res.statusCode, `${JSON.stringify(body).slice(0, 80)} -> ${res.body}`).toBe(400);
    }
    const l = await makeLead(admin, { lastName: 'Steady' });
    for (const body of [{ status: 'converted' }, { email: '@@' }, { lastName: null }, { version: 2 ** 31 }]) {
      const res = await admin.patch(`/api/v1/leads/${l.id}`, { version: l.version, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.get('/api/v1/leads/99999999999')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/leads?cursor=forged')).statusCode).toBe(400);
    expect((await admin.get(`/api/v1/leads/${l.id}`)).json<Lead>()).toMatchObject({ lastName: 'Steady', version: 1 });
    expect((await names(admin, 'q=Ok'))).toEqual([]);
    // Only the one good lead wrote an event.
    expect(await eventCount()).toBe(before + 1);
  });

  it('list by name (last first) with keyset pages, sorts, filters by status, source, owner, tag and a fragment of name or e-mail', async () => {
    const mine = await h.client('sales');
    await makeLead(admin, { firstName: 'Zoe', lastName: 'Listable', status: 'contacted', source: 'partner', tags: ['fair'], email: 'zoe@listable.example' });
    await makeLead(admin, { firstName: 'Ärne', lastName: 'Listable', source: 'web' });
    await makeLead(mine, { firstName: 'Bo', lastName: 'Alistable', source: 'web', email: 'bo@elsewhere.example' });
    expect(await names(admin, 'q=listable')).toEqual(['Bo Alistable', 'Ärne Listable', 'Zoe Listable']);
    expect(await names(admin, 'q=LISTABLE ARNE')).toEqual(['Ärne Listable']);
    expect(await names(admin, 'q=elsewhere')).toEqual(['Bo Alistable']);
    expect(await names(admin, 'q=listable&sort=-name')).toEqual(['Zoe Listable', 'Ärne Listable', 'Bo Alistable']);
    expect(await names(admin, 'q=listable&sort=-createdAt')).toEqual(['Bo Alistable', 'Ärne Listable', 'Zoe Listable']);
    expect(await names(admin, 'q=listable&status=contacted')).toEqual(['Zoe Listable']);
    expect(await names(admin, 'q=listable&source=web')).toEqual(['Bo Alistable', 'Ärne Listable']);
    expect(await names(admin, `q=listable&ownerId=${mine.userId}`)).toEqual(['Bo Alistable']);
    expect(await names(admin, 'q=listable&tag=fair')).toEqual(['Zoe Listable']);
    const first = await list(admin, 'q=listable&limit=2&count=true');
    expect(first.total).toBe(3);
    expect(first.data).toHaveLength(2);
    const second = await list(admin, `q=listable&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((l) => l.fullName)).toEqual(['Zoe Listable']);
    expect(second.nextCursor).toBeNull();
    expect((await admin.get('/api/v1/leads?sort=company')).statusCode).toBe(400);
  });

  it('are hidden from those who may not see them: 404 on the lead, absent from lists and counts', async () => {
    const owner = await h.client('sales');
    const stranger = await h.client('sales');
    await setDefault('private');
    try {
      const secret = await makeLead(owner, { lastName: 'Hiddenlead' });
      expect((await stranger.get(`/api/v1/leads/${secret.id}`)).statusCode).toBe(404);
      expect((await stranger.patch(`/api/v1/leads/${secret.id}`, { status: 'contacted', version: 1 })).statusCode).toBe(404);
      expect((await stranger.delete(`/api/v1/leads/${secret.id}`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/v1/leads/${secret.id}/conversion-matches`)).statusCode).toBe(404);
      expect((await stranger.post(`/api/v1/leads/${secret.id}/convert`, { version: 1 })).statusCode).toBe(404);
      expect((await list(stranger, 'q=Hiddenlead&count=true')).total).toBe(0);
      expect((await list(owner, 'q=Hiddenlead&count=true')).total).toBe(1);
      await owner.post(`/api/v1/leads/${secret.id}/shares`, { userId: stranger.userId, access: 'read' });
      const shared = await stranger.get(`/api/v1/leads/${secret.id}`);
      expect(shared.json<Lead>().access).toEqual({ edit: false, delete: false, share: false });
      expect((await stranger.patch(`/api/v1/leads/${secret.id}`, { status: 'contacted', version: 1 })).statusCode).toBe(403);
    } finally {
      await setDefault('read_write');
    }
    const readOnly = await h.client('readonly');
    expect((await readOnly.post('/api/v1/leads', { lastName: 'Nope' })).statusCode).toBe(403);
  });

  it('go to the recycle bin and come back, and clone as a new open lead of the caller', async () => {
    const l = await makeLead(admin, { firstName: 'Binny', lastName: 'Recycle', tags: ['bin'] });
    expect((await admin.delete(`/api/v1/leads/${l.id}?version=${l.version + 5}`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/leads/${l.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/leads/${l.id}`)).statusCode).toBe(404);
    expect(await names(admin, 'q=Recycle')).toEqual([]);
    const bin = (await admin.get('/api/v1/recycle-bin?module=leads')).json<{ data: Array<{ id: string; name: string; module: string }> }>().data;
    expect(bin.find((b) => b.id === l.id)).toMatchObject({ name: 'Binny Recycle', module: 'leads' });
    const restored = await admin.post(`/api/v1/leads/${l.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json<Lead>()).toMatchObject({ fullName: 'Binny Recycle', tags: ['bin'] });
    expect(await names(admin, 'q=Recycle')).toEqual(['Binny Recycle']);

    const sales = await h.client('sales');
    const clone = await sales.post(`/api/v1/leads/${l.id}/clone`);
    expect(clone.statusCode, clone.body).toBe(201);
    expect(clone.json<Lead>()).toMatchObject({ fullName: 'Binny Recycle', tags: ['bin'], ownerId: sales.userId, status: 'new' });
    expect(clone.json<Lead>().id).not.toBe(l.id);

    // Purged for good: gone from the bin.
    await admin.delete(`/api/v1/leads/${l.id}`);
    expect((await admin.delete(`/api/v1/recycle-bin/leads/${l.id}`)).statusCode).toBe(204);
    expect((await admin.get('/api/v1/recycle-bin?module=leads')).json<{ data: Array<{ id: string }> }>().data.some((b) => b.id === l.id)).toBe(false);
  });
});
