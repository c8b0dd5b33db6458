import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Alert, Badge, Button, Group, Modal, NumberInput, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconLayoutKanban, IconPencil, IconPlus, IconStar, IconTrash, IconX } from '@tabler/icons-react';
import type { ListResponse } from '@kontor/contract/common';
import type { Settings } from '@kontor/contract/settings';
import { pipelineCreateSchema, pipelineUpdateSchema, type Pipeline } from '@kontor/contract/deals';
import { api, ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, notifyError, notifySuccess, zodFieldErrors } from '../../lib/errors';
import { refKeys, useSettings } from '../../lib/reference';
import { useBusy } from '../../lib/useBusy';
import { useMyRights } from '../auth/permissions';
import { currencyOptionLabel, currencyOptions } from '../deals/currency';
import { ModalActions } from '../../components/ModalActions';
import { EmptyState, ErrorState, PageSkeleton } from '../../components/States';
import { rowKey } from '../records/form-utils';
import { pipelinesKey, usePipelines } from '../deals/api';
import { pipelineLabel, stageLabel } from '../deals/labels';
import { ConfirmModal } from './ConfirmModal';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

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

interface StageRow {
  key: string;
  id?: string;
  name: string;
  probability: number | string;
}

/** The stages a new pipeline starts with (Pipedrive's), in the admin's language; all editable. */
const STARTER: [string, number][] = [
  ['qualified', 10],
  ['contactMade', 20],
  ['demoScheduled', 40],
  ['proposalMade', 60],
  ['negotiationsStarted', 80],
];

/** Create a pipeline or change one: its name and its stages in order (add, rename, reorder, probability, remove). */
function PipelineModal({ pipeline, onClose, onSaved }: { pipeline: Pipeline | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(pipeline ? pipelineLabel(t, pipeline.name) : '');
  const [rows, setRows] = useState<StageRow[]>(() =>
    pipeline
      ? pipeline.stages.map((s) => ({ key: rowKey(), id: s.id, name: stageLabel(t, s.name), probability: s.probability }))
      : STARTER.map(([k, p]) => ({ key: rowKey(), name: t(`pipelines.defaultStages.${k}`), probability: p })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const removed = pipeline ? pipeline.stages.filter((s) => !rows.some((r) => r.id === s.id)) : [];

  const patchRow = (key: string, patch: Partial<StageRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setErrors({});
  };
  const moveRow = (i: number, dir: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(i, 1);
      if (row) next.splice(i + dir, 0, row);
      return next;
    });
  const messages: Record<string, string> = {
    'between 0 and 100': t('pipelines.probabilityRange'),
    'a pipeline needs at least one stage': t('pipelines.oneStage'),
    'a removed stage holds deals': t('pipelines.stageHoldsDeals'),
  };
  const translate = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).map(([k, m]) => [k, messages[m] ?? fieldMessage(t, m)]));

  const save = () => {
    // names shown translated are stored as shown only when they were changed
    const storedName = pipeline && name === pipelineLabel(t, pipeline.name) ? pipeline.name : name;
    const stages = rows.map((r) => {
      const before = pipeline?.stages.find((s) => s.id === r.id);
      const keep = before && r.name === stageLabel(t, before.name);
      return { ...(r.id ? { id: r.id } : {}), name: keep && before ? before.name : r.name, probability: typeof r.probability === 'number' ? r.probability : Number(r.probability || 0) };
    });
    const body = pipeline ? { name: storedName, stages, version: pipeline.version } : { name: storedName, stages };
    const parsed = (pipeline ? pipelineUpdateSchema : pipelineCreateSchema).safeParse(body);
    if (!parsed.success) {
      setErrors(translate(zodFieldErrors(parsed.error)));
      setFormError(t('form.fixFields'));
      return;
    }
    setFormError(null);
    void run(async () => {
      if (pipeline) await api.patch(`/pipelines/${pipeline.id}`, body);
      else await api.post('/pipelines', body);
      notifySuccess(t('common.saved'));
      onSaved();
      onClose();
    }, (e) => {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        setErrors(translate(e.fields));
        setFormError(t('form.fixFields'));
      } else if (e instanceof ApiError && e.code === 'version_conflict') {
        setFormError(t('errors.version_conflict'));
        onSaved();
      } else setFormError(errorMessage(t, e));
    });
  };

  return (
    <Modal opened onClose={onClose} title={pipeline ? t('pipelines.edit') : t('pipelines.new')} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        noValidate
        data-testid="pipeline-form"
      >
        <Stack gap="md">
          {formError ? (
            <Alert color="red" role="alert" data-testid="pipeline-form-error">
              {formError}
            </Alert>
          ) : null}
          <TextInput label={t('fields.name')} required value={name} onChange={(e) => { setName(e.currentTarget.value); setErrors({}); }} error={errors.name} data-autofocus data-testid="pipeline-name-input" />
          <div>
            <Group justify="space-between" mb={6}>
              <Text size="sm" fw={500}>
                {t('pipelines.stages')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('pipelines.probabilityHint')}
              </Text>
            </Group>
            <Stack gap={6} data-testid="stage-rows">
              {rows.map((r, i) => (
                <Group key={r.key} gap={6} wrap="nowrap" align="flex-start" data-testid="stage-row">
                  <Text size="sm" c="dimmed" w={22} ta="right" pt={7} style={{ flex: 'none' }}>
                    {i + 1}.
                  </Text>
                  <TextInput
                    aria-label={t('pipelines.stageName', { n: i + 1 })}
                    value={r.name}
                    onChange={(e) => patchRow(r.key, { name: e.currentTarget.value })}
                    error={errors[`stages.${i}.name`]}
                    style={{ flex: 1, minWidth: 0 }}
                    data-testid={`stage-name-${i}`}
                  />
                  <NumberInput
                    aria-label={t('pipelines.stageProbability', { n: i + 1 })}
                    value={r.probability}
                    onChange={(v) => patchRow(r.key, { probability: v })}
                    error={errors[`stages.${i}.probability`]}
                    min={0}
                    max={100}
                    clampBehavior="strict"
                    allowDecimal={false}
                    allowNegative={false}
                    suffix=" %"
                    w={86}
                    data-testid={`stage-probability-${i}`}
                  />
                  <Tooltip label={t('settings.moveUp')}>
                    <ActionIcon variant="subtle" color="gray" mt={4} disabled={i === 0} onClick={() => moveRow(i, -1)} aria-label={t('pipelines.stageUp', { n: i + 1 })} data-testid={`stage-up-${i}`}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('settings.moveDown')}>
                    <ActionIcon variant="subtle" color="gray" mt={4} disabled={i === rows.length - 1} onClick={() => moveRow(i, 1)} aria-label={t('pipelines.stageDown', { n: i + 1 })} data-testid={`stage-down-${i}`}>
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('common.remove')}>
                    <ActionIcon variant="subtle" color="red" mt={4} disabled={rows.length === 1} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label={t('pipelines.stageRemove', { n: i + 1 })} data-testid={`stage-remove-${i}`}>
                      <IconX size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ))}
            </Stack>
            {errors.stages ? (
              <Text size="xs" c="red" mt={4}>
                {errors.stages}
              </Text>
            ) : null}
            <Button
              size="xs"
              variant="light"
              mt="sm"
              leftSection={<IconPlus size={14} />}
              disabled={rows.length >= 30}
              onClick={() => setRows((rs) => [...rs, { key: rowKey(), name: '', probability: Math.min(100, Number(rs[rs.length - 1]?.probability ?? 0) + 10) }])}
              data-testid="stage-add"
            >
              {t('pipelines.addStage')}
            </Button>
          </div>
          {removed.length ? (
            <Alert color="orange" data-testid="stages-removed">
              {t('pipelines.removedStages', { names: removed.map((s) => stageLabel(t, s.name)).join(', ') })}
            </Alert>
          ) : null}
          <ModalActions gap="xs" onCancel={onClose} label={t('common.save')} busy={busy} testId="pipeline-save" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Delete a pipeline; its deals (also those in the recycle bin) move to the first stage of the pipeline chosen here. */
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
