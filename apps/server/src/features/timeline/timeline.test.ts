import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { Deal, Pipeline } from '@kontor/contract/deals';
import type { TimelineEvent, TimelinePage } from '@kontor/contract/timeline';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal } from '../../test/factories.ts';

const { h, admin } = useHarness();

const timeline = async (c: TestClient, module: string, id: string, query = '') => {
  const res = await c.get(`/api/v1/${module}/${id}/timeline${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TimelinePage>();
};
const summary = (events: TimelineEvent[]) => events.map((e) => `${e.module}:${e.kind}:${e.recordName}`);

describe('timeline', () => {
  it('holds an account\'s own changes with before and after, and its contacts\' and deals\' events, newest first', async () => {
    const acme = await makeAccount(admin, { name: 'Acme Timeline GmbH', industry: 'technology' });
    const other = await makeAccount(admin, { name: 'Other Timeline AG' });
    const edited = (await admin.patch(`/api/v1/accounts/${acme.id}`, { industry: 'retail', tags: ['vip'], version: acme.version })).json<Account>();
    const emma = await makeContact(admin, { firstName: 'Emma', lastName: 'Timeline', accountId: acme.id });
    const [sales] = (await admin.get('/api/v1/pipelines')).json<{ data: Pipeline[] }>().data;
    const deal = await makeDeal(admin, { name: 'Timeline deal', accountId: acme.id, contactId: emma.id });
    await admin.patch(`/api/v1/deals/${deal.id}`, { stageId: sales?.stages[2]?.id, version: deal.version });
    const moved = await admin.post(`/api/v1/contacts/${emma.id}/move`, { accountId: other.id, version: emma.version });
    expect(moved.statusCode, moved.body).toBe(200);

    const page = await timeline(admin, 'accounts', acme.id);
    expect(summary(page.data)).toEqual([
      'contacts:unlinked:Emma Timeline',
      'deals:updated:Timeline deal',
      'deals:created:Timeline deal',
      'contacts:created:Emma Timeline',
      'accounts:updated:Acme Timeline GmbH',
      'accounts:created:Acme Timeline GmbH',
    ]);
    const update = page.data.find((e) => e.module === 'accounts' && e.kind === 'updated');
    expect(update?.details.changes).toEqual([
      { field: 'industry', before: 'technology', after: 'retail' },
      { field: 'tags', before: [], after: ['vip'] },
    ]);
    expect(update?.actor?.id).toBe(admin.userId);
    const stage = page.data.find((e) => e.module === 'deals' && e.kind === 'updated');
    expect(stage?.details.changes).toEqual([{ field: 'stageId', before: sales?.stages[0]?.id, after: sales?.stages[2]?.id }]);
    expect(stage?.names[`pipeline_stages:${sales?.stages[2]?.id}`]).toBe('Demo scheduled');
    const unlinked = page.data[0];
    expect(unlinked?.details).toMatchObject({ field: 'accountId', target: { module: 'accounts', id: acme.id } });
    // The contact's own timeline shows the move as a change of account, with both names.
    const own = await timeline(admin, 'contacts', emma.id);
    const move = own.data.find((e) => e.kind === 'updated');
    expect(move?.details.changes).toEqual([{ field: 'accountId', before: acme.id, after: other.id }]);
    expect(move?.names).toMatchObject({ [`accounts:${acme.id}`]: 'Acme Timeline GmbH', [`accounts:${other.id}`]: 'Other Timeline AG' });
    expect(edited.version).toBe(acme.version + 1);
  });

  it('records deletes, restores, contacts deleted or detached with their account, and transfers', async () => {
    const acme = await makeAccount(admin, { name: 'Deleted Timeline Ltd' });
    const kept = await makeContact(admin, { firstName: 'Kim', lastName: 'Kept', accountId: acme.id });
    const parent = await makeAccount(admin, { name: 'Parent Timeline' });
    const child = await makeAccount(admin, { name: 'Child Timeline', parentAccountId: parent.id });
    expect(summary((await timeline(admin, 'accounts', parent.id)).data)).toEqual(['accounts:created:Parent Timeline']);
    const dropped = await admin.patch(`/api/v1/accounts/${child.id}`, { parentAccountId: null, version: child.version });
    expect(dropped.statusCode).toBe(200);
    expect(summary((await timeline(admin, 'accounts', parent.id)).data)).toEqual(['accounts:unlinked:Child Timeline', 'accounts:created:Parent Timeline']);
    expect((await admin.delete(`/api/v1/accounts/${acme.id}?contacts=detach`)).statusCode).toBe(204);
    expect(summary((await timeline(admin, 'contacts', kept.id)).data)).toEqual(['contacts:unlinked:Kim Kept', 'contacts:created:Kim Kept']);
    expect((await admin.post(`/api/v1/accounts/${acme.id}/restore`)).statusCode).toBe(200);
    expect(summary((await timeline(admin, 'accounts', acme.id)).data).slice(0, 3)).toEqual(['accounts:restored:Deleted Timeline Ltd', 'contacts:unlinked:Kim Kept', 'accounts:deleted:Deleted Timeline Ltd']);

    const leaving = await h.client('sales');
    const heir = await h.client('sales');
    const theirs = await makeDeal(leaving, { name: 'Handed over' });
    expect((await admin.post(`/api/v1/users/${leaving.userId}/transfer`, { toUserId: heir.userId })).statusCode).toBe(200);
    const events = (await timeline(admin, 'deals', theirs.id)).data;
    expect(events[0]).toMatchObject({ kind: 'owner_changed', details: { fromOwnerId: leaving.userId, toOwnerId: heir.userId, via: 'transfer' } });
    expect(events[0]?.names).toMatchObject({ [`users:${heir.userId}`]: expect.stringContaining('Test sales') });
  });

  it('shows only what the reader may see: a restricted contact\'s events stay off its account\'s timeline', async () => {
    const reader = await h.client('sales');
    const acme = await makeAccount(admin, { name: 'Visible Timeline Inc', restrictedTo: [reader.userId] });
    await makeContact(admin, { firstName: 'Sam', lastName: 'Secret', accountId: acme.id, restrictedTo: [] });
    await makeContact(admin, { firstName: 'Olga', lastName: 'Open', accountId: acme.id, restrictedTo: [reader.userId] });
    expect(summary((await timeline(admin, 'accounts', acme.id)).data)).toEqual(['contacts:created:Olga Open', 'contacts:created:Sam Secret', 'accounts:created:Visible Timeline Inc']);
    expect(summary((await timeline(reader, 'accounts', acme.id)).data)).toEqual(['contacts:created:Olga Open', 'accounts:created:Visible Timeline Inc']);
    const stranger = await h.client('sales');
    expect((await stranger.get(`/api/v1/accounts/${acme.id}/timeline`)).statusCode).toBe(404);
  });

  it('reads the last six months by default, older on demand, filtered by kind and paged', async () => {
    const acme = await makeAccount(admin, { name: 'Paged Timeline SRL' });
    const c = await makeContact(admin, { firstName: 'Pia', lastName: 'Paged', accountId: acme.id });
    for (const description of ['one', 'two', 'three']) {
      const now = (await admin.get(`/api/v1/accounts/${acme.id}`)).json<Account>();
      await admin.patch(`/api/v1/accounts/${acme.id}`, { description, version: now.version });
    }
    // The account's creation happened long ago.
    await h.database.db.updateTable('timeline_events').set({ at: '2020-01-01T00:00:00.000Z' }).where('account_id', '=', Number(acme.id)).where('kind', '=', 'created').where('module', '=', 'accounts').execute();
    const recent = await timeline(admin, 'accounts', acme.id);
    expect(recent.data.map((e) => e.kind)).toEqual(['updated', 'updated', 'updated', 'created']);
    expect(recent.since).not.toBeNull();
    expect((await timeline(admin, 'accounts', acme.id, '?since=all')).data.map((e) => e.kind).at(-1)).toBe('created');
    expect((await timeline(admin, 'accounts', acme.id, '?filter=contacts')).data.map((e) => e.recordName)).toEqual(['Pia Paged']);
    expect((await timeline(admin, 'accounts', acme.id, '?filter=changes&since=all')).data).toHaveLength(4);
    const first = await timeline(admin, 'accounts', acme.id, '?limit=2&since=all');
    expect(first.data).toHaveLength(2);
    const second = await timeline(admin, 'accounts', acme.id, `?limit=2&since=all&cursor=${first.nextCursor}`);
    const third = await timeline(admin, 'accounts', acme.id, `?limit=2&since=all&cursor=${second.nextCursor}`);
    expect([...first.data, ...second.data, ...third.data].map((e) => e.details.changes ?? e.kind)).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    expect(c.accountId).toBe(acme.id);
  });

  it('refuses malformed parameters with 400 on both engines', async () => {
    const acme = await makeAccount(admin, { name: 'Hostile Timeline' });
    for (const q of ['?since=yesterday', '?filter=emails', '?limit=0', '?limit=201', '?cursor=bm9wZQ', '?since=2026-01-01T00:00:00Z%00']) {
      expect((await admin.get(`/api/v1/accounts/${acme.id}/timeline${q}`)).statusCode, q).toBe(400);
    }
    expect((await admin.get('/api/v1/accounts/99999999999/timeline')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/accounts/2147483647/timeline')).statusCode).toBe(404);
    const deal = (await makeDeal(admin, { name: 'Fine' })) satisfies Deal;
    expect((await admin.get(`/api/v1/deals/${deal.id}/timeline?filter=changes,notes`)).statusCode).toBe(200);
    expect(((await admin.get(`/api/v1/contacts/${(await makeContact(admin)).id}/timeline`)).json<TimelinePage>().data as TimelineEvent[]).length).toBe(1);
    const c = (await admin.get(`/api/v1/accounts/${acme.id}`)).json<Account>() satisfies Account;
    expect(c.id).toBe(acme.id);
    expect(((await makeContact(admin)) satisfies Contact).id).toBeTruthy();
  });
});
