import type { Lead, LeadListItem } from '@kontor/contract/leads';
import { leadSources, leadStatuses } from '@kontor/contract/leads';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { RecordAccess } from '@kontor/contract/permissions';
import { personName } from '@kontor/contract/person-name';
import { toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { userRef } from '../records/references.ts';
import { splitTagNames } from '../tags/record-tags.ts';
import type { LeadListItemRow, LeadListRow } from './leads.repository.ts';

const statusOf = (s: string) => leadStatuses.find((x) => x === s) ?? 'new';
const sourceOf = (s: string | null) => leadSources.find((x) => x === s) ?? null;

export function presentLeadListItem(r: LeadListItemRow): LeadListItem {
  return {
    id: toApiId(r.id),
    firstName: r.first_name,
    lastName: r.last_name,
    fullName: personName({ firstName: r.first_name, lastName: r.last_name }),
    company: r.company,
    email: r.email,
    phone: r.phone,
    position: r.position,
    source: sourceOf(r.source),
    status: statusOf(r.status),
    ownerId: toApiIdOrNull(r.owner_id),
    owner: r.owner_id == null ? null : { id: toApiId(r.owner_id), name: r.owner_name ?? '' },
    tags: splitTagNames(r.tag_names),
    convertedAt: r.converted_at,
    restricted: r.restricted === 1,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The lead with what it became: ids always (as a deal shows its account's id), names only of records the reader may see. */
export function presentLead(r: LeadListRow, x: { users: Map<number, string>; restrictedTo: string[] | null; access: RecordAccess }): Lead {
  const { restricted: _r, ...item } = presentLeadListItem(r);
  return {
    ...item,
    phoneE164: r.phone_e164,
    description: r.description,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    convertedContactId: toApiIdOrNull(r.converted_contact_id),
    convertedContactName: r.contact_first == null && r.contact_last == null ? null : personName({ firstName: r.contact_first, lastName: r.contact_last }),
    convertedAccountId: toApiIdOrNull(r.converted_account_id),
    convertedAccountName: r.account_name,
    convertedDealId: toApiIdOrNull(r.converted_deal_id),
    convertedDealName: r.deal_name,
    restrictedTo: x.restrictedTo,
    access: x.access,
    createdBy: userRef(x.users, r.created_by),
    updatedBy: userRef(x.users, r.updated_by),
  };
}
