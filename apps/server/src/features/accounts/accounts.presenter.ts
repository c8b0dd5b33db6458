import type { Account, AccountListItem } from '@kontor/contract/accounts';
import type { DealSummary } from '@kontor/contract/deals';
import type { RecordAccess } from '@kontor/contract/permissions';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { AccountRow } from '../../db/schema.ts';
import { toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import type { ContactPoints } from '../contact-points/contact-points.repository.ts';
import { userRef } from '../records/references.ts';

export const photoUrl = (module: 'accounts' | 'contacts', id: number, fileId: number | null) =>
  fileId == null ? null : `/api/v1/${module}/${id}/photo?v=${fileId}`;

const address = (r: AccountRow, p: 'billing' | 'shipping') => ({
  street: r[`${p}_street`],
  city: r[`${p}_city`],
  region: r[`${p}_region`],
  postalCode: r[`${p}_postal_code`],
  country: r[`${p}_country`],
});

export interface AccountExtras {
  parentName: string | null;
  tags: string[];
  users: Map<number, string>;
  /** A won deal the reader may see. */
  isCustomer: boolean;
}

/** The columns a list row shows: lists select exactly these (accounts.repository.ts), not the whole row. */
export const accountListColumns = [
  'id',
  'name',
  'owner_id',
  'parent_account_id',
  'website',
  'phone',
  'industry',
  'account_type',
  'rating',
  'employees',
  'annual_revenue',
  'contact_type_id',
  'photo_file_id',
  'primary_email',
  'primary_phone',
  'billing_city',
  'billing_country',
  'restricted',
  'custom_fields',
  'version',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof AccountRow>;
export type AccountListColumns = Pick<AccountRow, (typeof accountListColumns)[number]>;

export function presentAccountListItem(r: AccountListColumns, x: AccountExtras): AccountListItem {
  return {
    id: toApiId(r.id),
    name: r.name,
    ownerId: toApiIdOrNull(r.owner_id),
    owner: userRef(x.users, r.owner_id),
    parentAccountId: toApiIdOrNull(r.parent_account_id),
    parentAccountName: x.parentName,
    website: r.website,
    phone: r.phone,
    industry: r.industry,
    accountType: r.account_type,
    rating: r.rating,
    employees: r.employees,
    annualRevenue: r.annual_revenue,
    contactType: toApiIdOrNull(r.contact_type_id),
    tags: x.tags,
    photoUrl: photoUrl('accounts', r.id, r.photo_file_id),
    primaryEmail: r.primary_email,
    primaryPhone: r.primary_phone,
    billingCity: r.billing_city || null,
    billingCountry: r.billing_country || null,
    restricted: r.restricted === 1,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    isCustomer: x.isCustomer,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentAccount(
  r: AccountRow,
  x: AccountExtras & { points: ContactPoints; contactCount: number; memberCount: number; deals: DealSummary; restrictedTo: string[] | null; access: RecordAccess },
): Account {
  return {
    ...presentAccountListItem(r, x),
    tickerSymbol: r.ticker_symbol,
    accountNumber: r.account_number,
    accountSite: r.account_site,
    fax: r.fax,
    ownership: r.ownership,
    billingAddress: address(r, 'billing'),
    shippingAddress: address(r, 'shipping'),
    description: r.description,
    customFields: parseJsonColumn(r.custom_fields, customFieldValues, {}),
    ...x.points,
    contactCount: x.contactCount,
    memberCount: x.memberCount,
    deals: x.deals,
    deletedAt: r.deleted_at,
    restrictedTo: x.restrictedTo,
    access: x.access,
    createdBy: userRef(x.users, r.created_by),
    updatedBy: userRef(x.users, r.updated_by),
  };
}
