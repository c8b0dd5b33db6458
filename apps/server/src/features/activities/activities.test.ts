import { describe, expect, it } from 'vitest';
import type { Activity } from '@kontor/contract/activities';
import type { OrgDefaults } from '@kontor/contract/permissions';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { activityInput, makeAccount, makeActivity, makeContact, makeDeal } from '../../test/factories.ts';
import { systemActor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';

const { h, admin } = useHarness();

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const get = async (c: TestClient, id: string) => (await c.get(`/api/v1/activities/${id}`)).json<Activity>();
const patch = async (c: TestClient, a: { id: string; version: number }, body: Record<string, unknown>) => c.patch(`/api/v1/activities/${a.id}`, { ...body, version: a.version });
const total = async () => (await admin.get('/api/v1/activities?count=true&limit=1')).json<{ total: number }>().total;

async function setOrgDefaults(patchDefaults: Partial<OrgDefaults>) {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: OrgDefaults }>();
  const res = await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, ...patchDefaults } });
  expect(res.statusCode, res.body).toBe(200);
}
const everything = (value: OrgDefaults['accounts']): OrgDefaults => ({ accounts: value, contacts: value, deals: value, activities: value, leads: value });

/** An account's next and last activity columns, as the Kanban reads them. */
async function accountColumns(id: string) {
  const row = await visibleRecords(h.database.db, systemActor(1), 'accounts').select(['next_activity_id', 'next_activity_at', 'last_activity_at']).where('id', '=', Number(id)).executeTakeFirstOrThrow();
  return { next: row.next_activity_id == null ? null : String(row.next_activity_id), nextAt: row.next_activity_at, lastAt: row.last_activity_at };
}

describe('activities: types and dates', () => {
  it('creates a task, a call and a meeting, each with its moment in scheduledAt', async () => {
    const colleague = await h.client('sales');
    const task = await makeActivity(admin, { type: 'task', subject: 'Send the offer', dueAt: '2091-03-04T16:00:00+02:00' });
    expect(task).toMatchObject({ type: 'task', dueAt: '2091-03-04T14:00:00.000Z', startAt: null, scheduledAt: '2091-03-04T14:00:00.000Z', done: false, doneAt: null, overdue: false, ownerId: admin.userId });
    const call = await makeActivity(admin, { type: 'call', subject: 'Follow-up call', startAt: '2091-03-05T09:00:00Z', durationMinutes: 30 });
    expect(call).toMatchObject({ startAt: '2091-03-05T09:00:00.000Z', endAt: '2091-03-05T09:30:00.000Z', durationMinutes: 30, scheduledAt: '2091-03-05T09:00:00.000Z' });
    const meeting = await makeActivity(admin, {
      type: 'meeting', subject: 'Kick-off', startAt: '2091-03-06T13:00:00Z', endAt: '2091-03-06T14:15:00Z', location: 'Room 4', participantIds: [colleague.userId, colleague.userId], tags: ['kickoff'],
    });
    expect(meeting).toMatchObject({ durationMinutes: 75, location: 'Room 4', participants: [{ id: colleague.userId }], tags: ['kickoff'], access: { edit: true } });
    const allDay = await makeActivity(admin, { type: 'meeting', subject: 'Trade fair', allDay: true, startAt: '2091-04-01', endAt: '2091-04-03' });
    expect(allDay).toMatchObject({ allDay: true, startAt: '2091-04-01T00:00:00.000Z', endAt: '2091-04-03T00:00:00.000Z', durationMinutes: null });
    const past = await makeActivity(admin, { type: 'call', startAt: inDays(-1) });
    expect(past.overdue).toBe(true);
    const logged = await makeActivity(admin, { type: 'call', startAt: inDays(-1), done: true, outcome: 'Reached, sends numbers' });
    expect(logged).toMatchObject({ done: true, doneAt: expect.any(String), overdue: false, outcome: 'Reached, sends numbers' });
  });

  it('refuses a broken schedule, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'task', subject: 'x' }, 'dueAt'],
      [{ type: 'call', subject: 'x' }, 'startAt'],
      [{ type: 'task', subject: 'x', dueAt: inDays(1), startAt: inDays(1) }, 'startAt'],
      [{ type: 'meeting', subject: 'x', dueAt: inDays(1) }, 'dueAt'],
      [{ type: 'meeting', subject: 'x', startAt: '2091-01-01T10:00:00Z', endAt: '2091-01-01T09:00:00Z' }, 'endAt'],
      [{ type: 'meeting', subject: 'x', startAt: '2091-01-01T10:00:00Z', endAt: '2091-01-01T11:00:00Z', durationMinutes: 30 }, 'durationMinutes'],
      [{ type: 'meeting', subject: 'x', allDay: true, startAt: '2091-01-01', durationMinutes: 60 }, 'durationMinutes'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/activities', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json<{ error: { fields: Record<string, string> } }>().error.fields), JSON.stringify(body)).toContain(field);
    }
  });

  it('moving a meeting keeps its length; a task turned into a meeting starts when it was due', async () => {
    const m = await makeActivity(admin, { type: 'meeting', startAt: '2091-05-01T10:00:00Z', durationMinutes: 90 });
    const moved = (await patch(admin, m, { startAt: '2091-05-02T08:00:00Z' })).json<Activity>();
    expect(moved).toMatchObject({ startAt: '2091-05-02T08:00:00.000Z', endAt: '2091-05-02T09:30:00.000Z', durationMinutes: 90, scheduledAt: '2091-05-02T08:00:00.000Z' });
    const shortened = (await patch(admin, moved, { durationMinutes: 15 })).json<Activity>();
    expect(shortened.endAt).toBe('2091-05-02T08:15:00.000Z');
    const t = await makeActivity(admin, { type: 'task', dueAt: '2091-06-01T12:00:00Z' });
    const asMeeting = (await patch(admin, t, { type: 'meeting' })).json<Activity>();
    expect(asMeeting).toMatchObject({ type: 'meeting', dueAt: null, startAt: '2091-06-01T12:00:00.000Z', scheduledAt: '2091-06-01T12:00:00.000Z' });
    const back = (await patch(admin, asMeeting, { type: 'task' })).json<Activity>();
    expect(back).toMatchObject({ type: 'task', dueAt: '2091-06-01T12:00:00.000Z', startAt: null, endAt: null });
  });
});

describe('activities: bad input', () => {
  it('answers hostile and invalid values with 400 and stores nothing', async () => {
    const retired = await h.client('sales');
    const u = (await admin.get(`/api/v1/users/${retired.userId}`)).json<{ version: number }>();
    expect((await admin.patch(`/api/v1/users/${retired.userId}`, { active: false, version: u.version })).statusCode).toBe(200);
    const before = await total();
    const bad: Array<Record<string, unknown>> = [
      { subject: '' },
      { subject: '\u200b\u200b' },
      { subject: 'x'.repeat(201) },
      { subject: 'nul\u0000byte' },
      { type: 'email' },
      { dueAt: 'tomorrow' },
      { dueAt: '2091-02-30T10:00:00Z' },
      { dueAt: '1800-01-01T00:00:00Z' },
      { dueAt: 12 },
      { accountId: '99999999999' },
      { accountId: '2147483648' },
      { accountId: '999999' },
      { contactId: '999999' },
      { dealId: '999999' },
      { leadId: '999999' },
      { ownerId: '999999' },
      { participantIds: ['999999'] },
      { participantIds: [retired.userId] },
      { participantIds: Array.from({ length: 51 }, (_, i) => String(i + 1)) },
      { durationMinutes: -1 },
      { durationMinutes: 1.5 },
      { location: 'x'.repeat(301) },
      { description: 'x'.repeat(32001) },
      { customFields: { nope: 1 } },
      { tags: ['x'.repeat(51)] },
      { unknownField: true },
      { done: 'yes' },
    ];
    for (const b of bad) {
      const res = await admin.post('/api/v1/activities', { ...activityInput(), ...b });
      expect(res.statusCode, `${JSON.stringify(b).slice(0, 80)}: ${res.body.slice(0, 200)}`).toBe(400);
    }
    expect(await total()).toBe(before);
    // Edits too: a stale or hostile edit changes nothing.
    const a = await makeActivity(admin);
    for (const b of [{ subject: '' }, { startAt: inDays(1) }, { accountId: '2147483648' }, { participantIds: [retired.userId] }]) {
      expect((await patch(admin, a, b)).statusCode, JSON.stringify(b)).toBe(400);
    }
    expect((await admin.patch(`/api/v1/activities/${a.id}`, { subject: 'No version' })).statusCode).toBe(400);
    expect(await get(admin, a.id)).toMatchObject({ subject: a.subject, version: a.version });
  });
});

describe('activities: links and visibility', () => {
  it('takes the account of its contact or deal, so the account lists it', async () => {
    const acme = await makeAccount(admin, { name: 'Link Test AG' });
    const other = await makeAccount(admin, { name: 'Deal Home AG' });
    const anna = await makeContact(admin, { accountId: acme.id });
    const deal = await makeDeal(admin, { accountId: other.id });
    expect(await makeActivity(admin, { contactId: anna.id })).toMatchObject({ accountId: acme.id, account: { id: acme.id, name: 'Link Test AG' }, contact: { id: anna.id, name: anna.fullName } });
    expect(await makeActivity(admin, { contactId: anna.id, dealId: deal.id })).toMatchObject({ accountId: other.id, deal: { id: deal.id, name: deal.name } });
    expect(await makeActivity(admin, { contactId: anna.id, accountId: other.id })).toMatchObject({ accountId: other.id });
    const lone = await makeContact(admin);
    expect(await makeActivity(admin, { contactId: lone.id })).toMatchObject({ accountId: null, account: null });
  });

  it('hides activities and refuses links the caller cannot see', async () => {
    await setOrgDefaults(everything('private'));
    try {
      const owner = await h.client('sales');
      const stranger = await h.client('sales');
      const secret = await makeAccount(owner, { name: 'Secret GmbH' });
      const hiddenContact = await makeContact(owner, { accountId: secret.id });
      const a = await makeActivity(owner, { subject: 'Private plan', accountId: secret.id, contactId: hiddenContact.id });
      expect((await stranger.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
      expect((await patch(stranger, a, { subject: 'Taken over' })).statusCode).toBe(404);
      expect((await stranger.delete(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/v1/activities/${a.id}/ics`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/v1/accounts/${secret.id}/activities`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/v1/contacts/${hiddenContact.id}/activities`)).statusCode).toBe(404);
      expect((await stranger.get('/api/v1/activities?q=Private plan')).json<{ data: unknown[] }>().data).toEqual([]);
      expect((await stranger.post('/api/v1/activities', activityInput({ contactId: hiddenContact.id }))).json<{ error: { fields: object } }>().error.fields).toHaveProperty('contactId');
      expect((await stranger.post('/api/v1/activities', activityInput({ accountId: secret.id }))).statusCode).toBe(400);
      // A visible contact of a hidden account: the activity is linked to the contact only.
      const shared = await makeContact(owner, { accountId: secret.id });
      await owner.post(`/api/v1/contacts/${shared.id}/shares`, { userId: stranger.userId, access: 'read' });
      expect(await makeActivity(stranger, { contactId: shared.id })).toMatchObject({ contactId: shared.id, accountId: null });
      // Shared with the stranger, the activity shows without the names of what they cannot see.
      await owner.post(`/api/v1/activities/${a.id}/shares`, { userId: stranger.userId, access: 'read' });
      expect(await get(stranger, a.id)).toMatchObject({ subject: 'Private plan', accountId: secret.id, account: null, contact: null, access: { edit: false } });
      expect((await patch(stranger, a, { subject: 'Taken over' })).statusCode).toBe(403);
      // Editing the subject keeps a link the editor no longer sees.
      await owner.post(`/api/v1/activities/${a.id}/shares`, { userId: stranger.userId, access: 'write' });
      const edited = await patch(stranger, await get(stranger, a.id), { subject: 'Shared plan', accountId: secret.id });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await get(owner, a.id)).accountId).toBe(secret.id);
    } finally {
      await setOrgDefaults(everything('read_write'));
    }
  });
});

describe('activities: completing, the timeline and the account columns', () => {
  const events = (id: string) =>
    h.database.db.selectFrom('timeline_events').select(['kind', 'account_id', 'contact_id', 'details']).where('module', '=', 'activities').where('record_id', '=', Number(id)).orderBy('id').execute();

  it('completes and reopens with one click, refusing a stale version, and writes the timeline', async () => {
    const acme = await makeAccount(admin);
    const colleague = await h.client('sales');
    const a = await makeActivity(admin, { type: 'call', startAt: inDays(1), accountId: acme.id });
    const done = await patch(admin, a, { done: true, outcome: 'Agreed on a demo' });
    expect(done.json<Activity>()).toMatchObject({ done: true, doneAt: expect.any(String), outcome: 'Agreed on a demo', version: a.version + 1 });
    const stale = await patch(admin, a, { done: false });
    expect(stale.statusCode).toBe(409);
    expect((await get(admin, a.id)).done).toBe(true);
    const reopened = (await patch(admin, done.json<Activity>(), { done: false })).json<Activity>();
    expect(reopened).toMatchObject({ done: false, doneAt: null });
    await patch(admin, reopened, { subject: 'Call about the demo', participantIds: [colleague.userId] });
    const kinds = (await events(a.id)).map((e) => [e.kind, e.account_id]);
    expect(kinds).toEqual([['created', Number(acme.id)], ['activity_completed', Number(acme.id)], ['updated', Number(acme.id)], ['activity_reopened', Number(acme.id)], ['updated', Number(acme.id)]]);
    const last = JSON.parse((await events(a.id)).at(-1)?.details ?? '{}') as { changes: Array<{ field: string; before: unknown; after: unknown }> };
    expect(last.changes).toEqual([
      { field: 'subject', before: a.subject, after: 'Call about the demo' },
      { field: 'participantIds', before: [], after: [colleague.userId] },
    ]);
    // Moving it to a contact of another account: unlinked from the old account, shown on the new one.
    const other = await makeAccount(admin);
    const moved = await patch(admin, await get(admin, a.id), { accountId: other.id });
    expect(moved.statusCode).toBe(200);
    const after = (await events(a.id)).slice(-2).map((e) => [e.kind, e.account_id]);
    expect(after).toEqual([['updated', Number(other.id)], ['unlinked', Number(acme.id)]]);
  });

  it('keeps the account\'s next and last activity on create, complete, move, delete and restore', async () => {
    const acme = await makeAccount(admin);
    const beta = await makeAccount(admin);
    expect(await accountColumns(acme.id)).toEqual({ next: null, nextAt: null, lastAt: null });
    const soon = await makeActivity(admin, { dueAt: '2091-07-01T09:00:00Z', accountId: acme.id });
    const later = await makeActivity(admin, { type: 'meeting', startAt: '2091-07-05T09:00:00Z', accountId: acme.id });
    expect(await accountColumns(acme.id)).toEqual({ next: soon.id, nextAt: '2091-07-01T09:00:00.000Z', lastAt: null });
    await patch(admin, soon, { done: true });
    expect(await accountColumns(acme.id)).toEqual({ next: later.id, nextAt: '2091-07-05T09:00:00.000Z', lastAt: '2091-07-01T09:00:00.000Z' });
    const moved = (await patch(admin, later, { accountId: beta.id })).json<Activity>();
    expect(await accountColumns(acme.id)).toMatchObject({ next: null, nextAt: null });
    expect(await accountColumns(beta.id)).toMatchObject({ next: later.id });
    const earlier = (await patch(admin, moved, { startAt: '2091-06-01T09:00:00Z' })).json<Activity>();
    expect(await accountColumns(beta.id)).toMatchObject({ nextAt: '2091-06-01T09:00:00.000Z' });
    // Through a contact: the account it brings along.
    const anna = await makeContact(admin, { accountId: acme.id });
    const viaContact = await makeActivity(admin, { dueAt: '2091-08-01T09:00:00Z', contactId: anna.id });
    expect(await accountColumns(acme.id)).toMatchObject({ next: viaContact.id });
    // Deleting and restoring (the recycle bin refreshes the columns too).
    expect((await admin.delete(`/api/v1/activities/${earlier.id}?version=${earlier.version}`)).statusCode).toBe(204);
    expect(await accountColumns(beta.id)).toMatchObject({ next: null });
    expect((await admin.get(`/api/v1/activities/${earlier.id}`)).statusCode).toBe(404);
    const bin = (await admin.get('/api/v1/recycle-bin?module=activities')).json<{ data: Array<{ id: string; name: string }> }>().data;
    expect(bin.find((b) => b.id === earlier.id)?.name).toBe(earlier.subject);
    const restored = await admin.post(`/api/v1/activities/${earlier.id}/restore`);
    expect(restored.json<Activity>()).toMatchObject({ id: earlier.id, accountId: beta.id });
    expect(await accountColumns(beta.id)).toMatchObject({ next: earlier.id });
    expect((await events(earlier.id)).map((e) => e.kind).slice(-2)).toEqual(['deleted', 'restored']);
  });

  it('clones an activity: open, owned by the caller, with its links and participants', async () => {
    const acme = await makeAccount(admin);
    const colleague = await h.client('sales');
    const source = await makeActivity(admin, { type: 'meeting', startAt: inDays(3), durationMinutes: 45, accountId: acme.id, participantIds: [colleague.userId], done: true, outcome: 'Held' });
    const res = await colleague.post(`/api/v1/activities/${source.id}/clone`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Activity>()).toMatchObject({ type: 'meeting', subject: source.subject, durationMinutes: 45, accountId: acme.id, done: false, outcome: null, ownerId: colleague.userId, participants: [{ id: colleague.userId }] });
    expect(res.json<Activity>().id).not.toBe(source.id);
  });
});
