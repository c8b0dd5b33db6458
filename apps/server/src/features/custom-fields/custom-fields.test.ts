import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { accountInput, makeAccount, makeContact } from '../../test/factories.ts';

let h: Harness;
let admin: TestClient;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.client('admin');
  const fields = [
    { key: 'customer_code', label: 'Customer code', type: 'text' },
    { key: 'notes_long', label: 'Background', type: 'longtext' },
    { key: 'score', label: 'Score', type: 'number' },
    { key: 'credit_limit', label: 'Credit limit', type: 'currency' },
    { key: 'contract_end', label: 'Contract end', type: 'date' },
    { key: 'nda_signed', label: 'NDA signed', type: 'checkbox' },
    { key: 'region', label: 'Region', type: 'picklist', options: ['DACH', 'CEE', 'APAC'] },
    { key: 'products', label: 'Products', type: 'multiselect', options: ['CRM', 'ERP', 'BI'] },
    { key: 'portal', label: 'Portal', type: 'url' },
    { key: 'billing_email', label: 'Billing e-mail', type: 'email' },
    { key: 'hotline', label: 'Hotline', type: 'phone' },
  ];
  for (const f of fields) {
    const res = await admin.post('/api/v1/custom-fields', { module: 'accounts', ...f });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
});
afterAll(() => h?.close());

describe('custom fields', () => {
  it('stores and returns a value of every type', async () => {
    const values = {
      customer_code: 'CS-0042',
      notes_long: 'Line 1\nLine 2',
      score: 7.5,
      credit_limit: 125000.25,
      contract_end: '2027-03-31',
      nda_signed: true,
      region: 'DACH',
      products: ['CRM', 'BI', 'CRM'],
      portal: 'portal.example.com',
      billing_email: 'billing@example.com',
      hotline: '+49 30 123456',
    };
    const a = await makeAccount(admin, { customFields: values });
    expect(a.customFields).toEqual({ ...values, products: ['CRM', 'BI'], portal: 'https://portal.example.com' });
    const cleared = await admin.patch(`/api/v1/accounts/${a.id}`, { version: a.version, customFields: { score: null } });
    expect(cleared.json<Account>().customFields.score).toBeUndefined();
    expect(cleared.json<Account>().customFields.customer_code).toBe('CS-0042');
  });

  it.each([
    ['unknown key', { nope: 'x' }, 'customFields.nope'],
    ['text for a number', { score: 'seven' }, 'customFields.score'],
    ['three decimals in currency', { credit_limit: 1.005 }, 'customFields.credit_limit'],
    ['an impossible date', { contract_end: '2027-02-30' }, 'customFields.contract_end'],
    ['a string for a checkbox', { nda_signed: 'yes' }, 'customFields.nda_signed'],
    ['a value outside the picklist', { region: 'Mars' }, 'customFields.region'],
    ['a value outside the multi-select', { products: ['CRM', 'HR'] }, 'customFields.products'],
    ['a bad URL', { portal: 'not a url' }, 'customFields.portal'],
    ['a bad e-mail', { billing_email: 'billing-at-example' }, 'customFields.billing_email'],
    ['a 256-character text', { customer_code: 'x'.repeat(256) }, 'customFields.customer_code'],
  ])('refuses %s', async (_l, customFields, field) => {
    const res = await admin.post('/api/v1/accounts', accountInput({ customFields }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json<{ error: { fields: Record<string, string> } }>().error.fields)).toContain(field);
  });

  it('enforces required fields on create and when emptied', async () => {
    const def = (await admin.post('/api/v1/custom-fields', { module: 'contacts', key: 'vat_id', label: 'VAT ID', type: 'text', required: true })).json<CustomFieldDefinition>();
    const missing = await admin.post('/api/v1/contacts', { firstName: 'No', lastName: 'Vat' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { fields: Record<string, string> } }>().error.fields['customFields.vat_id']).toBe('required');
    const c = await makeContact(admin, { customFields: { vat_id: 'DE123456789' } });
    expect((await admin.patch(`/api/v1/contacts/${c.id}`, { version: c.version, customFields: { vat_id: '' } })).statusCode).toBe(400);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().customFields.vat_id).toBe('DE123456789');
    await admin.delete(`/api/v1/custom-fields/${def.id}`);
  });

  it('lets only admins define fields, refuses duplicate keys and bad definitions', async () => {
    const sales = await h.client('sales');
    expect((await sales.post('/api/v1/custom-fields', { module: 'contacts', key: 'x', label: 'X', type: 'text' })).statusCode).toBe(403);
    expect((await admin.post('/api/v1/custom-fields', { module: 'accounts', key: 'score', label: 'Again', type: 'text' })).statusCode).toBe(409);
    expect((await admin.post('/api/v1/custom-fields', { module: 'accounts', key: 'Bad Key', label: 'X', type: 'text' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/custom-fields', { module: 'accounts', key: 'empty_pick', label: 'X', type: 'picklist' })).statusCode).toBe(400);
    const list = (await sales.get('/api/v1/custom-fields?module=accounts')).json<{ data: CustomFieldDefinition[] }>().data;
    expect(list.map((f) => f.key)).toContain('region');
    const region = list.find((f) => f.key === 'region');
    const renamed = await admin.patch(`/api/v1/custom-fields/${region?.id}`, { label: 'Sales region', version: region?.version });
    expect(renamed.json<CustomFieldDefinition>()).toMatchObject({ label: 'Sales region', version: (region?.version ?? 0) + 1 });
    expect((await admin.patch(`/api/v1/custom-fields/${region?.id}`, { label: 'Stale', version: region?.version })).statusCode).toBe(409);
  });
});

describe('contact types', () => {
  it('starts with cold, warm and hot, and lets admins edit the list', async () => {
    const list = (await admin.get('/api/v1/contact-types')).json<{ data: Array<{ id: string; name: string }> }>().data;
    expect(list.map((t) => t.name)).toEqual(['Cold', 'Warm', 'Hot']);
    const hot = list[2];
    const c = await makeContact(admin, { contactType: hot?.id });
    expect(c.contactType).toBe(hot?.id);
    const lukewarm = (await admin.post('/api/v1/contact-types', { name: 'Lukewarm', color: '#aabbcc' })).json<{ id: string }>();
    expect((await admin.delete(`/api/v1/contact-types/${hot?.id}?replaceWith=${lukewarm.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<Contact>().contactType).toBe(lukewarm.id);
    expect((await admin.post('/api/v1/contacts', { lastName: 'X', contactType: hot?.id })).statusCode).toBe(400);
    const sales = await h.client('sales');
    expect((await sales.post('/api/v1/contact-types', { name: 'Mine' })).statusCode).toBe(403);
  });
});
