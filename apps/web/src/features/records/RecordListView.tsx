import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { QueryValue } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { recordKeys, usePagedList, useRecordCount, type RecordCount, type RecordModule } from './api';
import { LetterIndex, ListFilters, type QuickFilter } from './ListFilters';
import { clearedFilters, hasFilters, type ListSearch } from './search';

interface Props<T extends { id: string }> {
  module: RecordModule;
  search: ListSearch;
  defaultSort: string;
  onSearchChange: (patch: Partial<ListSearch>) => void;
  columns: Column<T>[];
  onOpen: (row: T) => void;
  onNew?: () => void;
  emptyIcon: ReactNode;
  /** Quick filters (default: those of accounts and contacts). */
  filters?: QuickFilter[];
  /** The A-Z index (not for deals). */
  letters?: boolean;
  /** Filters of the module's own, beside the name box. */
  extraFilters?: ReactNode;
}

/** "1,234 contacts", "about 1,002,891 contacts" (an estimate) or "more than 10,000 contacts" (a lower bound). */
function countText(t: TFunction, module: RecordModule, count: RecordCount): string {
  const text = t(`${module}.count`, { count: count.total, formatted: formatNumber(count.total) });
  if (count.atLeast) return t('listTotal.moreThan', { text });
  return count.approximate ? t('listTotal.about', { text }) : text;
}

/** The list page body shared by accounts and contacts: filters, A-Z, table, count on demand, load more. */
export function RecordListView<T extends { id: string }>({ module, search, defaultSort, onSearchChange, columns, onOpen, onNew, emptyIcon, filters, letters = true, extraFilters }: Props<T>) {
  const { t } = useTranslation();
  const params: Record<string, QueryValue> = { ...search, sort: search.sort ?? defaultSort };
  const list = usePagedList<T>(recordKeys.list(module, params), `/${module}`, params);
  const [countAsked, setCountAsked] = useState(false);
  const count = useRecordCount(module, params, countAsked);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = hasFilters(search);

  return (
    <Stack gap="sm">
      <ListFilters search={search} onChange={onSearchChange} filters={filters} extra={extraFilters} />
      <Group justify={letters ? 'space-between' : 'flex-end'} gap="xs" wrap="wrap">
        {letters ? <LetterIndex value={search.letter} onChange={(letter) => onSearchChange({ letter })} /> : null}
        <Group gap={6} wrap="nowrap">
          {countAsked && count.data !== undefined ? (
            <Text size="sm" c="dimmed" data-testid="record-count">
              {countText(t, module, count.data)}
            </Text>
          ) : (
            <Anchor component="button" type="button" size="sm" onClick={() => setCountAsked(true)} data-testid="show-count">
              {count.isFetching ? t('common.loading') : t('list.showCount')}
            </Anchor>
          )}
        </Group>
      </Group>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <Paper withBorder radius="md">
          {filtered ? (
            <EmptyState icon={emptyIcon} title={t('list.noMatchTitle')} description={t('list.noMatchText')} action={<Button variant="default" onClick={() => onSearchChange(clearedFilters)}>{t('list.clearFilters')}</Button>} />
          ) : (
            <EmptyState
              icon={emptyIcon}
              title={t(`${module}.emptyTitle`)}
              description={t(`${module}.emptyText`)}
              action={
                onNew ? (
                  <Button leftSection={<IconPlus size={16} />} onClick={onNew} data-testid="empty-new">
                    {t(`${module}.new`)}
                  </Button>
                ) : undefined
              }
            />
          )}
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DataTable
            columns={columns}
            rows={rows}
            rowKey={(r) => r.id}
            sort={search.sort ?? defaultSort}
            onSortChange={(sort) => onSearchChange({ sort })}
            onRowClick={onOpen}
            loading={list.isPending || list.isFetchingNextPage}
            minWidth={720}
            testId={`${module}-table`}
            caption={t(`nav.${module}`)}
          />
        </Paper>
      )}
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">
            {t('list.loadMore')}
          </Button>
        </Group>
      ) : null}
      {rows.length > 0 ? (
        <Text size="xs" c="dimmed" ta="center">
          {t('list.shown', { count: rows.length, formatted: formatNumber(rows.length) })}
        </Text>
      ) : null}
    </Stack>
  );
}
