import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button, Paper, Select } from '@mantine/core';
import { IconPlus, IconUserSearch } from '@tabler/icons-react';
import type { LeadListItem } from '@kontor/contract/leads';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { RecordListView } from '../records/RecordListView';
import type { ListSearch } from '../records/search';
import { leadColumns } from './columns';
import { LeadForm, type LeadFormInit } from './LeadForm';
import { sourceOptions, statusOptions } from './labels';
import { useCreateRequest } from '../search/create-request';

interface Props {
  search: ListSearch;
  onSearchChange: (patch: Partial<ListSearch>) => void;
}

/** Leads: people and companies not yet qualified, filtered by status, source, owner and tag. */
export function LeadsPage({ search, onSearchChange }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [form, setForm] = useState<LeadFormInit | null>(null);
  const openNew = rights.can('leads', 'create') ? () => setForm({ mode: 'create' }) : undefined;
  useCreateRequest('leads', openNew);

  if (!rights.can('leads', 'view')) {
    return (
      <>
        <PageHeader title={t('nav.leads')} />
        <div className="k-page">
          <Paper withBorder radius="md">
            <EmptyState icon={<IconUserSearch size={28} />} title={t('leads.noAccessTitle')} description={t('leads.noAccessText')} testId="leads-no-access" />
          </Paper>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('nav.leads')}
        actions={
          openNew ? (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew} data-testid="lead-new">
              {t('leads.new')}
            </Button>
          ) : null
        }
      />
      <div className="k-page">
        <RecordListView<LeadListItem>
          module="leads"
          search={search}
          defaultSort="name"
          onSearchChange={onSearchChange}
          columns={leadColumns(t)}
          onOpen={(l) => void navigate({ to: '/leads/$leadId', params: { leadId: l.id } })}
          onNew={openNew}
          emptyIcon={<IconUserSearch size={28} />}
          filters={['tag', 'owner']}
          extraFilters={
            <>
              <Select
                aria-label={t('leads.fields.status')}
                placeholder={t('leads.fields.status')}
                data={statusOptions(t)}
                value={search.status ?? null}
                onChange={(v) => onSearchChange({ status: v ?? undefined })}
                clearable
                w={150}
                data-testid="filter-lead-status"
              />
              <Select
                aria-label={t('leads.fields.source')}
                placeholder={t('leads.fields.source')}
                data={sourceOptions(t)}
                value={search.source ?? null}
                onChange={(v) => onSearchChange({ source: v ?? undefined })}
                clearable
                w={160}
                data-testid="filter-lead-source"
              />
            </>
          }
        />
      </div>
      <LeadForm init={form} onClose={() => setForm(null)} onSaved={(l) => void navigate({ to: '/leads/$leadId', params: { leadId: l.id } })} />
    </>
  );
}
