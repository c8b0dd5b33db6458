import type { Account, AccountCreate } from '@kontor/contract/accounts';
import { emptyAddress, type PostalAddress } from '@kontor/contract/addresses';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import {
  blankToNull, customFieldsPayload, emptyPointRows, numberOrNull, pointsPayload, toAddressRows, toPointRows, type ContactPointRows, type CustomFormValues,
} from '../records/form-utils';

/** The form's values. Phone and website are not fields of their own: they are the primary phone and website points (issue #14). */
export interface AccountFormValues {
  name: string;
  ownerId: string | null;
  parentAccountId: string | null;
  parentAccountName: string | null;
  tickerSymbol: string;
  accountNumber: string;
  accountSite: string;
  fax: string;
  industry: string | null;
  ownership: string | null;
  accountType: string | null;
  rating: string | null;
  employees: number | string;
  annualRevenue: number | string;
  billingAddress: PostalAddress;
  shippingAddress: PostalAddress;
  description: string;
  contactType: string | null;
  tags: string[];
  customFields: CustomFormValues;
  points: ContactPointRows;
}

export interface AccountFormInit {
  mode: 'create' | 'edit' | 'clone';
  account?: Account;
  parent?: { id: string; name: string };
}

export function accountFormValues(init: AccountFormInit, userId: string, copyName: (name: string) => string): AccountFormValues {
  const a = init.account;
  if (!a)
    return {
      name: '', ownerId: userId, parentAccountId: init.parent?.id ?? null, parentAccountName: init.parent?.name ?? null, tickerSymbol: '',
      accountNumber: '', accountSite: '', fax: '', industry: null, ownership: null, accountType: null, rating: null, employees: '',
      annualRevenue: '', billingAddress: { ...emptyAddress }, shippingAddress: { ...emptyAddress }, description: '', contactType: null, tags: [],
      customFields: {}, points: emptyPointRows(),
    };
  return {
    name: init.mode === 'clone' ? copyName(a.name) : a.name,
    ownerId: a.ownerId,
    parentAccountId: a.parentAccountId,
    parentAccountName: a.parentAccountName,
    tickerSymbol: a.tickerSymbol ?? '',
    accountNumber: init.mode === 'clone' ? '' : (a.accountNumber ?? ''),
    accountSite: a.accountSite ?? '',
    fax: a.fax ?? '',
    industry: a.industry,
    ownership: a.ownership,
    accountType: a.accountType,
    rating: a.rating,
    employees: a.employees ?? '',
    annualRevenue: a.annualRevenue ?? '',
    billingAddress: { ...a.billingAddress },
    shippingAddress: { ...a.shippingAddress },
    description: a.description ?? '',
    contactType: a.contactType,
    tags: [...a.tags],
    customFields: { ...a.customFields },
    points: { emails: toPointRows(a.emails), phones: toPointRows(a.phones), websites: toPointRows(a.websites), addresses: toAddressRows(a.addresses) },
  };
}

export function accountPayload(v: AccountFormValues, defs: CustomFieldDefinition[]) {
  const { payload: points, index } = pointsPayload(v.points);
  const body: AccountCreate = {
    name: v.name,
    ownerId: v.ownerId ?? undefined,
    parentAccountId: v.parentAccountId,
    tickerSymbol: blankToNull(v.tickerSymbol),
    accountNumber: blankToNull(v.accountNumber),
    accountSite: blankToNull(v.accountSite),
    fax: blankToNull(v.fax),
    industry: v.industry as AccountCreate['industry'],
    ownership: v.ownership as AccountCreate['ownership'],
    accountType: v.accountType as AccountCreate['accountType'],
    rating: v.rating as AccountCreate['rating'],
    employees: numberOrNull(v.employees),
    annualRevenue: numberOrNull(v.annualRevenue),
    billingAddress: v.billingAddress,
    shippingAddress: v.shippingAddress,
    description: blankToNull(v.description),
    contactType: v.contactType,
    tags: v.tags,
    customFields: customFieldsPayload(defs, v.customFields),
    ...points,
  };
  return { body, index };
}
