import { describe, expect, it } from 'vitest';
import type { ImportModule } from '@kontor/contract/imports';
import type { CellValue } from '../readers/source.ts';
import { compileConverter, convertRow, type ConvertContext } from './convert.ts';
import type { ConvertCustomField } from './field-values.ts';

function ctx(module: ImportModule, columns: Array<[string, string | null]>, customFields: ConvertCustomField[] = [], dateOrder: ConvertContext['dateOrder'] = 'dmy'): ConvertContext {
  return { module, headers: columns.map(([h]) => h), targets: columns.map(([, t]) => t), dateOrder, customFields };
}
const row = (...cells: CellValue[]) => ({ line: 2, cells });

describe('convertRow', () => {
  it('reports a bad cell with its column header and a field error code', () => {
    const c = ctx('contacts', [['Geburtstag', 'field:birthday'], ['Opt out', 'field:emailOptOut'], ['Last', 'field:lastName']]);
    const draft = convertRow(row('31.02.1970', 'vielleicht', 'Weiß'), c);
    expect(draft.problems).toEqual([
      { column: 'Geburtstag', code: 'birthday', message: 'a date (YYYY-MM-DD) or a month and day (--MM-DD), not in the future' },
      { column: 'Opt out', code: 'boolean', message: 'must be true or false' },
    ]);
    expect(draft.fields).toEqual({ lastName: 'Weiß' });
  });

  it('splits a whole name, takes a salutation from it, and joins middle names and suffixes', () => {
    const c = ctx('contacts', [['Name', 'fullName']]);
    expect(convertRow(row('Dr. Anna Maria Huber'), c).fields).toEqual({ salutation: 'dr', firstName: 'Anna Maria', lastName: 'Huber' });
    const parts = ctx('contacts', [['First', 'field:firstName'], ['Middle', 'field:middleName'], ['Last', 'field:lastName'], ['Suffix', 'field:nameSuffix'], ['Name', 'fullName']]);
    expect(convertRow(row('Eleanor', 'Jane', "O'Neill", 'Jr.', 'ignored when parts exist'), parts).fields).toEqual({ firstName: 'Eleanor Jane', lastName: "O'Neill Jr." });
  });

  it('turns numbered groups into labelled points with the starred one primary, and keeps only one primary', () => {
    const c = ctx('contacts', [
      ['E-mail 1 - Label', 'email#1:label'], ['E-mail 1 - Value', 'email#1:value'],
      ['E-mail 2 - Label', 'email#2:label'], ['E-mail 2 - Value', 'email#2:value'],
      ['Address 1 - Label', 'address#1:label'], ['Address 1 - Formatted', 'address#1:full'], ['Address 1 - City', 'address#1:city'],
      ['Address 2 - Label', 'address#2:label'], ['Address 2 - Formatted', 'address#2:full'],
    ]);
    const draft = convertRow(row('Other', 'b@x.example', '* Work', 'a@x.example ::: c@x.example', '* Home', 'Lane 1\nTown', 'Town', 'Büro', 'Hauptstraße 1\n12345 Berlin'), c);
    expect(draft.emails).toEqual([
      { label: 'other', value: 'b@x.example', primary: false },
      { label: 'work', value: 'a@x.example', primary: true },
      { label: 'work', value: 'c@x.example', primary: false },
    ]);
    expect(draft.addresses).toEqual([
      { label: 'home', street: '', city: 'Town', region: '', postalCode: '', country: '', primary: true },
      { label: 'Büro', street: 'Hauptstraße 1\n12345 Berlin', city: '', region: '', postalCode: '', country: '', primary: false },
    ]);
    const twoPrimaries = convertRow(row('* Work', 'a@x.example', '* Home', 'b@x.example'), c);
    expect(twoPrimaries.emails.map((e) => e.primary)).toEqual([true, false]);
  });

  it("fills an account's billing and shipping addresses as fields and other labels as address points", () => {
    const c = ctx('accounts', [['Name', 'field:name'], ['Street', 'address:billing:street'], ['Street 2', 'address:billing:street'], ['City', 'address:billing:city'], ['Ship city', 'address:shipping:city'], ['HQ city', 'address:work:city'], ['Parent', 'parent'], ['Parent id', 'parentSourceId'], ['Contact', 'primaryContact']]);
    const draft = convertRow(row('Acme', 'Main St 1', 'Floor 2', 'Berlin', 'Hamburg', 'Munich', 'Acme Holding', 'H-1', 'Greta Smith'), c);
    expect(draft.fields).toEqual({ name: 'Acme', billingAddress: { street: 'Main St 1\nFloor 2', city: 'Berlin', region: '', postalCode: '', country: '' }, shippingAddress: { street: '', city: 'Hamburg', region: '', postalCode: '', country: '' } });
    expect(draft.addresses).toEqual([{ label: 'work', street: '', city: 'Munich', region: '', postalCode: '', country: '', primary: false }]);
    expect(draft.parent).toEqual({ name: 'Acme Holding', sourceId: 'H-1' });
    expect(draft.primaryContact).toBe('Greta Smith');
  });

  it('maps picklist labels to keys, unknown values to other where the list has it', () => {
    const c = ctx('accounts', [['Industry', 'field:industry'], ['Type', 'field:accountType'], ['Rating', 'field:rating'], ['Employees', 'field:employees'], ['Revenue', 'field:annualRevenue']]);
    expect(convertRow(row('Food & Beverage', 'Kunde', 'Active', '1.200', '5.234.500,75'), c).fields).toEqual({ industry: 'food_beverage', accountType: 'customer', rating: 'active', employees: 1200, annualRevenue: 5234500.75 });
    expect(convertRow(row('Wholesale', 'Customer', 'Excellent', '12,5', null), c)).toMatchObject({
      fields: { industry: 'other', accountType: 'customer' },
      problems: [{ column: 'Employees', code: 'whole_number' }],
    });
  });

  it('converts custom fields by their type and refuses values a picklist does not offer', () => {
    const customFields: ConvertCustomField[] = [
      { key: 'budget', type: 'currency' }, { key: 'since', type: 'date' }, { key: 'vip', type: 'checkbox' },
      { key: 'tier', type: 'picklist', options: ['Gold', 'Silver'] }, { key: 'topics', type: 'multiselect', options: ['Wine', 'Cheese'] },
    ];
    const c = ctx('contacts', [['Budget', 'custom:budget'], ['Since', 'custom:since'], ['VIP', 'custom:vip'], ['Tier', 'custom:tier'], ['Topics', 'custom:topics'], ['Unknown', 'custom:gone']], customFields, 'mdy');
    expect(convertRow(row('€ 1.234,50', '3/14/2020', 'ja', 'gold', 'wine; CHEESE', 'x'), c)).toMatchObject({
      customFields: { budget: 1234.5, since: '2020-03-14', vip: true, tier: 'Gold', topics: ['Wine', 'Cheese'] },
      problems: [],
    });
    expect(convertRow(row(null, null, null, 'Bronze', 'Beer', null), c).problems.map((p) => [p.column, p.code])).toEqual([['Tier', 'one_of'], ['Topics', 'one_of']]);
  });

  it("takes Google's custom field value only in rows whose label names that field", () => {
    const c = ctx('contacts', [['Custom Field 1 - Label', null], ['Custom Field 1 - Value', 'custom:cod_client']], [{ key: 'cod_client', type: 'text', label: 'Cod client' }]);
    expect(convertRow(row('Cod client', 'CS-0042'), c).customFields).toEqual({ cod_client: 'CS-0042' });
    expect(convertRow(row('Shoe size', '44'), c).customFields).toEqual({});
  });

  it('links a company by name and id; a HubSpot association list links only its first company', () => {
    const c = ctx('contacts', [['Associated Company', 'company'], ['Primary Associated Company ID', 'companySourceId'], ['Record ID', 'sourceId'], ['Owner', 'owner'], ['Type', 'contactType'], ['Tags', 'tags'], ['Labels', 'tags']]);
    expect(convertRow(row('Brightwave Media Ltd;Tiramisu Digital S.r.l.', '18273645501', 51234567802, 'sam@x.example', 'Partner', 'VIP; Press', '* myContacts ::: VIP ::: Events'), c)).toMatchObject({
      company: { name: 'Brightwave Media Ltd', sourceId: '18273645501' },
      sourceId: '51234567802',
      owner: 'sam@x.example',
      contactType: 'Partner',
      tags: ['VIP', 'Press', 'Events'],
    });
    const outlook = ctx('contacts', [['Company', 'company']]);
    expect(convertRow(row('Hotel Zur Post; Inh. F. Kaiser'), outlook).company).toEqual({ name: 'Hotel Zur Post; Inh. F. Kaiser', sourceId: null });
  });

  it("gives a lead its company, e-mail and phone as fields", () => {
    const c = ctx('leads', [['Name', 'fullName'], ['Company', 'field:company'], ['Email', 'field:email'], ['Phone', 'field:phone'], ['Source', 'field:source'], ['Status', 'field:status']]);
    expect(convertRow(row('Ana Pop', 'Pop SRL', 'Ana Pop <ana@pop.example>', '+40 721 000 000', 'Web Site', 'Contacted'), c).fields).toEqual({
      firstName: 'Ana', lastName: 'Pop', company: 'Pop SRL', email: 'ana@pop.example', phone: '+40 721 000 000', source: 'web', status: 'contacted',
    });
  });

  it('cleans text cells: CRLF, control characters, surrounding space', () => {
    const c = ctx('contacts', [['Notes', 'field:description'], ['Last', 'field:lastName']]);
    expect(convertRow(row('  Line 1\r\nLine\u0000 2 \u0007 ', 'Voß'), c).fields).toEqual({ description: 'Line 1\nLine 2', lastName: 'Voß' });
  });

  it('converts many rows fast once compiled', () => {
    const c = ctx('contacts', [
      ['First Name', 'field:firstName'], ['Last Name', 'field:lastName'], ['Company', 'company'], ['E-mail 1 - Value', 'email#1:value'], ['E-mail 1 - Label', 'email#1:label'],
      ['Email 2', 'email:other'], ['Phone', 'phone:work'], ['Mobile', 'phone:mobile'], ['Tags', 'tags'], ['Birthday', 'field:birthday'],
    ]);
    const convert = compileConverter(c);
    const rows = Array.from({ length: 1000 }, (_, i) => row(`First${i}`, `Last${i}`, `Company ${i % 50}`, `user${i}@a.example`, '* Work', `u${i}@b.example`, '+49 30 1234567', '0171 5550123', 'A;B', '14.03.1975'));
    const started = performance.now();
    let emails = 0;
    for (let round = 0; round < 100; round += 1) for (const r of rows) emails += convert(r).emails.length;
    const ms = performance.now() - started;
    expect(emails).toBe(200_000);
    // 100,000 rows: a million must fit well inside the 60 s import budget (generous bound for a shared 2-core machine)
    expect(ms).toBeLessThan(6000);
  });
});
