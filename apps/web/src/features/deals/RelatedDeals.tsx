import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Center, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle, IconLink, IconPlus } from '@tabler/icons-react';
import type { ListResponse } from '@kontor/contract/common';
import type { DealListItem } from '@kontor/contract/deals';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { formatMoney } from '../../lib/format';
import { useBusy } from '../../lib/useBusy';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { ErrorState } from '../../components/States';
import { TableSection } from '../records/RecordSection';
import { useRememberedWidths } from '../views/useRememberedWidths';
import { updateDeal, useRelatedDeals } from './api';
import { invalidateDealViews } from './actions';
import { dealColumns } from './columns';
import { DealForm } from './DealForm';
import type { DealFormInit } from './deal-form-values';
import { statusLabel } from './labels';

type Ref = { id: string; name: string };

interface Props {
  module: 'accounts' | 'contacts';
  id: string;
  /** What a new deal from here is linked to. */
  account: Ref | null;
  contact?: Ref | null;
  /** May the user create deals (and link existing ones)? */
  canCreate: boolean;
  /** "Add existing deal" (an account's page). */
  canLink?: boolean;
}

const closedFirstNewest = (a: DealListItem, b: DealListItem) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '');

/** "Deals" on an account's or contact's page: the open ones first, then the won and lost ones (newest close first). */
export function RelatedDealsSection({ module, id, account, contact, canCreate, canLink }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [sort, setSort] = useState('name');
  const open = useRelatedDeals(module, id, 'open', sort);
  const won = useRelatedDeals(module, id, 'won', sort);
  const lost = useRelatedDeals(module, id, 'lost', sort);
  const widths = useRememberedWidths(`${module}-deals`);
  const [form, setForm] = useState<DealFormInit | null>(null);
  const [linking, setLinking] = useState(false);
  const rows = (q: typeof open) => q.data?.pages.flatMap((p) => p.data) ?? [];
  const all = [...rows(open), ...[...rows(won), ...rows(lost)].sort(closedFirstNewest)];
  const pending = open.isPending || won.isPending || lost.isPending;
  const error = open.error ?? won.error ?? lost.error;
  const more = open.hasNextPage ? open : won.hasNextPage ? won : lost.hasNextPage ? lost : null;

  return (
    <TableSection
      title={t('deals.related')}
      count={pending || more ? undefined : all.length}
      testId="related-deals"
      actions={
        canCreate ? (
          <>
            {canLink ? (
              <Button size="xs" variant="default" leftSection={<IconLink size={14} />} onClick={() => setLinking(true)} data-testid="add-existing-deal">
                {t('accounts.addExisting')}
              </Button>
            ) : null}
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setForm({ mode: 'create', account, contact })} data-testid="new-related-deal">
              {t('deals.new')}
            </Button>
          </>
        ) : null
      }
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void Promise.all([open.refetch(), won.refetch(), lost.refetch()])} />
      ) : all.length === 0 && !pending ? (
        <Text size="sm" c="dimmed" px="md" py="lg" ta="center" data-testid="related-deals-empty">
          {t('deals.noRelated')}
        </Text>
      ) : (
        <DataTable
          columns={dealColumns(t, module === 'accounts' ? 'account' : 'contact')}
          rows={all}
          rowKey={(r) => r.id}
          sort={sort}
          onSortChange={setSort}
          onRowClick={(d) => void navigate({ to: '/deals/$dealId', params: { dealId: d.id } })}
          loading={pending}
          widths={widths.widths}
          onColumnResize={widths.remember}
          testId="related-deals-table"
        />
      )}
      {more ? (
        <Center py="xs">
          <Button size="xs" variant="subtle" onClick={() => void more.fetchNextPage()} loading={more.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        </Center>
      ) : null}
      <DealForm init={form} onClose={() => setForm(null)} onSaved={() => undefined} />
      {linking && account ? <AddExistingDealModal account={account} onClose={() => setLinking(false)} /> : null}
    </TableSection>
  );
}

/** Search deals and link one to the account; a deal of another account says it will move. */
function AddExistingDealModal({ account, onClose }: { account: Ref; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<DealListItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const q = chosen && debounced === chosen.name ? '' : debounced;
  const results = useQuery({
    queryKey: ['deals', 'search', q],
    queryFn: () => api.get<ListResponse<DealListItem>>('/deals', { q: q || undefined, limit: 20, sort: '-updatedAt' }),
  });
  const found = (results.data?.data ?? []).filter((d) => d.accountId !== account.id);
  if (chosen && !found.some((d) => d.id === chosen.id)) found.unshift(chosen);
  const describe = (d: DealListItem) => [d.amount === null ? null : formatMoney(d.amount, d.currency), statusLabel(t, d.status), d.accountName].filter(Boolean).join(' · ');

  const link = () => {
    if (!chosen) return;
    setError(null);
    void run(async () => {
      await updateDeal(chosen.id, { accountId: account.id, version: chosen.version });
      invalidateDealViews(qc);
      onClose();
    }, (e) => setError(errorMessage(t, e)));
  };

  return (
    <Modal opened onClose={onClose} title={t('deals.addExistingTitle', { name: account.name })} size="md" centered data-testid="add-existing-deal-modal">
      <Stack gap="md">
        <Select
          label={t('deals.deal')}
          placeholder={t('common.searchToChoose')}
          data={found.map((d) => ({ value: d.id, label: d.name }))}
          value={chosen?.id ?? null}
          onChange={(v) => setChosen(found.find((d) => d.id === v) ?? null)}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.nothingFound')}
          renderOption={({ option }) => {
            const d = found.find((x) => x.id === option.value);
            return (
              <div>
                <Text size="sm">{option.label}</Text>
                {d ? (
                  <Text size="xs" c="dimmed">
                    {describe(d)}
                  </Text>
                ) : null}
              </div>
            );
          }}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
          data-testid="add-existing-deal-select"
        />
        {chosen?.accountId ? (
          <Alert color="orange" icon={<IconInfoCircle size={18} />} data-testid="deal-moves-account">
            {t('deals.movesAccount', { name: chosen.name, from: chosen.accountName ?? '', to: account.name })}
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        <ModalActions gap="xs" onCancel={onClose} label={t('deals.linkDeal')} onConfirm={link} busy={busy} disabled={!chosen} testId="add-existing-deal-confirm" />
      </Stack>
    </Modal>
  );
}
