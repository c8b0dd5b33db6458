import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import type { Contact } from '@kontor/contract/contacts';
import type { Module } from '@kontor/contract/custom-fields';
import { exportJobRequestSchema, listColumns, type Job } from '@kontor/contract/views';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeAccount, makeActivity, makeContact, makeDeal, makeLead } from '../../test/factories.ts';
import { loadActor } from '../permissions/load-actor.ts';
import { findUserRow } from '../users/users.repository.ts';
import { multiKeysetFor } from '../records/multi-keyset.ts';
import { listSortColumns } from '../views/sort-columns.ts';
import { selectionWhere } from '../views/selection.ts';
import { csvRecord } from './csv-writer.ts';
import { guardText } from './cell-guard.ts';
import { standardColumn } from './export-columns.ts';
import { exportRowPages } from './export-rows.ts';
import { runExportJob } from './export.service.ts';
import type { RunningJob } from '../jobs/jobs.runner.ts';
import { columnLetters, dateSerial, xlsxCell, xmlText } from './xlsx-writer.ts';

const { h, admin } = useHarness();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const filter = JSON.stringify({ match: 'all', conditions: [{ field: 'lastName', op: 'startsWith', value: 'Export' }] });
const enc = encodeURIComponent;
const exportUrl = (params: Record<string, string>, module: Module = 'contacts') => `/api/v1/${module}/export?${new URLSearchParams(params).toString()}`;
const text = (res: LightMyRequestResponse) => res.rawPayload.toString('utf8');
const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sales: TestClient;
let readonly: TestClient;
let c1: Contact;
let c2: Contact;
let hidden: Contact;

beforeAll(async () => {
  sales = await h.client('sales');
  readonly = await h.client('readonly');
  const fields = [
    { key: 'score', label: 'Score', type: 'number' },
    { key: 'note', label: '=Notes', type: 'longtext' },
    { key: 'kinds', label: 'Kinds', type: 'multiselect', options: ['A', 'B'] },
    { key: 'since', label: 'Since', type: 'date' },
    { key: 'vip', label: 'VIP', type: 'checkbox' },
    { key: 'code', label: 'Code', type: 'text' },
  ];
  for (const f of fields) {
    const res = await admin.post('/api/v1/custom-fields', { module: 'contacts', ...f });
    if (res.statusCode !== 201) throw new Error(`custom field ${f.key}: ${res.statusCode} ${res.body}`);
  }
  const hiddenAccount = await makeAccount(admin, { name: 'Secret Holding', restrictedTo: [] });
  c1 = await makeContact(admin, {
    firstName: 'Anna',
    lastName: 'Exporta',
    position: 'He said "hi", then\nleft; ok, really',
    tags: ['T2', 'T1'],
    customFields: { score: -5, note: '\tTabbed', kinds: ['A', 'B'], since: '2024-02-29', vip: true, code: '-5' },
  });
  c2 = await makeContact(admin, {
    firstName: '=1+1',
    lastName: 'Exportb',
    position: '+49 30 1234567',
    department: '-5',
    customFields: { score: 12.5, note: '\rCR', vip: false, code: '@x' },
  });
  await makeContact(admin, { firstName: '@x', lastName: 'Exportc', position: 'a,b', accountId: hiddenAccount.id });
  hidden = await makeContact(admin, { firstName: 'Nobody', lastName: 'Exporthidden', restrictedTo: [] });
  await makeContact(admin, { firstName: 'Not', lastName: 'Other' });
});

describe('the writers', () => {
  it('guards text that a spreadsheet would read as a formula, and nothing else', () => {
    for (const risky of ['=1+1', '+49 30 1234567', '-5', '@x', '\tTabbed', '\rCR']) expect(guardText(risky)).toBe(`'${risky}`);
    for (const safe of ['Anna', ' =spaced', '5', '', "'quoted"]) expect(guardText(safe)).toBe(safe);
  });

  it('quotes CSV fields as RFC 4180 asks; numbers and booleans are not text', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\ronly', null, -5, 12.5, true, false], ',')).toBe('a,"b,c","say ""hi""","two\nlines","cr\ronly",,-5,12.5,true,false\r\n');
    expect(csvRecord(['b,c', 'x;y', '-5'], ';')).toBe('b,c;"x;y";\'-5\r\n');
    expect(csvRecord(['\tTabbed', 'a b'], '\t')).toBe('"\'\tTabbed"\ta b\r\n');
  });

  it('writes XLSX cells by type', () => {
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
    expect(columnLetters(701)).toBe('ZZ');
    expect(columnLetters(702)).toBe('AAA');
    expect(dateSerial('2024-02-29', 'date')).toBe(45351);
    expect(dateSerial('1970-01-01T12:00:00.000Z', 'datetime')).toBe(25569.5);
    expect(dateSerial('1899-05-01', 'date')).toBeNull();
    expect(dateSerial('--05-17', 'date')).toBeNull();
    expect(xlsxCell('A1', -5, 'number')).toBe('<c r="A1"><v>-5</v></c>');
    expect(xlsxCell('A1', '-5', 'text')).toBe('<c r="A1" t="inlineStr"><is><t xml:space="preserve">\'-5</t></is></c>');
    expect(xlsxCell('A1', true, 'boolean')).toBe('<c r="A1" t="b"><v>1</v></c>');
    // not a full date: text, and guarded like any text that starts with -
    expect(xlsxCell('A1', '--05-17', 'date')).toContain('<t xml:space="preserve">\'--05-17</t>');
    expect(xlsxCell('A1', null, 'text')).toBe('');
    expect(xmlText('a<b>&"c"\u0000\u0007\ud800z')).toBe('a&lt;b&gt;&amp;&quot;c&quot;z');
  });

  it('has an English label for every list column of every module', () => {
    for (const [module, keys] of Object.entries(listColumns)) for (const key of keys) expect(standardColumn(module as Module, key)?.label, `${module}.${key}`).toBeTruthy();
  });
});

describe('CSV export', () => {
  const columns = 'lastName,firstName,position,department,customFields.score,customFields.note,customFields.kinds,customFields.since,customFields.vip,customFields.code,tags,accountName';

  it('writes the filtered records the user may see, in the chosen columns and order, guarded and quoted', async () => {
    const res = await sales.get(exportUrl({ filter, columns }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="contacts-${today()}.csv"; filename*=UTF-8''contacts-${today()}.csv`);
    expect(text(res)).toBe(
      [
        "Last name,First name,Position,Department,Score,'=Notes,Kinds,Since,VIP,Code,Tags,Account\r\n",
        'Exporta,Anna,"He said ""hi"", then\nleft; ok, really",,-5,\'\tTabbed,A; B,2024-02-29,true,\'-5,T1; T2,\r\n',
        'Exportb,\'=1+1,\'+49 30 1234567,\'-5,12.5,"\'\rCR",,,false,\'@x,,\r\n',
        // the account is hidden from the salesperson: left empty, never named
        'Exportc,\'@x,"a,b",,,,,,,,,\r\n',
      ].join(''),
    );
    expect(text(res)).not.toContain('Exporthidden');
    expect(text(res)).not.toContain('Secret Holding');
  });

  it('shows an administrator every record and the account names they may see', async () => {
    const res = await admin.get(exportUrl({ filter, columns: 'lastName,accountName' }));
    expect(res.statusCode).toBe(200);
    expect(text(res)).toBe('Last name,Account\r\nExporta,\r\nExportb,\r\nExportc,Secret Holding\r\nExporthidden,\r\n');
  });

  it('takes the delimiter, the byte order mark and the sort', async () => {
    const res = await sales.get(exportUrl({ filter, columns: 'lastName,position,customFields.note', delimiter: 'semicolon', bom: 'true', sort: '-lastName' }));
    expect(res.statusCode).toBe(200);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.rawPayload.subarray(3).toString('utf8')).toBe(
      "Last name;Position;'=Notes\r\nExportc;a,b;\r\nExportb;'+49 30 1234567;\"'\rCR\"\r\nExporta;\"He said \"\"hi\"\", then\nleft; ok, really\";'\tTabbed\r\n",
    );
    const tab = await sales.get(exportUrl({ filter, columns: 'lastName,customFields.note', delimiter: 'tab' }));
    expect(text(tab)).toBe("Last name\t'=Notes\r\nExporta\t\"'\tTabbed\"\r\nExportb\t\"'\rCR\"\r\nExportc\t\r\n");
    expect(text(tab).charCodeAt(0)).toBe('L'.charCodeAt(0));
  });

  it("exports the default columns when none are named, and takes the search and the letter as the list does", async () => {
    const res = await sales.get(exportUrl({ filter }));
    expect(res.statusCode).toBe(200);
    expect(text(res).split('\r\n')[0]).toBe('Full name,Account,Position,Primary e-mail,Primary phone,Owner,Contact type,Tags');
    const letter = await sales.get(exportUrl({ letter: 'O', columns: 'lastName' }));
    expect(text(letter)).toBe('Last name\r\nOther\r\n');
    const q = await sales.get(exportUrl({ q: 'Exportb', columns: 'lastName' }));
    expect(text(q)).toBe('Last name\r\nExportb\r\n');
  });

  it('refuses unknown columns naming the allowed ones, bad filters, and users without the export right', async () => {
    const bad = await sales.get(exportUrl({ columns: 'lastName,nope' }));
    expect(bad.statusCode).toBe(400);
    const message = bad.json<ErrorBody>().error.fields?.['columns.1'] ?? '';
    expect(message).toContain('unknown column "nope"');
    expect(message).toContain('lastName');
    expect(message).toContain('customFields.score');
    expect((await sales.get(exportUrl({ columns: 'lastName,lastName' }))).statusCode).toBe(400);
    expect((await sales.get(exportUrl({ filter: '{"match":"all","conditions":[{"field":"nope","op":"is","value":"x"}]}' }))).statusCode).toBe(400);
    expect((await sales.get(exportUrl({ sort: 'nope' }))).statusCode).toBe(400);
    expect((await sales.get(`/api/v1/contacts/export?filter=${enc('{not json')}`)).statusCode).toBe(400);
    const denied = await readonly.get(exportUrl({ filter }));
    expect(denied.statusCode).toBe(403);
    expect(denied.json<ErrorBody>().error.code).toBe('forbidden');
    expect((await readonly.post('/api/v1/contacts/export', { selection: { all: true }, format: 'csv' })).statusCode).toBe(403);
  });

  it('records the export in the audit log', async () => {
    await sales.get(exportUrl({ filter, columns: 'lastName' }));
    const log = await admin.get('/api/v1/audit-log?action=export');
    expect(log.statusCode).toBe(200);
    const entries = log.json<{ data: Array<{ action: string; actor: { id: string } | null }> }>().data;
    expect(entries.some((e) => e.action === 'export' && e.actor?.id === sales.userId)).toBe(true);
  });
});

describe('XLSX export', () => {
  it('is a workbook whose cells carry their types, guarded text included', async () => {
    const res = await sales.get(exportUrl({ filter, format: 'xlsx', columns: 'lastName,firstName,customFields.score,customFields.vip,customFields.since,createdAt,customFields.note,tags' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename="contacts-${today()}.xlsx"`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    const rows = [...sheet.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)].map((m) => m[2] ?? '');
    expect(rows).toHaveLength(4);
    const cell = (row: number, col: string) => new RegExp(`<c r="${col}${row}"[^>]*>[\\s\\S]*?</c>`).exec(rows[row - 1] ?? '')?.[0] ?? '';
    const str = (v: string) => `<is><t xml:space="preserve">${v}</t></is>`;
    expect(cell(1, 'A')).toContain(str('Last name'));
    expect(cell(1, 'G')).toContain(str("'=Notes"));
    expect(cell(2, 'A')).toBe(`<c r="A2" t="inlineStr">${str('Exporta')}</c>`);
    expect(cell(2, 'C')).toBe('<c r="C2"><v>-5</v></c>');
    expect(cell(2, 'D')).toBe('<c r="D2" t="b"><v>1</v></c>');
    expect(cell(2, 'E')).toBe('<c r="E2" s="1"><v>45351</v></c>');
    expect(cell(2, 'F')).toMatch(/^<c r="F2" s="2"><v>4\d{4}\.\d+<\/v><\/c>$/);
    expect(cell(2, 'G')).toContain(str("'\tTabbed"));
    expect(cell(2, 'H')).toContain(str('T1; T2'));
    expect(cell(3, 'B')).toContain(str("'=1+1"));
    expect(cell(3, 'C')).toBe('<c r="C3"><v>12.5</v></c>');
    expect(cell(3, 'D')).toBe('<c r="D3" t="b"><v>0</v></c>');
    expect(cell(3, 'G')).toContain(str("'\rCR"));
    expect(cell(4, 'B')).toContain(str("'@x"));
    expect(sheet).not.toContain('Exporthidden');
    expect(strFromU8(files['xl/workbook.xml'] ?? new Uint8Array())).toContain('<sheet name="Contacts" sheetId="1" r:id="rId1"/>');
  });
});

describe('export jobs', () => {
  async function waitForJob(client: TestClient, id: string): Promise<Job> {
    const until = Date.now() + 20_000;
    for (;;) {
      const job = (await client.get(`/api/v1/jobs/${id}`)).json<Job>();
      if (['done', 'failed', 'cancelled'].includes(job.status)) return job;
      if (Date.now() > until) throw new Error(`job ${id} still ${job.status}`);
      await sleep(50);
    }
  }

  it('writes the same file as the direct download, with progress and a download link', async () => {
    const columns = ['lastName', 'firstName', 'position', 'customFields.note', 'tags'];
    const res = await sales.post('/api/v1/contacts/export', { selection: { all: true, filter: JSON.parse(filter) as unknown }, format: 'csv', delimiter: 'semicolon', bom: true, columns });
    expect(res.statusCode).toBe(202);
    const queued = res.json<Job>();
    expect(queued).toMatchObject({ kind: 'export', module: 'contacts', action: 'csv', total: 3 });
    const job = await waitForJob(sales, queued.id);
    expect(job).toMatchObject({ status: 'done', processed: 3, succeeded: 3, skipped: 0, fileName: `contacts-${today()}.csv`, downloadUrl: `/api/v1/jobs/${queued.id}/download` });
    const file = await sales.get(job.downloadUrl ?? '');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    const direct = await sales.get(exportUrl({ filter, columns: columns.join(','), delimiter: 'semicolon', bom: 'true' }));
    expect(file.rawPayload.equals(direct.rawPayload)).toBe(true);
    expect(file.rawPayload.toString('utf8')).not.toContain('Exporthidden');
  });

  it('takes picked ids (only those the user may see) and writes XLSX', async () => {
    const res = await sales.post('/api/v1/contacts/export', { selection: { ids: [c2.id, hidden.id, c1.id] }, format: 'xlsx', columns: ['lastName'] });
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(sales, res.json<Job>().id);
    expect(job).toMatchObject({ status: 'done', total: 2, processed: 2 });
    const file = await sales.get(job.downloadUrl ?? '');
    const sheet = strFromU8(unzipSync(new Uint8Array(file.rawPayload))['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect([...sheet.matchAll(/<t xml:space="preserve">([^<]*)<\/t>/g)].map((m) => m[1])).toEqual(['Last name', 'Exporta', 'Exportb']);
  });

  it('refuses a bad request before queueing anything', async () => {
    const jobsBefore = (await sales.get('/api/v1/jobs')).json<{ data: Job[] }>().data.length;
    const bad = await sales.post('/api/v1/contacts/export', { selection: { all: true }, format: 'csv', columns: ['lastName', 'nope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.fields?.['columns.1']).toContain('one of: ');
    const badView = await sales.post('/api/v1/contacts/export', { selection: { all: true, view: 'system.nope' }, format: 'xlsx' });
    expect(badView.statusCode).toBe(400);
    expect((await sales.get('/api/v1/jobs')).json<{ data: Job[] }>().data).toHaveLength(jobsBefore);
  });

  it("keeps another user's export file to its owner", async () => {
    const res = await sales.post('/api/v1/contacts/export', { selection: { all: true }, format: 'csv', columns: ['lastName'] });
    const job = await waitForJob(sales, res.json<Job>().id);
    const other = await h.client('sales');
    expect((await other.get(job.downloadUrl ?? '')).statusCode).toBe(404);
  });
});

describe('a cancelled export job', () => {
  it('stops at the next page and leaves no file', async () => {
    const user = await findUserRow(h.database.db, Number(sales.userId));
    if (!user) throw new Error('no user');
    const actor = await loadActor(h.database.db, user, 'token', null);
    const written: Uint8Array[] = [];
    const progress: number[] = [];
    let asked = 0;
    const job: RunningJob = {
      id: 2_000_000_000,
      userId: actor.id,
      actor,
      module: 'contacts',
      action: 'csv',
      payload: null,
      progress: async (p) => void progress.push(p.processed),
      cancelled: async () => (asked += 1) >= 1,
      writeFile: async (_name, _mime, source) => {
        for await (const chunk of source) written.push(chunk);
        return written.reduce((n, c) => n + c.byteLength, 0);
      },
    };
    const req = exportJobRequestSchema.parse({ selection: { all: true, filter: JSON.parse(filter) as unknown }, columns: ['lastName'] });
    await runExportJob(h.database.db, job, req, 1);
    const csv = Buffer.concat(written).toString('utf8');
    expect(csv).toBe('Last name\r\nExporta\r\n');
    expect(progress).toEqual([0, 1]);
  });
});

describe('the walk', () => {
  it('pages through the selection in the sort order without losing or repeating a row', async () => {
    const user = await findUserRow(h.database.db, Number(sales.userId));
    if (!user) throw new Error('no user');
    const actor = await loadActor(h.database.db, user, 'token', null);
    const where = await selectionWhere(h.database.db, actor, 'contacts', { all: true, filter: JSON.parse(filter) as never });
    for (const sort of ['-lastName', 'firstName,-createdAt', 'createdAt']) {
      const keyset = multiKeysetFor(sort, listSortColumns(actor, 'contacts'), 'contacts.id');
      const pages: string[][] = [];
      for await (const page of exportRowPages(h.database.db, actor, { module: 'contacts', where, keyset, columns: [{ key: 'lastName' }] }, 1)) pages.push(page.map((r) => String(r[0])));
      const names = pages.flat();
      expect(pages.every((p) => p.length <= 1)).toBe(true);
      expect([...names].sort()).toEqual(['Exporta', 'Exportb', 'Exportc']);
      if (sort === '-lastName') expect(names).toEqual(['Exportc', 'Exportb', 'Exporta']);
    }
  });
});

describe('every module', () => {
  it('exports every list column of every module on this engine', async () => {
    const account = await makeAccount(admin, { name: 'All Columns AG', billingAddress: { city: 'Köln', country: 'DE' } });
    const contact = await makeContact(admin, { lastName: 'Allcols', accountId: account.id });
    const deal = await makeDeal(admin, { name: 'Allcols deal', accountId: account.id, contactId: contact.id, expectedCloseDate: '2030-01-15' });
    await makeActivity(admin, { subject: 'Allcols call', accountId: account.id, contactId: contact.id, dealId: deal.id, tags: ['x'] });
    await makeLead(admin, { lastName: 'Allcols lead' });
    for (const module of Object.keys(listColumns) as Module[]) {
      const keys = listColumns[module];
      const res = await admin.get(exportUrl({ columns: keys.join(',') }, module));
      expect(res.statusCode, `${module}: ${res.body.slice(0, 300)}`).toBe(200);
      const lines = text(res).split('\r\n');
      expect(lines[0]).toBe(keys.map((k) => standardColumn(module, k)?.label).join(','));
      expect(lines.length, module).toBeGreaterThan(2);
      const xlsx = await admin.get(exportUrl({ columns: keys.join(','), format: 'xlsx' }, module));
      expect(xlsx.statusCode, module).toBe(200);
    }
    const deals = text(await admin.get(exportUrl({ columns: 'name,accountName,contactName,amount,currency,pipelineName,stageName,probability,status,expectedCloseDate' }, 'deals')));
    expect(deals).toContain(`Allcols deal,All Columns AG,${contact.fullName},${deal.amount},EUR,${deal.pipelineName},${deal.stageName},${deal.probability},open,2030-01-15\r\n`);
    const activities = text(await admin.get(exportUrl({ columns: 'subject,account,contact,deal,tags,done' }, 'activities')));
    expect(activities).toContain(`Allcols call,All Columns AG,${contact.fullName},Allcols deal,x,false\r\n`);
    const accounts = text(await admin.get(exportUrl({ columns: 'name,billingCity,billingCountry,isCustomer', filter: JSON.stringify({ match: 'all', conditions: [{ field: 'name', op: 'is', value: 'All Columns AG' }] }) }, 'accounts')));
    expect(accounts).toBe('Account name,Billing city,Billing country,Customer\r\nAll Columns AG,Köln,DE,false\r\n');
  });
});
