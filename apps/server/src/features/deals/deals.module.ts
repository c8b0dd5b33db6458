import { dealStatuses } from '@kontor/contract/deals';
import type { ModuleDescriptor } from '../records/descriptor.ts';

/** Deals (opportunities) as the record machinery sees them. */
export const dealsModule: ModuleDescriptor<'deals'> = {
  module: 'deals',
  noun: 'deal',
  fields: {
    name: { column: 'deals.name', type: 'text' },
    amount: { column: 'deals.amount', type: 'number' },
    currency: { column: 'deals.currency', type: 'picklist', filterable: true },
    pipelineId: { column: 'deals.pipeline_id', type: 'reference', filterable: true },
    stageId: { column: 'deals.stage_id', type: 'reference', filterable: true },
    status: { column: 'deals.status', type: 'picklist', filterable: true, options: dealStatuses },
    lostReason: { column: 'deals.lost_reason', type: 'text' },
    expectedCloseDate: { column: 'deals.expected_close_date', type: 'date' },
    closedAt: { column: 'deals.closed_at', type: 'datetime' },
    accountId: { column: 'deals.account_id', type: 'reference', references: 'accounts', filterable: true },
    contactId: { column: 'deals.contact_id', type: 'reference', references: 'contacts', filterable: true },
    ownerId: { column: 'deals.owner_id', type: 'reference', references: 'users', filterable: true },
    description: { column: 'deals.description', type: 'longtext' },
    createdAt: { column: 'deals.created_at', type: 'datetime' },
    updatedAt: { column: 'deals.updated_at', type: 'datetime' },
  },
  sortColumns: {
    name: { column: 'deals.name_sort', kind: 'text' },
    amount: { column: 'deals.amount', kind: 'number', nullable: true },
    expectedCloseDate: { column: 'deals.expected_close_date', kind: 'text', nullable: true },
    createdAt: { column: 'deals.created_at', kind: 'text' },
    updatedAt: { column: 'deals.updated_at', kind: 'text' },
  },
  defaultSort: 'name',
  sortKeyColumn: 'deals.name_sort',
  searchColumns: ['deals.name_sort'],
  photo: false,
  nameColumns: ['name'],
  search: { type: 'deal', title: ['name'], fields: { name: ['name'] }, accountColumn: 'account_id' },
};
