import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { CustomFieldDefinition, CustomFieldValue } from '@kontor/contract/custom-fields';
import type { PostalAddress } from '@kontor/contract/addresses';
import { ContactTypeBadge } from '../../components/Badges';
import { formatAmount, formatBirthday, formatDate, formatDateTime, formatNumber } from '../../lib/format';

export const webHref = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);
export const External = ({ href, children }: { href: string; children: ReactNode }) => (
  <Anchor href={href} target="_blank" rel="noreferrer noopener" size="sm">
    {children}
  </Anchor>
);

export function formatAddress(a: PostalAddress): string {
  return [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
}

export function customValue(t: TFunction, def: CustomFieldDefinition | undefined, v: CustomFieldValue | undefined): ReactNode {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  switch (def?.type) {
    case 'number':
      return typeof v === 'number' ? formatNumber(v, 6) : v;
    case 'currency':
      return typeof v === 'number' ? formatAmount(v) : v;
    case 'date':
      return typeof v === 'string' ? formatDate(v) : String(v);
    case 'url':
      return <External href={webHref(String(v))}>{String(v)}</External>;
    case 'email':
      return <Anchor href={`mailto:${String(v)}`} size="sm">{String(v)}</Anchor>;
    case 'phone':
      return <Anchor href={`tel:${String(v)}`} size="sm">{String(v)}</Anchor>;
    default:
      return String(v);
  }
}

const pick = (t: TFunction, list: string, v: string | null) => (v ? t(`picklist.${list}.${v}`) : null);

/** Label and display value of a field of an account, by its key (also `customFields.<key>`). */
export function accountField(t: TFunction, key: string, a: Account, defs: CustomFieldDefinition[]): { label: string; value: ReactNode } {
  if (key.startsWith('customFields.')) {
    const k = key.slice('customFields.'.length);
    const def = defs.find((d) => d.key === k);
    return { label: def?.label ?? k, value: customValue(t, def, a.customFields[k]) };
  }
  const label = t(`fields.${key === 'ownerId' ? 'owner' : key === 'parentAccountId' ? 'parentAccount' : key}`);
  switch (key) {
    case 'website': return { label, value: a.website ? <External href={webHref(a.website)}>{a.website}</External> : null };
    case 'phone': return { label, value: a.phone ? <Anchor href={`tel:${a.phone}`} size="sm">{a.phone}</Anchor> : null };
    case 'primaryEmail': return { label, value: a.primaryEmail ? <Anchor href={`mailto:${a.primaryEmail}`} size="sm">{a.primaryEmail}</Anchor> : null };
    case 'primaryPhone': return { label, value: a.primaryPhone ? <Anchor href={`tel:${a.primaryPhone}`} size="sm">{a.primaryPhone}</Anchor> : null };
    case 'industry': return { label, value: pick(t, 'industries', a.industry) };
    case 'accountType': return { label, value: pick(t, 'accountTypes', a.accountType) };
    case 'ownership': return { label, value: pick(t, 'ownerships', a.ownership) };
    case 'rating': return { label, value: pick(t, 'ratings', a.rating) };
    case 'employees': return { label, value: formatNumber(a.employees) };
    case 'annualRevenue': return { label, value: formatAmount(a.annualRevenue) };
    case 'ownerId': return { label, value: a.owner?.name };
    case 'parentAccountId':
      return { label, value: a.parentAccountId ? <Anchor component={Link} to={`/accounts/${a.parentAccountId}`} size="sm">{a.parentAccountName}</Anchor> : null };
    case 'contactType': return { label, value: a.contactType ? <ContactTypeBadge id={a.contactType} /> : null };
    case 'billingAddress': return { label, value: formatAddress(a.billingAddress) };
    case 'shippingAddress': return { label, value: formatAddress(a.shippingAddress) };
    case 'createdAt': return { label, value: formatDateTime(a.createdAt) };
    case 'updatedAt': return { label, value: formatDateTime(a.updatedAt) };
    case 'tickerSymbol': case 'accountNumber': case 'accountSite': case 'fax': case 'description':
      return { label, value: a[key] };
    default: return { label: key, value: null };
  }
}

export function contactField(t: TFunction, key: string, c: Contact, defs: CustomFieldDefinition[]): { label: string; value: ReactNode } {
  if (key.startsWith('customFields.')) {
    const k = key.slice('customFields.'.length);
    const def = defs.find((d) => d.key === k);
    return { label: def?.label ?? k, value: customValue(t, def, c.customFields[k]) };
  }
  const label = t(`fields.${key === 'ownerId' ? 'owner' : key === 'accountId' ? 'account' : key}`);
  switch (key) {
    case 'accountId':
      return { label, value: c.accountId ? <Anchor component={Link} to={`/accounts/${c.accountId}`} size="sm" data-testid="contact-account-link">{c.accountName}</Anchor> : null };
    case 'primaryEmail': return { label, value: c.primaryEmail ? <Anchor href={`mailto:${c.primaryEmail}`} size="sm">{c.primaryEmail}</Anchor> : null };
    case 'primaryPhone': return { label, value: c.primaryPhone ? <Anchor href={`tel:${c.primaryPhone}`} size="sm">{c.primaryPhone}</Anchor> : null };
    case 'ownerId': return { label, value: c.owner?.name };
    case 'salutation': return { label, value: pick(t, 'salutations', c.salutation) };
    case 'leadSource': return { label, value: pick(t, 'leadSources', c.leadSource) };
    case 'birthday': return { label, value: formatBirthday(c.birthday) };
    case 'emailOptOut': return { label, value: c.emailOptOut ? t('common.yes') : t('common.no') };
    case 'contactType': return { label, value: c.contactType ? <ContactTypeBadge id={c.contactType} /> : null };
    case 'createdAt': return { label, value: formatDateTime(c.createdAt) };
    case 'updatedAt': return { label, value: formatDateTime(c.updatedAt) };
    case 'firstName': case 'lastName': case 'position': case 'department': case 'description':
      return { label, value: c[key] };
    default: return { label: key, value: null };
  }
}

export const accountCardFields = ['website', 'phone', 'primaryEmail', 'primaryPhone', 'industry', 'accountType', 'ownership', 'rating', 'employees', 'annualRevenue', 'ownerId', 'parentAccountId', 'contactType', 'tickerSymbol', 'accountNumber', 'accountSite', 'fax', 'billingAddress', 'shippingAddress'];
export const contactCardFields = ['accountId', 'position', 'department', 'primaryEmail', 'primaryPhone', 'ownerId', 'birthday', 'leadSource', 'salutation', 'contactType', 'emailOptOut'];
