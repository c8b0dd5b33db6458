import { webHref } from '../records/field-values';
import type { TFunction } from 'i18next';
import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { Column } from '../../components/DataTable';
import { ContactTypeBadge, TagList } from '../../components/Badges';
import { formatAmount, formatNumber } from '../../lib/format';
import { MailCell, Muted, NameCell, PhoneCell } from '../records/cells';
import { CustomerMark } from '../deals/CustomerBadge';

const pick = (t: TFunction, list: string, v: string | null) => (v ? t(`picklist.${list}.${v}`) : '');

export function accountColumns(t: TFunction, variant: 'list' | 'members' = 'list'): Column<AccountListItem>[] {
  const cols: (Column<AccountListItem> | false)[] = [
    {
      key: 'name', header: t('fields.name'), sortKey: 'name', kind: 'name',
      render: (a) => <NameCell to={`/accounts/${a.id}`} name={a.name} photoUrl={a.photoUrl} kind="organization" restricted={a.restricted} badge={a.isCustomer ? <CustomerMark /> : null} />,
    },
    variant === 'list' && { key: 'primaryEmail', aliases: ['email'], header: t('fields.primaryEmail'), kind: 'email', render: (a) => <MailCell email={a.primaryEmail} /> },
    { key: 'phone', header: t('fields.phone'), sortKey: 'phone', kind: 'phone', render: (a) => <PhoneCell phone={a.primaryPhone ?? a.phone} /> },
    variant === 'members' && {
      key: 'website', header: t('fields.website'), sortKey: 'website', kind: 'url',
      render: (a) => (a.website ? <Anchor href={webHref(a.website)} target="_blank" rel="noreferrer noopener" size="sm">{a.website}</Anchor> : null),
    },
    variant === 'list' && { key: 'billingCity', aliases: ['city'], header: t('address.city'), hideBelow: 'lg', width: 120, kind: 'text', render: (a) => <Muted>{a.billingCity}</Muted> },
    { key: 'industry', header: t('fields.industry'), sortKey: 'industry', width: 130, hideBelow: variant === 'list' ? 'md' : undefined, render: (a) => <Muted>{pick(t, 'industries', a.industry)}</Muted> },
    { key: 'accountType', header: t('fields.accountType'), sortKey: 'accountType', width: 120, hideBelow: variant === 'list' ? 'lg' : undefined, render: (a) => <Muted>{pick(t, 'accountTypes', a.accountType)}</Muted> },
    variant === 'list' && { key: 'employees', header: t('fields.employees'), sortKey: 'employees', align: 'right', hideBelow: 'lg', kind: 'number', width: 110, render: (a) => <Muted>{formatNumber(a.employees)}</Muted> },
    variant === 'members' && { key: 'annualRevenue', header: t('fields.annualRevenue'), sortKey: 'annualRevenue', align: 'right', kind: 'amount', render: (a) => <Muted>{formatAmount(a.annualRevenue)}</Muted> },
    variant === 'list' && { key: 'owner', header: t('fields.owner'), hideBelow: 'md', kind: 'person', render: (a) => <Muted>{a.owner?.name}</Muted> },
    variant === 'list' && { key: 'contactType', header: t('fields.contactType'), kind: 'badge', render: (a) => <ContactTypeBadge id={a.contactType} /> },
    variant === 'list' && { key: 'tags', header: t('fields.tags'), kind: 'tags', render: (a) => <TagList tags={a.tags} /> },
  ];
  return cols.filter((c): c is Column<AccountListItem> => c !== false);
}

export const AccountLink = ({ id, name }: { id: string; name: string }) => (
  <Anchor component={Link} to={`/accounts/${id}`} size="sm">
    {name}
  </Anchor>
);
