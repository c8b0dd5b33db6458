import { leadSources, leadStatuses } from '@kontor/contract/leads';
import type { ModuleDescriptor } from '../records/descriptor.ts';

/** Leads (Zoho): a person and a company not yet qualified; conversion turns them into a contact, an account and a deal. */
export const leadsModule: ModuleDescriptor<'leads'> = {
  module: 'leads',
  noun: 'lead',
  fields: {
    firstName: { column: 'leads.first_name', type: 'text' },
    lastName: { column: 'leads.last_name', type: 'text' },
    company: { column: 'leads.company', type: 'text' },
    email: { column: 'leads.email', type: 'text' },
    phone: { column: 'leads.phone', type: 'text' },
    phoneE164: { column: 'leads.phone_e164', type: 'text' },
    position: { column: 'leads.position', type: 'text' },
    source: { column: 'leads.source', type: 'picklist', filterable: true, options: leadSources },
    status: { column: 'leads.status', type: 'picklist', filterable: true, options: leadStatuses },
    description: { column: 'leads.description', type: 'longtext' },
    ownerId: { column: 'leads.owner_id', type: 'reference', references: 'users', filterable: true },
    convertedAt: { column: 'leads.converted_at', type: 'datetime' },
    convertedContactId: { column: 'leads.converted_contact_id', type: 'reference', references: 'contacts' },
    convertedAccountId: { column: 'leads.converted_account_id', type: 'reference', references: 'accounts' },
    convertedDealId: { column: 'leads.converted_deal_id', type: 'reference', references: 'deals' },
    createdAt: { column: 'leads.created_at', type: 'datetime' },
    updatedAt: { column: 'leads.updated_at', type: 'datetime' },
  },
  sortColumns: {
    name: { column: 'leads.name_sort', kind: 'text' },
    createdAt: { column: 'leads.created_at', kind: 'text' },
    updatedAt: { column: 'leads.updated_at', kind: 'text' },
  },
  defaultSort: 'name',
  sortKeyColumn: 'leads.name_sort',
  searchColumns: ['leads.name_sort', 'leads.email'],
  photo: false,
  nameColumns: ['first_name', 'last_name'],
  search: {
    type: 'lead',
    title: ['first_name', 'last_name'],
    fields: { name: ['first_name', 'last_name'], company: ['company'], position: ['position'], email: ['email'], phone: ['phone'] },
    companyColumn: 'company',
    displayEmail: 'email',
    displayPhone: 'phone',
  },
};
