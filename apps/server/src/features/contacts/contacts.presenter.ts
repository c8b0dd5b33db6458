import type { Contact, ContactListItem } from '@kontor/contract/contacts';
import type { RecordAccess } from '@kontor/contract/permissions';
import { customFieldValues } from '@kontor/contract/custom-fields';
import { personName } from '@kontor/contract/person-name';
import type { ContactRow } from '../../db/schema.ts';
import { toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import type { ContactPoints } from '../contact-points/contact-points.repository.ts';
import { photoUrl } from '../accounts/accounts.presenter.ts';
import { userRef } from '../records/references.ts';

export interface ContactExtras {
  accountName: string | null;
  tags: string[];
  users: Map<number, string>;
}

/** The columns a list row shows: lists select exactly these (contacts.repository.ts), not the whole row. */
export const contactListColumns = [
  'id',
  'salutation',
  'first_name',
  'last_name',
  'position',
  'department',
  'owner_id',
  'account_id',
  'contact_type_id',
  'photo_file_id',
  'primary_email',
  'primary_phone',
  'email_opt_out',
  'restricted',
  'custom_fields',
  'version',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ContactRow>;
export type ContactListColumns = Pick<ContactRow, (typeof contactListColumns)[number]>;

export function presentContactListItem(r: ContactListColumns, x: ContactExtras): ContactListItem {
  return {
    id: toApiId(r.id),
    salutation: r.salutation,
    firstName: r.first_name,
    lastName: r.last_name,
    fullName: personName({ firstName: r.first_name, lastName: r.last_name }),
    position: r.position,
    department: r.department,
    ownerId: toApiIdOrNull(r.owner_id),
    owner: userRef(x.users, r.owner_id),
    accountId: toApiIdOrNull(r.account_id),
    accountName: x.accountName,
    contactType: toApiIdOrNull(r.contact_type_id),
    tags: x.tags,
    photoUrl: photoUrl('contacts', r.id, r.photo_file_id),
    primaryEmail: r.primary_email,
    primaryPhone: r.primary_phone,
    emailOptOut: r.email_opt_out === 1,
    restricted: r.restricted === 1,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentContact(r: ContactRow, x: ContactExtras & { points: ContactPoints; restrictedTo: string[] | null; access: RecordAccess }): Contact {
  return {
    ...presentContactListItem(r, x),
    birthday: r.birthday,
    leadSource: r.lead_source,
    description: r.description,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    ...x.points,
    deletedAt: r.deleted_at,
    restrictedTo: x.restrictedTo,
    access: x.access,
    createdBy: userRef(x.users, r.created_by),
    updatedBy: userRef(x.users, r.updated_by),
  };
}
