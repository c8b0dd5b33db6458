import { activityTypes, type Activity, type ActivityListItem, type ActivityType } from '@kontor/contract/activities';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import { personName } from '@kontor/contract/person-name';
import { toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { userRef } from '../records/references.ts';
import { splitTagNames } from '../tags/record-tags.ts';
import type { ActivityListItemRow, ActivityListRow } from './activities.repository.ts';
import { isOverdue, type Clock } from './activities.schedule.ts';

const typeOf = (s: string): ActivityType => activityTypes.find((x) => x === s) ?? 'task';
const ref = (id: number | null, name: string | null) => (id == null || name == null ? null : { id: toApiId(id), name });

export function presentActivityListItem(r: ActivityListItemRow, participants: Array<{ id: number; name: string }>, clock: Clock): ActivityListItem {
  return {
    id: toApiId(r.id),
    type: typeOf(r.type),
    subject: r.subject,
    dueAt: r.due_at,
    startAt: r.start_at,
    endAt: r.end_at,
    durationMinutes: r.duration_minutes == null ? null : Number(r.duration_minutes),
    allDay: r.all_day === 1,
    location: r.location,
    outcome: r.outcome,
    description: r.description,
    done: r.done === 1,
    doneAt: r.done_at,
    scheduledAt: r.scheduled_at ?? '',
    overdue: isOverdue(r, clock),
    accountId: toApiIdOrNull(r.account_id),
    contactId: toApiIdOrNull(r.contact_id),
    dealId: toApiIdOrNull(r.deal_id),
    leadId: toApiIdOrNull(r.lead_id),
    account: ref(r.account_id, r.account_name),
    contact: r.contact_seen == null ? null : ref(r.contact_id, personName({ firstName: r.contact_first, lastName: r.contact_last })),
    deal: ref(r.deal_id, r.deal_name),
    lead: r.lead_seen == null ? null : ref(r.lead_id, personName({ firstName: r.lead_first, lastName: r.lead_last })),
    ownerId: toApiIdOrNull(r.owner_id),
    owner: r.owner_id == null ? null : { id: toApiId(r.owner_id), name: r.owner_name ?? '' },
    participants: participants.map((p) => ({ id: toApiId(p.id), name: p.name })),
    tags: splitTagNames(r.tag_names),
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    restricted: r.restricted === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentActivity(
  r: ActivityListRow,
  x: { participants: Array<{ id: number; name: string }>; clock: Clock; users: Map<number, string>; restrictedTo: string[] | null; access: RecordAccess },
): Activity {
  const { restricted: _r, ...item } = presentActivityListItem(r, x.participants, x.clock);
  return { ...item, restrictedTo: x.restrictedTo, access: x.access, createdBy: userRef(x.users, r.created_by), updatedBy: userRef(x.users, r.updated_by) };
}
