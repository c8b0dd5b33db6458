import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Button, Group, Modal, Paper, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { IconRestore, IconTrash, IconTrashX } from '@tabler/icons-react';
import type { RecycleBinItem } from '@kontor/contract/recycle-bin';
import { modules } from '@kontor/contract/custom-fields';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/errors';
import { DataTable, type Column } from '../../components/DataTable';
import { ModalActions } from '../../components/ModalActions';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { recordKeys, restoreRecord, usePagedList, type RecordModule } from '../records/api';
import { undoToasts } from '../records/undo-toasts';

export function RecycleBinPage() {
  const { t } = useTranslation();
  const [module, setModule] = useState<RecordModule>('accounts');
  const rights = useMyRights();
  return (
    <>
      <PageHeader title={t('nav.recycleBin')} />
      <div className="k-page">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('recycleBin.intro')}
          </Text>
          <Tabs value={module} onChange={(v) => setModule(modules.find((m) => m === v) ?? 'accounts')}>
            <Tabs.List>
              {modules.filter((m) => m === module || rights.can(m, 'view')).map((m) => (
                <Tabs.Tab key={m} value={m} data-testid={`bin-tab-${m}`}>
                  {t(`nav.${m}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <BinList key={module} module={module} />
        </Stack>
      </div>
    </>
  );
}

function BinList({ module }: { module: RecordModule }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = usePagedList<RecycleBinItem>(['recycle-bin', module], '/recycle-bin', { module });
  const [purging, setPurging] = useState<RecycleBinItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['recycle-bin'] });
    void qc.invalidateQueries({ queryKey: recordKeys.module(module) });
    if (module === 'accounts' || module === 'deals') void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
    if (module === 'deals') void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
  };
  const restore = async (item: RecycleBinItem) => {
    setBusy(item.id);
    try {
      await restoreRecord(module, item.id);
      undoToasts.dismissRecord(module, item.id);
      notifySuccess(t('delete.restored', { name: item.name }));
      refresh();
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(null);
    }
  };
  const purge = async (item: RecycleBinItem) => {
    setBusy(item.id);
    try {
      await api.delete(`/recycle-bin/${module}/${item.id}`);
      undoToasts.dismissRecord(module, item.id);
      notifySuccess(t('recycleBin.purged', { name: item.name }));
      setPurging(null);
      refresh();
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(null);
    }
  };

  const columns: Column<RecycleBinItem>[] = [
    { key: 'name', header: t('fields.name'), kind: 'name', render: (r) => <Text size="sm" fw={550} truncate>{r.name}</Text> },
    { key: 'deletedAt', header: t('recycleBin.deletedAt'), kind: 'datetime', render: (r) => <Text size="sm" c="gray.7" truncate>{formatDateTime(r.deletedAt)}</Text> },
    { key: 'deletedBy', header: t('recycleBin.deletedBy'), kind: 'person', render: (r) => <Text size="sm" c="gray.7" truncate>{r.deletedBy?.name}</Text> },
    {
      // icons with their names as tooltips: two worded buttons do not fit a narrow column in German or Romanian
      key: 'actions', header: '', align: 'right', kind: 'actions', width: 84,
      render: (r) => (
        <Group gap={6} justify="flex-end" wrap="nowrap">
          {/* only what the server allows for this entry: restore with the delete right on it, purge for its owner and above */}
          {r.access.restore ? (
            <Tooltip label={t('recycleBin.restore')}>
              <ActionIcon variant="light" onClick={() => void restore(r)} loading={busy === r.id} aria-label={`${t('recycleBin.restore')}: ${r.name}`} data-testid="bin-restore">
                <IconRestore size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {r.access.purge ? (
            <Tooltip label={t('recycleBin.purge')}>
              <ActionIcon variant="subtle" color="red" onClick={() => setPurging(r)} aria-label={`${t('recycleBin.purge')}: ${r.name}`} data-testid="bin-purge">
                <IconTrashX size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      ),
    },
  ];

  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      {rows.length === 0 && !list.isPending ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconTrash size={28} />} title={t('recycleBin.emptyTitle')} description={t('recycleBin.emptyText')} testId="bin-empty" />
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} loading={list.isPending} testId="bin-table" />
        </Paper>
      )}
      {list.hasNextPage ? (
        <Group justify="center" mt="sm">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        </Group>
      ) : null}
      <Modal opened={purging !== null} onClose={() => setPurging(null)} title={t('recycleBin.purgeTitle')} centered size="sm">
        <Text size="sm" mb="lg">
          {t('recycleBin.purgeText', { name: purging?.name ?? '' })}
        </Text>
        <ModalActions gap="xs" onCancel={() => setPurging(null)} label={t('recycleBin.purge')} onConfirm={() => purging && void purge(purging)} color="red" busy={busy === purging?.id} testId="bin-purge-confirm" />
      </Modal>
    </>
  );
}
