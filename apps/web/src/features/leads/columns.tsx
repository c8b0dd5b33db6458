import type { TFunction } from 'i18next';
import type { LeadListItem } from '@kontor/contract/leads';
import type { Column } from '../../components/DataTable';
import { TagList } from '../../components/Badges';
import { formatDateTime } from '../../lib/format';
import { MailCell, Muted, NameCell, PhoneCell } from '../records/cells';
import { LeadStatusBadge, sourceLabel } from './labels';

export function leadColumns(t: TFunction): Column<LeadListItem>[] {
  return [
    {
      key: 'fullName', aliases: ['name'], header: t('fields.name'), sortKey: 'name', kind: 'name',
      render: (l) => <NameCell to={`/leads/${l.id}`} name={l.fullName} photoUrl={null} restricted={l.restricted} sub={l.position} />,
    },
    { key: 'company', header: t('leads.fields.company'), kind: 'longText', width: 180, render: (l) => <Muted>{l.company}</Muted> },
    { key: 'email', header: t('leads.fields.email'), kind: 'email', render: (l) => <MailCell email={l.email} /> },
    { key: 'phone', header: t('leads.fields.phone'), kind: 'phone', hideBelow: 'lg', render: (l) => <PhoneCell phone={l.phone} /> },
    { key: 'status', header: t('leads.fields.status'), kind: 'badge', width: 115, render: (l) => <LeadStatusBadge status={l.status} t={t} /> },
    { key: 'source', header: t('leads.fields.source'), kind: 'text', width: 130, hideBelow: 'md', render: (l) => <Muted>{sourceLabel(t, l.source)}</Muted> },
    { key: 'owner', header: t('fields.owner'), kind: 'person', hideBelow: 'lg', render: (l) => <Muted>{l.owner?.name}</Muted> },
    { key: 'createdAt', header: t('leads.fields.createdAt'), sortKey: 'createdAt', kind: 'datetime', hideBelow: 'lg', render: (l) => <Muted>{formatDateTime(l.createdAt)}</Muted> },
    { key: 'tags', header: t('fields.tags'), kind: 'tags', hideBelow: 'lg', render: (l) => <TagList tags={l.tags} /> },
  ];
}
