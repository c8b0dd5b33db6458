import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconDeviceLaptop, IconLogout } from '@tabler/icons-react';
import type { SessionInfo } from '@kontor/contract/users';
import { api } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';

const sessionsKey = (userId: string) => ['users', userId, 'sessions'] as const;

/** A user's signed-in sessions (browser, IP, last activity) with "End session"; the current one is marked and kept. */
export function SessionsTable({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey(userId), queryFn: () => api.get<{ data: SessionInfo[] }>(`/users/${userId}/sessions`).then((r) => r.data) });
  const [busy, setBusy] = useState<string | null>(null);
  const revoke = async (s: SessionInfo) => {
    setBusy(s.id);
    try {
      await api.delete(`/users/${userId}/sessions/${s.id}`);
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(null);
      void qc.invalidateQueries({ queryKey: sessionsKey(userId) });
    }
  };
  const columns: Column<SessionInfo>[] = [
    {
      key: 'device', header: t('sessions.device'), width: 260,
      render: (s) => (
        <Group gap={8} style={{ rowGap: 2 }}>
          <IconDeviceLaptop size={16} stroke={1.6} style={{ flex: 'none' }} />
          <Text size="sm" truncate title={[describeUserAgent(s.userAgent) ?? t('sessions.unknownDevice'), s.userAgent].filter(Boolean).join('\n')}>{describeUserAgent(s.userAgent) ?? t('sessions.unknownDevice')}</Text>
          {s.current ? <Badge size="xs" variant="light" color="teal" style={{ flex: 'none' }} styles={{ label: { textTransform: 'none' } }} data-testid="session-current">{t('sessions.current')}</Badge> : null}
        </Group>
      ),
    },
    { key: 'ip', header: t('sessions.ip'), width: 130, render: (s) => <Text size="sm" c="gray.7" ff="monospace">{s.ip ?? '—'}</Text> },
    { key: 'createdAt', header: t('sessions.signedIn'), kind: 'datetime', width: 170, render: (s) => <Text size="sm" c="gray.7">{formatDateTime(s.createdAt)}</Text> },
    { key: 'lastSeenAt', header: t('sessions.lastSeen'), kind: 'datetime', width: 170, render: (s) => <Text size="sm" c="gray.7">{formatDateTime(s.lastSeenAt)}</Text> },
    {
      // an icon with its name as a tooltip: fits the narrow column in every language
      key: 'actions', header: '', align: 'right', kind: 'actions', width: 60,
      render: (s) => (s.current ? null : (
        <Tooltip label={t('sessions.revoke')}>
          <ActionIcon variant="subtle" color="red" onClick={() => void revoke(s)} loading={busy === s.id} aria-label={t('sessions.revoke')} data-testid="session-revoke">
            <IconLogout size={16} />
          </ActionIcon>
        </Tooltip>
      )),
    },
  ];
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  if (!sessions.isPending && !sessions.data.length) return <EmptyState icon={<IconDeviceLaptop size={28} />} title={t('sessions.emptyTitle')} description={t('sessions.emptyText')} />;
  return <DataTable columns={columns} rows={sessions.data ?? []} rowKey={(s) => s.id} loading={sessions.isPending} testId="sessions-table" />;
}
