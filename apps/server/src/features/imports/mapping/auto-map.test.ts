import { describe, expect, it } from 'vitest';
import { importTargetPattern } from '@kontor/contract/imports';
import { suggestMapping } from './auto-map.ts';
import { importTargets, isTargetAllowed } from './targets.ts';

const custom = [{ key: 'cod_client', label: 'Cod client', type: 'text' }];
const map = (module: 'contacts' | 'accounts' | 'leads' | 'deals', headers: string[]) => suggestMapping(module, headers, custom).targets;

describe('targets', () => {
  it('offers fields an import may set, never ids, stamps or owner ids, and every target is well-formed', () => {
    const contacts = importTargets('contacts', custom).map((t) => t.target);
    expect(contacts).toEqual(expect.arrayContaining(['fullName', 'field:firstName', 'field:birthday', 'email:work', 'phone:mobile', 'address:work:city', 'email#1:value', 'company', 'companySourceId', 'sourceId', 'tags', 'owner', 'contactType', 'custom:cod_client']));
    for (const banned of ['field:ownerId', 'field:accountId', 'field:createdAt', 'field:updatedAt', 'field:contactType', 'parent']) expect(contacts).not.toContain(banned);
    for (const t of importTargets('accounts', custom)) expect(importTargetPattern.test(t.target), t.target).toBe(true);
    const accounts = importTargets('accounts', []).map((t) => t.target);
    expect(accounts).toEqual(expect.arrayContaining(['field:name', 'field:employees', 'parent', 'parentSourceId', 'primaryContact', 'address:billing:street']));
    expect(accounts).not.toContain('field:parentAccountId');
    expect(accounts).not.toContain('company');
    const leads = importTargets('leads', []).map((t) => t.target);
    expect(leads).toEqual(expect.arrayContaining(['field:email', 'field:phone', 'field:company']));
    expect(leads).not.toContain('email:work');
  });
  it('checks a target against the module', () => {
    expect(isTargetAllowed('contacts', 'email:Büro', [])).toBe(true);
    expect(isTargetAllowed('contacts', 'field:industry', [])).toBe(false);
    expect(isTargetAllowed('accounts', 'field:industry', [])).toBe(true);
    expect(isTargetAllowed('leads', 'email:work', [])).toBe(false);
    expect(isTargetAllowed('contacts', 'custom:cod_client', custom)).toBe(true);
    expect(isTargetAllowed('contacts', 'custom:missing', custom)).toBe(false);
    expect(isTargetAllowed('contacts', 'field:ownerId', [])).toBe(false);
    expect(isTargetAllowed('contacts', 'nonsense', [])).toBe(false);
    expect(isTargetAllowed('deals', 'company', [])).toBe(true);
    expect(isTargetAllowed('accounts', 'company', [])).toBe(false);
  });
});

describe('mapping by name', () => {
  it('knows e-mail, mobile and company in four languages', () => {
    for (const header of ['E-mail', 'Email', 'E-Mail-Adresse', '电子邮件', '邮箱', 'Adresă de e-mail']) expect(map('contacts', [header]), header).toEqual(['email:work']);
    expect(map('contacts', ['Mobile Phone', 'Mobiltelefon', '手机', 'Telefon mobil'])).toEqual(['phone:mobile', 'phone:mobile', 'phone:mobile', 'phone:mobile']);
    expect(map('contacts', ['Firma'])).toEqual(['company']);
    expect(map('contacts', ['Unternehmen'])).toEqual(['company']);
    expect(map('contacts', ['公司'])).toEqual(['company']);
    expect(map('contacts', ['Companie'])).toEqual(['company']);
    expect(map('contacts', ['Firmă'])).toEqual(['company']);
    expect(map('contacts', ['姓名', '职位', '备注', '地址'])).toEqual(['fullName', 'field:position', 'field:description', 'address:work:full']);
  });
  it('normalises case, accents and punctuation', () => {
    expect(map('contacts', ['first_name', 'LAST-NAME', 'job.title', 'Oras', 'COD POSTAL'])).toEqual(['field:firstName', 'field:lastName', 'field:position', 'address:work:city', 'address:work:postalCode']);
  });
  it('adapts to the module: a company column is an account name, a lead has one e-mail field', () => {
    expect(map('accounts', ['Company', 'Street', 'Fax'])).toEqual(['field:name', 'address:billing:street', 'field:fax']);
    expect(map('leads', ['Company', 'Email', 'Secondary Email', 'Mobile', 'Lead Source'])).toEqual(['field:company', 'field:email', null, 'field:phone', 'field:source']);
    expect(map('deals', ['Deal Name', 'Account Name', 'Amount', 'Closing Date'])).toEqual(['field:name', 'company', 'field:amount', 'field:expectedCloseDate']);
  });
  it('maps custom fields by label or key, and ignores bookkeeping', () => {
    expect(map('contacts', ['Cod client', 'cod_client', 'Created Time', 'Modified By', 'Locked', ''])).toEqual(['custom:cod_client', null, null, null, null, null]);
  });
  it('keeps a repeated e-mail header as a second, other e-mail, and maps a single target once', () => {
    expect(map('contacts', ['Name', 'Email', 'Email', 'Company', 'Firma'])).toEqual(['fullName', 'email:work', 'email:other', 'company', null]);
  });
  it('takes a whole name only where no first or last name column exists', () => {
    expect(map('contacts', ['Name', 'First Name', 'Last Name'])).toEqual([null, 'field:firstName', 'field:lastName']);
  });
  it('reads per-label columns and numbered groups', () => {
    expect(map('contacts', ['Email - Work', 'Phone - Mobile', 'Telefon: privat'])).toEqual(['email:work', 'phone:mobile', 'phone:home']);
    expect(map('contacts', ['E-mail 1 - Label', 'E-mail 1 - Value', 'Address 2 - Postal Code', 'Address 2 - PO Box'])).toEqual(['email#1:label', 'email#1:value', 'address#2:postalCode', null]);
  });
});

describe('layouts', () => {
  it('maps Zoho account columns by module: the account name is the record in accounts, its link in contacts', () => {
    const headers = ['Record Id', 'Account Name.id', 'Account Name', 'Contact Name', 'First Name', 'Last Name', 'Created Time'];
    expect(suggestMapping('contacts', headers, []).targets).toEqual(['sourceId', 'companySourceId', 'company', null, 'field:firstName', 'field:lastName', null]);
    const accounts = suggestMapping('accounts', ['Record Id', 'Account Owner.id', 'Account Owner', 'Account Name', 'Parent Account.id', 'Parent Account'], []);
    expect(accounts).toEqual({ layout: 'zoho', targets: ['sourceId', null, 'owner', 'field:name', 'parentSourceId', 'parent'] });
  });
  it("recognises Kontor's own export", () => {
    const headers = ['ID', 'Salutation', 'First name', 'Last name', 'Account', 'Account ID', 'Position', 'E-mail 1 - Label', 'E-mail 1 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Address 1 - Label', 'Address 1 - Street', 'Address 1 - Postal Code', 'Tags', 'Owner', 'Contact type', 'Cod client', 'Created', 'Updated'];
    expect(suggestMapping('contacts', headers, custom)).toEqual({
      layout: 'kontor',
      targets: ['sourceId', 'field:salutation', 'field:firstName', 'field:lastName', 'company', 'companySourceId', 'field:position', 'email#1:label', 'email#1:value', 'phone#1:label', 'phone#1:value', 'address#1:label', 'address#1:street', 'address#1:postalCode', 'tags', 'owner', 'contactType', 'custom:cod_client', null, null],
    });
    const accounts = suggestMapping('accounts', ['ID', 'Account name', 'Parent account', 'Parent account ID', 'Owner', 'Billing city', 'Billing country', 'Employees'], []);
    expect(accounts).toEqual({ layout: 'kontor', targets: ['sourceId', 'field:name', 'parent', 'parentSourceId', 'owner', 'address:billing:city', 'address:billing:country', 'field:employees'] });
  });
  it('maps Salesforce API names in any case', () => {
    const r = suggestMapping('accounts', ['Id', 'Name', 'ParentId', 'BillingStreet', 'NumberOfEmployees', 'OwnerId', 'CreatedDate'], []);
    expect(r).toEqual({ layout: 'salesforce', targets: ['sourceId', 'field:name', 'parentSourceId', 'address:billing:street', 'field:employees', null, null] });
  });
  it('maps a Dynamics contacts file with its address numbering', () => {
    const r = suggestMapping('contacts', ['Full Name', 'Company Name', 'Address 1: City', 'Address 2: City', 'Business Phone'], []);
    expect(r).toEqual({ layout: 'dynamics', targets: ['fullName', 'company', 'address:work:city', 'address:other:city', 'phone:work'] });
  });
});
