import { leadSources, salutations } from '@kontor/contract/picklists';
import type { ModuleDescriptor } from '../records/descriptor.ts';

/** Contacts (people) as the record machinery sees them. */
export const contactsModule: ModuleDescriptor<'contacts'> = {
  module: 'contacts',
  noun: 'contact',
  fields: {
    salutation: { column: 'contacts.salutation', type: 'picklist', options: salutations },
    firstName: { column: 'contacts.first_name', type: 'text' },
    lastName: { column: 'contacts.last_name', type: 'text' },
    position: { column: 'contacts.position', type: 'text' },
    department: { column: 'contacts.department', type: 'text' },
    birthday: { column: 'contacts.birthday', type: 'date' },
    emailOptOut: { column: 'contacts.email_opt_out', type: 'boolean' },
    leadSource: { column: 'contacts.lead_source', type: 'picklist', options: leadSources },
    description: { column: 'contacts.description', type: 'longtext' },
    ownerId: { column: 'contacts.owner_id', type: 'reference', references: 'users', filterable: true },
    accountId: { column: 'contacts.account_id', type: 'reference', references: 'accounts', filterable: true },
    contactType: { column: 'contacts.contact_type_id', type: 'reference', references: 'contact_types', filterable: true },
    createdAt: { column: 'contacts.created_at', type: 'datetime' },
    updatedAt: { column: 'contacts.updated_at', type: 'datetime' },
  },
  sortColumns: {
    lastName: { column: 'contacts.sort_name', kind: 'text' },
    firstName: { column: 'contacts.first_name', kind: 'text', nullable: true },
    createdAt: { column: 'contacts.created_at', kind: 'text' },
    updatedAt: { column: 'contacts.updated_at', kind: 'text' },
    position: { column: 'contacts.position', kind: 'text', nullable: true },
    department: { column: 'contacts.department', kind: 'text', nullable: true },
  },
  defaultSort: 'lastName',
  sortKeyColumn: 'contacts.sort_name',
  searchColumns: ['contacts.sort_name', 'contacts.primary_email'],
  photo: true,
  nameColumns: ['first_name', 'last_name'],
  search: {
    type: 'contact',
    title: ['first_name', 'last_name'],
    fields: { name: ['first_name', 'last_name'], position: ['position', 'department'], email: ['primary_email'], phone: ['primary_phone'] },
    accountColumn: 'account_id',
    displayEmail: 'primary_email',
    displayPhone: 'primary_phone',
  },
};
