/**
 * Every table fixture in `../shared/fixtures/real/` (README there): read by the real readers, auto-mapped, and
 * converted; the layout, the important mappings and the README's expected values are asserted (phones as written:
 * E.164 is the engine's).
 */
import { describe, expect, it } from 'vitest';
import type { ImportDraft } from './draft.ts';
import { mapFixture } from './fixture-tables.ts';

const byLast = (drafts: ImportDraft[], last: string): ImportDraft => {
  const found = drafts.find((d) => d.fields.lastName === last);
  if (!found) throw new Error(`no draft with last name ${last}`);
  return found;
};
const values = (points: { value: string }[]) => points.map((p) => p.value);
const companies = (drafts: ImportDraft[]) => new Set(drafts.map((d) => d.company?.name?.trim().replace(/\s+/g, ' ').toLowerCase()).filter(Boolean));
const noProblems = (drafts: ImportDraft[]) => expect(drafts.flatMap((d) => d.problems)).toEqual([]);

describe('real fixtures', () => {
  it('Outlook (English, 92 columns)', async () => {
    const f = await mapFixture('outlook_en_2016_contacts.csv', 'contacts');
    expect(f.layout).toBe('outlook');
    expect(f.dateOrder).toBe('mdy');
    expect([f.targetOf('Title'), f.targetOf('Company'), f.targetOf('E-mail Address'), f.targetOf('E-mail Type'), f.targetOf('E-mail Display Name'), f.targetOf('Account'), f.targetOf('Priority'), f.targetOf('Sensitivity')])
      .toEqual(['field:salutation', 'company', 'email:work', null, null, null, null, null]);
    expect(f.drafts).toHaveLength(12);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(8);
    const eleanor = byLast(f.drafts, 'Whitcombe');
    expect(eleanor.fields).toMatchObject({ firstName: 'Eleanor', salutation: 'ms', birthday: '1975-03-14', description: 'Met at Hannover Messe 2023.\nPrefers e-mail; calls only Tue–Thu.\nBudget cycle starts in “Q3”.' });
    expect(eleanor.phones).toContainEqual({ label: 'work', value: '+44 20 7946 0321', primary: false });
    expect(eleanor.tags).toEqual(['Key Customer', 'Events']);
    expect(byLast(f.drafts, 'Renner').fields.birthday).toBeUndefined();
    expect(byLast(f.drafts, "O'Neill Jr.").phones[0]).toMatchObject({ label: 'work', value: '(617) 555-0147' });
    expect(byLast(f.drafts, 'Muñoz Ortega').fields.description).toBe('Asked for the price list in "EUR €" – send PDF.');
    expect(byLast(f.drafts, 'Schäfer').fields.description).toBe('Line 1\n\nLine 3 (after an empty line)');
    expect(byLast(f.drafts, 'Rousseau').addresses[0]?.street).toBe('12, rue de l’Épée');
    expect(values(byLast(f.drafts, 'Raghunathan').emails)).toEqual(['PRIYA.R@LumenDynamics.example']);
    for (const name of ['Voß', 'Bjørnstad']) expect(byLast(f.drafts, name).fields.lastName).toBe(name);
  });

  it('Outlook (German, re-saved by Excel with semicolons)', async () => {
    const f = await mapFixture('outlook_de_kontakte_excel_semikolon.csv', 'contacts');
    expect(f.layout).toBe('outlook_de');
    expect(f.dateOrder).toBe('dmy');
    expect([f.targetOf('Anrede'), f.targetOf('Firma'), f.targetOf('Telefon geschäftlich'), f.targetOf('Ort'), f.targetOf('Konto')]).toEqual(['field:salutation', 'company', 'phone:work', null, null]);
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(6);
    const sabine = byLast(f.drafts, 'Hartmann');
    expect(sabine.fields).toMatchObject({ salutation: 'ms', birthday: '1968-09-07' });
    expect(sabine.fields.description).toContain('Ansprechpartnerin für die Ausschreibung „Brot 2025“.');
    expect(sabine.phones).toEqual([{ label: 'work', value: '+49 (0)341 2312 5017', primary: false }, { label: 'mobile', value: '0171 5550123', primary: false }]);
    expect(sabine.tags).toEqual(['Kunde', 'Messe']);
    expect(f.drafts.some((d) => d.company?.name === 'Hotel Zur Post; Inh. F. Kaiser')).toBe(true);
    expect(byLast(f.drafts, 'Vogt').company).toBeNull();
    for (const name of ['Weiß', 'Krüger', 'Özdemir']) expect(byLast(f.drafts, name).fields.lastName).toBe(name);
    expect(f.drafts.some((d) => d.fields.firstName === 'Klaus-Dieter')).toBe(true);
  });

  it('Google Contacts, with a custom field that exists', async () => {
    const f = await mapFixture('google_contacts_export.csv', 'contacts', [{ key: 'cod_client', label: 'Cod client', type: 'text' }]);
    expect(f.layout).toBe('google');
    expect([f.targetOf('E-mail 1 - Label'), f.targetOf('E-mail 1 - Value'), f.targetOf('Labels'), f.targetOf('Custom Field 1 - Value'), f.targetOf('Photo')])
      .toEqual(['email#1:label', 'email#1:value', 'tags', 'custom:cod_client', null]);
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(5);
    const stefan = byLast(f.drafts, 'Popescu');
    expect(stefan.fields.firstName).toBe('Ștefan');
    expect(stefan.phones).toEqual([
      { label: 'mobile', value: '+40 721 234 567', primary: false },
      { label: 'work', value: '+40 21 310 4455', primary: false },
      { label: 'work', value: '+40 21 310 4456', primary: false },
    ]);
    expect(stefan.emails[0]).toEqual({ label: 'work', value: 'stefan.popescu@carpathiasoft.example', primary: true });
    expect(stefan.customFields).toEqual({ cod_client: 'CS-0042' });
    expect(stefan.tags).toEqual(['Clienți']);
    expect(stefan.addresses).toEqual([{ label: 'work', street: 'Str. Lipscani 12', city: 'Bucureşti', region: '', postalCode: '030031', country: 'România', primary: false }]);
    expect(values(byLast(f.drafts, 'Dumitrescu').emails)).toEqual(['mihai.dumitrescu@agroverde.example', 'contabilitate@agroverde.example', 'mihai.d@posta.example']);
    expect(byLast(f.drafts, 'Dumitrescu').fields.birthday).toBe('--05-17');
    expect(byLast(f.drafts, '王').fields.firstName).toBe('伟');
    expect(byLast(f.drafts, '王').tags).toEqual(['供应商']);
    expect(byLast(f.drafts, 'Țurcanu').tags).toEqual(['Clienți']);
    expect(f.drafts.flatMap((d) => d.tags)).not.toContain('myContacts');
    expect(values(byLast(f.drafts, 'Vasilescu').emails)).toEqual(['ELENA.VASILESCU@agroverde.example']);
  });

  it('Google Contacts without that custom field leaves the column unmapped', async () => {
    const f = await mapFixture('google_contacts_export.csv', 'contacts');
    expect(f.targetOf('Custom Field 1 - Value')).toBeNull();
  });

  it('Zoho accounts and contacts keep their record ids and links', async () => {
    const accounts = await mapFixture('zoho_crm_accounts_export.csv', 'accounts');
    expect(accounts.layout).toBe('zoho');
    expect(accounts.drafts).toHaveLength(8);
    noProblems(accounts.drafts);
    const mueller = accounts.drafts.find((d) => d.fields.name === 'Müller Präzisionstechnik GmbH');
    expect(mueller).toMatchObject({ sourceId: 'zcrm_5725767000001234001', owner: 'Daniela Marin', fields: { annualRevenue: 38500000, employees: 240, accountType: 'customer', industry: 'manufacturing' } });
    const polska = accounts.drafts.find((d) => d.fields.name === 'Müller Präzisionstechnik Polska Sp. z o.o.');
    expect(polska?.parent).toEqual({ name: 'Müller Präzisionstechnik GmbH', sourceId: 'zcrm_5725767000001234001' });
    for (const name of ['上海华信贸易有限公司', 'Societatea Ștefănescu & Fiii SRL', 'Rio Verde Agrícola Ltda.']) expect(accounts.drafts.some((d) => d.fields.name === name), name).toBe(true);

    const contacts = await mapFixture('zoho_crm_contacts_export.csv', 'contacts');
    expect(contacts.layout).toBe('zoho');
    expect([contacts.targetOf('Contact Name'), contacts.targetOf('Account Name'), contacts.targetOf('Account Name.id'), contacts.targetOf('Unsubscribed Time')]).toEqual([null, 'company', 'companySourceId', null]);
    expect(contacts.drafts).toHaveLength(12);
    noProblems(contacts.drafts);
    expect(companies(contacts.drafts).size).toBe(7);
    expect(byLast(contacts.drafts, 'Hofmann').company).toEqual({ name: 'Müller Präzisionstechnik GmbH', sourceId: 'zcrm_5725767000001234001' });
    expect(byLast(contacts.drafts, 'Lindqvist').company).toBeNull();
    expect(byLast(contacts.drafts, '刘').fields.firstName).toBe('海燕');
    expect(byLast(contacts.drafts, 'Murphy').fields.description).toBe('Asked about "cold chain" add-on, see email 2025-01-14.');
    expect([byLast(contacts.drafts, 'Zhou').fields.emailOptOut, byLast(contacts.drafts, 'Byrne').fields.emailOptOut, byLast(contacts.drafts, 'Hofmann').fields.emailOptOut]).toEqual([true, true, false]);
    for (const name of ['Wójcik', 'Ștefănescu-Pop']) expect(byLast(contacts.drafts, name).fields.lastName).toBe(name);
  });

  it('Salesforce Data Loader', async () => {
    const f = await mapFixture('salesforce_dataloader_contacts.csv', 'contacts');
    expect(f.layout).toBe('salesforce');
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(4);
    const gareth = byLast(f.drafts, 'Pryce-Jones');
    expect(gareth).toMatchObject({ sourceId: '0035g00000Zp1aAAAR', company: { name: 'Kestrel Aerospace Ltd', sourceId: '0015g00000QxKe1AAF' }, fields: { birthday: '1969-08-14', salutation: 'mr' } });
    expect(gareth.addresses[0]?.street).toBe('Hangar 3, Cranfield Airfield\nWharley End');
    expect(values(byLast(f.drafts, 'MacLeod').emails)).toEqual(['fiona.macleod+crm@kestrel-aero.example']);
    expect(byLast(f.drafts, '佐藤').fields).toMatchObject({ firstName: '健太', description: '"Hanko" needed on all contracts.' });
    expect(byLast(f.drafts, 'Mehta').company).toBeNull();
    for (const name of ['Hrițcu', 'Lupașcu']) expect(byLast(f.drafts, name).fields.lastName).toBe(name);
  });

  it('HubSpot: only the primary associated company', async () => {
    const f = await mapFixture('hubspot_contacts_export.csv', 'contacts');
    expect(f.layout).toBe('hubspot');
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(4);
    expect(byLast(f.drafts, 'Grant').company).toEqual({ name: 'Brightwave Media Ltd', sourceId: '18273645501' });
    expect(byLast(f.drafts, 'Owusu').company).toBeNull();
    expect(f.drafts.some((d) => d.emails.some((e) => e.value === 'Ben.Carter@Brightwave.example'))).toBe(true);
    for (const name of ['Järvinen', "D'Amico"]) expect(byLast(f.drafts, name).fields.lastName).toBe(name);
  });

  it('Pipedrive: two numbers in one cell, labels as tags', async () => {
    const f = await mapFixture('pipedrive_people_export.csv', 'contacts');
    expect(f.layout).toBe('pipedrive');
    expect(f.targetOf('Person - Name')).toBeNull();
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(4);
    const tomas = byLast(f.drafts, 'Horák');
    expect(tomas.phones).toEqual([
      { label: 'work', value: '+420 519 555 101', primary: false },
      { label: 'work', value: '+420 519 555 102', primary: false },
      { label: 'mobile', value: '+420 602 555 101', primary: false },
    ]);
    expect(byLast(f.drafts, 'Gruber').tags).toEqual(['Customer', 'VIP']);
    expect(byLast(f.drafts, 'Meier').company).toBeNull();
    expect(values(byLast(f.drafts, 'Rahimi').emails)).toEqual(['NADIA@LINDQVIST-BERG.EXAMPLE']);
    expect(f.drafts.some((d) => d.company?.name === 'Lindqvist & Berg AB')).toBe(true);
  });

  it('Excel Unicode text (UTF-16, tabs)', async () => {
    const f = await mapFixture('excel_unicode_text_utf16le.txt', 'contacts');
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(8);
    expect(f.drafts.some((d) => d.fields.description === 'Deliveries:\nback door only 🚚')).toBe(true);
    expect(f.drafts.some((d) => d.fields.firstName === 'Łukasz')).toBe(true);
    expect(byLast(f.drafts, '山田').fields.firstName).toBe('花子');
  });

  it('Romanian workbook: accounts sheet and contacts sheet, typed cells', async () => {
    const customFields = [
      { key: 'founded', label: 'Data înființării', type: 'date' },
      { key: 'marketing', label: 'Acord marketing', type: 'checkbox' },
    ];
    const accounts = await mapFixture('conturi_si_contacte_ro.xlsx', 'accounts', customFields, 'Conturi');
    expect([accounts.targetOf('Denumire cont'), accounts.targetOf('Cifră de afaceri (RON)'), accounts.targetOf('Nr. angajați'), accounts.targetOf('Data înființării')])
      .toEqual(['field:name', 'field:annualRevenue', 'field:employees', 'custom:founded']);
    expect(accounts.drafts).toHaveLength(6);
    noProblems(accounts.drafts);
    expect(accounts.drafts[0]).toMatchObject({ fields: { name: 'Moldova Vinuri Premium SRL', annualRevenue: 5234500.75, employees: 48, billingAddress: { postalCode: '700547', city: 'Iași' } }, customFields: { founded: '2012-05-14' } });

    const contacts = await mapFixture('conturi_si_contacte_ro.xlsx', 'contacts', customFields, 'Persoane de contact');
    expect([contacts.targetOf('Prenume'), contacts.targetOf('Nume'), contacts.targetOf('Nume complet'), contacts.targetOf('Cont'), contacts.targetOf('Acord marketing')])
      .toEqual(['field:firstName', 'field:lastName', null, 'company', 'custom:marketing']);
    expect(contacts.drafts).toHaveLength(9);
    noProblems(contacts.drafts);
    expect(companies(contacts.drafts).size).toBe(6);
    expect(byLast(contacts.drafts, 'Munteanu')).toMatchObject({ fields: { firstName: 'Andrei', birthday: '1980-07-05' }, customFields: { marketing: true } });
    expect(byLast(contacts.drafts, 'Ciobanu').customFields).toEqual({ marketing: false });
    expect(values(byLast(contacts.drafts, 'Stoica').phones)).toEqual(['40256555112']);
    expect(byLast(contacts.drafts, 'Vlad').company).toBeNull();
  });

  it('Dynamics 365 SpreadsheetML accounts with primary contacts', async () => {
    const f = await mapFixture('dynamics365_accounts_import.xml', 'accounts');
    expect(f.layout).toBe('dynamics');
    expect(f.drafts).toHaveLength(8);
    noProblems(f.drafts);
    const ireland = f.drafts.find((d) => d.fields.name === 'Kingfisher Marine Supplies (Ireland) Ltd');
    expect(ireland?.parent).toEqual({ name: 'Kingfisher Marine Supplies Ltd', sourceId: null });
    expect(f.drafts.filter((d) => d.primaryContact !== null)).toHaveLength(7);
    expect(f.drafts.find((d) => d.fields.name === 'Agenția Nordică de Turism SRL')?.primaryContact).toBeNull();
    expect(f.drafts.find((d) => d.fields.name === '北辰精密机械（苏州）有限公司')?.primaryContact).toBe('刘洋');
    const smith = f.drafts.find((d) => d.fields.name === 'Smith & Söhne Feinkost OHG');
    expect(smith?.fields).toMatchObject({ employees: 9, annualRevenue: 780000.5 });
    expect(f.drafts[0]?.fields).toMatchObject({ employees: 85, description: 'Chandlery & rigging supplies.\nKey account since 2019.', billingAddress: { city: 'Southampton' } });
    expect(f.drafts.some((d) => d.primaryContact === 'José Ángel Ruiz')).toBe(true);
  });

  it('GBK Chinese headers', async () => {
    const f = await mapFixture('gbk_excel_contacts_zh.csv', 'contacts');
    expect(f.targets).toEqual(['fullName', 'company', 'field:position', 'email:work', 'phone:mobile', 'phone:work', 'address:work:full', 'field:description']);
    expect(f.drafts).toHaveLength(10);
    noProblems(f.drafts);
    expect(companies(f.drafts).size).toBe(5);
    const wang = byLast(f.drafts, '王');
    expect(wang.fields).toMatchObject({ firstName: '喆', description: '重要客户,年会邀请' });
    expect(wang.phones[0]).toEqual({ label: 'mobile', value: '13812345678', primary: false });
    expect(wang.addresses[0]?.street).toBe('北京市海淀区中关村大街１号');
    expect(byLast(f.drafts, '欧阳').fields.firstName).toBe('晨');
    expect(values(byLast(f.drafts, '李').emails)).toEqual(['LI.KUN@HUAXIN-TECH.EXAMPLE']);
    expect(byLast(f.drafts, '陈').company).toBeNull();
  });

  it('a messy hand-edited file: duplicate Email header keeps both addresses', async () => {
    const f = await mapFixture('messy_contacts.csv', 'contacts');
    expect(f.targets.slice(0, 6)).toEqual(['fullName', 'email:work', 'email:other', 'company', 'phone:work', 'field:description']);
    const petra = byLast(f.drafts, 'Novak');
    expect(values(petra.emails)).toEqual(['petra.novak@sumava-glass.example', 'p.novak@privat-mail.example']);
    expect(byLast(f.drafts, 'Ivanova').fields.description).toBe('=HYPERLINK("http://evil.example/x","Click me")');
    expect(f.problems.map((p) => p.line)).toContain(8);
  });

  it('5,000 Outlook rows convert quickly and with distinct e-mails', async () => {
    const f = await mapFixture('outlook_en_5000_rows.csv', 'contacts');
    expect(f.drafts).toHaveLength(5000);
    noProblems(f.drafts);
    expect(new Set(f.drafts.map((d) => d.emails[0]?.value)).size).toBe(5000);
    expect(companies(f.drafts).size).toBe(600);
    expect(f.drafts.filter((d) => d.company === null)).toHaveLength(294);
  });
});
