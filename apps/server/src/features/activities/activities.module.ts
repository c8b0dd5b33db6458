import { activityTypes } from '@kontor/contract/activities';
import type { ModuleDescriptor } from '../records/descriptor.ts';

/** Activities (tasks, calls, meetings) as the record machinery sees them. */
export const activitiesModule: ModuleDescriptor<'activities'> = {
  module: 'activities',
  noun: 'activity',
  fields: {
    type: { column: 'activities.type', type: 'picklist', filterable: true, options: activityTypes },
    subject: { column: 'activities.subject', type: 'text' },
    dueAt: { column: 'activities.due_at', type: 'datetime' },
    startAt: { column: 'activities.start_at', type: 'datetime' },
    endAt: { column: 'activities.end_at', type: 'datetime' },
    durationMinutes: { column: 'activities.duration_minutes', type: 'integer' },
    allDay: { column: 'activities.all_day', type: 'boolean' },
    location: { column: 'activities.location', type: 'text' },
    outcome: { column: 'activities.outcome', type: 'text' },
    description: { column: 'activities.description', type: 'longtext' },
    done: { column: 'activities.done', type: 'boolean', filterable: true },
    doneAt: { column: 'activities.done_at', type: 'datetime' },
    accountId: { column: 'activities.account_id', type: 'reference', references: 'accounts', filterable: true },
    contactId: { column: 'activities.contact_id', type: 'reference', references: 'contacts', filterable: true },
    dealId: { column: 'activities.deal_id', type: 'reference', references: 'deals', filterable: true },
    leadId: { column: 'activities.lead_id', type: 'reference', references: 'leads', filterable: true },
    ownerId: { column: 'activities.owner_id', type: 'reference', references: 'users', filterable: true },
    createdAt: { column: 'activities.created_at', type: 'datetime' },
    updatedAt: { column: 'activities.updated_at', type: 'datetime' },
  },
  sortColumns: {
    // Every activity has a date (a task its due time, a call or meeting its start), so the index serves the order.
    scheduledAt: { column: 'activities.scheduled_at', kind: 'text' },
    subject: { column: 'activities.subject_sort', kind: 'text' },
    doneAt: { column: 'activities.done_at', kind: 'text', nullable: true },
    createdAt: { column: 'activities.created_at', kind: 'text' },
    updatedAt: { column: 'activities.updated_at', kind: 'text' },
  },
  defaultSort: 'scheduledAt',
  sortKeyColumn: 'activities.subject_sort',
  searchColumns: ['activities.subject_sort'],
  photo: false,
  nameColumns: ['subject'],
};
