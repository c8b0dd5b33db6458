import type { i18n as I18n, TFunction } from 'i18next';
import { Anchor, Box, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { IconCheck } from '@tabler/icons-react';
import type { ActivityListItem, RecordRef } from '@kontor/contract/activities';
import { columnSortKeys, type listColumns } from '@kontor/contract/views';
import type { Column, ColumnKind } from '../../components/DataTable';
import { TagList } from '../../components/Badges';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Muted, RestrictedIcon } from '../records/cells';
import { standardFieldLabel } from '../views/labels';
import { ActivityTypeIcon } from './ActivityTypeIcon';

type ColumnKey = (typeof listColumns.activities)[number];

/** What each column holds, for its width (the widths below are ideals; without one, the kind's). */
const kinds: Record<ColumnKey, ColumnKind> = {
  subject: 'name', type: 'text', scheduledAt: 'datetime', dueAt: 'datetime', startAt: 'datetime', endAt: 'datetime', durationMinutes: 'number', allDay: 'boolean',
  location: 'text', outcome: 'longText', done: 'boolean', doneAt: 'datetime', account: 'longText', contact: 'longText', deal: 'longText', lead: 'longText',
  owner: 'person', tags: 'tags', createdAt: 'datetime', updatedAt: 'datetime',
};

/** A moment of an activity: an all-day one by its date alone, the others with their time, in the user's locale. */
const moment = (a: Pick<ActivityListItem, 'allDay'>, iso: string | null) => (a.allDay ? formatDate(iso) : formatDateTime(iso));

const RefLink = ({ to, record }: { to: string; record: RecordRef | null }) =>
  record ? (
    <Anchor component={Link} to={`${to}/${record.id}`} size="sm" truncate="end" display="block">
      {record.name}
    </Anchor>
  ) : null;

function Check({ on, label }: { on: boolean; label: string }) {
  return on ? (
    <Box c="teal.7" style={{ display: 'flex' }}>
      <IconCheck size={17} stroke={2.2} aria-label={label} role="img" />
    </Box>
  ) : null;
}

/**
 * The activities list's columns, one renderer per key of `listColumns.activities` (headers as the filter builder
 * names the fields). The subject carries the type's icon, red when the activity is overdue; a done one is struck out.
 */
export function activityColumns(t: TFunction, i18n: I18n): Column<ActivityListItem>[] {
  const header = (key: ColumnKey) => standardFieldLabel(t, i18n, 'activities', key);
  const sortKey = (key: ColumnKey): string | undefined => columnSortKeys.activities[key];
  const col = (key: ColumnKey, width: number | undefined, render: Column<ActivityListItem>['render'], more: Partial<Column<ActivityListItem>> = {}): Column<ActivityListItem> => ({
    key, header: header(key), sortKey: sortKey(key), kind: kinds[key], width, render, ...more,
  });
  const columns: Record<ColumnKey, Column<ActivityListItem>> = {
    subject: col('subject', 280, (a) => (
      <Group gap={8} wrap="nowrap" data-overdue={a.overdue} data-done={a.done}>
        <Box c={a.overdue ? 'red.7' : 'gray.6'} style={{ display: 'flex', flex: 'none' }} title={t(`activities.types.${a.type}`)}>
          <ActivityTypeIcon type={a.type} size={17} />
        </Box>
        <Text size="sm" fw={550} c={a.done ? 'dimmed' : 'gray.9'} td={a.done ? 'line-through' : undefined} truncate="end" miw={0} data-testid="row-name">
          {a.subject}
        </Text>
        {a.restricted ? <RestrictedIcon /> : null}
      </Group>
    )),
    type: col('type', 110, (a) => <Muted>{t(`activities.types.${a.type}`)}</Muted>),
    scheduledAt: col('scheduledAt', 190, (a) => (
      <Text size="sm" c={a.overdue ? 'red.7' : 'gray.7'} fw={a.overdue ? 600 : undefined} truncate="end" title={a.overdue ? `${moment(a, a.scheduledAt)} · ${t('activities.overdue')}` : moment(a, a.scheduledAt)} data-testid="activity-when">
        {moment(a, a.scheduledAt)}
      </Text>
    )),
    dueAt: col('dueAt', undefined, (a) => <Muted>{moment(a, a.dueAt)}</Muted>),
    startAt: col('startAt', undefined, (a) => <Muted>{moment(a, a.startAt)}</Muted>),
    endAt: col('endAt', undefined, (a) => <Muted>{moment(a, a.endAt)}</Muted>),
    durationMinutes: col('durationMinutes', 120, (a) => <Muted>{a.durationMinutes === null ? null : `${formatNumber(a.durationMinutes)} ${t('activities.minutes')}`}</Muted>, { align: 'right' }),
    allDay: col('allDay', 90, (a) => <Check on={a.allDay} label={header('allDay')} />),
    location: col('location', 160, (a) => <Muted>{a.location}</Muted>),
    outcome: col('outcome', 220, (a) => <Muted>{a.outcome}</Muted>),
    done: col('done', 80, (a) => <Check on={a.done} label={header('done')} />),
    doneAt: col('doneAt', undefined, (a) => <Muted>{formatDateTime(a.doneAt)}</Muted>),
    account: col('account', 170, (a) => <RefLink to="/accounts" record={a.account} />),
    contact: col('contact', 160, (a) => <RefLink to="/contacts" record={a.contact} />, { hideBelow: 'lg' }),
    deal: col('deal', 170, (a) => <RefLink to="/deals" record={a.deal} />),
    lead: col('lead', 160, (a) => <RefLink to="/leads" record={a.lead} />),
    owner: col('owner', 130, (a) => <Muted>{a.owner?.name}</Muted>, { hideBelow: 'md' }),
    tags: col('tags', 150, (a) => <TagList tags={a.tags} />),
    createdAt: col('createdAt', undefined, (a) => <Muted>{formatDateTime(a.createdAt)}</Muted>),
    updatedAt: col('updatedAt', undefined, (a) => <Muted>{formatDateTime(a.updatedAt)}</Muted>),
  };
  return Object.values(columns);
}
