import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/csv.ts';
import { isolatedEnv, runKontor, startServer, type RunningServer } from '../../test/process.ts';

/**
 * Issue #15's promise: export accounts and contacts, import the files into an empty instance, and the records are
 * the same. Both instances are real `kontor` processes; export and import run through the CLI (the same engines as
 * the web app). The second instance gets the same custom field first (fields are configuration, not records) and
 * the same administrator e-mail, so owners match.
 */

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const admin = { KONTOR_ADMIN_EMAIL: 'boss@example.com', KONTOR_ADMIN_PASSWORD: 'a-chosen-password' };

interface Instance {
  env: NodeJS.ProcessEnv;
  server: RunningServer;
  token: string;
}
async function instance(): Promise<Instance> {
  const isolated = await isolatedEnv();
  cleanups.push(isolated.cleanup);
  const env = { ...isolated.env, ...admin };
  const server = await startServer(env);
  cleanups.push(server.stop);
  const token = (await runKontor(['token', 'create', '--email', admin.KONTOR_ADMIN_EMAIL], env)).stdout.trim().split('\n').pop() ?? '';
  return { env, server, token };
}

async function post(i: { server: RunningServer; token: string }, route: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${i.server.url}/api/v1${route}`, { method: 'POST', headers: { authorization: `Bearer ${i.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** A full CSV export as records, without what differs between instances by nature: ids and stamps. */
function comparable(csv: string): Array<Record<string, string>> {
  const rows = parseCsv(csv);
  const [header = [], ...data] = rows;
  const differs = new Set(['ID', 'Account ID', 'Parent account ID', 'Created', 'Updated']);
  return data.map((r) => Object.fromEntries(header.flatMap((hd, n) => (differs.has(hd) ? [] : [[hd, r[n] ?? '']]))));
}

async function exportFile(env: NodeJS.ProcessEnv, module: string, format: 'csv' | 'xlsx' | 'vcf', file: string): Promise<void> {
  const res = await runKontor(['export', '--module', module, '--format', format, '--out', file], env);
  expect(res.code, res.stderr).toBe(0);
}
async function exportCsv(env: NodeJS.ProcessEnv, module: string, file: string): Promise<string> {
  await exportFile(env, module, 'csv', file);
  return fs.readFileSync(file, 'utf8');
}
async function importFile(env: NodeJS.ProcessEnv, file: string, module: string, ...options: string[]): Promise<void> {
  const res = await runKontor(['import', file, '--module', module, ...options], env);
  expect(res.code, `${res.stdout}\n${res.stderr}`).toBe(0);
  expect(res.stdout, res.stderr).toContain(' 0 failed');
}

const field = { module: 'contacts', key: 'budget', label: 'Budget', type: 'number' };
let dir = '';
let source: Instance;
let accountsBefore: Array<Record<string, string>>;
let contactsBefore: Array<Record<string, string>>;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-round-trip-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  source = await instance();
  await post(source, '/custom-fields', field);
  const holding = await post(source, '/accounts', {
    name: 'Rtx Holding GmbH',
    industry: 'technology',
    employees: 240,
    description: 'Parent company',
    fax: '+49 30 5550199',
    billingAddress: { street: 'Hauptstr. 1', city: 'Berlin', region: '', postalCode: '10115', country: 'DE' },
    tags: ['Key account'],
    phones: [{ label: 'work', value: '+49 30 5550100', primary: true }],
    websites: [{ label: 'website', value: 'https://holding.example', primary: true }],
  });
  await post(source, '/accounts', { name: 'Rtx Tochter SRL', parentAccountId: holding.id, emails: [{ label: 'work', value: 'office@tochter.example', primary: true }] });
  await post(source, '/contacts', {
    salutation: 'mrs',
    firstName: 'Ștefania',
    lastName: 'Rtxa',
    accountId: holding.id,
    position: 'Head of Sales',
    department: 'Sales',
    birthday: '--05-17',
    description: 'Prefers e-mail.\nClient since 2019; "VIP".',
    tags: ['Clienți', '供应商'],
    customFields: { budget: 1200.5 },
    emails: [
      { label: 'home', value: 'stefania@home.example', primary: false },
      { label: 'work', value: 'stefania@holding.example', primary: true },
    ],
    phones: [
      { label: 'mobile', value: '+40 721 555 010', primary: true },
      { label: 'Büro', value: '030 5550102', primary: false },
    ],
    websites: [{ label: 'linkedin', value: 'https://www.linkedin.com/in/stefania', primary: true }],
    addresses: [{ label: 'work', street: 'Hauptstr. 1', city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE', primary: true }],
  });
  await post(source, '/contacts', { firstName: 'Bert', lastName: 'Rtxb', emails: [{ label: 'other', value: 'bert@example.com', primary: true }] });

  accountsBefore = comparable(await exportCsv(source.env, 'accounts', file('accounts.csv')));
  contactsBefore = comparable(await exportCsv(source.env, 'contacts', file('contacts.csv')));
  expect(accountsBefore).toHaveLength(2);
  expect(contactsBefore).toHaveLength(2);
}, 120_000);

describe('export, then import into an empty instance', () => {
  it('gives the same accounts and contacts from CSV, and a second import updates them', async () => {
    const target = await instance();
    await post(target, '/custom-fields', field);
    await importFile(target.env, file('accounts.csv'), 'accounts');
    await importFile(target.env, file('contacts.csv'), 'contacts');
    expect(comparable(await exportCsv(target.env, 'accounts', file('csv-accounts-again.csv')))).toEqual(accountsBefore);
    expect(comparable(await exportCsv(target.env, 'contacts', file('csv-contacts-again.csv')))).toEqual(contactsBefore);

    // importing the same file again updates by source id instead of duplicating
    await importFile(target.env, file('contacts.csv'), 'contacts', '--dedupe', 'update');
    expect(comparable(await exportCsv(target.env, 'contacts', file('csv-contacts-third.csv')))).toEqual(contactsBefore);
  }, 180_000);

  it('gives the same accounts and contacts from XLSX', async () => {
    await exportFile(source.env, 'accounts', 'xlsx', file('accounts.xlsx'));
    await exportFile(source.env, 'contacts', 'xlsx', file('contacts.xlsx'));
    const target = await instance();
    await post(target, '/custom-fields', field);
    await importFile(target.env, file('accounts.xlsx'), 'accounts');
    await importFile(target.env, file('contacts.xlsx'), 'contacts');
    expect(comparable(await exportCsv(target.env, 'accounts', file('xlsx-accounts-again.csv')))).toEqual(accountsBefore);
    expect(comparable(await exportCsv(target.env, 'contacts', file('xlsx-contacts-again.csv')))).toEqual(contactsBefore);
  }, 180_000);

  it('gives the same contacts, as far as a card holds them, from vCard', async () => {
    await exportFile(source.env, 'contacts', 'vcf', file('contacts.vcf'));
    const target = await instance();
    await importFile(target.env, file('contacts.vcf'), 'contacts');
    // a card has no place for custom fields, owners, contact types, lead sources or opt-outs
    const onCards = (rows: Array<Record<string, string>>) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !['Budget', 'Owner', 'Contact type', 'Lead source', 'E-mail opt-out'].includes(k))));
    expect(onCards(comparable(await exportCsv(target.env, 'contacts', file('vcf-contacts-again.csv'))))).toEqual(onCards(contactsBefore));
  }, 180_000);
});
