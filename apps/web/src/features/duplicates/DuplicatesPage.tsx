import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { Account, AccountListItem } from '@kontor/contract/accounts';
import type { DuplicateCluster, DuplicateModule } from '@kontor/contract/duplicates';
import { PageHeader } from '../../components/PageHeader';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { EmptyState, ErrorState } from '../../components/States';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useTags } from '../../lib/reference';
import { useMyRights } from '../auth/permissions';
import { recordKeys } from '../records/api';
import { OwnerTagFilters } from '../records/OwnerTagFilters';
import { BackLink } from '../records/RecordUnavailable';
import { ConfirmModal } from '../settings/ConfirmModal';
import { dismissDuplicates, duplicateKeys, useDuplicateClusters } from './api';
import { ClusterCard } from './ClusterCard';
import { MergeDialog } from './MergeDialog';
import type { DuplicatesSearch } from './search';
import './duplicates.css';


interface Props {
  module: DuplicateModule;
  search: DuplicatesSearch;
  onSearchChange: (patch: Partial<DuplicatesSearch>) => void;
}

/**
 * A module's likely duplicates over the whole database (issue #16): clusters as cards, best first, filtered by owner,
 * tag and (contacts) account; each card merges its records or marks them as not duplicates.
 */
export function DuplicatesPage({ module, search, onSearchChange }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rights = useMyRights();
  const tags = useTags();
  const tagId = search.tag ? tags.data?.find((tg) => tg.name === search.tag)?.id : undefined;
  const params = { sort: search.sort ?? '-score', ownerId: search.ownerId, tagId, accountId: search.accountId };
  const list = useDuplicateClusters(module, params);
  const clusters = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(search.ownerId || search.tag || search.accountId);
  const canAct = rights.can(module, 'edit');
  const [merging, setMerging] = useState<DuplicateCluster | null>(null);
  const [dismissing, setDismissing] = useState<DuplicateCluster | null>(null);
  const [busy, setBusy] = useState(false);
  const [account, setAccount] = useState<string | null>(null);
  // an account filter from the address (a reload, a link) shows the account's name, not an empty box
  const accountName = useQuery({
    queryKey: [...recordKeys.detail('accounts', search.accountId ?? ''), 'name'],
    queryFn: () => api.get<Account>(`/accounts/${search.accountId ?? ''}`).then((a) => a.name),
    enabled: module === 'contacts' && Boolean(search.accountId) && account === null,
    staleTime: 60_000,
  });
  const title = t(`duplicates.page.title.${module}`);

  const dismiss = async (c: DuplicateCluster) => {
    setBusy(true);
    try {
      await dismissDuplicates(module, c.records.map((r) => r.id));
      void qc.invalidateQueries({ queryKey: duplicateKeys.all(module) });
      notifySuccess(t('duplicates.page.dismissed'));
      setDismissing(null);
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={title} before={<BackLink to={`/${module}`} label={t(`nav.${module}`)} />} />
      <div className="k-page">
        <Stack gap="sm" data-testid="duplicates-page">
          <Group gap="xs" wrap="wrap" align="flex-end">
            <Select
              aria-label={t('duplicates.page.sort')}
              data={[
                { value: '-score', label: t('duplicates.page.sortBest') },
                { value: 'score', label: t('duplicates.page.sortWeakest') },
              ]}
              value={search.sort ?? '-score'}
              onChange={(v) => onSearchChange({ sort: v === 'score' ? 'score' : undefined })}
              allowDeselect={false}
              w={200}
              data-testid="duplicates-sort"
            />
            <OwnerTagFilters ownerId={search.ownerId} tag={search.tag} onChange={onSearchChange} testIdPrefix="duplicates" />
            {module === 'contacts' ? (
              <div className="k-dup-account-filter" style={{ width: 220 }} data-testid="duplicates-account-filter">
                <RecordSearchSelect<AccountListItem>
                  module="accounts"
                  label={t('fields.account')}
                  placeholder={t('fields.account')}
                  value={search.accountId ?? null}
                  valueLabel={account ?? accountName.data ?? null}
                  onChange={(id, name) => {
                    setAccount(name);
                    onSearchChange({ accountId: id ?? undefined });
                  }}
                  itemLabel={(a) => a.name}
                  testId="duplicates-account"
                />
              </div>
            ) : null}
          </Group>
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Stack gap="sm" aria-busy="true" data-testid="duplicates-loading">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} h={150} radius="md" />
              ))}
            </Stack>
          ) : clusters.length === 0 ? (
            <Paper withBorder radius="md">
              <EmptyState
                icon={<IconCopy size={28} />}
                title={t('duplicates.page.emptyTitle')}
                description={filtered ? t('duplicates.page.emptyFiltered') : t(`duplicates.page.emptyText.${module}`)}
                action={
                  filtered ? (
                    <Button variant="default" onClick={() => onSearchChange({ ownerId: undefined, tag: undefined, accountId: undefined })}>
                      {t('list.clearFilters')}
                    </Button>
                  ) : undefined
                }
                testId="duplicates-empty"
              />
            </Paper>
          ) : (
            <Stack gap="md" data-testid="duplicate-clusters">
              {clusters.map((c) => (
                <ClusterCard key={c.id} module={module} cluster={c} canAct={canAct} onMerge={() => setMerging(c)} onDismiss={() => setDismissing(c)} />
              ))}
            </Stack>
          )}
          {list.isFetchNextPageError ? <Text size="sm" c="red">{t('views.loadMoreFailed')}</Text> : null}
          {list.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="duplicates-more">
                {t('list.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </div>
      {dismissing ? (
        <ConfirmModal
          title={t('duplicates.page.dismissTitle')}
          text={t('duplicates.page.dismissText', { names: dismissing.records.map((r) => r.name).join(', ') })}
          confirmLabel={t('duplicates.page.dismiss')}
          danger={false}
          busy={busy}
          onConfirm={() => void dismiss(dismissing)}
          onClose={() => setDismissing(null)}
        />
      ) : null}
      {merging ? <MergeDialog module={module} ids={merging.records.map((r) => r.id)} onClose={() => setMerging(null)} /> : null}
    </>
  );
}
