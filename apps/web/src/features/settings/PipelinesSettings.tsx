import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Alert, Badge, Button, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconLayoutKanban, IconPencil, IconPlus, IconStar, IconTrash } from '@tabler/icons-react';
import type { ListResponse } from '@kontor/contract/common';
import type { Settings } from '@kontor/contract/settings';
import { type Pipeline } from '@kontor/contract/deals';
import { api, ApiError } from '../../lib/api';
import { errorMessage, notifyError, notifySuccess } from '../../lib/errors';
import { refKeys, useSettings } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { useMyRights } from '../auth/permissions';
import { currencyOptionLabel, currencyOptions } from '../deals/currency';
import { EmptyState, ErrorState, PageSkeleton } from '../../components/States';
import { pipelinesKey, usePipelines } from '../deals/api';
import { pipelineLabel, stageLabel } from '../deals/labels';
import { ConfirmModal } from './ConfirmModal';
import { AdminOnly, SettingsIntro } from './SettingsLayout';
import { PipelineModal } from './PipelineModal';

export function PipelinesSettings() {
  return (
    <AdminOnly right="fields">
      <PipelinesList />
    </AdminOnly>
  );
}

function PipelinesList() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const pipelines = usePipelines();
  const [editing, setEditing] = useState<Pipeline | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Pipeline | null>(null);
  const { busy, run } = useBusy();
  const list = pipelines.data ?? [];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: pipelinesKey });
    void qc.invalidateQueries({ queryKey: ['deals'] });
  };

  /** Swap with the neighbour: both get their new positions. */
  const move = (index: number, dir: -1 | 1) => {
    const a = list[index];
    const b = list[index + dir];
    if (!a || !b) return;
    void run(async () => {
      await api.patch(`/pipelines/${a.id}`, { position: index + dir, version: a.version });
      await api.patch(`/pipelines/${b.id}`, { position: index, version: b.version });
      refresh();
    }, (e) => {
      notifyError(t, e);
      refresh();
    });
  };
  const makeDefault = (p: Pipeline) =>
    void run(async () => {
      await api.patch(`/pipelines/${p.id}`, { isDefault: true, version: p.version });
      notifySuccess(t('pipelines.defaultSet', { name: pipelineLabel(t, p.name) }));
      refresh();
    }, (e) => notifyError(t, e));

  if (pipelines.isPending) return <PageSkeleton />;
  if (pipelines.isError) return <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SettingsIntro>{t('pipelines.intro')}</SettingsIntro>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} style={{ flex: 'none' }} data-testid="new-pipeline">
          {t('pipelines.new')}
        </Button>
      </Group>
      {list.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconLayoutKanban size={28} />} title={t('pipelines.emptyTitle')} description={t('pipelines.emptyText')} />
        </Paper>
      ) : null}
      {list.map((p, i) => (
        <Paper key={p.id} withBorder radius="md" p="md" data-testid="pipeline-row" data-name={p.name}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Group gap={8} style={{ minWidth: 0 }}>
              <Text fw={650} size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="pipeline-name">
                {pipelineLabel(t, p.name)}
              </Text>
              {p.isDefault ? (
                <Badge size="sm" variant="light" radius="sm" styles={{ label: { textTransform: 'none' } }} data-testid="pipeline-default">
                  {t('pipelines.default')}
                </Badge>
              ) : null}
            </Group>
            <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
              {p.isDefault ? null : (
                <Button size="xs" variant="subtle" leftSection={<IconStar size={14} />} onClick={() => makeDefault(p)} disabled={busy} data-testid="pipeline-make-default">
                  {t('pipelines.makeDefault')}
                </Button>
              )}
              <Tooltip label={t('settings.moveUp')}>
                <ActionIcon variant="subtle" color="gray" disabled={i === 0 || busy} onClick={() => move(i, -1)} aria-label={t('settings.moveUp')}>
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('settings.moveDown')}>
                <ActionIcon variant="subtle" color="gray" disabled={i === list.length - 1 || busy} onClick={() => move(i, 1)} aria-label={t('settings.moveDown')}>
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('common.edit')}>
                <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(p)} aria-label={t('pipelines.editNamed', { name: pipelineLabel(t, p.name) })} data-testid="pipeline-edit">
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={p.isDefault ? t('pipelines.defaultNoDelete') : t('common.delete')}>
                <ActionIcon variant="subtle" color="red" disabled={p.isDefault} onClick={() => setDeleting(p)} aria-label={t('pipelines.deleteNamed', { name: pipelineLabel(t, p.name) })} data-testid="pipeline-delete">
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          <ol className="k-stage-chips" aria-label={t('pipelines.stages')}>
            {p.stages.map((s) => (
              <li key={s.id} className="k-stage-chip" data-testid="pipeline-stage">
                <span>{stageLabel(t, s.name)}</span>
                <Text span size="xs" c="dimmed">
                  {s.probability} %
                </Text>
              </li>
            ))}
          </ol>
        </Paper>
      ))}
      <DefaultCurrency />
      {editing ? <PipelineModal pipeline={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
      {deleting ? <DeletePipelineModal pipeline={deleting} others={list.filter((x) => x.id !== deleting.id)} onClose={() => setDeleting(null)} onDeleted={refresh} /> : null}
    </Stack>
  );
}

/** The currency a new deal starts with (needs the settings right, as every organisation setting). */
function DefaultCurrency() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rights = useMyRights();
  const settings = useSettings();
  const [value, setValue] = useState<string | null>(null);
  const { busy, run } = useBusy();
  if (!rights.admin('settings') || !settings.data) return null;
  const current = settings.data.defaultCurrency;
  const chosen = value ?? current;
  const save = (s: Settings) =>
    void run(async () => {
      qc.setQueryData(refKeys.settings, await api.put<Settings>('/settings', { ...s, defaultCurrency: chosen }));
      setValue(null);
      notifySuccess(t('common.saved'));
    }, (e) => notifyError(t, e));
  return (
    <Paper withBorder radius="md" p="md" data-testid="default-currency">
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Select
          label={t('pipelines.defaultCurrency')}
          description={t('pipelines.defaultCurrencyHint')}
          data={currencyOptions(current).map((o) => ({ value: o.value, label: currencyOptionLabel(o.value) }))}
          value={chosen}
          onChange={(v) => v && setValue(v)}
          searchable
          allowDeselect={false}
          style={{ flex: 1, maxWidth: 420 }}
          data-testid="default-currency-select"
        />
        <Button onClick={() => save(settings.data)} loading={busy} disabled={chosen === current} data-testid="default-currency-save">
          {t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}

function DeletePipelineModal({ pipeline, others, onClose, onDeleted }: { pipeline: Pipeline; others: Pipeline[]; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [moveTo, setMoveTo] = useState<string | null>(others.find((p) => p.isDefault)?.id ?? others[0]?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  // the deals the admin can see; deleted ones in the recycle bin move too, so the choice is always asked
  const count = useQuery({
    queryKey: ['deals', 'count', { pipelineId: pipeline.id }],
    queryFn: () => api.get<ListResponse<unknown>>('/deals', { pipelineId: pipeline.id, limit: 1, count: true }).then((r) => r.total ?? 0),
  });
  const deals = count.data ?? 0;
  const remove = () =>
    void run(async () => {
      await api.delete(`/pipelines/${pipeline.id}`, { moveTo: moveTo ?? undefined });
      notifySuccess(t('pipelines.deleted', { name: pipelineLabel(t, pipeline.name) }));
      onDeleted();
      onClose();
    }, (e) => setError(e instanceof ApiError && e.fields.moveTo ? t('pipelines.moveDealsHint') : errorMessage(t, e)));
  return (
    <ConfirmModal
      title={t('pipelines.deleteTitle')}
      text={t('pipelines.deleteText', { name: pipelineLabel(t, pipeline.name) })}
      confirmLabel={t('common.delete')}
      busy={busy}
      disabled={deals > 0 && !moveTo}
      onClose={onClose}
      onConfirm={remove}
    >
      {deals === 0 && !count.isPending ? (
        <Text size="sm" c="dimmed" data-testid="pipeline-no-deals">
          {t('pipelines.noDeals')}
        </Text>
      ) : null}
      <Select
        label={deals > 0 ? t('pipelines.moveDealsTo', { count: deals }) : t('pipelines.moveDealsToAny')}
        description={t('pipelines.moveDealsHint')}
        data={others.map((p) => ({ value: p.id, label: pipelineLabel(t, p.name) }))}
        value={moveTo}
        onChange={setMoveTo}
        allowDeselect={false}
        required={deals > 0}
        comboboxProps={{ withinPortal: true }}
        data-testid="pipeline-move-to"
      />
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
    </ConfirmModal>
  );
}
