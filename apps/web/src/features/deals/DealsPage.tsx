import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button, Center, Group, Paper, SegmentedControl, Select } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconLayoutKanban, IconList, IconPlus, IconReportMoney } from '@tabler/icons-react';
import type { DealListItem } from '@kontor/contract/deals';
import { OwnerTagFilters } from '../records/OwnerTagFilters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, PageSkeleton } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { RecordListView } from '../records/RecordListView';
import type { DealSearch, ListSearch } from '../records/search';
import { usePipelines } from './api';
import { dealColumns } from './columns';
import { DealBoardView } from './DealBoard';
import { DealForm } from './DealForm';
import type { DealFormInit } from './deal-form-values';
import { pipelineLabel } from './labels';
import { useCreateRequest } from '../search/create-request';

interface Props {
  search: DealSearch;
  onSearchChange: (patch: Partial<DealSearch>) => void;
}

/** Deals: the board of a pipeline (default) or the list, as Pipedrive toggles them. */
export function DealsPage({ search, onSearchChange }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [lastView, setLastView] = useLocalStorage<'board' | 'list'>({ key: 'kontor.dealsView', defaultValue: 'board' });
  const [lastPipeline, setLastPipeline] = useLocalStorage<string | null>({ key: 'kontor.dealsPipeline', defaultValue: null });
  const view = search.view ?? lastView;
  const pipelines = usePipelines();
  const [form, setForm] = useState<DealFormInit | null>(null);
  const canCreate = rights.can('deals', 'create');
  const list = pipelines.data ?? [];
  const pipeline = list.find((p) => p.id === search.pipelineId) ?? list.find((p) => p.id === lastPipeline) ?? list.find((p) => p.isDefault) ?? list[0];

  const setView = (v: 'board' | 'list') => {
    setLastView(v);
    onSearchChange({ view: v });
  };
  const openNew = (stageId?: string) => setForm({ mode: 'create', pipelineId: view === 'board' ? pipeline?.id : undefined, stageId });
  useCreateRequest('deals', canCreate ? () => openNew() : undefined);

  if (!rights.can('deals', 'view')) {
    return (
      <>
        <PageHeader title={t('nav.deals')} />
        <div className="k-page">
          <Paper withBorder radius="md">
            <EmptyState icon={<IconReportMoney size={28} />} title={t('deals.noAccessTitle')} description={t('deals.noAccessText')} testId="deals-no-access" />
          </Paper>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('nav.deals')}
        actions={
          <>
            <SegmentedControl
              value={view}
              onChange={(v) => setView(v === 'list' ? 'list' : 'board')}
              aria-label={t('deals.viewLabel')}
              data={[
                { value: 'board', label: <ViewLabel icon={<IconLayoutKanban size={16} />} text={t('deals.board')} /> },
                { value: 'list', label: <ViewLabel icon={<IconList size={16} />} text={t('deals.list')} /> },
              ]}
              data-testid="deals-view"
            />
            {canCreate ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => openNew()} data-testid="new-deal">
                {t('deals.new')}
              </Button>
            ) : null}
          </>
        }
      />
      {view === 'board' ? (
        pipelines.isError ? (
          <div className="k-page">
            <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />
          </div>
        ) : pipelines.isPending ? (
          <PageSkeleton />
        ) : !pipeline ? (
          <div className="k-page">
            <Paper withBorder radius="md">
              <EmptyState
                icon={<IconLayoutKanban size={28} />}
                title={t('deals.noPipelineTitle')}
                description={t('deals.noPipelineText')}
                action={rights.admin('fields') ? <Button onClick={() => void navigate({ to: '/settings/pipelines' })}>{t('settings.pipelines.title')}</Button> : undefined}
              />
            </Paper>
          </div>
        ) : (
          <div className="k-board-page">
            <DealBoardView
              toolbar={
                <BoardFilters
                  search={search}
                  onChange={onSearchChange}
                  pipelines={list.map((p) => ({ value: p.id, label: pipelineLabel(t, p.name) }))}
                  pipelineId={pipeline.id}
                  onPipeline={(id) => {
                    setLastPipeline(id);
                    onSearchChange({ pipelineId: id });
                  }}
                />
              }
              key={pipeline.id}
              params={{ pipelineId: pipeline.id, ownerId: search.ownerId, tag: search.tag }}
              canMove={rights.can('deals', 'edit')}
              canCreate={canCreate}
              onNewDeal={openNew}
              filtered={Boolean(search.ownerId || search.tag)}
              onClearFilters={() => onSearchChange({ ownerId: undefined, tag: undefined })}
            />
          </div>
        )
      ) : (
        <div className="k-page">
          <RecordListView<DealListItem>
            module="deals"
            search={listSearch(search)}
            defaultSort="name"
            onSearchChange={onSearchChange}
            columns={dealColumns(t)}
            onOpen={(d) => void navigate({ to: '/deals/$dealId', params: { dealId: d.id } })}
            onNew={canCreate ? () => openNew() : undefined}
            emptyIcon={<IconReportMoney size={28} />}
            filters={['status', 'tag', 'owner']}
            />
        </div>
      )}
      <DealForm init={form} onClose={() => setForm(null)} onSaved={(d) => void navigate({ to: '/deals/$dealId', params: { dealId: d.id } })} />
    </>
  );
}

/** The list's filters (the board's pipeline and the view stay out of the list query). */
function listSearch(s: DealSearch): ListSearch {
  const { view: _v, pipelineId: _p, ...rest } = s;
  return rest;
}

function ViewLabel({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Center style={{ gap: 6 }}>
      {icon}
      <span>{text}</span>
    </Center>
  );
}

function BoardFilters({ search, onChange, pipelines, pipelineId, onPipeline }: {
  search: DealSearch;
  onChange: (patch: Partial<DealSearch>) => void;
  pipelines: { value: string; label: string }[];
  pipelineId: string;
  onPipeline: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }} data-testid="board-filters">
      {pipelines.length > 1 ? (
        <Select
          aria-label={t('deals.fields.pipeline')}
          data={pipelines}
          value={pipelineId}
          onChange={(v) => v && onPipeline(v)}
          allowDeselect={false}
          w={210}
          data-testid="board-pipeline"
        />
      ) : null}
      <OwnerTagFilters ownerId={search.ownerId} tag={search.tag} onChange={onChange} testIdPrefix="board-filter" />
    </Group>
  );
}
