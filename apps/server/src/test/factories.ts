import type { Deal, DealCreate } from '@kontor/contract/deals';
import type { Lead, LeadCreate } from '@kontor/contract/leads';
import type { Activity, ActivityCreate } from '@kontor/contract/activities';
import type { AccountCreate } from '@kontor/contract/accounts';
import type { ContactCreate } from '@kontor/contract/contacts';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { Attachment } from '@kontor/contract/attachments';
import type { Note, ParentRef } from '@kontor/contract/notes';
import type { TestClient } from './harness.ts';

let n = 0;
const next = () => (n += 1);

export function accountInput(overrides: Partial<AccountCreate> = {}): AccountCreate {
  const i = next();
  return { name: `Acme ${i} GmbH`, website: `acme${i}.example`, employees: 10 * i, industry: 'manufacturing', ...overrides };
}

export function contactInput(overrides: Partial<ContactCreate> = {}): ContactCreate {
  const i = next();
  return { firstName: `Anna${i}`, lastName: `Müller${i}`, emails: [{ label: 'work', value: `anna${i}@example.com`, primary: true }], ...overrides };
}

/** Creates through the API and fails loudly if the API refuses, so a broken factory never hides a test's intent. */
export async function makeAccount(client: TestClient, overrides: Partial<AccountCreate> = {}): Promise<Account> {
  const res = await client.post('/api/v1/accounts', accountInput(overrides));
  if (res.statusCode !== 201) throw new Error(`makeAccount: ${res.statusCode} ${res.body}`);
  return res.json<Account>();
}

export async function makeContact(client: TestClient, overrides: Partial<ContactCreate> = {}): Promise<Contact> {
  const res = await client.post('/api/v1/contacts', contactInput(overrides));
  if (res.statusCode !== 201) throw new Error(`makeContact: ${res.statusCode} ${res.body}`);
  return res.json<Contact>();
}

export function dealInput(overrides: Partial<DealCreate> = {}): DealCreate {
  const i = next();
  return { name: `Deal ${i}`, amount: 1000 * i, currency: 'EUR', ...overrides };
}

export async function makeDeal(client: TestClient, overrides: Partial<DealCreate> = {}): Promise<Deal> {
  const res = await client.post('/api/v1/deals', dealInput(overrides));
  if (res.statusCode !== 201) throw new Error(`makeDeal: ${res.statusCode} ${res.body}`);
  return res.json<Deal>();
}

/** A task due tomorrow unless the overrides say otherwise (a call or meeting needs `startAt` instead of `dueAt`). */
export function activityInput(overrides: Partial<ActivityCreate> = {}): ActivityCreate {
  const i = next();
  const base: ActivityCreate = overrides.type && overrides.type !== 'task' ? { type: overrides.type, subject: `Activity ${i}`, startAt: new Date(Date.now() + 86_400_000).toISOString() } : { type: 'task', subject: `Activity ${i}`, dueAt: new Date(Date.now() + 86_400_000).toISOString() };
  return { ...base, ...overrides };
}

export async function makeActivity(client: TestClient, overrides: Partial<ActivityCreate> = {}): Promise<Activity> {
  const res = await client.post('/api/v1/activities', activityInput(overrides));
  if (res.statusCode !== 201) throw new Error(`makeActivity: ${res.statusCode} ${res.body}`);
  return res.json<Activity>();
}

/** A multipart/form-data request with one file in the field `file` (raw bytes in the header: what browsers send for the name). */
export function multipartFile(name: string, content: Buffer, mime = 'application/octet-stream'): { headers: Record<string, string>; payload: Buffer } {
  const boundary = `----kontor${next()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name.replace(/"/g, '%22')}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

/** Uploads a file onto a record (`module`/`id`) through the API and fails loudly if the API refuses. */
export async function makeAttachment(client: TestClient, module: string, id: string, name = `file-${next()}.txt`, content = Buffer.from('hello'), mime = 'text/plain'): Promise<Attachment> {
  const res = await client.raw({ method: 'POST', url: `/api/v1/${module}/${id}/attachments`, ...multipartFile(name, content, mime) });
  if (res.statusCode !== 201) throw new Error(`makeAttachment: ${res.statusCode} ${res.body}`);
  return res.json<Attachment>();
}

export async function makeNote(client: TestClient, parent: ParentRef, body = `<p>Note ${next()}</p>`): Promise<Note> {
  const res = await client.post('/api/v1/notes', { body, ...parent });
  if (res.statusCode !== 201) throw new Error(`makeNote: ${res.statusCode} ${res.body}`);
  return res.json<Note>();
}

export function leadInput(overrides: Partial<LeadCreate> = {}): LeadCreate {
  const i = next();
  return { firstName: `Lena${i}`, lastName: `Lead${i}`, company: `Prospect ${i} GmbH`, email: `lena${i}@prospect${i}.example`, source: 'web', ...overrides };
}

export async function makeLead(client: TestClient, overrides: Partial<LeadCreate> = {}): Promise<Lead> {
  const res = await client.post('/api/v1/leads', leadInput(overrides));
  if (res.statusCode !== 201) throw new Error(`makeLead: ${res.statusCode} ${res.body}`);
  return res.json<Lead>();
}
