import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from '@tanstack/react-router';
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconFileImport, IconUpload } from '@tabler/icons-react';
import { importModules, type Import, type ImportModule, type ImportStatus } from '@kontor/contract/imports';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/States';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useMyRights } from '../auth/permissions';
import { useImportHistory, useUndoImport } from './api';
import { UndoDialog } from './UndoDialog';
import './imports.css';

const statusColors: Record<ImportStatus, string> = {
  draft: 'gray', queued: 'blue', running: 'blue', done: 'teal', failed: 'red', cancelled: 'gray', undoing: 'orange', undone: 'gray',
};

/** The import history: the user's imports (administrators see everyone's), newest first; open one, or undo it. */
export function ImportHistoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [module, setModule] = useState<ImportModule | null>(null);
  const list = useImportHistory(module);
  const undo = useUndoImport();
  const [undoing, setUndoing] = useState<Import | null>(null);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const mayImport = importModules.some((m) => rights.can(m, 'import'));

  const columns: Column<Import>[] = [
    {
      key: 'file', header: t('imports.history.file'), kind: 'name',
      render: (r) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={550} truncate title={r.fileName} data-testid="import-row-file">
            {r.fileName}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {t(`nav.${r.module}`)}
            {r.dryRun ? ` · ${t('imports.history.dryRun')}` : ''}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'status', header: t('imports.history.status'), kind: 'badge',
      render: (r) => (
        <Badge color={statusColors[r.status]} variant="light" size="sm" data-testid="import-row-status" data-status={r.status}>
          {t(`imports.status.${r.status}`)}
        </Badge>
      ),
    },
    {
      key: 'counts', header: t('imports.history.counts'), kind: 'text', width: 210,
      render: (r) => (
        <Text size="sm" c="gray.7" truncate>
          {r.status === 'draft' ? '—' : t('imports.history.countsText', { created: formatNumber(r.counts.created), updated: formatNumber(r.counts.updated), failed: formatNumber(r.counts.failed) })}
        </Text>
      ),
    },
    { key: 'user', header: t('imports.history.user'), kind: 'person', hideBelow: 'md', render: (r) => <Text size="sm" c="gray.7" truncate>{r.user.name}</Text> },
    { key: 'createdAt', header: t('imports.history.when'), kind: 'datetime', render: (r) => <Text size="sm" c="gray.7" truncate>{formatDateTime(r.createdAt)}</Text> },
    {
      key: 'actions', header: '', align: 'right', kind: 'actions', width: 60,
      render: (r) =>
        r.canUndo ? (
          <Tooltip label={t('imports.undo.button')}>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={(e) => {
                e.stopPropagation();
                undo.reset();
                setUndoing(r);
              }}
              aria-label={`${t('imports.undo.button')}: ${r.fileName}`}
              data-testid="import-row-undo"
            >
              <IconArrowBackUp size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('imports.history.title')}
        actions={
          mayImport ? (
            <Button component={Link} to="/imports/new" leftSection={<IconUpload size={16} />} data-testid="import-new">
              {t('imports.history.new')}
            </Button>
          ) : null
        }
      />
      <div className="k-page">
        <Stack gap="md" data-testid="import-history">
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              {rights.isAdmin ? t('imports.history.introAdmin') : t('imports.history.intro')}
            </Text>
            <Select
              aria-label={t('imports.history.module')}
              placeholder={t('imports.history.allModules')}
              data={importModules.map((m) => ({ value: m, label: t(`nav.${m}`) }))}
              value={module}
              onChange={(v) => setModule(importModules.find((m) => m === v) ?? null)}
              clearable
              w={200}
              data-testid="import-history-module"
            />
          </Group>
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : rows.length === 0 && !list.isPending ? (
            <Paper withBorder radius="md">
              <EmptyState
                icon={<IconFileImport size={28} />}
                title={t('imports.history.emptyTitle')}
                description={t('imports.history.emptyText')}
                testId="import-history-empty"
                action={
                  mayImport ? (
                    <Button component={Link} to="/imports/new" leftSection={<IconUpload size={16} />}>
                      {t('imports.history.new')}
                    </Button>
                  ) : undefined
                }
              />
            </Paper>
          ) : (
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <DataTable
                columns={columns}
                rows={rows}
                rowKey={(r) => r.id}
                loading={list.isPending}
                onRowClick={(r) => void navigate({ to: '/imports/$importId', params: { importId: r.id } })}
                testId="import-history-table"
                caption={t('imports.history.title')}
              />
            </Paper>
          )}
          {list.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('list.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </div>
      <UndoDialog
        imp={undoing}
        busy={undo.isPending}
        error={undo.isError ? undo.error : null}
        onClose={() => setUndoing(null)}
        onConfirm={() => undoing && undo.mutate(undoing.id, { onSuccess: () => setUndoing(null) })}
      />
    </>
  );
}
