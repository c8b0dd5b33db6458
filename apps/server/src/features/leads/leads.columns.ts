import type { z } from 'zod';
import type { leadFields } from '@kontor/contract/leads';
import { personSortKey } from '@kontor/contract/sort-key';
import type { LeadPatchRow } from '../../db/schema.ts';
import { fromApiId } from '../../lib/ids.ts';
import { toE164 } from '../contact-points/phones.ts';

type LeadFieldsIn = Partial<z.output<typeof leadFields>>;

/**
 * API field -> column for the plain fields present in the input. The name keeps its "last first" sort key
 * (`personSortKey`, as contacts do); the phone keeps what was typed and its E.164 form when it can be read in `phoneRegion`.
 */
export function leadColumns(input: LeadFieldsIn, current: { first_name: string | null; last_name: string } | null, phoneRegion: string | null): LeadPatchRow {
  const set: LeadPatchRow = {};
  if (input.firstName !== undefined) set.first_name = input.firstName;
  if (input.lastName !== undefined) set.last_name = input.lastName;
  if (input.firstName !== undefined || input.lastName !== undefined) {
    set.name_sort = personSortKey({ firstName: input.firstName !== undefined ? input.firstName : current?.first_name, lastName: input.lastName ?? current?.last_name });
  }
  if (input.company !== undefined) set.company = input.company;
  if (input.email !== undefined) set.email = input.email;
  if (input.phone !== undefined) {
    set.phone = input.phone;
    set.phone_e164 = input.phone == null ? null : toE164(input.phone, phoneRegion);
  }
  if (input.position !== undefined) set.position = input.position;
  if (input.source !== undefined) set.source = input.source;
  if (input.status !== undefined) set.status = input.status;
  if (input.ownerId !== undefined) set.owner_id = fromApiId(input.ownerId);
  if (input.description !== undefined) set.description = input.description;
  return set;
}
