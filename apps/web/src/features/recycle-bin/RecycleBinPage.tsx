import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Paper, Stack, Tabs, Text } from '@mantine/core';
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
  const rights = useMyRights();
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
    { key: 'name', header: t('fields.name'), render: (r) => <Text size="sm" fw={550}>{r.name}</Text> },
    { key: 'deletedAt', header: t('recycleBin.deletedAt'), render: (r) => <Text size="sm" c="gray.7">{formatDateTime(r.deletedAt)}</Text> },
    { key: 'deletedBy', header: t('recycleBin.deletedBy'), render: (r) => <Text size="sm" c="gray.7">{r.deletedBy?.name}</Text> },
    {
      key: 'actions', header: '', align: 'right', width: 260,
      render: (r) => (
        <Group gap={6} justify="flex-end" wrap="nowrap">
          <Button size="compact-sm" variant="light" leftSection={<IconRestore size={14} />} onClick={() => void restore(r)} loading={busy === r.id} data-testid="bin-restore">
            {t('recycleBin.restore')}
          </Button>
          {rights.can(module, 'delete') ? (
            <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconTrashX size={14} />} onClick={() => setPurging(r)} data-testid="bin-purge">
              {t('recycleBin.purge')}
            </Button>
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
          <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} loading={list.isPending} minWidth={700} testId="bin-table" />
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
