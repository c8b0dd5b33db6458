import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from '@tabler/icons-react';
import { pipelineCreateSchema, pipelineUpdateSchema, type Pipeline } from '@kontor/contract/deals';
import { api, ApiError, type FieldProblem } from '../../lib/api';
import { errorMessage, fieldMessage, notifySuccess, zodFieldErrors } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { ModalActions } from '../../components/ModalActions';
import { rowKey } from '../records/form-utils';
import { pipelineLabel, stageLabel } from '../deals/labels';

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
export function PipelineModal({ pipeline, onClose, onSaved }: { pipeline: Pipeline | null; onClose: () => void; onSaved: () => void }) {
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
  // this dialog's own words for some rules, by code
  const messages: Partial<Record<string, string>> = {
    percent: t('pipelines.probabilityRange'),
    stages_required: t('pipelines.oneStage'),
    stage_holds_deals: t('pipelines.stageHoldsDeals'),
  };
  const translate = (f: Record<string, FieldProblem>) => Object.fromEntries(Object.entries(f).map(([k, p]) => [k, messages[p.code] ?? fieldMessage(t, p)]));

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
