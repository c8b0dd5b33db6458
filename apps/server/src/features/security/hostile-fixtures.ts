/** Real records and valid bodies for the hostile sweep, so that only the value under test is hostile. */
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { DB } from '../../db/schema.ts';
import type { TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, multipartFile } from '../../test/factories.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { createSession } from '../auth/sessions.ts';
import { sha256 } from '../auth/tokens.ts';
import { bumpConfigGeneration } from '../cache/config-cache.ts';

// ---------------------------------------------------------------------------------------------------------------
// Real records, fresh for each operation (a hostile value that is accepted may change or delete one)
// ---------------------------------------------------------------------------------------------------------------

let uniq = 0;
export const u = () => `${Date.now().toString(36)}${(uniq += 1)}`;
export const PASSWORD = 'test-password-123';

export interface Fixtures {
  viewId: string;
  jobId: string;
  account: Account;
  account2: Account;
  contact: Contact;
  contact2: Contact;
  deletedAccount: Account;
  tagId: string;
  tag2Id: string;
  contactTypeId: string;
  customFieldId: string;
  roleId: string;
  salesRoleId: string;
  profileId: string;
  /** Another user (invited, so no password hashing per fixture set), with a session, a token and a pending invitation. */
  user: { id: string };
  userTokenId: string;
  userSessionId: string;
  inviteToken: string;
  ownTokenId: string;
  accountShareId: string;
  contactShareId: string;
  deal: { id: string };
  dealShareId: string;
  pipelineId: string;
  pipeline2Id: string;
  /** A meeting on the account (calls and meetings have a calendar file), shared with the other user. */
  activity: { id: string };
  activityShareId: string;
  lead: { id: string };
  leadShareId: string;
  customLinkId: string;
  /** A note and a file on the account. */
  note: { id: string };
  attachment: { id: string };
  /** A draft import (a two-row CSV) and a saved mapping. */
  importId: string;
  importTemplateId: string;
  /** A merge of two contacts of their own (issue #16). */
  mergeId: string;
}

export async function ok<T>(res: Promise<LightMyRequestResponse>, what: string): Promise<T> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`fixture ${what}: ${r.statusCode} ${r.body}`);
  return r.statusCode === 204 ? (undefined as T) : r.json<T>();
}

export async function makeFixtures(c: TestClient, db: Kysely<DB>): Promise<Fixtures> {
  // A swept PATCH may have made a custom field required (`required: true` is a valid value); records must stay creatable.
  await db.updateTable('custom_field_defs').set({ required: 0 }).execute();
  await bumpConfigGeneration(db); // written behind the app's back: its cached definitions must go
  const account = await makeAccount(c);
  const account2 = await makeAccount(c);
  const contact = await makeContact(c, { accountId: account.id });
  const contact2 = await makeContact(c);
  const deletedAccount = await makeAccount(c);
  await ok(c.delete(`/api/v1/accounts/${deletedAccount.id}`), 'delete account');
  const tag = await ok<{ id: string }>(c.post('/api/v1/tags', { name: `tag ${u()}` }), 'tag');
  const tag2 = await ok<{ id: string }>(c.post('/api/v1/tags', { name: `tag ${u()}` }), 'tag');
  const ct = await ok<{ id: string }>(c.post('/api/v1/contact-types', { name: `type ${u()}` }), 'contact type');
  const cf = await ok<{ id: string }>(c.post('/api/v1/custom-fields', { module: 'accounts', key: `f${u()}`, label: 'Field', type: 'text' }), 'custom field');
  const roles = (await ok<{ data: Array<{ id: string; key: string }> }>(c.get('/api/v1/roles'), 'roles')).data;
  const salesRoleId = roles.find((r) => r.key === 'sales')?.id ?? '';
  const role = await ok<{ id: string }>(c.post('/api/v1/roles', { name: `role ${u()}`, parentId: salesRoleId }), 'role');
  const profile = await ok<{ id: string }>(c.post('/api/v1/profiles', { name: `profile ${u()}`, rights: viewRights }), 'profile');
  const invite = await ok<{ user: { id: string }; invitePath: string }>(c.post('/api/v1/users/invite', { email: `other-${u()}@example.com`, name: 'Other User', role: 'sales' }), 'invite');
  const userId = Number(invite.user.id);
  const session = await createSession(db, userId, { ip: null, userAgent: null });
  const userToken = await createApiToken(db, userId, 'sweep');
  const ownToken = await ok<{ id: string }>(c.post('/api/v1/tokens', { name: `sweep ${u()}` }), 'token');
  const accountShare = await ok<{ id: string }>(c.post(`/api/v1/accounts/${account.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const contactShare = await ok<{ id: string }>(c.post(`/api/v1/contacts/${contact.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const deal = await ok<{ id: string }>(c.post('/api/v1/deals', { name: `Deal ${u()}`, accountId: account.id, amount: 100 }), 'deal');
  const dealShare = await ok<{ id: string }>(c.post(`/api/v1/deals/${deal.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const stages = [{ name: 'One', probability: 10 }, { name: 'Two', probability: 50 }];
  const pipeline = await ok<{ id: string }>(c.post('/api/v1/pipelines', { name: `pipeline ${u()}`, stages }), 'pipeline');
  const pipeline2 = await ok<{ id: string }>(c.post('/api/v1/pipelines', { name: `pipeline ${u()}`, stages }), 'pipeline');
  const activity = await ok<{ id: string }>(c.post('/api/v1/activities', { type: 'meeting', subject: `Meeting ${u()}`, startAt: '2091-01-01T10:00:00Z', durationMinutes: 30, accountId: account.id }), 'activity');
  const activityShare = await ok<{ id: string }>(c.post(`/api/v1/activities/${activity.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const lead = await ok<{ id: string }>(c.post('/api/v1/leads', { lastName: `Lead ${u()}`, company: `Lead company ${u()}` }), 'lead');
  const leadShare = await ok<{ id: string }>(c.post(`/api/v1/leads/${lead.id}/shares`, { userId: invite.user.id, access: 'read' }), 'share');
  const customLink = await ok<{ id: string }>(c.post('/api/v1/custom-links', { module: 'accounts', label: `link ${u()}`, urlTemplate: 'https://maps.example/?q={billingCity}' }), 'custom link');
  const note = await ok<{ id: string }>(c.post('/api/v1/notes', { body: `<p>Fixture note ${u()}</p>`, accountId: account.id }), 'note');
  const attachment = await ok<{ id: string }>(c.raw({ method: 'POST', url: `/api/v1/accounts/${account.id}/attachments`, ...multipartFile(`fixture ${u()}.txt`, Buffer.from('fixture')) }), 'attachment');
  const view = await ok<{ id: string }>(c.post('/api/v1/views', { module: 'accounts', name: `view ${u()}`, filter: { match: 'all', conditions: [{ field: 'name', op: 'contains', value: 'a' }] } }), 'view');
  const imp = await ok<{ id: string }>(c.raw({ method: 'POST', url: '/api/v1/imports?module=contacts', ...multipartFile(`fixture ${u()}.csv`, Buffer.from('First Name,Last Name,E-mail\r\nAda,Lovelace,ada@example.com\r\n')) }), 'import');
  const template = await ok<{ id: string }>(c.post('/api/v1/import-templates', { name: `mapping ${u()}`, module: 'contacts', columns: [{ header: 'E-mail', target: 'email:work' }] }), 'import template');
  const job = await ok<{ id: string }>(c.post('/api/v1/accounts/bulk', { action: 'addTags', selection: { ids: [account.id] }, tags: ['swept'] }), 'job');
  const merged = await ok<{ mergeId: string }>(c.post('/api/v1/contacts/merge', await mergeBody(c, 'contacts')), 'merge');
  return {
    mergeId: merged.mergeId,
    viewId: view.id,
    jobId: job.id,
    importId: imp.id,
    importTemplateId: template.id,
    customLinkId: customLink.id,
    note,
    attachment,
    activity,
    activityShareId: activityShare.id,
    lead,
    leadShareId: leadShare.id,
    deal,
    dealShareId: dealShare.id,
    pipelineId: pipeline.id,
    pipeline2Id: pipeline2.id,
    account,
    account2,
    contact,
    contact2,
    deletedAccount,
    tagId: tag.id,
    tag2Id: tag2.id,
    contactTypeId: ct.id,
    customFieldId: cf.id,
    roleId: role.id,
    salesRoleId,
    profileId: profile.id,
    user: { id: invite.user.id },
    userTokenId: String(userToken.id),
    userSessionId: sha256(session.token),
    inviteToken: invite.invitePath.split('/').pop() ?? '',
    ownTokenId: ownToken.id,
    accountShareId: accountShare.id,
    contactShareId: contactShare.id,
  };
}

/** A user with a password, made once, for the login sweep (hashing a password per fixture set costs seconds). */
let loginUser: Promise<{ email: string }> | undefined;
export const loginEmail = async (c: TestClient): Promise<string> => {
  const email = `login-${u()}@example.com`;
  loginUser ??= ok<{ email: string }>(c.post('/api/v1/users', { email, name: 'Login User', password: PASSWORD, role: 'sales' }), 'login user');
  return (await loginUser).email;
};

/** The real value of a path parameter, so that only the parameter under test is hostile. */
export function realParam(path: string, name: string, fx: Fixtures): string {
  const segs = path.split('/');
  const before = segs[segs.indexOf(`:${name}`) - 1];
  const module = path.startsWith('/api/v1/contacts') ? 'contacts' : path.startsWith('/api/v1/deals') ? 'deals' : path.startsWith('/api/v1/leads') ? 'leads' : path.startsWith('/api/v1/activities') ? 'activities' : 'accounts';
  if (name === '*') return 'x';
  if (name === 'module') return 'accounts';
  if (name === 'token') return fx.inviteToken;
  if (name === 'shareId') return { contacts: fx.contactShareId, deals: fx.dealShareId, leads: fx.leadShareId, activities: fx.activityShareId, accounts: fx.accountShareId }[module];
  if (name === 'tokenId') return fx.userTokenId;
  if (name === 'key') return 'relatedLists.accounts';
  if (name === 'sessionId') return fx.userSessionId;
  if (name === 'id') {
    if (path.startsWith('/api/v1/recycle-bin')) return fx.deletedAccount.id;
    const byResource: Record<string, string> = {
      accounts: fx.account.id,
      contacts: fx.contact.id,
      users: fx.user.id,
      tokens: fx.ownTokenId,
      tags: fx.tagId,
      'contact-types': fx.contactTypeId,
      'custom-fields': fx.customFieldId,
      'custom-links': fx.customLinkId,
      roles: fx.roleId,
      profiles: fx.profileId,
      deals: fx.deal.id,
      pipelines: fx.pipelineId,
      leads: fx.lead.id,
      activities: fx.activity.id,
      notes: fx.note.id,
      attachments: fx.attachment.id,
      views: fx.viewId,
      jobs: fx.jobId,
      imports: fx.importId,
      'import-templates': fx.importTemplateId,
      merges: fx.mergeId,
    };
    const v = before ? byResource[before] : undefined;
    if (v) return v;
  }
  throw new Error(`hostile sweep: no real value for :${name} in ${path}; add one to realParam()`);
}

export type Body = Record<string, unknown>;
export type BaseBody = (fx: Fixtures, c: TestClient) => Body | Promise<Body>;

export const viewRights = { modules: { accounts: ['view'], contacts: ['view'] }, admin: [] };
export const versionOf = async (c: TestClient, url: string, id?: string): Promise<number> => {
  const r = (await c.get(url)).json<{ version?: number; data?: Array<{ id: string; version: number }> }>();
  return (id ? r.data?.find((x) => x.id === id)?.version : r.version) ?? 1;
};

/**
 * A valid body for each operation that takes one (its variants are swept separately), built fresh for every request:
 * unique names, current versions. An operation with a body and no entry here fails the sweep, so new routes join it.
 */
export const baseBodies: Record<string, BaseBody[]> = {
  'POST /api/v1/auth/login': [async (_fx, c) => ({ email: await loginEmail(c), password: PASSWORD })],
  'POST /api/v1/auth/invite/:token': [() => ({ password: 'a-new-password-1' })],
  'PATCH /api/v1/me': [() => ({})],
  'POST /api/v1/tokens': [() => ({ name: `token ${u()}` })],
  'POST /api/v1/users': [() => ({ email: `new-${u()}@example.com`, name: 'New User', password: PASSWORD, role: 'sales' })],
  'PATCH /api/v1/users/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/users/${fx.user.id}`) })],
  'POST /api/v1/users/invite': [() => ({ email: `invited-${u()}@example.com`, name: 'Invited', role: 'sales' })],
  'POST /api/v1/users/:id/password': [() => ({ password: 'a-new-password-1' })],
  'POST /api/v1/users/:id/transfer': [(_fx, c) => ({ toUserId: c.userId })],
  'POST /api/v1/me/password': [() => ({ currentPassword: PASSWORD, newPassword: 'a-new-password-1' })],
  'POST /api/v1/accounts': [() => ({ name: `Hostile ${u()} AG` })],
  'PATCH /api/v1/accounts/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/accounts/${fx.account.id}`) })],
  'POST /api/v1/accounts/:id/contacts': [(fx) => ({ contactId: fx.contact2.id })],
  'POST /api/v1/contacts': [() => ({ lastName: `Hostile ${u()}` })],
  'PATCH /api/v1/contacts/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/contacts/${fx.contact.id}`) })],
  'POST /api/v1/contacts/:id/move': [async (fx, c) => ({ accountId: fx.account2.id, version: await versionOf(c, `/api/v1/contacts/${fx.contact.id}`) })],
  'POST /api/v1/tags': [() => ({ name: `tag ${u()}` })],
  'PATCH /api/v1/tags/:id': [() => ({})],
  'POST /api/v1/tags/:id/merge': [(fx) => ({ intoId: fx.tag2Id })],
  'POST /api/v1/contact-types': [() => ({ name: `type ${u()}` })],
  'PATCH /api/v1/contact-types/:id': [() => ({})],
  'POST /api/v1/custom-fields': [() => ({ module: 'accounts', key: `k${u()}`, label: 'Label', type: 'text' })],
  'PATCH /api/v1/custom-fields/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/custom-fields?module=accounts', fx.customFieldId) })],
  'PUT /api/v1/settings': [async (_fx, c) => (await c.get('/api/v1/settings')).json<Body>()],
  'POST /api/v1/accounts/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/contacts/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/roles': [(fx) => ({ name: `role ${u()}`, parentId: fx.salesRoleId })],
  'PATCH /api/v1/roles/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/roles', fx.roleId) })],
  'POST /api/v1/profiles': [() => ({ name: `profile ${u()}`, rights: viewRights })],
  'PATCH /api/v1/profiles/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/profiles', fx.profileId) })],
  'POST /api/v1/deals': [(fx) => ({ name: `Hostile deal ${u()}`, accountId: fx.account.id })],
  'PATCH /api/v1/deals/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/deals/${fx.deal.id}`) })],
  'POST /api/v1/deals/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/pipelines': [() => ({ name: `pipeline ${u()}`, stages: [{ name: 'Only', probability: 10 }] })],
  'PATCH /api/v1/pipelines/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/pipelines/${fx.pipelineId}`) })],
  'POST /api/v1/leads': [() => ({ lastName: `Hostile lead ${u()}`, company: `Hostile ${u()} AG`, email: `lead-${u()}@hostile.example` })],
  'PATCH /api/v1/leads/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/leads/${fx.lead.id}`) })],
  'POST /api/v1/leads/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/activities': [(fx) => ({ type: 'call', subject: `Hostile call ${u()}`, startAt: '2091-01-02T10:00:00Z', accountId: fx.account.id })],
  'PATCH /api/v1/activities/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/activities/${fx.activity.id}`) })],
  'POST /api/v1/activities/:id/shares': [(fx) => ({ userId: fx.user.id, access: 'read' }), (fx) => ({ roleId: fx.roleId, access: 'read' })],
  'POST /api/v1/leads/:id/convert': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/leads/${fx.lead.id}`) }), async (fx, c) => ({ version: await versionOf(c, `/api/v1/leads/${fx.lead.id}`), accountId: fx.account.id, createDeal: { name: `Deal ${u()}` } })],
  'POST /api/v1/custom-links': [() => ({ module: 'accounts', label: `link ${u()}`, urlTemplate: 'https://x.example/{name}' })],
  'PATCH /api/v1/custom-links/:id': [async (fx, c) => ({ version: await versionOf(c, '/api/v1/custom-links', fx.customLinkId) })],
  'PUT /api/v1/me/preferences/:key': [() => ({ value: { order: ['timeline', 'notes'], hidden: [] } })],
  'POST /api/v1/notes': [(fx) => ({ body: `<p>Hostile note ${u()}</p>`, accountId: fx.account.id })],
  'PATCH /api/v1/notes/:id': [async (fx, c) => ({ body: '<p>edited</p>', version: await versionOf(c, `/api/v1/notes/${fx.note.id}`) })],
  'POST /api/v1/views': [() => ({ module: 'accounts', name: `view ${u()}`, filter: { match: 'any', conditions: [{ field: 'employees', op: 'gt', value: 1 }] }, sort: ['-createdAt'], columns: ['name'] })],
  'PATCH /api/v1/views/:id': [async (fx, c) => ({ version: await versionOf(c, `/api/v1/views/${fx.viewId}`) })],
  'PUT /api/v1/views/default/:module': [(fx) => ({ viewId: fx.viewId })],
  'PATCH /api/v1/imports/:id': [() => ({ options: { dedupe: { mode: 'skip', matchOn: ['email', 'phone'] }, region: 'DE' } }), () => ({ mapping: [{ column: 0, target: 'field:firstName' }] })],
  'POST /api/v1/imports/:id/preview': [() => ({ limit: 5 })],
  'POST /api/v1/imports/:id/start': [() => ({ dryRun: true })],
  'POST /api/v1/import-templates': [() => ({ name: `mapping ${u()}`, module: 'contacts', columns: [{ header: 'Mobile', target: 'phone:mobile' }] })],
  'POST /api/v1/contacts/duplicates/check': [(fx) => ({ firstName: 'Ada', lastName: 'Lovelace', accountId: fx.account.id, emails: ['ada@example.com'], phones: ['+49 30 1234567'] })],
  'POST /api/v1/accounts/duplicates/check': [() => ({ name: 'Hostile AG', websites: ['hostile.example'] })],
  'POST /api/v1/contacts/duplicates/dismiss': [(fx) => ({ ids: [fx.contact.id, fx.contact2.id] })],
  'POST /api/v1/accounts/duplicates/dismiss': [(fx) => ({ ids: [fx.account.id, fx.account2.id] })],
  'POST /api/v1/contacts/merge': [(_fx, c) => mergeBody(c, 'contacts')],
  'POST /api/v1/accounts/merge': [(_fx, c) => mergeBody(c, 'accounts')],
  ...Object.fromEntries(
    (['accounts', 'contacts', 'deals', 'activities', 'leads'] as const).flatMap((m) => [
      [`POST /api/v1/${m}/bulk`, [(fx: Fixtures) => ({ action: 'addTags', selection: { ids: [bulkTarget(fx, m)] }, tags: [`swept ${u()}`] })]],
      [`POST /api/v1/${m}/export`, [() => ({ selection: { all: true }, format: 'csv' })]],
    ]),
  ),
};

/** Two fresh records of the module to merge (a merge turns one into a tombstone). */
async function mergeBody(c: TestClient, module: 'contacts' | 'accounts'): Promise<Body> {
  const make = module === 'contacts' ? makeContact : makeAccount;
  return { survivorId: (await make(c)).id, mergedIds: [(await make(c)).id] };
}

/** A record of each module for a swept mass action. */
const bulkTarget = (fx: Fixtures, m: 'accounts' | 'contacts' | 'deals' | 'activities' | 'leads'): string =>
  ({ accounts: fx.account.id, contacts: fx.contact.id, deals: fx.deal.id, activities: fx.activity.id, leads: fx.lead.id })[m];

/** Query parameters an operation requires, so that the one under test is what is refused. */
export const baseQueries: Record<string, Array<[string, string]>> = {
  'GET /api/v1/recycle-bin': [['module', 'accounts']],
  'GET /api/v1/custom-fields': [['module', 'accounts']],
  'GET /api/v1/accounts/activity-board/column': [['key', 'today']],
  // Notes and files of the first account the fixtures make (the cursor is checked before the record is looked up).
  'GET /api/v1/notes': [['accountId', '1']],
  'GET /api/v1/attachments': [['accountId', '1']],
  'POST /api/v1/attachments': [['accountId', '1']],
  'POST /api/v1/imports': [['module', 'contacts']],
};

/** Operations on the caller's own credentials (a hostile value may change its password or revoke its token): each request gets a fresh caller. */
export const ownCredentials = new Set(['POST /api/v1/me/password', 'POST /api/v1/auth/logout']);
