import type { TFunction } from 'i18next';
import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ContactListItem } from '@kontor/contract/contacts';
import type { Column } from '../../components/DataTable';
import { ContactTypeBadge, TagList } from '../../components/Badges';
import { MailCell, Muted, NameCell, PhoneCell } from '../records/cells';

export function contactColumns(t: TFunction, variant: 'list' | 'related' = 'list'): Column<ContactListItem>[] {
  const cols: (Column<ContactListItem> | false)[] = [
    {
      key: 'fullName', aliases: ['name'], header: t('fields.name'), sortKey: 'lastName', kind: 'name',
      render: (c) => <NameCell to={`/contacts/${c.id}`} name={c.fullName} photoUrl={c.photoUrl} restricted={c.restricted} />,
    },
    variant === 'list' && {
      key: 'accountName', aliases: ['account'], header: t('fields.account'), kind: 'longText', width: 190,
      render: (c) => (c.accountId && c.accountName ? <Anchor component={Link} to={`/accounts/${c.accountId}`} size="sm" truncate="end" display="block">{c.accountName}</Anchor> : null),
    },
    { key: 'position', header: t('fields.position'), sortKey: 'position', kind: 'longText', width: 170, hideBelow: variant === 'list' ? 'lg' : undefined, render: (c) => <Muted>{c.position}</Muted> },
    variant === 'related' && { key: 'department', header: t('fields.department'), sortKey: 'department', kind: 'text', width: 140, hideBelow: 'lg', render: (c) => <Muted>{c.department}</Muted> },
    { key: 'primaryEmail', aliases: ['email'], header: t('fields.primaryEmail'), kind: 'email', render: (c) => <MailCell email={c.primaryEmail} /> },
    { key: 'primaryPhone', aliases: ['phone'], header: t('fields.primaryPhone'), kind: 'phone', render: (c) => <PhoneCell phone={c.primaryPhone} /> },
    variant === 'list' && { key: 'owner', header: t('fields.owner'), hideBelow: 'lg', kind: 'person', render: (c) => <Muted>{c.owner?.name}</Muted> },
    { key: 'contactType', header: t('fields.contactType'), kind: 'badge', hideBelow: variant === 'related' ? 'lg' : undefined, render: (c) => <ContactTypeBadge id={c.contactType} /> },
    variant === 'list' && { key: 'tags', header: t('fields.tags'), kind: 'tags', render: (c) => <TagList tags={c.tags} /> },
  ];
  return cols.filter((c): c is Column<ContactListItem> => c !== false);
}
