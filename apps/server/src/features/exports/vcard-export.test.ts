import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';
import { parseVcardText, type ParsedCard } from '../vcard/vcard-parse.ts';
import { vcardToDraft, type CardMapping } from '../vcard/vcard-to-draft.ts';

/** vCard 4.0 export (issue #15): what is written parses back, with the vCard reader, to the same record. */

const { h, admin } = useHarness();

const url = (module: string, params: Record<string, string>) => `/api/v1/${module}/export?${new URLSearchParams({ format: 'vcf', ...params }).toString()}`;
const byName = (field: string, value: string) => JSON.stringify({ match: 'all', conditions: [{ field, op: 'startsWith', value }] });

function cardsOf(text: string): CardMapping[] {
  const events = parseVcardText(text);
  expect(events.every((e) => e.kind === 'card')).toBe(true);
  return events.filter((e): e is ParsedCard => e.kind === 'card').map((e) => vcardToDraft(e.card));
}

let sales: TestClient;
let readonly: TestClient;
let account: Account;
let anna: Contact;

beforeAll(async () => {
  sales = await h.client('sales');
  readonly = await h.client('readonly');
  account = await makeAccount(sales, {
    name: 'Vcardx Müller & Söhne; GmbH',
    website: 'https://mueller.example',
    websites: [{ label: 'website', value: 'https://mueller.example', primary: true }],
    phones: [{ label: 'work', value: '+49 30 5550100', primary: true }],
    billingAddress: { street: 'Hauptstr. 1', city: 'Berlin', region: '', postalCode: '10115', country: 'DE' },
  });
  anna = await makeContact(sales, {
    salutation: 'mrs',
    firstName: 'Anna',
    lastName: 'Vcardxa',
    accountId: account.id,
    position: '=not a formula here',
    birthday: '--05-17',
    description: 'Two\nlines, with; separators',
    tags: ['Kunde', '供应商'],
    emails: [
      { label: 'home', value: 'anna@home.example', primary: false },
      { label: 'work', value: 'anna@work.example', primary: true },
    ],
    phones: [
      { label: 'mobile', value: '+49 151 5550101', primary: true },
      { label: 'Büro', value: '030 5550102', primary: false },
    ],
    addresses: [{ label: 'home', street: 'Str. Lungă 5', city: 'Brașov', region: '', postalCode: '500035', country: 'RO', primary: true }],
  });
  await makeContact(admin, { firstName: 'Nobody', lastName: 'Vcardxhidden', restrictedTo: [] });
});

describe('vCard export', () => {
  it('writes contacts as vCard 4.0 cards that read back to the same fields and points', async () => {
    const res = await sales.get(url('contacts', { filter: byName('lastName', 'Vcardx') }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('filename="contacts.vcf"');
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text).not.toContain('Vcardxhidden');
    // a vCard is no spreadsheet: no formula guard
    expect(text).toContain('TITLE:=not a formula here');
    const cards = cardsOf(text);
    expect(cards).toHaveLength(1);
    const [card] = cards;
    expect(card?.module).toBe('contacts');
    const draft = card?.draft;
    expect(draft?.fields).toMatchObject({ salutation: 'mrs', firstName: 'Anna', lastName: 'Vcardxa', position: '=not a formula here', birthday: '--05-17', description: 'Two\nlines, with; separators' });
    expect(draft?.company?.name).toBe('Vcardx Müller & Söhne; GmbH');
    expect(draft?.tags).toEqual(['Kunde', '供应商']);
    const points = (list: Array<{ label: string; value: string; primary: boolean }> | undefined) => (list ?? []).map((p) => [p.label, p.value, p.primary]).sort();
    expect(points(draft?.emails)).toEqual(points(anna.emails));
    expect(points(draft?.phones)).toEqual(points(anna.phones));
    expect(draft?.addresses).toEqual([{ label: 'home', street: 'Str. Lungă 5', city: 'Brașov', region: '', postalCode: '500035', country: 'RO', primary: true }]);
  });

  it('writes accounts as company cards with their points and addresses', async () => {
    const res = await sales.get(url('accounts', { filter: byName('name', 'Vcardx') }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="accounts.vcf"');
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('KIND:org');
    const cards = cardsOf(text);
    expect(cards.map((c) => c.module)).toEqual(['accounts']);
    const draft = cards[0]?.draft;
    expect(draft?.fields.name).toBe(account.name);
    expect(draft?.websites.map((p) => p.value)).toEqual(['https://mueller.example']);
    expect(draft?.phones.map((p) => [p.value, p.primary])).toEqual([['+49 30 5550100', true]]);
    expect(draft?.addresses.map((a) => [a.label, a.street, a.city, a.postalCode, a.country])).toEqual([['billing', 'Hauptstr. 1', 'Berlin', '10115', 'DE']]);
  });

  it('is for accounts and contacts only, and needs the export right', async () => {
    const leads = await admin.get(url('leads', {}));
    expect(leads.statusCode).toBe(400);
    expect(leads.json<{ error: { fields?: Record<string, string> } }>().error.fields?.format).toContain('csv, xlsx');
    expect((await admin.get(url('deals', {}))).statusCode).toBe(400);
    expect((await readonly.get(url('contacts', {}))).statusCode).toBe(403);
  });
});
