import type { Contact, ContactCreate } from '@kontor/contract/contacts';
import type { CustomFieldDefinition } from '@kontor/contract/custom-fields';
import {
  blankToNull, customFieldsPayload, emptyPointRows, pointsPayload, toAddressRows, toPointRows, type ContactPointRows, type CustomFormValues,
} from '../records/form-utils';

export interface ContactFormValues {
  salutation: string | null;
  firstName: string;
  lastName: string;
  position: string;
  department: string;
  birthday: string;
  emailOptOut: boolean;
  leadSource: string | null;
  description: string;
  ownerId: string | null;
  accountId: string | null;
  accountName: string | null;
  contactType: string | null;
  tags: string[];
  customFields: CustomFormValues;
  points: ContactPointRows;
}

export interface ContactFormInit {
  mode: 'create' | 'edit' | 'clone';
  contact?: Contact;
  account?: { id: string; name: string };
}

export function contactFormValues(init: ContactFormInit, userId: string): ContactFormValues {
  const c = init.contact;
  if (!c)
    return {
      salutation: null, firstName: '', lastName: '', position: '', department: '', birthday: '', emailOptOut: false, leadSource: null, description: '',
      ownerId: userId, accountId: init.account?.id ?? null, accountName: init.account?.name ?? null, contactType: null, tags: [], customFields: {},
      points: emptyPointRows(),
    };
  return {
    salutation: c.salutation,
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    position: c.position ?? '',
    department: c.department ?? '',
    birthday: c.birthday ?? '',
    emailOptOut: c.emailOptOut,
    leadSource: c.leadSource,
    description: c.description ?? '',
    ownerId: c.ownerId,
    accountId: c.accountId,
    accountName: c.accountName,
    contactType: c.contactType,
    tags: [...c.tags],
    customFields: { ...c.customFields },
    points: { emails: toPointRows(c.emails), phones: toPointRows(c.phones), websites: toPointRows(c.websites), addresses: toAddressRows(c.addresses) },
  };
}

export function contactPayload(v: ContactFormValues, defs: CustomFieldDefinition[], includeAccount: boolean) {
  const { payload: points, index } = pointsPayload(v.points);
  const body: ContactCreate = {
    salutation: v.salutation as ContactCreate['salutation'],
    firstName: blankToNull(v.firstName),
    lastName: blankToNull(v.lastName),
    position: blankToNull(v.position),
    department: blankToNull(v.department),
    birthday: v.birthday === '' ? null : v.birthday,
    emailOptOut: v.emailOptOut,
    leadSource: v.leadSource as ContactCreate['leadSource'],
    description: blankToNull(v.description),
    ownerId: v.ownerId ?? undefined,
    ...(includeAccount ? { accountId: v.accountId } : {}),
    contactType: v.contactType,
    tags: v.tags,
    customFields: customFieldsPayload(defs, v.customFields),
    ...points,
  };
  return { body, index };
}
