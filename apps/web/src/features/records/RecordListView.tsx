import { lazy, Suspense, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '@tanstack/react-router';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import type { BulkAction, Filter, Selection, View } from '@kontor/contract/views';
import { isApiError, type QueryValue } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useCustomFields } from '../../lib/reference';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { useRecordCount, type RecordModule } from './api';
import { LetterIndex, ListFilters, type QuickFilter } from './ListFilters';
import { ListDataLinks } from './ListDataLinks';
import { ListCount, ListEmpty, PrintListButton } from './RecordListParts';
import { clearedFilters, hasFilters, type ListSearch } from './search';
import { useFilterFields, useViews } from '../views/api';
import { ColumnChooser } from '../views/ColumnChooser';
import { buildColumns, columnLabel, type ColumnContext } from '../views/columns';
import { FilterBuilder } from '../views/FilterBuilder';
import { viewName } from '../views/labels';
import {
  allMatchingSelection, andFilters, clearedViewState, formatWidths, isEmptyFilter, pickView, quickFilterConditions, resolveListState,
  viewListParams, viewRequest,
} from '../views/listState';
import { MassActionBar } from '../views/MassActionBar';
import { recordName } from '../views/references';
import { useFitHeight, useViewList } from '../views/useViewList';
import { useRememberedWidths } from '../views/useRememberedWidths';
import { ViewSelector, type ViewDraft } from '../views/ViewSelector';
import { refusedFilters } from '../views/errors';

// Dialogs that open on demand are chunks of their own (issue #14).
const BulkActionModal = lazy(() => import('../views/BulkActionModal').then((m) => ({ default: m.BulkActionModal })));
const ExportDialog = lazy(() => import('../views/ExportDialog').then((m) => ({ default: m.ExportDialog })));

interface Props<T extends { id: string }> {
  module: RecordModule;
  search: ListSearch;
  defaultSort: string;
  onSearchChange: (patch: Partial<ListSearch>) => void;
  columns: Column<T>[];
  /** The columns shown when no view chooses (default: every column given). */
  defaultColumns?: readonly string[];
  onOpen: (row: T) => void;
  onNew?: () => void;
  emptyIcon: ReactNode;
  /** Quick filters (default: those of accounts and contacts). */
  filters?: QuickFilter[];
  /** The A-Z index. */
  letters?: boolean;
  /** Filters of the module's own, beside the name box. */
  extraFilters?: ReactNode;
}

/** The list's own keys in the URL that are not sent to the list API as they are. */
const VIEW_KEYS = new Set(['viewId', 'filter', 'columns', 'widths', 'pageSize', 'sort']);
/** Space kept under the table's scroll box for "Load more" and the row count (only the count on the last page). */
const BELOW_TABLE = 126;
const BELOW_TABLE_END = 64;

/**
 * The list page body shared by every record module: the view (saved filters, sort, columns, widths, page size), the
 * quick filters and the filter builder, A-Z, the table with selection and mass actions, count on demand, infinite
 * loading, export and print.
 */
export function RecordListView<T extends { id: string }>({ module, search, defaultSort, onSearchChange, columns, defaultColumns: defaults, onOpen, onNew, emptyIcon, filters, letters = true, extraFilters }: Props<T>) {
  const { t, i18n } = useTranslation();
  const router = useRouter();
  const rights = useMyRights();
  const views = useViews(module);
  const catalogue = useFilterFields(module);
  const customDefs = useCustomFields(module);
  const fields = useMemo(() => catalogue.data?.fields ?? [], [catalogue.data]);
  const ctx: ColumnContext = { t, i18n, module, fields, customDefs: customDefs.data ?? [] };

  const catalogueColumns = catalogue.data?.columns;
  const defaultColumns = defaults ? [...defaults] : columns.map((c) => c.key);

  const viewsSettled = !views.isPending;
  const view: View | null = pickView(views.data?.data, views.data?.defaultViewId, search.viewId);
  const state = resolveListState(search, view, { sort: defaultSort, columns: defaultColumns });
  const visibleKeys = state.columns;

  const quick = useMemo(() => {
    const out: Record<string, QueryValue> = {};
    for (const [k, v] of Object.entries(search)) if (!VIEW_KEYS.has(k) && (typeof v === 'string' || typeof v === 'number')) out[k] = v;
    return out;
  }, [search]);
  const params: Record<string, QueryValue> = { ...quick, ...viewListParams(state) };
  const paramsKey = JSON.stringify(params);
  const list = useViewList<T>(module, params, state.pageSize, viewsSettled);
  const [countAsked, setCountAsked] = useState(false);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  // what the empty state offers: clearing the URL's filters, or leaving a view whose own conditions match nothing
  const filtered = hasFilters(search);
  const viewFiltered = state.view !== null && (!isEmptyFilter(state.filter) || state.lockedFilter !== null);

  // ---- selection: ids picked on loaded rows, or "all N matching"; forgotten when the result changes
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [selectionFor, setSelectionFor] = useState(paramsKey);
  if (selectionFor !== paramsKey) {
    setSelectionFor(paramsKey);
    setSelected(new Set());
    setAllMatching(false);
    setAnchor(null);
  }
  const pickedOnPage = rows.filter((r) => selected.has(r.id)).length;
  const everyLoaded = rows.length > 0 && pickedOnPage === rows.length;
  const mayHaveMore = list.hasNextPage;
  const count = useRecordCount(module, params, countAsked || (everyLoaded && Boolean(mayHaveMore)));
  const quickValues: ListSearch = search;
  const { unexpressed } = quickFilterConditions(quickValues, fields);
  const allSelection = catalogue.isSuccess ? allMatchingSelection(state, quickValues, fields) : null;
  const blockedReason = !catalogue.isSuccess
    ? t('views.mass.catalogueMissing')
    : allSelection === null
      ? t('views.mass.quickFilterBlocks', { filters: unexpressed.map((k) => t(`views.quick.${k}`)).join(', ') || t('views.mass.nestedFilter') })
      : null;

  const toggle = (row: T, range: boolean) => {
    const index = rows.findIndex((r) => r.id === row.id);
    const next = new Set(allMatching ? rows.map((r) => r.id) : selected);
    const on = !next.has(row.id);
    if (range && anchor !== null && index >= 0) {
      const [a, b] = anchor < index ? [anchor, index] : [index, anchor];
      for (const r of rows.slice(a, b + 1)) {
        if (on) next.add(r.id);
        else next.delete(r.id);
      }
    } else if (on) next.add(row.id);
    else next.delete(row.id);
    setAllMatching(false);
    setSelected(next);
    setAnchor(index);
  };
  const toggleAll = () => {
    setAllMatching(false);
    setSelected(everyLoaded || allMatching ? new Set() : new Set(rows.map((r) => r.id)));
  };
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const selectionCount = allMatching ? (count.data?.total ?? rows.length) : selected.size;
  const currentSelection: Selection | null = allMatching ? allSelection : selected.size ? { ids: [...selected] } : null;

  // ---- dialogs
  // the selection is taken when a dialog opens: clearing it after the job must not close the report
  const [bulk, setBulk] = useState<{ action: BulkAction; selection: Selection; count: number; approximate: boolean } | null>(null);
  const [exporting, setExporting] = useState<{ selection: Selection | null } | null>(null);
  const approximateSelection = allMatching && Boolean(count.data?.approximate || count.data?.atLeast);
  const runAction = (action: BulkAction) => {
    if (!allMatching && selected.size > 1000) {
      notifications.show({ color: 'orange', message: t('views.mass.tooMany') });
      return;
    }
    if (currentSelection) setBulk({ action, selection: currentSelection, count: selectionCount, approximate: approximateSelection });
  };

  // ---- the view's state in the URL
  // widths: the ones this user left in this browser, under the view's, under the URL's
  const remembered = useRememberedWidths(module);
  const widths = { ...remembered.widths, ...state.widths };
  const tableColumns = buildColumns<T>(ctx, visibleKeys, columns, state.columnsChosen);
  const setFilter = (f: Filter) => onSearchChange({ filter: f });
  const draft = (): ViewDraft => {
    const { conditions } = quickFilterConditions(quickValues, fields);
    const merged = andFilters(state.lockedFilter, state.filter, conditions.length ? { match: 'all', conditions } : null) ?? state.filter;
    return { filter: merged, sort: state.sort.split(',').filter(Boolean), columns: visibleKeys, columnWidths: widths, pageSize: state.pageSize };
  };
  const afterSave = (saved: View) => {
    const { expressed } = quickFilterConditions(quickValues, fields);
    const folded = Object.fromEntries(expressed.map((k) => [k, undefined])) as Partial<ListSearch>;
    onSearchChange({ ...clearedViewState, ...folded, viewId: saved.id });
  };
  const chosenViewName = viewName(t, module, state.view);

  // ---- print: a new tab with what the list shows
  const printHref = (() => {
    const r = viewRequest(state);
    const { conditions } = quickFilterConditions(quickValues, fields);
    const filter = andFilters(r.filter, conditions.length ? { match: 'all', conditions } : null);
    const printSearch: Record<string, unknown> = {
      viewId: r.view,
      filter: filter && !isEmptyFilter(filter) ? filter : undefined,
      sort: state.sort,
      q: search.q,
      letter: search.letter,
      columns: visibleKeys.join(','),
    };
    const clean = Object.fromEntries(Object.entries(printSearch).filter(([, v]) => v !== undefined && v !== ''));
    return `/print/${module}${router.options.stringifySearch(clean)}`;
  })();

  const tableTop = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const maxHeight = useFitHeight(tableTop, toolbar, list.hasNextPage ? BELOW_TABLE : BELOW_TABLE_END);
  const loadMore = () => {
    if (list.hasNextPage && !list.isFetchingNextPage && !list.isError) void list.fetchNextPage();
  };

  return (
    <Stack gap="sm">
      <Stack gap="sm" ref={toolbar}>
        <ListFilters
          search={search}
          onChange={onSearchChange}
          filters={filters}
          searchPlaceholder={module === 'activities' ? t('activities.list.searchPlaceholder') : undefined}
          extra={extraFilters}
          before={
            <ViewSelector
              module={module}
              views={views.data?.data ?? []}
              current={state.view}
              defaultViewId={views.data?.defaultViewId ?? null}
              dirty={state.dirty}
              draft={draft}
              onSelect={(viewId) => onSearchChange({ ...clearedViewState, viewId })}
              onSaved={afterSave}
              onDiscard={() => onSearchChange({ ...clearedViewState })}
              loading={views.isPending}
            />
          }
        />
        {views.isError ? (
          <Text size="xs" c="dimmed" data-testid="views-unavailable">
            {t('views.selector.unavailable')}
          </Text>
        ) : null}
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <FilterBuilder
            module={module}
            fields={fields}
            filter={state.filter}
            onChange={setFilter}
            locked={state.lockedFilter}
            lockedBy={chosenViewName}
            disabled={!catalogue.isSuccess}
          />
          <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
            <ColumnChooser
              available={[...new Set([...(catalogueColumns ?? defaultColumns), ...visibleKeys])]}
              columns={visibleKeys}
              label={(k) => columnLabel(ctx, k, columns)}
              onChange={(cols) => onSearchChange({ columns: cols.join(',') })}
              pageSize={state.pageSize}
              onPageSize={(pageSize) => onSearchChange({ pageSize })}
              onReset={
                search.columns || search.pageSize || search.widths || Object.keys(remembered.widths).length
                  ? () => {
                      remembered.forget();
                      onSearchChange({ columns: undefined, pageSize: undefined, widths: undefined });
                    }
                  : undefined
              }
            />
            <ListDataLinks module={module} />
            {rights.can(module, 'export') ? (
              <Button variant="default" size="compact-sm" leftSection={<IconDownload size={15} />} onClick={() => setExporting({ selection: allSelection })} disabled={!viewsSettled} data-testid="export-open">
                {t('views.export.button')}
              </Button>
            ) : null}
            <PrintListButton href={printHref} blockedReason={blockedReason} blocked={catalogue.isSuccess && allSelection === null} />
          </Group>
        </Group>
        {selected.size > 0 || allMatching ? (
          <MassActionBar
            module={module}
            count={selectionCount}
            approximate={approximateSelection}
            allMatching={allMatching}
            canSelectAll={everyLoaded && Boolean(mayHaveMore)}
            matchingCount={count.data?.total ?? null}
            matchingApproximate={Boolean(count.data?.approximate || count.data?.atLeast)}
            selectAllBlocked={blockedReason}
            onSelectAll={() => setAllMatching(true)}
            onClear={clearSelection}
            onAction={runAction}
            onExport={() => setExporting({ selection: currentSelection })}
            counting={allMatching && count.data === undefined}
          />
        ) : (
          <Group justify={letters ? 'space-between' : 'flex-end'} gap="xs" wrap="wrap">
            {letters ? <LetterIndex value={search.letter} onChange={(letter) => onSearchChange({ letter })} /> : null}
            <ListCount module={module} count={countAsked ? count.data : undefined} fetching={count.isFetching} onAsk={() => setCountAsked(true)} />
          </Group>
        )}
      </Stack>
      <div ref={tableTop} />
      {list.isError && isApiError(list.error, 'validation_failed') ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('views.badFilterTitle')} data-testid="bad-filter">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('views.badFilterText')}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {refusedFilters(t, list.error)}
            </Text>
            <Button size="xs" variant="white" color="orange" onClick={() => onSearchChange({ ...clearedFilters, sort: undefined })}>
              {t('list.clearFilters')}
            </Button>
          </Stack>
        </Alert>
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : viewsSettled && !list.isPending && rows.length === 0 ? (
        <ListEmpty
          module={module}
          icon={emptyIcon}
          filtered={filtered}
          viewName={viewFiltered ? chosenViewName : null}
          onSearchChange={onSearchChange}
          allRecordsName={viewName(t, module, null)}
          onNew={onNew}
        />
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          <DataTable
            columns={tableColumns}
            rows={rows}
            rowKey={(r) => r.id}
            sort={state.sort}
            onSortChange={(sort) => onSearchChange({ sort })}
            multiSort
            onRowClick={onOpen}
            loading={!viewsSettled || list.isPending || list.isFetchingNextPage}
           
            testId={`${module}-table`}
            caption={t(`nav.${module}`)}
            selection={{
              isSelected: (r) => allMatching || selected.has(r.id),
              onToggle: toggle,
              all: allMatching || everyLoaded ? 'all' : pickedOnPage > 0 ? 'some' : 'none',
              onToggleAll: toggleAll,
              label: (r) => recordName(r),
            }}
            widths={widths}
            onColumnResize={(key, width) => {
              remembered.remember(key, width);
              onSearchChange({ widths: formatWidths({ ...widths, [key]: width }) });
            }}
            maxHeight={maxHeight}
            onEndReached={loadMore}
            scrollMemory={module}
          />
        </Paper>
      )}
      {list.isFetchNextPageError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />}>
          {t('views.loadMoreFailed')}
        </Alert>
      ) : null}
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={loadMore} loading={list.isFetchingNextPage} data-testid="load-more">
            {t('list.loadMore')}
          </Button>
        </Group>
      ) : null}
      {rows.length > 0 ? (
        <Text size="xs" c="dimmed" ta="center">
          {t('list.shown', { count: rows.length, formatted: formatNumber(rows.length) })}
        </Text>
      ) : null}
      <Suspense fallback={null}>
        {bulk ? (
          <BulkActionModal
            module={module}
            action={bulk.action}
            selection={bulk.selection}
            count={bulk.count}
            approximate={bulk.approximate}
            fields={fields}
            onClose={() => setBulk(null)}
            onFinished={(job) => {
              if (job.status === 'done') clearSelection();
            }}
          />
        ) : null}
        {exporting ? (
          <ExportDialog
            module={module}
            selection={exporting.selection}
            unavailable={blockedReason}
            countParams={params}
            columns={visibleKeys}
            columnLabel={(k) => columnLabel(ctx, k, columns)}
            sort={state.sort}
            onClose={() => setExporting(null)}
          />
        ) : null}
      </Suspense>
    </Stack>
  );
}
