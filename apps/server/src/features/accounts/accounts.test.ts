import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { ListResponse } from '@kontor/contract/common';
import type { AccountListItem } from '@kontor/contract/accounts';
import { useHarness } from '../../test/harness.ts';
import { accountInput, makeAccount } from '../../test/factories.ts';

const { admin } = useHarness();

describe('accounts API', () => {
  it('creates an account with all standard fields and reads it back', async () => {
    const res = await admin.post('/api/v1/accounts', {
      name: '  Müller Präzisionstechnik GmbH ',
      website: 'mueller-praezision.example',
      tickerSymbol: 'MPT',
      // The shorthands name the primary points (issue #14): here the same values as the lists' primaries.
      phone: '0711 5550199',
      industry: 'machinery',
      ownership: 'private',
      accountType: 'customer',
      rating: 'active',
      employees: 9_999_999_999,
      annualRevenue: 38500000.5,
      billingAddress: { street: 'Hauptstraße 1', city: 'Stuttgart', postalCode: '70173', country: 'Germany' },
      description: 'Key account',
      tags: ['VIP', 'Partner', 'vip'],
      emails: [{ label: 'work', value: 'info@mueller.example' }],
      phones: [
        { label: 'work', value: '+49 (0)711 555 01-00' },
        { label: 'fax', value: '0711 5550199', primary: true },
      ],
      websites: [{ label: 'website', value: 'mueller-praezision.example' }, { label: 'linkedin', value: 'linkedin.com/company/mueller' }],
      addresses: [{ label: 'work', city: 'Stuttgart', country: 'DE' }],
    });
    expect(res.statusCode).toBe(201);
    const a = res.json<Account>();
    expect(a).toMatchObject({
      name: 'Müller Präzisionstechnik GmbH',
      employees: 9_999_999_999,
      annualRevenue: 38500000.5,
      ownerId: admin.userId,
      version: 1,
      tags: ['Partner', 'VIP'],
      primaryEmail: 'info@mueller.example',
      phone: '0711 5550199',
      primaryPhone: '0711 5550199',
      website: 'https://mueller-praezision.example',
      billingAddress: { street: 'Hauptstraße 1', city: 'Stuttgart', region: '', postalCode: '70173', country: 'Germany' },
    });
    expect(a.emails).toEqual([{ label: 'work', value: 'info@mueller.example', primary: true }]);
    expect(a.phones[0]).toMatchObject({ value: '+49 (0)711 555 01-00', e164: '+497115550100', primary: false });
    expect(a.websites.map((w) => w.value)).toEqual(['https://mueller-praezision.example', 'https://linkedin.com/company/mueller']);
    expect(a.createdBy?.id).toBe(admin.userId);
    const again = await admin.get(`/api/v1/accounts/${a.id}`);
    expect(again.json()).toEqual(a);
  });

  it.each([
    ['over-long name', { name: 'x'.repeat(101) }, 'name'],
    ['empty name', { name: '   ' }, 'name'],
    ['11-digit employees', { employees: 10_000_000_000 }, 'employees'],
    ['fractional employees', { employees: 1.5 }, 'employees'],
    ['website over 2000', { website: `https://example.com/${'a'.repeat(2000)}` }, 'website'],
    ['ticker over 30', { tickerSymbol: 'T'.repeat(31) }, 'tickerSymbol'],
    ['unknown industry', { industry: 'wizardry' }, 'industry'],
    ['second primary email', { emails: [{ value: 'a@x.example', primary: true }, { value: 'b@x.example', primary: true }] }, 'emails'],
    ['bad email', { emails: [{ value: 'not-an-email' }] }, 'emails.0.value'],
    ['bad url', { websites: [{ value: 'javascript:alert(1)' }] }, 'websites.0.value'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_label, patch, field) => {
    const before = (await admin.get('/api/v1/accounts?count=true')).json<ListResponse<AccountListItem>>().total;
    const res = await admin.post('/api/v1/accounts', { ...accountInput(), ...patch });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields)).toContain(field);
    const after = (await admin.get('/api/v1/accounts?count=true')).json<ListResponse<AccountListItem>>().total;
    expect(after).toBe(before);
  });

  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const a = await makeAccount(admin);
    const first = await admin.patch(`/api/v1/accounts/${a.id}`, { name: 'First edit', version: a.version });
    expect(first.statusCode).toBe(200);
    expect(first.json<Account>().version).toBe(a.version + 1);
    const stale = await admin.patch(`/api/v1/accounts/${a.id}`, { name: 'Stale edit', version: a.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/accounts/${a.id}`)).json<Account>().name).toBe('First edit');
  });

  it('refuses a cycle of parent accounts', async () => {
    const top = await makeAccount(admin, { name: 'Top' });
    const mid = await makeAccount(admin, { name: 'Mid', parentAccountId: top.id });
    const leaf = await makeAccount(admin, { name: 'Leaf', parentAccountId: mid.id });
    const self = await admin.patch(`/api/v1/accounts/${top.id}`, { parentAccountId: top.id, version: top.version });
    expect(self.statusCode).toBe(422);
    const cycle = await admin.patch(`/api/v1/accounts/${top.id}`, { parentAccountId: leaf.id, version: top.version });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json<{ error: { code: string } }>().error.code).toBe('parent_cycle');
    const members = await admin.get(`/api/v1/accounts/${top.id}/members`);
    expect(members.json<ListResponse<AccountListItem>>().data.map((m) => m.name)).toEqual(['Mid']);
    expect((await admin.get(`/api/v1/accounts/${top.id}`)).json<Account>()).toMatchObject({ parentAccountId: null, memberCount: 1, version: 1 });
  });

  it('pages a sorted list with keyset cursors, without gaps or repeats', async () => {
    const prefix = `Paging ${Date.now()}`;
    for (let i = 0; i < 7; i++) await makeAccount(admin, { name: `${prefix} ${String.fromCharCode(71 - i)}`, employees: i });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/accounts?q=${encodeURIComponent(prefix)}&limit=3&sort=-name${cursor ? `&cursor=${cursor}` : ''}`;
      const page: ListResponse<AccountListItem> = (await admin.get(url)).json();
      seen.push(...page.data.map((d) => d.name.slice(-1)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['G', 'F', 'E', 'D', 'C', 'B', 'A']);
    const byEmployees = (await admin.get(`/api/v1/accounts?q=${encodeURIComponent(prefix)}&sort=employees&limit=2`)).json<ListResponse<AccountListItem>>();
    expect(byEmployees.data.map((d) => d.employees)).toEqual([0, 1]);
    const bad = await admin.get('/api/v1/accounts?sort=password_hash');
    expect(bad.statusCode).toBe(400);
    const badCursor = await admin.get('/api/v1/accounts?cursor=garbage');
    expect(badCursor.statusCode).toBe(400);
  });
});
