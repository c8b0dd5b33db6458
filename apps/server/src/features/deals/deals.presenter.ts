import type { Deal, DealListItem, DealStatus } from '@kontor/contract/deals';
import { dealStatuses } from '@kontor/contract/deals';
import { personName } from '@kontor/contract/person-name';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import { toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { userRef } from '../records/references.ts';
import { splitTagNames } from '../tags/record-tags.ts';
import type { DealListItemRow, DealListRow } from './deals.repository.ts';

const statusOf = (s: string): DealStatus => dealStatuses.find((x) => x === s) ?? 'open';
const contactName = (r: DealListItemRow) => personName({ firstName: r.contact_first, lastName: r.contact_last }) || null;

export function presentDealListItem(r: DealListItemRow): DealListItem {
  return {
    id: toApiId(r.id),
    name: r.name,
    amount: r.amount == null ? null : Number(r.amount),
    currency: r.currency,
    pipelineId: toApiId(r.pipeline_id),
    pipelineName: r.pipeline_name,
    stageId: toApiId(r.stage_id),
    stageName: r.stage_name,
    probability: Number(r.probability),
    status: statusOf(r.status),
    lostReason: r.lost_reason,
    expectedCloseDate: r.expected_close_date,
    closedAt: r.closed_at,
    accountId: toApiIdOrNull(r.account_id),
    accountName: r.account_name,
    contactId: toApiIdOrNull(r.contact_id),
    contactName: contactName(r),
    ownerId: toApiIdOrNull(r.owner_id),
    owner: r.owner_id == null ? null : { id: toApiId(r.owner_id), name: r.owner_name ?? '' },
    tags: splitTagNames(r.tag_names),
    restricted: r.restricted === 1,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentDeal(r: DealListRow, x: { users: Map<number, string>; restrictedTo: string[] | null; access: RecordAccess }): Deal {
  const { restricted: _r, ...item } = presentDealListItem(r);
  return {
    ...item,
    description: r.description,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    restrictedTo: x.restrictedTo,
    access: x.access,
    createdBy: userRef(x.users, r.created_by),
    updatedBy: userRef(x.users, r.updated_by),
  };
}
