import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { Module } from '@kontor/contract/custom-fields';
import type { Job } from '@kontor/contract/views';
import { parseCsv } from '../../test/csv.ts';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeContact, makeDeal, makeLead } from '../../test/factories.ts';
import { MAX_POINT_GROUPS } from './full-points.ts';

/** The full export layout (issue #15) as CSV and XLSX, over HTTP as users see it. */

const { h, admin } = useHarness();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const exportUrl = (params: Record<string, string>, module: Module = 'contacts') => `/api/v1/${module}/export?${new URLSearchParams(params).toString()}`;
const text = (res: LightMyRequestResponse) => res.rawPayload.toString('utf8');
const byName = (field: string, value: string) => JSON.stringify({ match: 'all', conditions: [{ field, op: 'startsWith', value }] });
const filter = byName('lastName', 'Fullx');

/** The CSV as one object per record, header -> cell. */
function records(csv: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header = [], ...rows] = parseCsv(csv);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((hd, i) => [hd, r[i] ?? '']))) };
}

let sales: TestClient;
let readonly: TestClient;
let account: Account;
let hiddenAccount: Account;
let anna: Contact;
let bert: Contact;
let salesEmail = '';

beforeAll(async () => {
  sales = await h.client('sales');
  readonly = await h.client('readonly');
  for (const f of [
    { key: 'budget', label: 'Budget', type: 'number' },
    { key: 'kinds', label: 'Kinds', type: 'multiselect', options: ['A', 'B'] },
    { key: 'since', label: 'Customer since', type: 'date' },
    { key: 'memo', label: 'Memo', type: 'text' },
  ]) {
    const res = await admin.post('/api/v1/custom-fields', { module: 'contacts', ...f });
    if (res.statusCode !== 201) throw new Error(`custom field ${f.key}: ${res.statusCode} ${res.body}`);
  }
  const types = await admin.post('/api/v1/contact-types', { name: 'Partner' });
  if (types.statusCode !== 201) throw new Error(`contact type: ${types.statusCode} ${types.body}`);
  const contactType = types.json<{ id: string }>().id;
  salesEmail = (await sales.get('/api/v1/me')).json<{ email: string }>().email;
  account = await makeAccount(sales, { name: 'Fullx Holding GmbH', phones: [{ label: 'work', value: '+49 30 555 0100', primary: true }] });
  hiddenAccount = await makeAccount(admin, { name: 'Fullx Secret AG', restrictedTo: [] });
  anna = await makeContact(sales, {
    salutation: 'mrs',
    firstName: 'Anna',
    lastName: 'Fullxa',
    accountId: account.id,
    position: '=HYPERLINK("x")',
    department: 'Sales',
    birthday: '--05-17',
    description: 'Two\nlines',
    tags: ['Beta', 'alpha'],
    contactType,
    customFields: { budget: 1200.5, kinds: ['A', 'B'], since: '2024-02-29', memo: '@home' },
    emails: [
      { label: 'home', value: 'anna@home.example', primary: false },
      { label: 'work', value: 'anna@work.example', primary: true },
    ],
    phones: [
      { label: 'mobile', value: '+49 151 5550101', primary: true },
      { label: 'Büro', value: '030 5550102', primary: false },
      { label: 'fax', value: '030 5550103', primary: false },
    ],
    websites: [{ label: 'linkedin', value: 'https://www.linkedin.com/in/anna', primary: true }],
    addresses: [{ label: 'work', street: 'Hauptstr. 1', city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE', primary: true }],
  });
  bert = await makeContact(admin, { ownerId: sales.userId, firstName: 'Bert', lastName: 'Fullxb', accountId: hiddenAccount.id, emails: [{ label: '', value: 'bert@example.com', primary: true }] });
  await makeContact(admin, { firstName: 'Nobody', lastName: 'Fullxhidden', restrictedTo: [], emails: [1, 2, 3, 4].map((n) => ({ label: 'other', value: `n${n}@example.com`, primary: n === 1 })) });
});

describe('the full layout as CSV', () => {
  it('writes every field, custom field, tag and contact point of what the user may see', async () => {
    const res = await sales.get(exportUrl({ filter, layout: 'full' }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const { header, rows } = records(text(res));
    expect(header).toEqual([
      'ID', 'Salutation', 'First name', 'Last name', 'Account', 'Account ID', 'Position', 'Department', 'Birthday', 'Lead source', 'E-mail opt-out', 'Owner', 'Contact type', 'Description', 'Tags',
      'Budget', 'Kinds', 'Customer since', 'Memo',
      // the most points a visible record has: the hidden one's four e-mails do not count
      'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Label', 'E-mail 2 - Value',
      'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value', 'Phone 3 - Label', 'Phone 3 - Value',
      'Website 1 - Label', 'Website 1 - Value',
      'Address 1 - Label', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - Region', 'Address 1 - Postal Code', 'Address 1 - Country',
      'Created', 'Updated',
    ]);
    expect(rows.map((r) => r['Last name'])).toEqual(['Fullxa', 'Fullxb']);
    const [a, b] = rows;
    expect(a).toMatchObject({
      ID: anna.id,
      Salutation: 'mrs',
      'First name': 'Anna',
      Account: 'Fullx Holding GmbH',
      'Account ID': account.id,
      Position: '\'=HYPERLINK("x")',
      Department: 'Sales',
      Birthday: "'--05-17",
      'E-mail opt-out': 'false',
      Owner: salesEmail,
      'Contact type': 'Partner',
      Description: 'Two\nlines',
      Tags: 'alpha; Beta',
      Budget: '1200.5',
      Kinds: 'A; B',
      'Customer since': '2024-02-29',
      Memo: "'@home",
      // primary first in its kind, marked like Google's export
      'E-mail 1 - Label': '* work',
      'E-mail 1 - Value': 'anna@work.example',
      'E-mail 2 - Label': 'home',
      'E-mail 2 - Value': 'anna@home.example',
      'Phone 1 - Label': '* mobile',
      'Phone 1 - Value': "'+49 151 5550101",
      'Phone 2 - Label': 'Büro',
      'Phone 2 - Value': '030 5550102',
      'Phone 3 - Label': 'fax',
      'Website 1 - Label': '* linkedin',
      'Website 1 - Value': 'https://www.linkedin.com/in/anna',
      'Address 1 - Label': '* work',
      'Address 1 - Street': 'Hauptstr. 1',
      'Address 1 - City': 'Berlin',
      'Address 1 - Region': 'BE',
      'Address 1 - Postal Code': '10115',
      'Address 1 - Country': 'DE',
      Created: anna.createdAt,
      Updated: anna.updatedAt,
    });
    // the account is hidden from the salesperson: neither its name nor its id is written
    expect(b).toMatchObject({ ID: bert.id, Account: '', 'Account ID': '', 'E-mail 1 - Label': '* ', 'E-mail 1 - Value': 'bert@example.com', 'E-mail 2 - Value': '', 'Phone 1 - Value': '' });
    expect(text(res)).not.toContain('Fullxhidden');
    expect(text(res)).not.toContain('Fullx Secret');
  });

  it('counts the groups over what the administrator sees, and caps them', async () => {
    const many = await makeContact(admin, { lastName: 'Fullxmany', emails: Array.from({ length: MAX_POINT_GROUPS + 3 }, (_, n) => ({ label: 'other', value: `m${n}@example.com`, primary: n === 0 })) });
    const res = await admin.get(exportUrl({ filter, layout: 'full' }));
    const { header, rows } = records(text(res));
    expect(header.filter((x) => /^E-mail \d+ - Value$/.test(x))).toHaveLength(MAX_POINT_GROUPS);
    expect(header).not.toContain(`E-mail ${MAX_POINT_GROUPS + 1} - Value`);
    expect(rows.map((r) => r['Last name'])).toEqual(['Fullxa', 'Fullxb', 'Fullxhidden', 'Fullxmany']);
    expect(rows[1]?.Account).toBe('Fullx Secret AG');
    expect(rows[1]?.['Account ID']).toBe(hiddenAccount.id);
    expect(rows[3]?.[`E-mail ${MAX_POINT_GROUPS} - Value`]).toBe(`m${MAX_POINT_GROUPS - 1}@example.com`);
    await admin.delete(`/api/v1/contacts/${many.id}`);
  });

  it('writes accounts with their parent, addresses and points, and leads and deals in full', async () => {
    const child = await makeAccount(sales, {
      name: 'Fullx Child SRL',
      parentAccountId: account.id,
      industry: 'technology',
      employees: 42,
      billingAddress: { street: 'Str. Lungă 5', city: 'Brașov', postalCode: '500035', country: 'RO' },
      website: 'https://child.example',
      websites: [{ label: 'website', value: 'https://child.example', primary: true }],
    });
    const accounts = records(text(await sales.get(exportUrl({ filter: byName('name', 'Fullx'), layout: 'full' }, 'accounts'))));
    expect(accounts.header.slice(0, 4)).toEqual(['ID', 'Account name', 'Parent account', 'Parent account ID']);
    expect(accounts.header).toEqual(expect.arrayContaining(['Billing street', 'Billing city', 'Billing postal code', 'Shipping country', 'Website 1 - Value', 'Phone 1 - Value', 'Employees', 'Industry']));
    expect(accounts.header).not.toContain('Primary phone');
    const row = accounts.rows.find((r) => r.ID === child.id);
    expect(row).toMatchObject({ 'Parent account': 'Fullx Holding GmbH', 'Parent account ID': account.id, Industry: 'technology', Employees: '42', 'Billing street': 'Str. Lungă 5', 'Billing city': 'Brașov', 'Billing postal code': '500035', 'Website 1 - Label': '* website', 'Website 1 - Value': 'https://child.example' });
    expect(accounts.rows.map((r) => r['Account name'])).not.toContain('Fullx Secret AG');

    await makeLead(sales, { firstName: 'Lea', lastName: 'Fullxlead', company: 'Lead Co', email: 'lea@lead.example' });
    const leads = records(text(await sales.get(exportUrl({ filter: byName('lastName', 'Fullx'), layout: 'full' }, 'leads'))));
    expect(leads.rows[0]).toMatchObject({ 'First name': 'Lea', Company: 'Lead Co', 'E-mail': 'lea@lead.example', Owner: salesEmail });
    const deal = await makeDeal(sales, { name: 'Fullx deal', accountId: account.id, contactId: anna.id });
    const deals = records(text(await sales.get(exportUrl({ filter: byName('name', 'Fullx'), layout: 'full' }, 'deals'))));
    expect(deals.rows[0]).toMatchObject({ ID: deal.id, 'Deal name': 'Fullx deal', Account: 'Fullx Holding GmbH', 'Account ID': account.id, Contact: 'Anna Fullxa', 'Contact ID': anna.id });
  });

  it('refuses users without the export right, and the full layout of activities', async () => {
    const denied = await readonly.get(exportUrl({ filter, layout: 'full' }));
    expect(denied.statusCode).toBe(403);
    expect((await readonly.get(exportUrl({ filter, format: 'vcf' }))).statusCode).toBe(403);
    expect((await readonly.post('/api/v1/contacts/export', { selection: { all: true }, layout: 'full' })).statusCode).toBe(403);
    const activities = await admin.get(exportUrl({ layout: 'full' }, 'activities'));
    expect(activities.statusCode).toBe(400);
    expect(activities.json<ErrorBody>().error.fields?.layout).toContain('columns');
    expect((await admin.get(exportUrl({ layout: 'wide' }))).statusCode).toBe(400);
  });

  it('runs as a job that writes the same file', async () => {
    const res = await sales.post('/api/v1/contacts/export', { selection: { all: true, filter: JSON.parse(filter) as unknown }, layout: 'full' });
    expect(res.statusCode).toBe(202);
    let job = res.json<Job>();
    for (let i = 0; i < 400 && !['done', 'failed', 'cancelled'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await sales.get(`/api/v1/jobs/${job.id}`)).json<Job>();
    }
    expect(job).toMatchObject({ status: 'done', total: 2, processed: 2 });
    const file = await sales.get(job.downloadUrl ?? '');
    const direct = await sales.get(exportUrl({ filter, layout: 'full' }));
    expect(text(file)).toBe(text(direct));
  });
});

describe('the full layout as XLSX', () => {
  it('holds the same header and typed cells, guarded text included', async () => {
    const res = await sales.get(exportUrl({ filter, layout: 'full', format: 'xlsx' }));
    expect(res.statusCode).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    const rows = [...sheet.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].map((m) => m[2] ?? '');
    expect(rows).toHaveLength(3);
    const texts = (row: string) => [...row.matchAll(/<c r="([A-Z]+)\d+"[^>]*>([\s\S]*?)<\/c>/g)].map((m) => ({ col: m[1] ?? '', xml: m[2] ?? '' }));
    const header = texts(rows[0] ?? '').map((c) => /<t xml:space="preserve">([^<]*)<\/t>/.exec(c.xml)?.[1] ?? '');
    const csvHeader = records(text(await sales.get(exportUrl({ filter, layout: 'full' })))).header;
    expect(header).toEqual(csvHeader);
    const cellOf = (name: string) => {
      const col = texts(rows[0] ?? '')[header.indexOf(name)]?.col;
      return texts(rows[1] ?? '').find((c) => c.col === col)?.xml ?? '';
    };
    expect(cellOf('Budget')).toBe('<v>1200.5</v>');
    expect(cellOf('E-mail opt-out')).toBe('<v>0</v>');
    expect(cellOf('Phone 1 - Value')).toContain("'+49 151 5550101");
    expect(cellOf('E-mail 1 - Label')).toContain('* work');
    expect(cellOf('Position')).toContain('\'=HYPERLINK(&quot;x&quot;)');
    expect(cellOf('Customer since')).toBe('<v>45351</v>');
    expect(sheet).not.toContain('Fullxhidden');
  });
});
