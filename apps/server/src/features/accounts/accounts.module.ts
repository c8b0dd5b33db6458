import { accountTypes, industries, ownerships, ratings } from '@kontor/contract/picklists';
import type { FieldDescriptor, ModuleDescriptor } from '../records/descriptor.ts';

const address = (prefix: 'billing' | 'shipping'): Record<string, FieldDescriptor> =>
  Object.fromEntries(
    (['street', 'city', 'region', 'postalCode', 'country'] as const).map((part) => [
      `${prefix}Address.${part}`,
      { column: `accounts.${prefix}_${part === 'postalCode' ? 'postal_code' : part}`, type: 'text' },
    ]),
  );

/** Accounts (companies) as the record machinery sees them. */
export const accountsModule: ModuleDescriptor<'accounts'> = {
  module: 'accounts',
  noun: 'account',
  fields: {
    name: { column: 'accounts.name', type: 'text' },
    ownerId: { column: 'accounts.owner_id', type: 'reference', references: 'users', filterable: true },
    parentAccountId: { column: 'accounts.parent_account_id', type: 'reference', references: 'accounts', filterable: true },
    website: { column: 'accounts.website', type: 'text' },
    tickerSymbol: { column: 'accounts.ticker_symbol', type: 'text' },
    accountNumber: { column: 'accounts.account_number', type: 'text' },
    accountSite: { column: 'accounts.account_site', type: 'text' },
    phone: { column: 'accounts.phone', type: 'text' },
    fax: { column: 'accounts.fax', type: 'text' },
    industry: { column: 'accounts.industry', type: 'picklist', filterable: true, options: industries },
    ownership: { column: 'accounts.ownership', type: 'picklist', options: ownerships },
    accountType: { column: 'accounts.account_type', type: 'picklist', filterable: true, options: accountTypes },
    rating: { column: 'accounts.rating', type: 'picklist', options: ratings },
    employees: { column: 'accounts.employees', type: 'integer' },
    annualRevenue: { column: 'accounts.annual_revenue', type: 'number' },
    description: { column: 'accounts.description', type: 'longtext' },
    contactType: { column: 'accounts.contact_type_id', type: 'reference', references: 'contact_types', filterable: true },
    createdAt: { column: 'accounts.created_at', type: 'datetime' },
    updatedAt: { column: 'accounts.updated_at', type: 'datetime' },
    ...address('billing'),
    ...address('shipping'),
  },
  sortColumns: {
    name: { column: 'accounts.name_sort', kind: 'text' },
    createdAt: { column: 'accounts.created_at', kind: 'text' },
    updatedAt: { column: 'accounts.updated_at', kind: 'text' },
    employees: { column: 'accounts.employees', kind: 'integer', nullable: true },
    annualRevenue: { column: 'accounts.annual_revenue', kind: 'number', nullable: true },
    industry: { column: 'accounts.industry', kind: 'text', nullable: true },
    accountType: { column: 'accounts.account_type', kind: 'text', nullable: true },
    website: { column: 'accounts.website', kind: 'text', nullable: true },
    phone: { column: 'accounts.phone', kind: 'text', nullable: true },
  },
  defaultSort: 'name',
  sortKeyColumn: 'accounts.name_sort',
  searchColumns: ['accounts.name_sort', 'accounts.primary_email'],
  photo: true,
  nameColumns: ['name'],
  search: {
    type: 'account',
    title: ['name'],
    fields: {
      name: ['name', 'account_number', 'ticker_symbol'],
      company: ['name'],
      email: ['primary_email'],
      phone: ['phone', 'fax', 'primary_phone'],
      website: ['website'],
      city: ['billing_city', 'shipping_city'],
    },
    displayEmail: 'primary_email',
    displayPhone: 'primary_phone',
  },
};
