import type { z } from 'zod';
import type { accountFields } from '@kontor/contract/accounts';
import type { PostalAddress } from '@kontor/contract/addresses';
import { nameSortKey } from '@kontor/contract/sort-key';
import type { AccountPatchRow } from '../../db/schema.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';

type AccountFieldsIn = Partial<z.output<typeof accountFields>>;

const addressColumns = (prefix: 'billing' | 'shipping', a: PostalAddress) => ({
  [`${prefix}_street`]: a.street,
  [`${prefix}_city`]: a.city,
  [`${prefix}_region`]: a.region,
  [`${prefix}_postal_code`]: a.postalCode,
  [`${prefix}_country`]: a.country,
});

/**
 * API field -> column, for the fields present in the input (absent fields stay as they are). `phone` and `website`
 * are not here: they name the primary phone and website points, whose copies on the row `primaryValues` writes.
 */
export function accountColumns(input: AccountFieldsIn): AccountPatchRow {
  const set: AccountPatchRow = {};
  if (input.name !== undefined) {
    set.name = input.name;
    set.name_sort = nameSortKey(input.name);
  }
  if (input.ownerId !== undefined) set.owner_id = fromApiId(input.ownerId);
  if (input.parentAccountId !== undefined) set.parent_account_id = fromApiIdOrNull(input.parentAccountId);
  if (input.tickerSymbol !== undefined) set.ticker_symbol = input.tickerSymbol;
  if (input.accountNumber !== undefined) set.account_number = input.accountNumber;
  if (input.accountSite !== undefined) set.account_site = input.accountSite;
  if (input.fax !== undefined) set.fax = input.fax;
  if (input.industry !== undefined) set.industry = input.industry;
  if (input.ownership !== undefined) set.ownership = input.ownership;
  if (input.accountType !== undefined) set.account_type = input.accountType;
  if (input.rating !== undefined) set.rating = input.rating;
  if (input.employees !== undefined) set.employees = input.employees;
  if (input.annualRevenue !== undefined) set.annual_revenue = input.annualRevenue;
  if (input.description !== undefined) set.description = input.description;
  if (input.contactType !== undefined) set.contact_type_id = fromApiIdOrNull(input.contactType);
  if (input.billingAddress) Object.assign(set, addressColumns('billing', input.billingAddress));
  if (input.shippingAddress) Object.assign(set, addressColumns('shipping', input.shippingAddress));
  return set;
}
