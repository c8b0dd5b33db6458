import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { isolatedEnv, runKontor, startServer } from '../test/process.ts';

/** `kontor export` (issue #15): the same export as the API, to a file or standard output, as a user the command names. */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function api(url: string, token: string, method: string, route: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${url}${route}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

describe('kontor export', () => {
  it('writes every visible record to a file or to standard output, as the user named, and fails loudly', async () => {
    const isolated = await isolatedEnv();
    cleanups.push(isolated.cleanup);
    const e = { ...isolated.env, KONTOR_ADMIN_EMAIL: 'boss@example.com', KONTOR_ADMIN_PASSWORD: 'a-chosen-password' };
    const server = await startServer(e);
    cleanups.push(server.stop);
    expect((await runKontor(['user', 'create', '--email', 'viewer@example.com', '--password', 'viewer-password-1', '--role', 'readonly'], e)).code).toBe(0);
    const token = (await runKontor(['token', 'create', '--email', 'boss@example.com'], e)).stdout.trim().split('\n').pop() ?? '';
    const account = await api(server.url, token, 'POST', '/api/v1/accounts', { name: 'Clix Werke GmbH' });
    const contact = await api(server.url, token, 'POST', '/api/v1/contacts', {
      firstName: 'Ștefan',
      lastName: 'Clixa',
      accountId: account.id,
      emails: [{ label: 'work', value: 'stefan@clix.example', primary: true }],
      phones: [{ label: 'mobile', value: '+40 721 555 010', primary: true }],
      tags: ['Clienți'],
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-export-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));

    // CSV to a file, full layout by default, as the first administrator
    const csvFile = path.join(dir, 'contacts.csv');
    const csv = await runKontor(['export', '--module', 'contacts', '--format', 'csv', '--out', csvFile], e);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe('');
    expect(csv.stderr).toContain('Exported 1 contacts to');
    const written = fs.readFileSync(csvFile, 'utf8');
    const [header, row] = written.split('\r\n');
    expect(header?.split(',').slice(0, 6)).toEqual(['ID', 'Salutation', 'First name', 'Last name', 'Account', 'Account ID']);
    expect(header).toContain('E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value');
    expect(row).toContain(`${contact.id},,Ștefan,Clixa,Clix Werke GmbH,${account.id},`);
    expect(row).toContain("* work,stefan@clix.example,* mobile,'+40 721 555 010");
    expect(row).toContain('Clienți');

    // vCard to standard output: the file and nothing else
    const vcf = await runKontor(['export', '--module', 'contacts', '--format', 'vcf'], e);
    expect(vcf.code, vcf.stderr).toBe(0);
    expect(vcf.stdout.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(vcf.stdout.trimEnd().endsWith('END:VCARD')).toBe(true);
    expect(vcf.stdout).toContain('EMAIL');
    expect(vcf.stdout).toContain('stefan@clix.example');
    expect(vcf.stderr).toContain('Exported 1 contacts (vcf, full layout, as boss@example.com)');

    // XLSX of the list columns, as a named user
    const xlsxFile = path.join(dir, 'accounts.xlsx');
    const xlsx = await runKontor(['export', '--module', 'accounts', '--format', 'xlsx', '--layout', 'columns', '--out', xlsxFile, '--user', 'boss@example.com'], e);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const sheet = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(xlsxFile)))['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet).toContain('Clix Werke GmbH');

    // failures: exit 1, a message, no file left behind
    const unknown = await runKontor(['export', '--module', 'contacts', '--format', 'csv', '--user', 'nobody@example.com'], e);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No active user with e-mail nobody@example.com');
    expect(unknown.stdout).toBe('');
    const denied = await runKontor(['export', '--module', 'contacts', '--format', 'csv', '--user', 'viewer@example.com', '--out', path.join(dir, 'denied.csv')], e);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('does not allow you to export contacts');
    expect(fs.existsSync(path.join(dir, 'denied.csv'))).toBe(false);
    const badFormat = await runKontor(['export', '--module', 'contacts', '--format', 'pdf'], e);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('--format');
    const badModule = await runKontor(['export', '--module', 'activities', '--format', 'csv'], e);
    expect(badModule.code).toBe(1);
    expect(badModule.stderr).toContain('--module must be one of: accounts, contacts, leads, deals');
    const vcfLeads = await runKontor(['export', '--module', 'leads', '--format', 'vcf'], e);
    expect(vcfLeads.code).toBe(1);
    expect(vcfLeads.stderr).toContain('vCard export is for accounts and contacts');
    const noFolder = await runKontor(['export', '--module', 'contacts', '--format', 'csv', '--out', path.join(dir, 'missing', 'x.csv')], e);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain('Cannot write');
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  }, 120_000);
});
