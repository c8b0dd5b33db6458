import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { accountInput, contactInput, makeAccount, makeContact } from '../../test/factories.ts';

/**
 * A write runs the statements it needs and no more (issue #11): these are the least each path reaches, so a
 * regression that adds a read or rewrites what did not change fails here. Counted over the whole request, the auth
 * hook's one configuration-generation read included; the resolved caller and the definitions come from the caches.
 */
let h: Harness;
const clients: Record<'admin' | 'sales', TestClient> = {} as Record<'admin' | 'sales', TestClient>;

beforeAll(async () => {
  h = await createHarness({ actorCacheMs: 60_000 });
  clients.admin = await h.client('admin');
  clients.sales = await h.client('sales');
  // Warm the caches a server has warm: the caller, the custom field definitions and the settings.
  for (const c of Object.values(clients)) {
    await makeContact(c);
    await makeAccount(c);
  }
});
afterAll(async () => h.close());

async function statementsOf(send: () => Promise<LightMyRequestResponse>, status: number): Promise<string[]> {
  let res: LightMyRequestResponse | undefined;
  const statements = await h.database.recordStatements(async () => {
    res = await send();
  });
  expect(res?.statusCode, res?.body).toBe(status);
  return statements;
}

const listed = (statements: string[]) => `\n  ${statements.join('\n  ')}`;

describe.each(['admin', 'sales'] as const)('statements per write (%s)', (who) => {
  it('creates a contact with e-mails and phones in 4 statements: the generation read, the row, its created event, its contact points', async () => {
    const body = contactInput({ phones: [{ label: 'work', value: '+49 30 1234567', primary: true }, { label: 'mobile', value: '+49 151 2345678' }] });
    const statements = await statementsOf(() => clients[who].post('/api/v1/contacts', body), 201);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(4);
  });

  it('edits one field of a contact in 4 statements, writing only that column and the stamps', async () => {
    const c = await makeContact(clients[who], { tags: ['Lean'], phones: [{ label: 'work', value: '+49 30 1234567' }] });
    const statements = await statementsOf(() => clients[who].patch(`/api/v1/contacts/${c.id}`, { position: 'Buyer', version: c.version }), 200);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(4);
    const update = statements.filter((s) => s.startsWith('update "contacts"'));
    expect(update, listed(statements)).toHaveLength(1);
    expect(update[0]).toMatch(/^update "contacts" set "position" = \S+, "updated_at" = \S+, "updated_by" = \S+, "version" = \S+ where/);
  });

  it('sends a whole contact form back with one change and writes neither the name, the tags nor the contact points', async () => {
    const c = await makeContact(clients[who], { tags: ['Lean'], phones: [{ label: 'work', value: '+49 30 1234567' }] });
    const { firstName, lastName, tags, emails, phones, websites, addresses } = (await clients[who].get(`/api/v1/contacts/${c.id}`)).json<Contact>();
    const form = { firstName, lastName, tags, emails, phones: phones.map(({ e164: _e, ...p }) => p), websites, addresses, department: 'Sales', version: c.version };
    const statements = await statementsOf(() => clients[who].patch(`/api/v1/contacts/${c.id}`, form), 200);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(4);
    expect(statements.filter((s) => /contact_points|record_tags|sort_name" =/.test(s) && !s.startsWith('select')), listed(statements)).toEqual([]);
  });

  it('creates an account with a website in 4 statements: the generation read, the row, its created event, its contact points', async () => {
    const statements = await statementsOf(() => clients[who].post('/api/v1/accounts', accountInput()), 201);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(4);
  });

  it('edits one field of an account in 5 statements: the page, the update, its event and the deal summary', async () => {
    const a: Account = await makeAccount(clients[who]);
    const statements = await statementsOf(() => clients[who].patch(`/api/v1/accounts/${a.id}`, { tickerSymbol: 'LEAN', version: a.version }), 200);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(5);
    expect(statements.find((s) => s.startsWith('update "accounts"'))).toMatch(/^update "accounts" set "ticker_symbol" = \S+, "updated_at" = \S+, "updated_by" = \S+, "version" = \S+ where/);
  });

  it('edits the website of an account (its primary website point, issue #14) in 7 statements: that kind of points rewritten too', async () => {
    const a: Account = await makeAccount(clients[who]);
    const statements = await statementsOf(() => clients[who].patch(`/api/v1/accounts/${a.id}`, { website: 'lean.example', version: a.version }), 200);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(7);
    expect(statements.find((s) => s.startsWith('update "accounts"'))).toMatch(/^update "accounts" set "website" = \S+, "updated_at" = \S+, "updated_by" = \S+, "version" = \S+ where/);
  });

  it('reads a contact page in 2 statements, and remembers the visit in a third (Unread, Recently viewed)', async () => {
    const c = await makeContact(clients[who], { tags: ['Lean'] });
    const statements = await statementsOf(() => clients[who].get(`/api/v1/contacts/${c.id}`), 200);
    expect(statements.length, listed(statements)).toBeLessThanOrEqual(3);
    expect(statements.filter((s) => !s.startsWith('insert into "record_visits"')).length, listed(statements)).toBeLessThanOrEqual(2);
  });
});
