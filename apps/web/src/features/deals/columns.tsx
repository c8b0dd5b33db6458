import type { TFunction } from 'i18next';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { DealListItem } from '@kontor/contract/deals';
import type { Column } from '../../components/DataTable';
import { TagList } from '../../components/Badges';
import { formatDate, formatMoney, todayIso } from '../../lib/format';
import { Muted, RestrictedIcon } from '../records/cells';
import { stageLabel, statusColor, statusLabel } from './labels';

export const overdue = (d: Pick<DealListItem, 'status' | 'expectedCloseDate'>) => d.status === 'open' && d.expectedCloseDate !== null && d.expectedCloseDate < todayIso();

const RefLink = ({ to, name }: { to: string; name: string | null }) => (
  <Anchor component={Link} to={to} size="sm" truncate="end" display="block">
    {name}
  </Anchor>
);

export function DealStatusBadge({ status, t }: { status: DealListItem['status']; t: TFunction }) {
  return (
    <Badge size="sm" variant={status === 'open' ? 'light' : 'filled'} color={statusColor[status]} radius="sm" styles={{ label: { textTransform: 'none' } }}>
      {statusLabel(t, status)}
    </Badge>
  );
}

/** The deal list's columns; `related` is the shorter list on an account's or contact's page. */
export function dealColumns(t: TFunction, variant: 'list' | 'account' | 'contact' = 'list'): Column<DealListItem>[] {
  const related = variant !== 'list';
  const cols: (Column<DealListItem> | false)[] = [
    {
      // on a record page the name takes what the other columns leave
      key: 'name', header: t('fields.name'), sortKey: 'name', kind: 'name',
      render: (d) => (
        <Group gap={4} wrap="nowrap">
          <Anchor component={Link} to={`/deals/${d.id}`} fw={550} size="sm" c="gray.9" truncate="end" display="block" miw={0} data-testid="row-name">
            {d.name}
          </Anchor>
          {d.restricted ? <RestrictedIcon /> : null}
        </Group>
      ),
    },
    variant !== 'account' && { key: 'accountName', aliases: ['account'], header: t('fields.account'), kind: 'longText', width: 160, hideBelow: related ? 'lg' : undefined, render: (d) => (d.accountId ? <RefLink to={`/accounts/${d.accountId}`} name={d.accountName} /> : null) },
    variant !== 'contact' && { key: 'contactName', aliases: ['contact'], header: t('fields.contact'), kind: 'longText', width: 150, hideBelow: 'lg', render: (d) => (d.contactId ? <RefLink to={`/contacts/${d.contactId}`} name={d.contactName} /> : null) },
    {
      key: 'amount', header: t('deals.fields.amount'), sortKey: 'amount', align: 'right', kind: 'amount',
      render: (d) => <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{d.amount === null ? '' : formatMoney(d.amount, d.currency)}</Text>,
    },
    { key: 'stageName', aliases: ['stage'], header: t('deals.fields.stage'), kind: 'text', width: 125, render: (d) => <Muted>{stageLabel(t, d.stageName)}</Muted> },
    { key: 'status', header: t('deals.fields.status'), kind: 'badge', width: 100, render: (d) => <DealStatusBadge status={d.status} t={t} /> },
    {
      key: 'expectedCloseDate', header: t('deals.fields.expectedCloseDate'), sortKey: 'expectedCloseDate', kind: 'date',
      render: (d) => (
        <Text size="sm" c={overdue(d) ? 'red.7' : 'gray.7'} fw={overdue(d) ? 600 : undefined} truncate="end" title={overdue(d) ? `${formatDate(d.expectedCloseDate)} · ${t('deals.overdue')}` : undefined}>
          {formatDate(d.expectedCloseDate)}
        </Text>
      ),
    },
    { key: 'owner', header: t('fields.owner'), kind: 'person', hideBelow: related ? 'lg' : 'md', render: (d) => <Muted>{d.owner?.name}</Muted> },
    variant === 'list' && { key: 'tags', header: t('fields.tags'), kind: 'tags', hideBelow: 'lg', render: (d) => <TagList tags={d.tags} /> },
  ];
  return cols.filter((c): c is Column<DealListItem> => c !== false);
}
