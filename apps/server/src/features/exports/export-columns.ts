import type { CustomFieldType, Module } from '@kontor/contract/custom-fields';
import type { listColumns } from '@kontor/contract/views';

/**
 * The header row of an export: English labels for the standard columns (the list-item keys of `listColumns`), the
 * custom fields by their own label; and what kind of value each column holds, which decides how a file writes it.
 */

/** How a column's values are written: text (guarded), a number, true/false, a calendar date, a moment. */
export type ColumnKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime';

export type StandardColumn<M extends Module> = (typeof listColumns)[M][number];

/** A column of an export: its key (`firstName`, `customFields.budget`), its header label and its kind. */
export interface ExportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

const labels: { [M in Module]: Record<StandardColumn<M>, string> } = {
  accounts: {
    name: 'Account name',
    primaryEmail: 'Primary e-mail',
    primaryPhone: 'Primary phone',
    website: 'Website',
    phone: 'Phone',
    billingCity: 'Billing city',
    billingCountry: 'Billing country',
    industry: 'Industry',
    accountType: 'Account type',
    rating: 'Rating',
    employees: 'Employees',
    annualRevenue: 'Annual revenue',
    owner: 'Owner',
    contactType: 'Contact type',
    tags: 'Tags',
    parentAccountName: 'Parent account',
    isCustomer: 'Customer',
    createdAt: 'Created',
    updatedAt: 'Updated',
  },
  contacts: {
    fullName: 'Full name',
    salutation: 'Salutation',
    firstName: 'First name',
    lastName: 'Last name',
    accountName: 'Account',
    position: 'Position',
    department: 'Department',
    primaryEmail: 'Primary e-mail',
    primaryPhone: 'Primary phone',
    emailOptOut: 'E-mail opt-out',
    owner: 'Owner',
    contactType: 'Contact type',
    tags: 'Tags',
    createdAt: 'Created',
    updatedAt: 'Updated',
  },
  deals: {
    name: 'Deal name',
    accountName: 'Account',
    contactName: 'Contact',
    amount: 'Amount',
    currency: 'Currency',
    pipelineName: 'Pipeline',
    stageName: 'Stage',
    probability: 'Probability (%)',
    status: 'Status',
    lostReason: 'Lost reason',
    expectedCloseDate: 'Expected close date',
    closedAt: 'Closed',
    owner: 'Owner',
    tags: 'Tags',
    createdAt: 'Created',
    updatedAt: 'Updated',
  },
  leads: {
    fullName: 'Full name',
    firstName: 'First name',
    lastName: 'Last name',
    company: 'Company',
    email: 'E-mail',
    phone: 'Phone',
    position: 'Position',
    source: 'Source',
    status: 'Status',
    owner: 'Owner',
    tags: 'Tags',
    convertedAt: 'Converted',
    createdAt: 'Created',
    updatedAt: 'Updated',
  },
  activities: {
    subject: 'Subject',
    type: 'Type',
    scheduledAt: 'Scheduled',
    dueAt: 'Due',
    startAt: 'Start',
    endAt: 'End',
    durationMinutes: 'Duration (minutes)',
    allDay: 'All day',
    location: 'Location',
    outcome: 'Outcome',
    done: 'Done',
    doneAt: 'Done at',
    account: 'Account',
    contact: 'Contact',
    deal: 'Deal',
    lead: 'Lead',
    owner: 'Owner',
    tags: 'Tags',
    createdAt: 'Created',
    updatedAt: 'Updated',
  },
};

/** Columns that are not text; every other standard column is. */
const kinds: Record<string, ColumnKind> = {
  employees: 'number',
  annualRevenue: 'number',
  amount: 'number',
  probability: 'number',
  durationMinutes: 'number',
  isCustomer: 'boolean',
  emailOptOut: 'boolean',
  allDay: 'boolean',
  done: 'boolean',
  expectedCloseDate: 'date',
  createdAt: 'datetime',
  updatedAt: 'datetime',
  closedAt: 'datetime',
  convertedAt: 'datetime',
  scheduledAt: 'datetime',
  dueAt: 'datetime',
  startAt: 'datetime',
  endAt: 'datetime',
  doneAt: 'datetime',
};

export const customKind: Record<CustomFieldType, ColumnKind> = {
  text: 'text',
  longtext: 'text',
  url: 'text',
  email: 'text',
  phone: 'text',
  picklist: 'text',
  multiselect: 'text',
  number: 'number',
  currency: 'number',
  date: 'date',
  checkbox: 'boolean',
};

export const CUSTOM_PREFIX = 'customFields.';

/** The standard column's label and kind, or undefined when the module has no such column. */
export function standardColumn(module: Module, key: string): ExportColumn | undefined {
  const label = (labels[module] as Record<string, string>)[key];
  return label === undefined ? undefined : { key, label, kind: kinds[key] ?? 'text' };
}
