import type { Deal, DealCreate } from '@kontor/contract/deals';
import type { AccountCreate } from '@kontor/contract/accounts';
import type { ContactCreate } from '@kontor/contract/contacts';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
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
