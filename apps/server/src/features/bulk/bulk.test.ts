import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { Activity } from '@kontor/contract/activities';
import type { RecordHistoryEntry } from '@kontor/contract/audit';
import type { Contact } from '@kontor/contract/contacts';
import type { Module } from '@kontor/contract/custom-fields';
import type { Deal } from '@kontor/contract/deals';
import type { Lead } from '@kontor/contract/leads';
import type { OrgDefault, OrgDefaults, RecordAccess, RoleNode } from '@kontor/contract/permissions';
import type { ContactType } from '@kontor/contract/tags';
import type { TimelineEvent } from '@kontor/contract/timeline';
import type { BulkRequest, Job } from '@kontor/contract/views';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeContact, makeDeal, makeLead } from '../../test/factories.ts';
import { nowIso } from '../../lib/time.ts';
import type { JobProgress, JobSkip, RunningJob } from '../jobs/jobs.runner.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findUserRow } from '../users/users.repository.ts';
import { INLINE_MAX, runBulkJob } from './bulk.service.ts';

const { h, admin } = useHarness();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

async function bulk(client: TestClient, module: Module, body: BulkRequest): Promise<Job> {
  const res = await client.post(`/api/v1/${module}/bulk`, body);
  expect(res.statusCode, res.body).toBe(202);
  return res.json<Job>();
}

async function refused(client: TestClient, module: Module, body: unknown, status: number): Promise<ErrorBody['error']> {
  const res = await client.post(`/api/v1/${module}/bulk`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<ErrorBody>().error;
}

const get = async <T>(client: TestClient, module: Module, id: string): Promise<T> => {
  const res = await client.get(`/api/v1/${module}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const timeline = async (module: Module, id: string): Promise<TimelineEvent[]> =>
  (await admin.get(`/api/v1/${module}/${id}/timeline?since=all`)).json<{ data: TimelineEvent[] }>().data;
const changesOf = (events: TimelineEvent[]) => events.filter((e) => e.kind === 'updated').map((e) => e.details.changes);

async function setOrgDefault(module: Module, value: OrgDefault): Promise<void> {
  const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: OrgDefaults }>();
  expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, [module]: value } })).statusCode).toBe(200);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mass actions', () => {
  it('transfers owners: one owner_changed event and one history entry per record moved, versions bumped', async () => {
    const sales = await h.client('sales');
    const [c1, c2] = [await makeContact(admin), await makeContact(admin)];
    const c3 = await makeContact(admin, { ownerId: sales.userId });
    const job = await bulk(admin, 'contacts', { action: 'transferOwner', selection: { ids: [c1.id, c2.id, c3.id] }, ownerId: sales.userId });
    expect(job).toMatchObject({ kind: 'bulk', module: 'contacts', action: 'transferOwner', status: 'done', total: 3, processed: 3, succeeded: 3, skipped: 0, skips: [], error: null });

    for (const c of [c1, c2]) {
      const after = await get<Contact>(admin, 'contacts', c.id);
      expect(after).toMatchObject({ ownerId: sales.userId, version: c.version + 1, updatedBy: { id: admin.userId } });
      const moved = (await timeline('contacts', c.id)).filter((e) => e.kind === 'owner_changed');
      expect(moved).toHaveLength(1);
      expect(moved[0]?.details).toEqual({ fromOwnerId: admin.userId, toOwnerId: sales.userId, via: 'transfer' });
      const history = (await admin.get(`/api/v1/contacts/${c.id}/history`)).json<{ data: RecordHistoryEntry[] }>().data;
      expect(history.map((e) => [e.action, e.details.fromOwnerId, e.details.toOwnerId])).toEqual([['record.owner_change', admin.userId, sales.userId]]);
    }
    // Already owned by them: nothing to change, no event.
    expect((await get<Contact>(admin, 'contacts', c3.id)).version).toBe(c3.version);
    expect((await timeline('contacts', c3.id)).filter((e) => e.kind === 'owner_changed')).toEqual([]);
    // The user now sees it as theirs.
    expect((await get<Contact>(sales, 'contacts', c1.id)).access.share).toBe(true);

    // The search documents follow the owner (copied by a trigger, without a rebuild), and still the other fields.
    const documents = async () =>
      h.database.db.selectFrom('search_documents').select(['record_id', 'owner_id', 'title']).where('module', '=', 'contacts').where('record_id', 'in', [Number(c1.id), Number(c2.id)]).orderBy('record_id').execute();
    expect((await documents()).map((d) => d.owner_id)).toEqual([Number(sales.userId), Number(sales.userId)]);
    expect(await h.database.db.selectFrom('search_pending').selectAll().execute()).toEqual([]);
    const renamed = await admin.patch(`/api/v1/contacts/${c1.id}`, { lastName: 'Renamed', version: c1.version + 1 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await documents())[0]).toMatchObject({ owner_id: Number(sales.userId), title: `${c1.firstName} Renamed` });
  });

  it('refuses an owner who does not exist, is deactivated or may not be given records, and changes nothing', async () => {
    const sales = await h.client('sales');
    const gone = await h.client('sales');
    await h.database.db.updateTable('users').set({ active: 0 }).where('id', '=', Number(gone.userId)).execute();
    const c = await makeContact(sales);
    const jobsBefore = (await sales.get('/api/v1/jobs')).json<{ data: Job[] }>().data.length;
    const selection = { ids: [c.id] };
    expect(await refused(sales, 'contacts', { action: 'transferOwner', selection, ownerId: '999999' }, 400)).toMatchObject({ code: 'validation_failed', fields: { ownerId: 'no such user' } });
    expect(await refused(admin, 'contacts', { action: 'transferOwner', selection, ownerId: gone.userId }, 400)).toMatchObject({ fields: { ownerId: 'this user is deactivated' } });
    expect(await refused(sales, 'contacts', { action: 'transferOwner', selection, ownerId: admin.userId }, 403)).toMatchObject({ code: 'forbidden', fields: { ownerId: 'not allowed' } });
    expect(await get<Contact>(sales, 'contacts', c.id)).toMatchObject({ ownerId: sales.userId, version: c.version });
    expect((await sales.get('/api/v1/jobs')).json<{ data: Job[] }>().data).toHaveLength(jobsBefore);
  });

  it('updates a standard field, with each record\'s own value before in its timeline', async () => {
    const a1 = await makeAccount(admin, { industry: 'banking', employees: 5 });
    const a2 = await makeAccount(admin, { industry: null, employees: 70 });
    const a3 = await makeAccount(admin, { industry: 'retail' });
    const selection = { ids: [a1.id, a2.id, a3.id] };
    expect(await bulk(admin, 'accounts', { action: 'updateField', selection, field: 'industry', value: 'retail' })).toMatchObject({ status: 'done', succeeded: 3, skipped: 0 });
    expect(await get<Account>(admin, 'accounts', a1.id)).toMatchObject({ industry: 'retail', version: a1.version + 1 });
    expect(await get<Account>(admin, 'accounts', a2.id)).toMatchObject({ industry: 'retail', version: a2.version + 1 });
    expect((await get<Account>(admin, 'accounts', a3.id)).version).toBe(a3.version);
    expect(changesOf(await timeline('accounts', a1.id))).toEqual([[{ field: 'industry', before: 'banking', after: 'retail' }]]);
    expect(changesOf(await timeline('accounts', a2.id))).toEqual([[{ field: 'industry', before: null, after: 'retail' }]]);
    expect(changesOf(await timeline('accounts', a3.id))).toEqual([]);

    await bulk(admin, 'accounts', { action: 'updateField', selection, field: 'employees', value: 42 });
    expect(changesOf(await timeline('accounts', a2.id))[0]).toEqual([{ field: 'employees', before: 70, after: 42 }]);
    expect((await get<Account>(admin, 'accounts', a1.id)).employees).toBe(42);

    // An address part; clearing it stores an empty part.
    await bulk(admin, 'accounts', { action: 'updateField', selection, field: 'billingAddress.city', value: 'Köln' });
    expect((await get<Account>(admin, 'accounts', a1.id)).billingAddress.city).toBe('Köln');
    await bulk(admin, 'accounts', { action: 'updateField', selection, field: 'billingAddress.city', value: null });
    expect((await get<Account>(admin, 'accounts', a1.id)).billingAddress.city).toBe('');
    expect(changesOf(await timeline('accounts', a1.id))[0]).toEqual([{ field: 'billingAddress.city', before: 'Köln', after: null }]);

    // A flag, on another module.
    const c = await makeContact(admin);
    await bulk(admin, 'contacts', { action: 'updateField', selection: { ids: [c.id] }, field: 'emailOptOut', value: true });
    expect(await get<Contact>(admin, 'contacts', c.id)).toMatchObject({ emailOptOut: true, version: c.version + 1 });
    expect(changesOf(await timeline('contacts', c.id))).toEqual([[{ field: 'emailOptOut', before: false, after: true }]]);
  });

  it('refuses an unknown field naming those allowed, a name, a reference and a value the field does not take', async () => {
    const a = await makeAccount(admin);
    const selection = { ids: [a.id] };
    const unknown = await refused(admin, 'accounts', { action: 'updateField', selection, field: 'colour', value: 'red' }, 400);
    expect(unknown.code).toBe('validation_failed');
    expect(unknown.fields?.field).toContain('industry');
    expect(unknown.fields?.field).toContain('billingAddress.city');
    expect(unknown.fields?.field).not.toContain('name');
    expect(unknown.message).toContain('employees');
    for (const field of ['name', 'ownerId', 'parentAccountId', 'contactType', 'createdAt', 'id']) {
      expect((await refused(admin, 'accounts', { action: 'updateField', selection, field, value: 'x' }, 400)).fields?.field).toContain('industry');
    }
    expect((await refused(admin, 'accounts', { action: 'updateField', selection, field: 'employees', value: -1 }, 400)).fields).toEqual({ value: 'cannot be negative' });
    expect((await refused(admin, 'accounts', { action: 'updateField', selection, field: 'industry', value: 'alchemy' }, 400)).fields?.value).toBeDefined();
    expect((await refused(admin, 'deals', { action: 'updateField', selection, field: 'status', value: 'won' }, 400)).fields?.field).toContain('amount');
    expect((await refused(admin, 'contacts', { action: 'updateField', selection, field: 'lastName', value: 'Doe' }, 400)).fields?.field).not.toContain('lastName');
    expect(await get<Account>(admin, 'accounts', a.id)).toMatchObject({ version: a.version });
  });

  it('sets and clears a custom field, validated like a record\'s own input', async () => {
    const def = await admin.post('/api/v1/custom-fields', { module: 'contacts', key: 'tier', label: 'Tier', type: 'picklist', options: ['gold', 'silver'] });
    expect(def.statusCode, def.body).toBe(201);
    expect((await admin.post('/api/v1/custom-fields', { module: 'contacts', key: 'score', label: 'Score', type: 'number' })).statusCode).toBe(201);
    const c1 = await makeContact(admin, { customFields: { tier: 'gold', score: 3 } });
    const c2 = await makeContact(admin);
    const selection = { ids: [c1.id, c2.id] };
    expect((await refused(admin, 'contacts', { action: 'updateField', selection, field: 'customFields.tier', value: 'bronze' }, 400)).fields).toEqual({ value: 'one of: gold, silver' });
    expect((await refused(admin, 'contacts', { action: 'updateField', selection, field: 'customFields.nope', value: 1 }, 400)).fields?.field).toContain('customFields.tier');

    await bulk(admin, 'contacts', { action: 'updateField', selection, field: 'customFields.tier', value: 'silver' });
    await bulk(admin, 'contacts', { action: 'updateField', selection, field: 'customFields.score', value: 7.5 });
    expect((await get<Contact>(admin, 'contacts', c1.id)).customFields).toEqual({ tier: 'silver', score: 7.5 });
    expect(await get<Contact>(admin, 'contacts', c2.id)).toMatchObject({ customFields: { tier: 'silver', score: 7.5 }, version: c2.version + 2 });
    expect(changesOf(await timeline('contacts', c1.id))).toEqual([
      [{ field: 'customFields.score', before: 3, after: 7.5 }],
      [{ field: 'customFields.tier', before: 'gold', after: 'silver' }],
    ]);
    expect(changesOf(await timeline('contacts', c2.id))[1]).toEqual([{ field: 'customFields.tier', before: null, after: 'silver' }]);

    await bulk(admin, 'contacts', { action: 'updateField', selection, field: 'customFields.tier', value: null });
    expect((await get<Contact>(admin, 'contacts', c1.id)).customFields).toEqual({ score: 7.5 });
    expect(changesOf(await timeline('contacts', c2.id))[0]).toEqual([{ field: 'customFields.tier', before: 'silver', after: null }]);
  });

  it('adds and removes tags, creating missing ones, with the tags before and after in each record\'s timeline', async () => {
    const d1 = await makeDeal(admin, { tags: ['Hot'] });
    const d2 = await makeDeal(admin);
    const selection = { ids: [d1.id, d2.id] };
    expect(await bulk(admin, 'deals', { action: 'addTags', selection, tags: ['hot', ' Q4 '] })).toMatchObject({ status: 'done', succeeded: 2 });
    expect(await get<Deal>(admin, 'deals', d1.id)).toMatchObject({ tags: ['Hot', 'Q4'], version: d1.version + 1 });
    expect(await get<Deal>(admin, 'deals', d2.id)).toMatchObject({ tags: ['Hot', 'Q4'], version: d2.version + 1 });
    expect(changesOf(await timeline('deals', d1.id))).toEqual([[{ field: 'tags', before: ['Hot'], after: ['Hot', 'Q4'] }]]);
    expect(changesOf(await timeline('deals', d2.id))).toEqual([[{ field: 'tags', before: [], after: ['Hot', 'Q4'] }]]);

    await bulk(admin, 'deals', { action: 'removeTags', selection, tags: ['HOT', 'never-seen'] });
    expect(await get<Deal>(admin, 'deals', d1.id)).toMatchObject({ tags: ['Q4'], version: d1.version + 2 });
    expect(changesOf(await timeline('deals', d2.id))[0]).toEqual([{ field: 'tags', before: ['Hot', 'Q4'], after: ['Q4'] }]);
    // Nothing left to remove: nothing changes, and a tag named only in a removal is not created.
    expect(await bulk(admin, 'deals', { action: 'removeTags', selection, tags: ['hot'] })).toMatchObject({ succeeded: 2, skipped: 0 });
    expect((await get<Deal>(admin, 'deals', d2.id)).version).toBe(d2.version + 2);
    expect(await h.database.db.selectFrom('tags').select('id').where('name_key', '=', 'never-seen').execute()).toEqual([]);
  });

  it('changes the contact type of accounts and contacts only, to one that exists', async () => {
    const types = (await admin.get('/api/v1/contact-types')).json<{ data: ContactType[] }>().data;
    const type = types[0];
    if (!type) throw new Error('no default contact types');
    const c = await makeContact(admin);
    await bulk(admin, 'contacts', { action: 'setContactType', selection: { ids: [c.id] }, contactTypeId: type.id });
    expect(await get<Contact>(admin, 'contacts', c.id)).toMatchObject({ contactType: type.id, version: c.version + 1 });
    expect(changesOf(await timeline('contacts', c.id))).toEqual([[{ field: 'contactType', before: null, after: type.id }]]);
    await bulk(admin, 'contacts', { action: 'setContactType', selection: { ids: [c.id] }, contactTypeId: null });
    expect((await get<Contact>(admin, 'contacts', c.id)).contactType).toBeNull();

    const d = await makeDeal(admin);
    expect((await refused(admin, 'deals', { action: 'setContactType', selection: { ids: [d.id] }, contactTypeId: type.id }, 400)).fields).toEqual({ contactTypeId: 'only accounts and contacts have a contact type' });
    expect((await refused(admin, 'contacts', { action: 'setContactType', selection: { ids: [c.id] }, contactTypeId: '999999' }, 400)).fields).toEqual({ contactTypeId: 'no such contact type' });
  });

  it('deletes to the recycle bin as the single delete does: an account\'s contacts are detached', async () => {
    const account = await makeAccount(admin);
    const member = await makeContact(admin, { accountId: account.id });
    const c = await makeContact(admin);
    expect(await bulk(admin, 'accounts', { action: 'delete', selection: { ids: [account.id] } })).toMatchObject({ status: 'done', succeeded: 1, skipped: 0 });
    expect(await bulk(admin, 'contacts', { action: 'delete', selection: { ids: [c.id] } })).toMatchObject({ status: 'done', succeeded: 1 });
    expect((await admin.get(`/api/v1/accounts/${account.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await get<Contact>(admin, 'contacts', member.id)).accountId).toBeNull();
    const binRes = await admin.get('/api/v1/recycle-bin?module=contacts');
    expect(binRes.statusCode, binRes.body).toBe(200);
    const bin = binRes.json<{ data: Array<{ id: string }> }>().data;
    expect(bin.map((i) => i.id)).toContain(c.id);
    const events = await h.database.db.selectFrom('timeline_events').select('kind').where('module', '=', 'contacts').where('record_id', '=', Number(c.id)).execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'deleted']);
    // Gone already: reported, not failed.
    expect(await bulk(admin, 'contacts', { action: 'delete', selection: { ids: [c.id] } })).toMatchObject({ status: 'done', succeeded: 0, skipped: 1, skips: [{ id: c.id, name: null, code: 'not_found' }] });
  });

  it('answers 403 up front without the module right the action needs', async () => {
    const readonly = await h.client('readonly');
    const c = await makeContact(admin);
    for (const body of [
      { action: 'delete', selection: { ids: [c.id] } },
      { action: 'updateField', selection: { ids: [c.id] }, field: 'position', value: 'x' },
      { action: 'addTags', selection: { ids: [c.id] }, tags: ['x'] },
    ]) {
      expect((await refused(readonly, 'contacts', body, 403)).code).toBe('forbidden');
    }
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().version).toBe(c.version);
  });

  it('skips and reports a record the user may not change, one gone and one hidden, while the others change', async () => {
    await setOrgDefault('contacts', 'read_only');
    try {
      const sales = await h.client('sales');
      const mine1 = await makeContact(sales);
      const mine2 = await makeContact(sales);
      const theirs = await makeContact(admin, { firstName: 'Rita', lastName: 'Readonly' });
      const hidden = await makeContact(admin, { restrictedTo: [] });
      const shared = await makeContact(admin);
      expect((await admin.post(`/api/v1/contacts/${shared.id}/shares`, { userId: sales.userId, access: 'write' })).statusCode).toBe(201);
      const selection = { ids: [mine1.id, theirs.id, hidden.id, '999999', shared.id, mine2.id] };

      const job = await bulk(sales, 'contacts', { action: 'updateField', selection, field: 'position', value: 'Buyer' });
      expect(job).toMatchObject({ status: 'done', total: 6, processed: 6, succeeded: 3, skipped: 3 });
      expect(job.skips).toEqual([
        { id: theirs.id, name: 'Rita Readonly', code: 'forbidden', message: 'You may see this record but not change it.' },
        { id: hidden.id, name: null, code: 'not_found', message: expect.any(String) },
        { id: '999999', name: null, code: 'not_found', message: expect.any(String) },
      ]);
      for (const c of [mine1, mine2, shared]) expect(await get<Contact>(admin, 'contacts', c.id)).toMatchObject({ position: 'Buyer', version: c.version + 1 });
      expect(await get<Contact>(admin, 'contacts', theirs.id)).toMatchObject({ position: theirs.position, version: theirs.version });

      // A write share lets them edit, not take the record.
      const transfer = await bulk(sales, 'contacts', { action: 'transferOwner', selection: { ids: [mine1.id, shared.id] }, ownerId: sales.userId });
      expect(transfer).toMatchObject({ succeeded: 1, skipped: 1, skips: [{ id: shared.id, code: 'forbidden' }] });
      expect((await get<Contact>(admin, 'contacts', shared.id)).ownerId).toBe(admin.userId);

      const del = await bulk(sales, 'contacts', { action: 'delete', selection: { ids: [theirs.id, mine2.id] } });
      expect(del).toMatchObject({ succeeded: 1, skipped: 1, skips: [{ id: theirs.id, name: 'Rita Readonly', code: 'forbidden', message: 'You may see this record but not delete it.' }] });
      expect((await admin.get(`/api/v1/contacts/${theirs.id}`)).statusCode).toBe(200);
      expect((await admin.get(`/api/v1/contacts/${mine2.id}`)).statusCode).toBe(404);
    } finally {
      await setOrgDefault('contacts', 'read_write');
    }
  });

  it('decides who may change what exactly as a record\'s own access does, for every way of reaching a record', async () => {
    const roles = (await admin.get('/api/v1/roles')).json<{ data: RoleNode[] }>().data;
    const salesRole = roles.find((r) => r.key === 'sales');
    if (!salesRole) throw new Error('no sales role');
    try {
      for (const orgDefault of ['private', 'read_only', 'read_write'] as const) {
        await setOrgDefault('accounts', orgDefault);
        const manager = await h.client('manager');
        const reader = await h.client('sales');
        const peer = await h.client('sales');
        const records: Account[] = [
          await makeAccount(reader),
          await makeAccount(peer),
          await makeAccount(peer, { restrictedTo: [reader.userId] }),
          await makeAccount(peer, { restrictedTo: [] }),
          await makeAccount(admin),
        ];
        const writeShared = await makeAccount(peer);
        const readShared = await makeAccount(peer);
        const roleShared = await makeAccount(peer);
        expect((await admin.post(`/api/v1/accounts/${writeShared.id}/shares`, { userId: reader.userId, access: 'write' })).statusCode).toBe(201);
        expect((await admin.post(`/api/v1/accounts/${readShared.id}/shares`, { userId: reader.userId, access: 'read' })).statusCode).toBe(201);
        expect((await admin.post(`/api/v1/accounts/${roleShared.id}/shares`, { roleId: salesRole.id, access: 'write' })).statusCode).toBe(201);
        records.push(writeShared, readShared, roleShared);
        for (const who of [reader, manager]) {
          const seen = new Map<string, RecordAccess>();
          for (const r of records) {
            const res = await who.get(`/api/v1/accounts/${r.id}`);
            if (res.statusCode === 200) seen.set(r.id, res.json<Account>().access);
          }
          const selection = { ids: records.map((r) => r.id) };
          const edit = await bulk(who, 'accounts', { action: 'updateField', selection, field: 'accountSite', value: `${orgDefault}-${who.userId}` });
          const share = await bulk(who, 'accounts', { action: 'transferOwner', selection, ownerId: who.userId });
          for (const r of records) {
            const access = seen.get(r.id);
            const skipOf = (job: Job) => job.skips.find((s) => s.id === r.id)?.code ?? 'changed';
            const label = `${orgDefault}: ${who === reader ? 'reader' : 'manager'} on account ${records.indexOf(r)}`;
            expect(skipOf(edit), label).toBe(access === undefined ? 'not_found' : access.edit ? 'changed' : 'forbidden');
            expect(skipOf(share), label).toBe(access === undefined ? 'not_found' : access.share ? 'changed' : 'forbidden');
          }
        }
      }
    } finally {
      await setOrgDefault('accounts', 'read_write');
    }
  });

  it('leaves a converted lead as it was converted, but for its description', async () => {
    const open = await makeLead(admin);
    const converted = await makeLead(admin);
    expect((await admin.post(`/api/v1/leads/${converted.id}/convert`, { version: converted.version })).statusCode).toBe(200);
    const source = await bulk(admin, 'leads', { action: 'updateField', selection: { ids: [open.id, converted.id] }, field: 'source', value: 'partner' });
    expect(source).toMatchObject({ succeeded: 1, skipped: 1, skips: [{ id: converted.id, code: 'lead_converted' }] });
    expect((await get<Lead>(admin, 'leads', open.id)).source).toBe('partner');
    const description = await bulk(admin, 'leads', { action: 'updateField', selection: { ids: [open.id, converted.id] }, field: 'description', value: 'Met at the fair' });
    expect(description).toMatchObject({ succeeded: 2, skipped: 0 });
    expect((await get<Lead>(admin, 'leads', converted.id)).description).toBe('Met at the fair');
    // A lead's phone keeps its E.164 form beside it.
    await bulk(admin, 'leads', { action: 'updateField', selection: { ids: [open.id] }, field: 'phone', value: '+49 30 1234567' });
    expect(await get<Lead>(admin, 'leads', open.id)).toMatchObject({ phone: '+49 30 1234567', phoneE164: '+49301234567' });
  });

  it('places the events of activities where they are linked', async () => {
    const sales = await h.client('sales');
    const account = await makeAccount(admin);
    const contact = await makeContact(admin, { accountId: account.id });
    const activity = await makeActivity(admin, { contactId: contact.id });
    await bulk(admin, 'activities', { action: 'updateField', selection: { ids: [activity.id] }, field: 'location', value: 'Room 4' });
    await bulk(admin, 'activities', { action: 'transferOwner', selection: { ids: [activity.id] }, ownerId: sales.userId });
    expect(await get<Activity>(admin, 'activities', activity.id)).toMatchObject({ location: 'Room 4', ownerId: sales.userId, version: activity.version + 2 });
    const onContact = (await timeline('contacts', contact.id)).filter((e) => e.module === 'activities');
    expect(onContact.map((e) => e.kind)).toEqual(['owner_changed', 'updated', 'created']);
    const onAccount = (await timeline('accounts', account.id)).filter((e) => e.module === 'activities');
    expect(onAccount.map((e) => e.kind)).toEqual(['owner_changed', 'updated', 'created']);
    expect((await refused(admin, 'activities', { action: 'updateField', selection: { ids: [activity.id] }, field: 'done', value: true }, 400)).fields?.field).toContain('location');
  });

  it('takes a list\'s whole filtered result, and refuses a filter on an unknown field', async () => {
    const tag = `pick-${Date.now()}`;
    const picked = [await makeAccount(admin, { tags: [tag] }), await makeAccount(admin, { tags: [tag] })];
    const other = await makeAccount(admin);
    const filter = { match: 'all' as const, conditions: [{ field: 'tags', op: 'anyOf' as const, value: [tag] }] };
    const job = await bulk(admin, 'accounts', { action: 'updateField', selection: { all: true, filter }, field: 'rating', value: 'active' });
    expect(job).toMatchObject({ status: 'done', total: 2, processed: 2, succeeded: 2 });
    for (const a of picked) expect((await get<Account>(admin, 'accounts', a.id)).rating).toBe('active');
    expect(await get<Account>(admin, 'accounts', other.id)).toMatchObject({ rating: other.rating, version: other.version });
    const bad = await refused(admin, 'accounts', { action: 'updateField', selection: { all: true, filter: { match: 'all', conditions: [{ field: 'nope', op: 'is', value: 1 }] } }, field: 'rating', value: 'active' }, 400);
    expect(bad.code).toBe('validation_failed');
  });

  describe('big sets', () => {
    const prefix = `Bulkbig${Date.now() % 100000}`;
    const count = 1200;
    const filter = { match: 'all' as const, conditions: [{ field: 'lastName', op: 'startsWith' as const, value: prefix }] };

    it('runs in the background: answered queued, polled to done, every record with its event', async () => {
      const db = h.database.db;
      const now = nowIso();
      const owner = Number(admin.userId);
      for (let i = 0; i < count; i += 200) {
        await db
          .insertInto('contacts')
          .values(
            Array.from({ length: Math.min(200, count - i) }, (_, k) => ({
              first_name: 'Big',
              last_name: `${prefix} ${i + k}`,
              sort_name: `${prefix.toLowerCase()} ${i + k} big`,
              owner_id: owner,
              custom_fields: '{}',
              created_at: now,
              created_by: owner,
              updated_at: now,
              updated_by: owner,
            })),
          )
          .execute();
      }
      const heir = await h.client('sales');
      expect(count).toBeGreaterThan(INLINE_MAX);
      const res = await admin.post('/api/v1/contacts/bulk', { action: 'transferOwner', selection: { all: true, filter }, ownerId: heir.userId });
      expect(res.statusCode).toBe(202);
      const queued = res.json<Job>();
      expect(queued.status).toBe('queued');
      expect(queued.total).toBe(count);
      let job = queued;
      const until = Date.now() + 30_000;
      while (!['done', 'failed', 'cancelled'].includes(job.status) && Date.now() < until) {
        await sleep(100);
        job = (await admin.get(`/api/v1/jobs/${queued.id}`)).json<Job>();
      }
      expect(job).toMatchObject({ status: 'done', total: count, processed: count, succeeded: count, skipped: 0, error: null });
      const ids = (await db.selectFrom('timeline_events').select('record_id').where('kind', '=', 'owner_changed').where('module', '=', 'contacts').where('details', 'like', `%"toOwnerId":"${heir.userId}"%`).execute()).map((r) => r.record_id);
      expect(new Set(ids).size).toBe(count);
      expect(ids).toHaveLength(count);
      const list = await heir.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify(filter))}&count=true&limit=1`);
      expect(list.json<{ total: number }>().total).toBe(count);
    });

    it('stops between chunks when cancelled, keeping what it did', async () => {
      const user = await findUserRow(h.database.db, Number(admin.userId));
      if (!user) throw new Error('no admin');
      const actor = await loadActor(h.database.db, user, 'token', null);
      const reports: Array<{ progress: JobProgress; skips: JobSkip[] }> = [];
      const job: RunningJob = {
        id: 0,
        userId: actor.id,
        actor,
        module: 'contacts',
        action: 'updateField',
        payload: { request: { action: 'updateField', selection: { all: true, filter }, field: 'department', value: 'Cancelled halfway' }, ip: null },
        progress: async (progress, skips = []) => {
          reports.push({ progress, skips });
        },
        cancelled: async () => reports.length > 0,
        writeFile: async () => {
          throw new Error('a mass action writes no file');
        },
      };
      await runBulkJob(h.database.db, job);
      expect(reports).toEqual([{ progress: { processed: 1000, succeeded: 1000, skipped: 0 }, skips: [] }]);
      const filterDone = { match: 'all' as const, conditions: [...filter.conditions, { field: 'department', op: 'is' as const, value: 'Cancelled halfway' }] };
      const list = await admin.get(`/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify(filterDone))}&count=true&limit=1`);
      expect(list.json<{ total: number }>().total).toBe(1000);
    });
  });
});
