import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import type { AuditEntry } from '@kontor/contract/audit';
import { formatDateTime } from '../../lib/format';
import { profileLabel, roleLabel, useProfiles, useRoles, useUsers } from '../../lib/reference';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { usePagedList } from '../records/api';
import { usePipelines } from '../deals/api';
import { pipelineLabel } from '../deals/labels';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

/** Action prefixes to filter by (the API matches the start of the action). */
const filters = ['login.', 'logout', 'user.', 'session.', 'token.', 'role.', 'profile.', 'settings.', 'pipeline.', 'record.'] as const;
const known = new Set([
  'login.success', 'login.failure', 'logout', 'user.create', 'user.update', 'user.password_reset', 'user.password_change', 'user.transfer_records', 'session.revoke', 'token.create',
  'token.revoke', 'role.create', 'role.update', 'role.delete', 'profile.create', 'profile.update', 'profile.delete', 'settings.update', 'record.share',
  'record.unshare', 'record.restrict', 'record.purge', 'export', 'pipeline.create', 'pipeline.update', 'pipeline.delete',
]);
const actionColor = (a: string) => (a === 'login.failure' ? 'red' : a.startsWith('login') || a === 'logout' ? 'teal' : a.startsWith('record.') ? 'orange' : a.startsWith('user.') || a.startsWith('session.') ? 'blue' : 'gray');

export function AuditLogSettings() {
  return (
    <AdminOnly>
      <AuditLog />
    </AdminOnly>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const [action, setAction] = useState<string | null>(null);
  const list = usePagedList<AuditEntry>(['audit-log', action], '/audit-log', { action: action ?? undefined });
  const users = useUsers();
  const roles = useRoles();
  const profiles = useProfiles();
  const pipelines = usePipelines();
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const target = (e: AuditEntry) => {
    if (!e.targetType || !e.targetId) return null;
    const id = e.targetId;
    switch (e.targetType) {
      case 'accounts':
      case 'contacts':
      case 'deals':
        return <Anchor component={Link} to={`/${e.targetType}/${id}`} size="sm">{t(`audit.target_${e.targetType}`, { id })}</Anchor>;
      case 'user':
        return users.data?.find((u) => u.id === id)?.name ?? t('audit.target_user', { id });
      case 'role': {
        const r = roles.data?.find((x) => x.id === id);
        return r ? roleLabel(t, r.name) : t('audit.target_role', { id });
      }
      case 'profile': {
        const p = profiles.data?.find((x) => x.id === id);
        return p ? profileLabel(t, p.name) : t('audit.target_profile', { id });
      }
      case 'pipeline': {
        const p = pipelines.data?.find((x) => x.id === id);
        return p ? pipelineLabel(t, p.name) : t('audit.target_pipeline', { id });
      }
      default:
        return `${e.targetType} ${id}`;
    }
  };
  const details = (e: AuditEntry) => Object.entries(e.details).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.at'), kind: 'datetime', render: (e) => <Text size="sm" c="gray.7">{formatDateTime(e.at)}</Text> },
    { key: 'actor', header: t('audit.actor'), kind: 'person', render: (e) => <Text size="sm" truncate>{e.actor?.name ?? t('audit.noActor')}</Text> },
    {
      key: 'action', header: t('audit.action'), width: 160,
      render: (e) => (
        <Tooltip label={e.action}>
          <Badge size="sm" variant="light" color={actionColor(e.action)} styles={{ label: { textTransform: 'none' } }} data-testid="audit-action">
            {known.has(e.action) ? t(`audit.actions.${e.action.replace('.', '_')}`) : e.action}
          </Badge>
        </Tooltip>
      ),
    },
    { key: 'target', header: t('audit.target'), width: 140, render: (e) => <Text size="sm" truncate component="div">{target(e)}</Text> },
    { key: 'details', header: t('audit.details'), render: (e) => { const d = details(e); return <Text size="xs" c="gray.7" ff="monospace" truncate title={d}>{d}</Text>; } },
    { key: 'ip', header: t('audit.ip'), width: 110, hideBelow: 'lg', render: (e) => <Text size="xs" c="gray.7" ff="monospace">{e.ip}</Text> },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SettingsIntro>{t('settings.audit.intro')}</SettingsIntro>
        <Select
          aria-label={t('audit.filter')}
          placeholder={t('audit.allActions')}
          data={filters.map((f) => ({ value: f, label: t(`audit.filters.${f.replace('.', '')}`) }))}
          value={action}
          onChange={setAction}
          clearable
          w={220}
          style={{ flex: 'none' }}
          data-testid="audit-filter"
        />
      </Group>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {rows.length === 0 && !list.isPending ? (
            <EmptyState icon={<IconFileText size={28} />} title={t('audit.emptyTitle')} description={t('audit.emptyText')} />
          ) : (
            <DataTable columns={columns} rows={rows} rowKey={(e) => e.id} loading={list.isPending || list.isFetchingNextPage} testId="audit-table" />
          )}
        </Paper>
      )}
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="audit-load-more">{t('list.loadMore')}</Button>
        </Group>
      ) : null}
    </Stack>
  );
}
