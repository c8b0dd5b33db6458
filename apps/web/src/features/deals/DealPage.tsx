import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Divider, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconEye, IconLock, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import type { Deal, DealUpdate, Stage } from '@kontor/contract/deals';
import { formatDate, formatMoney } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useCustomFields } from '../../lib/reference';
import { PageHeader } from '../../components/PageHeader';
import { useMyRights } from '../auth/permissions';
import type { SharingDialog } from '../sharing/api';
import { SharingMenuItems, SharingSection } from '../sharing/SharingSection';
import { recordKeys } from '../records/api';
import { DeleteDialog } from '../records/DeleteDialog';
import { FieldItem } from '../records/FieldItem';
import { HistorySection } from '../records/HistorySection';
import { InlineConflict } from '../records/InlineConflict';
import { CustomFieldsSection } from '../records/CustomFieldsSection';
import { InlineField } from '../records/InlineField';
import { SidebarTags } from '../records/InlineTags';
import { knownLabel, RecordLoader } from '../records/RecordPageFrame';
import { useInlineEditing } from '../records/useInlineEditing';
import { ConflictContext, useConflictStore, useRecordPatch } from '../records/useRecordPatch';
import { RecordActions } from '../records/RecordMoreMenu';
import { RecordSection } from '../records/RecordSection';
import { BackLink } from '../records/RecordUnavailable';
import { StampsView } from '../records/StampsView';
import { showUndoToast } from '../records/undo';
import { cloneDeal, deleteDeal, useDeal, usePipelines } from './api';
import { invalidateDealViews, LostReasonModal } from './actions';
import { dealField } from './deal-fields';
import { DealForm } from './DealForm';
import type { DealFormInit } from './deal-form-values';
import { pipelineLabel, stageLabel, statusColor, statusLabel } from './labels';
import { PipelineProgress } from './PipelineProgress';
import { ArrangedSections } from '../records/ArrangedSections';
import { CustomLinksBox } from '../custom-links/CustomLinksBox';
import { activitiesSection, itemSections } from '../records/common-sections';
import { listHrefOf } from '../views/list-memory';

export function DealPage({ id }: { id: string }) {
  const query = useDeal(id);
  return (
    <RecordLoader module="deals" query={query}>
      {(d) => <DealView deal={d} />}
    </RecordLoader>
  );
}

export function StatusBadge({ deal, size = 'sm' }: { deal: Pick<Deal, 'status'>; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant={deal.status === 'open' ? 'light' : 'filled'} color={statusColor[deal.status]} radius="sm" styles={{ label: { textTransform: 'none' } }} data-testid="deal-status">
      {statusLabel(t, deal.status)}
    </Badge>
  );
}

function DealView({ deal: d }: { deal: Deal }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  const rights = useMyRights();
  const defs = useCustomFields('deals').data ?? [];
  const pipelines = usePipelines();
  const conflicts = useConflictStore();
  const onSaved = () => invalidateDealViews(qc);
  const patch = useRecordPatch<Deal>('deals', d, { conflicts, onSaved });
  const [form, setForm] = useState<DealFormInit | null>(null);
  const [dialog, setDialog] = useState<'lost' | 'delete' | null>(null);
  const [sharing, setSharing] = useState<SharingDialog>(null);
  const [busy, setBusy] = useState(false);
  const canEdit = d.access.edit;
  const stages = pipelines.data?.find((p) => p.id === d.pipelineId)?.stages ?? [];
  const closed = d.status !== 'open';
  const field = (key: string) => dealField(t, key, d, defs);
  const editing = useInlineEditing<Deal>('deals', d, {
    defs,
    conflicts,
    label: (key) => knownLabel(key, field(key).label),
    pipelines: (pipelines.data ?? []).map((p) => ({ value: p.id, label: pipelineLabel(t, p.name) })),
    stages: stages.map((s) => ({ value: s.id, label: `${stageLabel(t, s.name)} · ${s.probability} %` })),
    onSaved,
  });
  const pageConflict = conflicts.conflict && !conflicts.conflict.field ? conflicts.conflict : null;

  const change = async (p: Omit<DealUpdate, 'version'>, done?: string) => {
    setBusy(true);
    const saved = await patch(p);
    setBusy(false);
    if (saved && done) notifySuccess(done);
    return saved;
  };
  const moveTo = (s: Stage) => void change({ stageId: s.id }, t('deals.movedTo', { name: d.name, stage: stageLabel(t, s.name) }));
  const clone = async () => {
    setBusy(true);
    try {
      const copy = await cloneDeal(d.id);
      qc.setQueryData(recordKeys.detail('deals', copy.id), copy);
      invalidateDealViews(qc);
      notifySuccess(t('deals.cloned', { name: copy.name }));
      void navigate({ to: '/deals/$dealId', params: { dealId: copy.id } });
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
    }
  };

  const statusActions = canEdit ? (
    closed ? (
      <Button variant="default" leftSection={<IconArrowBackUp size={16} />} onClick={() => void change({ status: 'open' }, t('deals.reopened', { name: d.name }))} loading={busy} data-testid="deal-reopen">
        {t('deals.reopen')}
      </Button>
    ) : (
      <>
        <Button color="teal" leftSection={<IconTrophy size={16} />} onClick={() => void change({ status: 'won' }, t('deals.wonToast', { name: d.name }))} loading={busy} data-testid="deal-won">
          {t('deals.markWon')}
        </Button>
        <Button color="red" variant="light" leftSection={<IconThumbDown size={16} />} onClick={() => setDialog('lost')} disabled={busy} data-testid="deal-lost">
          {t('deals.markLost')}
        </Button>
      </>
    )
  ) : null;

  return (
    <ConflictContext.Provider value={conflicts}>
      <PageHeader
        title={d.name}
        before={<BackLink to="/deals" label={t('nav.deals')} />}
        actions={
          <>
            {statusActions}
            <RecordActions
              access={d.access}
              canClone={rights.can('deals', 'create')}
              onEdit={() => setForm({ mode: 'edit', deal: d })}
              onClone={() => void clone()}
              onDelete={() => setDialog('delete')}
              sharing={d.access.share ? <SharingMenuItems restricted={d.restrictedTo !== null} onDialog={setSharing} /> : undefined}
            />
          </>
        }
      />
      <div className="k-page">
        {pageConflict ? (
          <div style={{ marginBottom: 16 }}>
            <InlineConflict conflict={pageConflict} labelOf={editing.labelOf} />
          </div>
        ) : null}
        <div className="k-record-grid">
          <Paper withBorder radius="md" p="lg" data-testid="deal-sidebar">
            <Stack gap="md">
              <div>
                <Group gap={6} mb={6}>
                  <StatusBadge deal={d} size="md" />
                  {canEdit ? null : (
                    <Tooltip label={t('records.viewOnlyHint')}>
                      <Badge size="sm" variant="light" color="gray" leftSection={<IconEye size={12} />} styles={{ label: { textTransform: 'none' } }}>
                        {t('records.viewOnly')}
                      </Badge>
                    </Tooltip>
                  )}
                  {d.restrictedTo !== null ? (
                    <Badge size="sm" variant="light" color="orange" leftSection={<IconLock size={12} />} styles={{ label: { textTransform: 'none' } }} data-testid="sidebar-restricted">
                      {t('sharing.restricted')}
                    </Badge>
                  ) : null}
                </Group>
                <Title order={2} fz={19} style={{ overflowWrap: 'anywhere' }} data-testid="record-name">
                  {d.name}
                </Title>
                <Text fz={24} fw={650} mt={4} data-testid="deal-amount" c={d.amount === null ? 'dimmed' : undefined}>
                  {d.amount === null ? t('deals.noAmount') : formatMoney(d.amount, d.currency)}
                </Text>
                {d.status === 'lost' && d.lostReason ? (
                  <Text size="sm" c="red.8" mt={4} data-testid="deal-lost-reason">
                    {t('deals.lostBecause', { reason: d.lostReason })}
                  </Text>
                ) : null}
                {closed && d.closedAt ? (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t(d.status === 'won' ? 'deals.wonOn' : 'deals.lostOn', { date: formatDate(d.closedAt) })}
                  </Text>
                ) : null}
              </div>
              <Divider />
              <Stack gap={10}>
                {['accountId', 'contactId', 'expectedCloseDate', 'ownerId'].map((k) => {
                  const f = field(k);
                  return (
                    <FieldItem key={k} label={f.label} testId={`card-${k}`}>
                      {f.value}
                    </FieldItem>
                  );
                })}
              </Stack>
              <Divider />
              <SidebarTags tags={d.tags} onSave={async (tags) => { await patch({ tags }); }} readOnly={!canEdit} />
              <CustomLinksBox module="deals" record={d} />
            </Stack>
          </Paper>
          <Stack gap="md" style={{ minWidth: 0 }}>
            <RecordSection title={t('deals.progress', { pipeline: pipelineLabel(t, d.pipelineName) })} testId="section-progress">
              {stages.length ? (
                <PipelineProgress stages={stages} stageId={d.stageId} status={d.status} onMove={canEdit && !closed ? moveTo : undefined} busy={busy} />
              ) : (
                <Text size="sm">{stageLabel(t, d.stageName)}</Text>
              )}
              {closed && canEdit ? (
                <Text size="xs" c="dimmed" mt={8}>
                  {t('deals.closedHint')}
                </Text>
              ) : null}
            </RecordSection>
            <RecordSection title={t('sections.info')} testId="section-info">
              <div className="k-fields">
                {['amount', 'probability', 'pipelineId', 'stageId', 'expectedCloseDate', 'status', 'accountId', 'contactId', 'ownerId', ...(closed ? ['closedAt'] : []), ...(d.status === 'lost' ? ['lostReason'] : [])].map((k) => {
                  const f = field(k);
                  return <InlineField key={k} editing={editing} field={k} label={f.label} value={f.value} testId={`value-${k}`} />;
                })}
                <InlineField
                  editing={editing}
                  field="description"
                  label={t('fields.description')}
                  span
                  testId="value-description"
                  value={d.description ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Text> : null}
                />
              </div>
            </RecordSection>
            <CustomFieldsSection defs={defs} editing={editing} field={field} />
            <ArrangedSections
              module="deals"
              sections={[
                activitiesSection(t, rights, 'deals', d.id, {
                  deal: { id: d.id, name: d.name },
                  account: d.accountId && d.accountName ? { id: d.accountId, name: d.accountName } : null,
                  contact: d.contactId && d.contactName ? { id: d.contactId, name: d.contactName } : null,
                }),
                ...itemSections(t, 'deals', d.id, d.access.edit),
              ]}
            />
            <SharingSection module="deals" record={d} name={d.name} dialog={sharing} onDialog={setSharing} onRestrict={(restrictedTo) => patch({ restrictedTo })} />
            <HistorySection module="deals" id={d.id} />
            <RecordSection title={t('sections.recordInfo')}>
              <StampsView record={d} />
            </RecordSection>
          </Stack>
        </div>
      </div>
      <DealForm init={form} onClose={() => setForm(null)} onSaved={() => invalidateDealViews(qc)} />
      {dialog === 'lost' ? (
        <LostReasonModal name={d.name} onClose={() => setDialog(null)} onConfirm={(lostReason) => change({ status: 'lost', lostReason }, t('deals.lostToast', { name: d.name }))} />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteDialog
          opened
          onClose={() => setDialog(null)}
          name={d.name}
          onConfirm={async () => {
            await deleteDeal(d.id);
            qc.removeQueries({ queryKey: recordKeys.detail('deals', d.id) });
            void qc.invalidateQueries({ queryKey: recordKeys.module('deals') });
            invalidateDealViews(qc);
            void qc.invalidateQueries({ queryKey: ['recycle-bin'] });
            const list = listHrefOf('deals');
            showUndoToast({ t, qc, module: 'deals', id: d.id, name: d.name, path: list.split('?')[0], onRestored: () => void navigate({ to: '/deals/$dealId', params: { dealId: d.id } }) });
            router.history.push(list);
          }}
        />
      ) : null}
    </ConflictContext.Provider>
  );
}
