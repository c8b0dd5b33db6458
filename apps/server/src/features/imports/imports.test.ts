import { beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { Contact } from '@kontor/contract/contacts';
import type { Import, ImportPreview, ImportTemplate } from '@kontor/contract/imports';
import type { TimelinePage } from '@kontor/contract/timeline';
import { makeAccount, makeContact, multipartFile } from '../../test/factories.ts';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { fixture, problemsOf, runImport, uploadImport, waitForImport } from './import-test-kit.ts';

/**
 * The import API end to end (issue #15): upload and detection, mapping and options with their refusals, preview and
 * dry run (nothing written), the run with its report, duplicates (skip, fill, overwrite, create), the timeline entry,
 * templates, undo (and what it keeps), rights, and hostile files. Runs on both engines.
 */

const { h, admin } = useHarness();
const csv = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));
const u = () => Math.random().toString(36).slice(2, 8);
type ErrorBody = { error: { code: string; details?: { fields?: Record<string, { code: string }>; reason?: string } } };
const fileCode = (res: { json<T>(): T }) => res.json<ErrorBody>().error.details?.fields?.file?.code;

async function contactByEmail(c: TestClient, email: string): Promise<Contact | undefined> {
  const filter = encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'primaryEmail', op: 'is', value: email }] }));
  const list = (await c.get(`/api/v1/contacts?filter=${filter}`)).json<{ data: Array<{ id: string }> }>().data;
  const first = list[0];
  return first ? (await c.get(`/api/v1/contacts/${first.id}`)).json<Contact>() : undefined;
}

let sales: TestClient;
beforeAll(async () => {
  sales = await h.client('sales');
});

describe('upload and detection', () => {
  it('reads an Outlook export as a draft: format, encoding, layout, columns with samples and a suggested mapping', async () => {
    const imp = await uploadImport(admin, 'contacts', 'outlook.csv', fixture('outlook_en_2016_contacts.csv'));
    expect(imp).toMatchObject({ status: 'draft', format: 'csv', encoding: 'windows-1252', delimiter: ',', layout: 'outlook', module: 'contacts' });
    const byHeader = new Map(imp.columns.map((c) => [c.header, c]));
    expect(byHeader.get('First Name')?.target).toBe('field:firstName');
    expect(byHeader.get('E-mail Address')?.target).toMatch(/^email:/);
    expect(byHeader.get('Last Name')?.samples.length).toBeGreaterThan(0);
    const targets = (await admin.get(`/api/v1/imports/${imp.id}/targets`)).json<{ data: Array<{ target: string }> }>().data;
    expect(targets.map((t) => t.target)).toEqual(expect.arrayContaining(['field:firstName', 'company', 'tags', 'sourceId']));
  });

  it('refuses files it cannot read, with a code, and keeps nothing', async () => {
    const before = (await admin.get('/api/v1/imports?limit=200')).json<{ data: Import[] }>().data.length;
    const upload = (name: string, content: Buffer) => admin.raw({ method: 'POST', url: '/api/v1/imports?module=contacts', ...multipartFile(name, content) });
    const empty = await upload('empty.csv', Buffer.alloc(0));
    expect([empty.statusCode, fileCode(empty)]).toEqual([400, 'empty_file']);
    const bomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><contacts><contact><firstName>&b;</firstName></contact></contacts>`;
    const xml = await upload('bomb.xml', Buffer.from(bomb));
    expect([xml.statusCode, fileCode(xml)]).toEqual([400, 'xml_entities']);
    // A zip bomb disguised as a workbook: one sheet of 300 MB of zeros.
    const zip = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/workbook.xml': new TextEncoder().encode('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'), 'xl/worksheets/sheet1.xml': new Uint8Array(300 * 1024 * 1024) }, { level: 9 });
    const xlsx = await upload('bomb.xlsx', Buffer.from(zip));
    expect(xlsx.statusCode).toBe(400);
    expect(['zip_bomb', 'zip_malformed']).toContain(fileCode(xlsx));
    const fake = await upload('fake.xlsx', Buffer.from('not a zip at all'));
    expect([fake.statusCode, fileCode(fake)]).toEqual([400, 'zip_malformed']);
    const none = await admin.raw({ method: 'POST', url: '/api/v1/imports?module=contacts', payload: { x: 1 } });
    expect(none.statusCode).toBe(415);
    expect((await admin.raw({ method: 'POST', url: '/api/v1/imports?module=activities', ...multipartFile('a.csv', csv('Name\nx\n')) })).statusCode).toBe(400);
    expect((await admin.get('/api/v1/imports?limit=200')).json<{ data: Import[] }>().data.length).toBe(before);
  }, 60_000);

  it('takes the right to import from the profile, and shows an import only to its user and administrators', async () => {
    const viewOnly = (await admin.post('/api/v1/profiles', { name: `no import ${u()}`, rights: { modules: { accounts: ['view', 'create'], contacts: ['view', 'create'] }, admin: [] } })).json<{ id: string }>();
    const plain = await h.client('sales', { profileId: viewOnly.id });
    const refused = await plain.raw({ method: 'POST', url: '/api/v1/imports?module=contacts', ...multipartFile('a.csv', csv('First Name\nAda\n')) });
    expect(refused.statusCode).toBe(403);
    const importer = (await admin.post('/api/v1/profiles', { name: `importer ${u()}`, rights: { modules: { accounts: ['view', 'create', 'import'], contacts: ['view', 'create', 'import'] }, admin: [] } })).json<{ id: string }>();
    const other = await h.client('sales', { profileId: importer.id });
    const mine = await uploadImport(other, 'contacts', 'mine.csv', csv('First Name,Last Name\nAda,Lovelace\n'));
    expect((await plain.get(`/api/v1/imports/${mine.id}`)).statusCode).toBe(404);
    expect((await sales.get(`/api/v1/imports/${mine.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/imports/${mine.id}`)).statusCode).toBe(200);
    expect((await other.get('/api/v1/imports')).json<{ data: Import[] }>().data.every((i) => i.user.id === other.userId)).toBe(true);
  });
});

describe('mapping and options', () => {
  it('refuses an unknown target, a column that does not exist and a bad region, and changes nothing', async () => {
    const imp = await uploadImport(admin, 'contacts', 'm.csv', csv('Vorname,Nachname,Farbe\nAda,Lovelace,blau\n'));
    const bad = await admin.patch(`/api/v1/imports/${imp.id}`, { mapping: [{ column: 2, target: 'field:nonsense' }, { column: 9, target: 'field:firstName' }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ error: { fields: Record<string, unknown> } }>().error.fields)).toEqual(expect.arrayContaining(['mapping.0.target', 'mapping.1.column']));
    expect((await admin.patch(`/api/v1/imports/${imp.id}`, { mapping: [{ column: 2, target: 'custom:no_such_field' }] })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/imports/${imp.id}`, { options: { region: 'germany' } })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/imports/${imp.id}`, { options: { defaults: { ownerId: '2147483648' } } })).statusCode).toBe(400);
    const after = (await admin.get(`/api/v1/imports/${imp.id}`)).json<Import>();
    expect(after.columns.map((c) => c.target)).toEqual(imp.columns.map((c) => c.target));
    expect(after.columns[0]?.target).toBe('field:firstName');
  });

  it('saves a mapping as a template and applies it to the next file by header name', async () => {
    const name = `Farben ${u()}`;
    const saved = await admin.post('/api/v1/import-templates', { name, module: 'contacts', columns: [{ header: 'Farbe', target: 'tags' }, { header: 'Name', target: 'fullName' }] });
    expect(saved.statusCode).toBe(201);
    const template = saved.json<ImportTemplate>();
    const imp = await uploadImport(admin, 'contacts', 't.csv', csv('Name,Farbe\nAda Lovelace,blau\n'));
    const applied = (await admin.patch(`/api/v1/imports/${imp.id}`, { templateId: template.id })).json<Import>();
    expect(applied.columns.map((c) => c.target)).toEqual(['fullName', 'tags']);
    expect((await admin.get('/api/v1/import-templates?module=contacts')).json<{ data: ImportTemplate[] }>().data.some((t) => t.name === name)).toBe(true);
    expect((await sales.get('/api/v1/import-templates?module=contacts')).json<{ data: ImportTemplate[] }>().data.some((t) => t.name === name)).toBe(false);
    expect((await admin.delete(`/api/v1/import-templates/${template.id}`)).statusCode).toBe(204);
  });
});

describe('preview, dry run and run', () => {
  it('previews rows as they will be stored and writes nothing; a dry run counts and writes nothing', async () => {
    const email = `preview-${u()}@example.com`;
    const imp = await uploadImport(admin, 'contacts', 'p.csv', csv(`First Name,Last Name,E-mail Address,Birthday\nAda,Lovelace,${email},12/10/1815\nBad,Date,bad-${email},31/31/2020\n`));
    const preview = (await admin.post(`/api/v1/imports/${imp.id}/preview`, { limit: 10 })).json<ImportPreview>();
    expect(preview.rows.map((r) => r.outcome)).toEqual(['create', 'fail']);
    expect(preview.rows[0]?.values.emails).toContain(email);
    expect(preview.rows[1]?.problems[0]).toMatchObject({ line: 3, column: 'Birthday', outcome: 'failed' });
    expect(await contactByEmail(admin, email)).toBeUndefined();
    const start = await admin.post(`/api/v1/imports/${imp.id}/start`, { dryRun: true });
    expect(start.statusCode).toBe(202);
    const dry = await waitForImport(admin, imp.id);
    expect(dry).toMatchObject({ status: 'done', dryRun: true, counts: { created: 1, failed: 1 }, canUndo: false });
    expect(await contactByEmail(admin, email)).toBeUndefined();
    // After a dry run the same import runs for real.
    expect((await admin.post(`/api/v1/imports/${imp.id}/start`, {})).statusCode).toBe(202);
    const real = await waitForImport(admin, imp.id);
    expect(real).toMatchObject({ status: 'done', dryRun: false, counts: { created: 1, failed: 1 }, canUndo: true });
    const stored = await contactByEmail(admin, email);
    expect(stored).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', birthday: '1815-12-10' });
    // One timeline entry naming the import.
    const timeline = (await admin.get(`/api/v1/contacts/${stored?.id}/timeline`)).json<TimelinePage>();
    const created = timeline.data.filter((e) => e.kind === 'created');
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created[0])).toContain('p.csv');
    // The report: a CSV of the rows reported.
    const report = await admin.get(`/api/v1/imports/${imp.id}/report.csv`);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body).toContain('3,Birthday,failed,birthday');
    // Once run, its mapping is fixed and it cannot be run again.
    expect((await admin.patch(`/api/v1/imports/${imp.id}`, { options: { region: 'DE' } })).statusCode).toBe(422);
    expect((await admin.post(`/api/v1/imports/${imp.id}/start`, {})).statusCode).toBe(422);
  });
});

describe('duplicates', () => {
  it('skips, fills in, overwrites or creates, as chosen; never moves a contact to another account', async () => {
    const account = await makeAccount(admin, { name: `Dup Co ${u()}` });
    const email = `dup-${u()}@example.com`;
    const existing = await makeContact(admin, { firstName: 'Grace', lastName: 'Hopper', position: null, department: 'Navy', accountId: account.id, emails: [{ label: 'work', value: email, primary: true }] });
    const file = csv(`First Name,Last Name,E-mail Address,Job Title,Department,Company,Mobile Phone\nGrace,Hopper,${email.toUpperCase()},Rear Admiral,Research,Other Co ${u()},+1 202 555 0100\n`);
    const skip = await runImport(admin, 'contacts', 's.csv', file, { options: { dedupe: { mode: 'skip', matchOn: ['email'] } } });
    expect(skip.counts).toMatchObject({ created: 0, skipped: 1 });
    expect((await problemsOf(admin, skip.id))[0]).toMatchObject({ line: 2, code: 'duplicate', outcome: 'skipped' });
    const fill = await runImport(admin, 'contacts', 'f.csv', file, { options: { dedupe: { mode: 'update_empty', matchOn: ['email'] } } });
    expect(fill.counts).toMatchObject({ updated: 1, created: 0 });
    let now = (await admin.get(`/api/v1/contacts/${existing.id}`)).json<Contact>();
    expect(now).toMatchObject({ position: 'Rear Admiral', department: 'Navy', accountId: account.id });
    expect(now.phones.map((p) => p.value)).toContain('+1 202 555 0100');
    expect(now.emails).toHaveLength(1);
    const overwrite = await runImport(admin, 'contacts', 'o.csv', file, { options: { dedupe: { mode: 'update_overwrite', matchOn: ['email'] } } });
    expect(overwrite.counts).toMatchObject({ updated: 1 });
    now = (await admin.get(`/api/v1/contacts/${existing.id}`)).json<Contact>();
    expect(now).toMatchObject({ department: 'Research', accountId: account.id });
    expect(now.phones).toHaveLength(1);
    const create = await runImport(admin, 'contacts', 'c.csv', file, { options: { dedupe: { mode: 'create', matchOn: ['email'] } } });
    expect(create.counts).toMatchObject({ created: 1 });
  });

  it('matches by phone and by name in the account, and finds duplicates inside the file', async () => {
    const tag = `dupfile${u()}`;
    const file = csv(`Name,E-mail,Phone,Company\nAnna Alt,anna-${tag}@x.example,+49 30 1234567,Alt ${tag}\nAnna Alt,other-${tag}@x.example,+49 (0)30 1234567,Alt ${tag}\nBen Bau,ben-${tag}@x.example,,Bau ${tag}\nBen Bau,,,Bau ${tag}\n`);
    const byPhone = await runImport(admin, 'contacts', 'ph.csv', file, { options: { dedupe: { mode: 'skip', matchOn: ['phone', 'name_account'] } } });
    expect(byPhone.counts).toMatchObject({ created: 2, skipped: 2 });
  });

  it('links contacts to existing accounts by name, ignoring case and spaces, and creates an account once', async () => {
    const account = await makeAccount(admin, { name: `Nordlicht ${u()} GmbH` });
    const sloppy = `  ${account.name.toUpperCase().replace(' ', '   ')} `;
    const fresh = `Neu ${u()} AG`;
    const imp = await runImport(admin, 'contacts', 'a.csv', csv(`First Name,Last Name,Company\nA,One,${sloppy}\nB,Two,${fresh}\nC,Three,${fresh.toLowerCase()}\n`));
    expect(imp.counts).toMatchObject({ created: 3, accountsCreated: 1 });
    const contacts = (await admin.get(`/api/v1/accounts/${account.id}/contacts`)).json<{ data: unknown[] }>().data;
    expect(contacts).toHaveLength(1);
  });
});

describe('what the importer may not see', () => {
  it('never matches a hidden record as a duplicate, nor names it', async () => {
    const importer = (await admin.post('/api/v1/profiles', { name: `importer ${u()}`, rights: { modules: { accounts: ['view', 'create', 'edit', 'import'], contacts: ['view', 'create', 'edit', 'import'] }, admin: [] } })).json<{ id: string }>();
    const other = await h.client('sales', { profileId: importer.id });
    const email = `hidden-${u()}@example.com`;
    const hidden = await makeContact(admin, { firstName: 'Secret', lastName: `Hidden${u()}`, emails: [{ label: 'work', value: email, primary: true }], restrictedTo: [admin.userId] });
    expect((await other.get(`/api/v1/contacts/${hidden.id}`)).statusCode).toBe(404);
    const imp = await runImport(other, 'contacts', 'h.csv', csv(`First Name,Last Name,E-mail Address\nOpen,Person,${email}\n`), { options: { dedupe: { mode: 'update_overwrite', matchOn: ['email'] } } });
    expect(imp.counts).toMatchObject({ created: 1, updated: 0, skipped: 0 });
    expect(JSON.stringify(await problemsOf(other, imp.id))).not.toContain('Secret');
    expect((await admin.get(`/api/v1/contacts/${hidden.id}`)).json<Contact>().firstName).toBe('Secret');
  });
});

describe('leads and deals', () => {
  it('imports leads with their company as text, and deals linked to (new) accounts', async () => {
    const tag = u();
    const leads = await runImport(admin, 'leads', 'l.csv', csv(`First Name,Last Name,Company,E-mail,Phone\nLina,Lead${tag},Leadco ${tag},lina-${tag}@x.example,+49 30 555 0101\n`));
    expect(leads.counts).toMatchObject({ created: 1, failed: 0, accountsCreated: 0 });
    const lead = (await admin.get(`/api/v1/leads?q=Lead${tag}`)).json<{ data: Array<{ company: string | null; email: string | null }> }>().data[0];
    expect(lead).toMatchObject({ company: `Leadco ${tag}`, email: `lina-${tag}@x.example` });
    const deals = await runImport(admin, 'deals', 'd.csv', csv(`Name,Amount,Company\nDeal ${tag},12500.50,Dealco ${tag}\nBad ${tag},lots,Dealco ${tag}\n`));
    expect(deals.counts).toMatchObject({ created: 1, failed: 1, accountsCreated: 1 });
    const deal = (await admin.get(`/api/v1/deals?q=${encodeURIComponent(`Deal ${tag}`)}`)).json<{ data: Array<{ amount: number | null; accountName: string | null }> }>().data[0];
    expect(deal).toMatchObject({ amount: 12500.5, accountName: `Dealco ${tag}` });
  });
});

describe('company by web domain', () => {
  it('links a person to the account whose website has their e-mail domain when the company name differs', async () => {
    const domain = `acme-${u()}.example`;
    const account = await makeAccount(admin, { name: `Acme Holdings ${u()}`, website: `www.${domain}` });
    const imp = await runImport(admin, 'contacts', 'd.csv', csv(`First Name,Last Name,E-mail Address,Company\nWile,Coyote,wile@${domain},ACME Corp\nRoad,Runner,road@gmail.com,Free Mail ${u()} Ltd\n`));
    expect(imp.counts).toMatchObject({ created: 2, accountsCreated: 1 });
    const wile = await contactByEmail(admin, `wile@${domain}`);
    expect(wile?.accountId).toBe(account.id);
  });
});

describe('undo', () => {
  it('removes what the import created, restores what it updated, and keeps what was changed since', async () => {
    const email = `undo-${u()}@example.com`;
    const kept = `kept-${u()}@example.com`;
    const old = await makeContact(admin, { firstName: 'Old', lastName: 'Timer', position: null, emails: [{ label: 'work', value: `old-${email}`, primary: true }] });
    const company = `Undo Co ${u()}`;
    const file = csv(`First Name,Last Name,E-mail Address,Job Title,Company\nNew,Person,${email},Engineer,${company}\nOld,Timer,old-${email},Boss,\nKeep,Me,${kept},Tester,${company}\n`);
    const imp = await runImport(admin, 'contacts', 'undo.csv', file, { options: { dedupe: { mode: 'update_empty', matchOn: ['email'] } } });
    expect(imp.counts).toMatchObject({ created: 2, updated: 1, accountsCreated: 1 });
    expect((await admin.get(`/api/v1/contacts/${old.id}`)).json<Contact>().position).toBe('Boss');
    const keep = await contactByEmail(admin, kept);
    expect((await admin.patch(`/api/v1/contacts/${keep?.id}`, { position: 'Lead tester', version: keep?.version })).statusCode).toBe(200);
    const undo = await admin.post(`/api/v1/imports/${imp.id}/undo`, {});
    expect(undo.statusCode).toBe(202);
    const done = await waitForImport(admin, imp.id, ['undone', 'failed']);
    expect(done.status).toBe('undone');
    expect(await contactByEmail(admin, email)).toBeUndefined();
    expect((await admin.get(`/api/v1/contacts/${old.id}`)).json<Contact>().position).toBeNull();
    expect((await contactByEmail(admin, kept))?.position).toBe('Lead tester');
    expect((await problemsOf(admin, imp.id)).some((p) => p.code === 'undo_kept')).toBe(true);
    expect((await admin.post(`/api/v1/imports/${imp.id}/undo`, {})).statusCode).toBe(422);
  });
});

describe('vCard and workbooks through the API', () => {
  it('imports a vCard file without a mapping, and a chosen sheet of a workbook', async () => {
    const vcf = await runImport(admin, 'contacts', 'v.vcf', fixture('contacts_v40.vcf'));
    expect(vcf).toMatchObject({ format: 'vcard', status: 'done', columns: [] });
    const draft = await uploadImport(admin, 'contacts', 'r.xlsx', fixture('conturi_si_contacte_ro.xlsx'));
    expect(draft.sheets.map((s) => s.name)).toEqual(['Conturi', 'Persoane de contact']);
    const switched = (await admin.patch(`/api/v1/imports/${draft.id}`, { options: { sheet: 'Persoane de contact' } })).json<Import>();
    expect(switched.columns.map((c) => c.header)).toContain('Prenume');
    expect((await admin.patch(`/api/v1/imports/${draft.id}`, { options: { sheet: 'Nope' } })).statusCode).toBe(400);
  });
});
