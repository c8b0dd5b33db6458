/**
 * Refusals carry codes a client translates: each field's `{ code, params, message }` in `details.fields` (the English in
 * `fields` stays for API clients), and `details.reason` where the error code alone does not say why. Both engines.
 */
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { errorReasons, type ErrorBody } from '@kontor/contract/errors';
import { fieldErrorCodes, type FieldError } from '@kontor/contract/field-errors';
import { useHarness } from '../test/harness.ts';
import { makeAccount } from '../test/factories.ts';

const { h, admin } = useHarness();

interface Refusal {
  code: string;
  message: string;
  fields: Record<string, string>;
  details: { fields?: Record<string, FieldError>; reason?: string; params?: Record<string, unknown> };
}
function refusal(res: LightMyRequestResponse, status: number): Refusal {
  expect(res.statusCode, res.body).toBe(status);
  const e = res.json<ErrorBody>().error;
  const details = (e.details ?? {}) as Refusal['details'];
  // every code the server answers is one the clients know, and the English matches the code's
  for (const [path, f] of Object.entries(details.fields ?? {})) {
    expect(fieldErrorCodes, path).toContain(f.code);
    expect(e.fields?.[path], path).toBe(f.message);
  }
  if (details.reason !== undefined) expect(errorReasons).toContain(details.reason);
  return { code: e.code, message: e.message, fields: e.fields ?? {}, details };
}
const fieldsOf = (r: Refusal) => r.details.fields ?? {};

describe('a 400 names each field by code, with params', () => {
  it('schema checks: required, too long with its limit, an e-mail, a negative number, a picklist', async () => {
    const r = refusal(await admin.post('/api/v1/accounts', { name: 'x'.repeat(101), employees: -1, emails: [{ value: 'nope' }], industry: 'alchemy' }), 400);
    expect(r.code).toBe('validation_failed');
    expect(fieldsOf(r).name).toEqual({ code: 'max_characters', params: { max: 100 }, message: 'at most 100 characters' });
    expect(r.fields.name).toBe('at most 100 characters');
    expect(fieldsOf(r).employees?.code).toBe('negative');
    expect(fieldsOf(r)['emails.0.value']?.code).toBe('email');
    expect(fieldsOf(r).industry?.code).toBe('one_of');
    expect(fieldsOf(r).industry?.params?.allowed).toContain('agriculture');
    expect(fieldsOf(refusal(await admin.post('/api/v1/accounts', {}), 400)).name?.code).toBe('required');
    expect(fieldsOf(refusal(await admin.post('/api/v1/contacts', { firstName: '  ' }), 400)).lastName?.code).toBe('name_required');
  });

  it('rules of the services: an activity without its time, a deal in a stage of no pipeline', async () => {
    const task = refusal(await admin.post('/api/v1/activities', { type: 'task', subject: 'Call back' }), 400);
    expect(fieldsOf(task).dueAt).toEqual({ code: 'due_required', message: 'a task needs a due date' });
    const meeting = refusal(await admin.post('/api/v1/activities', { type: 'meeting', subject: 'Visit', dueAt: '2030-01-01' }), 400);
    expect(fieldsOf(meeting).dueAt).toEqual({ code: 'no_due', params: { type: 'meeting' }, message: 'a meeting has a start (startAt), not a due time' });
    const deal = refusal(await admin.post('/api/v1/deals', { name: 'D', stageId: '2147483647' }), 400);
    expect(fieldsOf(deal).stageId?.code).toBe('no_such_stage');
  });

  it('hostile values: ids past 2^31-1, NUL bytes, huge strings, unknown parameters', async () => {
    expect(fieldsOf(refusal(await admin.get('/api/v1/accounts/2147483648'), 400)).id?.code).toBe('record_id');
    expect(fieldsOf(refusal(await admin.get('/api/v1/accounts/99999999999999999999'), 400)).id?.code).toBe('record_id');
    expect(fieldsOf(refusal(await admin.post('/api/v1/accounts', { name: 'a\u0000b' }), 400)).name?.code).toBe('nul');
    expect(fieldsOf(refusal(await admin.post('/api/v1/accounts', { name: 'x'.repeat(200_000) }), 400)).name?.code).toBe('max_characters');
    const unknown = refusal(await admin.get('/api/v1/accounts?createdAfter=2020-01-01'), 400);
    expect(fieldsOf(unknown)._).toMatchObject({ code: 'unknown_keys', params: { keys: 'createdAfter' } });
    expect(unknown.fields._).toMatch(/a list takes:.*filter/);
  });

  it('a filter condition names its path and what is allowed', async () => {
    const filter = JSON.stringify({ match: 'all', conditions: [{ field: 'employees', op: 'contains', value: 'x' }] });
    const r = refusal(await admin.get(`/api/v1/accounts?filter=${encodeURIComponent(filter)}`), 400);
    expect(fieldsOf(r)['filter.conditions.0.op']).toMatchObject({ code: 'operator', params: { op: 'contains', field: 'employees' } });
  });
});

describe('a refusal says why by reason', () => {
  it('a profile without the right, a record the user may not change, an owner they may not give', async () => {
    const account = await makeAccount(admin, { name: 'Reasons GmbH' });
    const reader = await h.client('readonly');
    const del = refusal(await reader.delete(`/api/v1/accounts/${account.id}`), 403);
    expect(del.details).toMatchObject({ reason: 'module_right', params: { right: 'delete', module: 'accounts' } });
    expect(del.message).toBe('Your profile does not allow you to delete accounts.');

    const sales = await h.client('sales');
    const other = await h.client('sales');
    const theirs = await makeAccount(other, { name: 'Theirs AG' });
    // the org-wide default lets every salesperson read it, not change it
    const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
    expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: 'read_only', contacts: 'read_only', deals: 'read_only', activities: 'read_only', leads: 'read_only' } })).statusCode).toBe(200);
    const edit = refusal(await sales.patch(`/api/v1/accounts/${theirs.id}`, { name: 'Mine now', version: theirs.version }), 403);
    expect(edit.details.reason).toBe('record_edit');
    const owner = refusal(await sales.post('/api/v1/accounts', { name: 'Given away', ownerId: admin.userId }), 403);
    expect(owner.details.reason).toBe('assign_owner');
    expect(fieldsOf(owner).ownerId?.code).toBe('owner_not_allowed');
  });

  it('a purge by someone who is not the owner or above them', async () => {
    const sales = await h.client('sales');
    const theirs = await makeAccount(admin, { name: 'Purge Me Not', ownerId: admin.userId });
    await admin.delete(`/api/v1/accounts/${theirs.id}`);
    const settings = (await admin.get('/api/v1/settings')).json<Record<string, unknown>>();
    await admin.put('/api/v1/settings', { ...settings, orgDefaults: { accounts: 'read_write', contacts: 'read_only', deals: 'read_only', activities: 'read_only', leads: 'read_only' } });
    const purge = refusal(await sales.delete(`/api/v1/recycle-bin/accounts/${theirs.id}`), 403);
    expect(purge.details.reason).toBe('purge_owner');
  });
});
