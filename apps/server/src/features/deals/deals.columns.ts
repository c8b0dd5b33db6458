import type { z } from 'zod';
import type { dealFields } from '@kontor/contract/deals';
import { nameSortKey } from '@kontor/contract/sort-key';
import type { DealPatchRow } from '../../db/schema.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';

type DealFieldsIn = Partial<z.output<typeof dealFields>>;

/** API field -> column for the plain fields present in the input; placement and status are the service's. */
export function dealColumns(input: DealFieldsIn): DealPatchRow {
  const set: DealPatchRow = {};
  if (input.name !== undefined) {
    set.name = input.name;
    set.name_sort = nameSortKey(input.name);
  }
  if (input.amount !== undefined) set.amount = input.amount;
  if (input.currency !== undefined) set.currency = input.currency;
  if (input.expectedCloseDate !== undefined) set.expected_close_date = input.expectedCloseDate;
  if (input.accountId !== undefined) set.account_id = fromApiIdOrNull(input.accountId);
  if (input.contactId !== undefined) set.contact_id = fromApiIdOrNull(input.contactId);
  if (input.ownerId !== undefined) set.owner_id = fromApiId(input.ownerId);
  if (input.description !== undefined) set.description = input.description;
  return set;
}
