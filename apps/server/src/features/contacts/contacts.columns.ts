import type { z } from 'zod';
import type { contactFields } from '@kontor/contract/contacts';
import type { ContactPatchRow } from '../../db/schema.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';

type ContactFieldsIn = Partial<z.output<typeof contactFields>>;

/** API field -> column for the fields present in the input; the account link is handled by the service. */
export function contactColumns(input: ContactFieldsIn): ContactPatchRow {
  const set: ContactPatchRow = {};
  if (input.salutation !== undefined) set.salutation = input.salutation;
  if (input.firstName !== undefined) set.first_name = input.firstName;
  if (input.lastName !== undefined) set.last_name = input.lastName;
  if (input.position !== undefined) set.position = input.position;
  if (input.department !== undefined) set.department = input.department;
  if (input.birthday !== undefined) set.birthday = input.birthday;
  if (input.emailOptOut !== undefined) set.email_opt_out = input.emailOptOut ? 1 : 0;
  if (input.leadSource !== undefined) set.lead_source = input.leadSource;
  if (input.description !== undefined) set.description = input.description;
  if (input.ownerId !== undefined) set.owner_id = fromApiId(input.ownerId);
  if (input.accountId !== undefined) set.account_id = fromApiIdOrNull(input.accountId);
  if (input.contactType !== undefined) set.contact_type_id = fromApiIdOrNull(input.contactType);
  return set;
}
