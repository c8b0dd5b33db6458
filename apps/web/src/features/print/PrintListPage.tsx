import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { Alert, Button, Center, Group, Loader, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import { defaultListColumns, type FilterFieldsResponse, type View } from '@kontor/contract/views';
import { api, toQuery } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { contactTypeLabel, useContactTypes } from '../../lib/reference';
import { ErrorState } from '../../components/States';
import { viewName } from '../views/labels';
import { cellText, valueOf, type CellContext, type Item } from './cells';
import type { PrintSearch } from './search';
import './print.css';

/** At most this many rows go on paper; more is an export's job. */
export const PRINT_MAX_ROWS = 1000;
const PAGE = 200;

interface PrintRows {
  rows: Item[];
  /** The list's total when the server counted it. */
  total: number | null;
  /** More rows matched than are printed. */
  cut: boolean;
}

interface ListPage {
  data: Item[];
  nextCursor: string | null;
  total?: number;
}

/** The list's rows through the list API, page after page, up to `PRINT_MAX_ROWS`. */
async function fetchPrintRows(module: Module, s: PrintSearch): Promise<PrintRows> {
  const rows: Item[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  do {
    const page: ListPage = await api.get<ListPage>(`/${module}`, {
      view: s.viewId,
      filter: s.filter,
      sort: s.sort,
      q: s.q,
      letter: s.letter,
      limit: PAGE,
      cursor: cursor ?? undefined,
      count: cursor === null ? true : undefined,
    });
    if (total === null && typeof page.total === 'number') total = page.total;
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor !== null && rows.length < PRINT_MAX_ROWS);
  return { rows: rows.slice(0, PRINT_MAX_ROWS), total, cut: rows.length > PRINT_MAX_ROWS || cursor !== null };
}

/** The columns asked for in the URL (those the module has), else the view's, else the module's default columns. */
function printColumns(module: Module, s: PrintSearch, view: View | undefined, fields: FilterFieldsResponse | undefined): string[] {
  const known = fields ? new Set(fields.columns) : null;
  const asked = (s.columns ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && (!known || known.has(c)));
  if (asked.length) return [...new Set(asked)];
  if (view && view.columns.length) return view.columns.filter((c) => !known || known.has(c));
  return fields?.defaultColumns ?? [...defaultListColumns[module]];
}

/** Where each module's list lives: the activities' own path is their agenda, the deals' may show their board. */
const listPaths: Record<Module, { path: string; view?: 'list' }> = {
  accounts: { path: '/accounts' },
  contacts: { path: '/contacts' },
  deals: { path: '/deals', view: 'list' },
  leads: { path: '/leads' },
  activities: { path: '/activities/list' },
};

/** The list page's URL for the same state, for "Back" when the print page was opened on its own. */
function listHref(module: Module, s: PrintSearch): string {
  const { path, view } = listPaths[module];
  return `${path}${toQuery({ view, viewId: s.viewId, filter: s.filter, sort: s.sort, q: s.q, letter: s.letter, columns: s.columns })}`;
}

/**
 * A print-friendly page of a list (`/print/$module`): the rows the list shows (same view, filter, sort, search and
 * letter), in the chosen columns, as a plain table with a header naming the module, the view, the time and the count.
 * The toolbar (Print, Back) is left off the paper. At most 1,000 rows; the page says when there were more.
 */
export function PrintListPage({ module, search }: { module: Module; search: PrintSearch }) {
  const { t } = useTranslation();
  const router = useRouter();
  const fields = useQuery({ queryKey: ['print', 'fields', module], queryFn: () => api.get<FilterFieldsResponse>('/views/fields', { module }), retry: false });
  const views = useQuery({
    queryKey: ['print', 'views', module],
    queryFn: () => api.get<{ data: View[]; defaultViewId: string }>('/views', { module }),
    enabled: Boolean(search.viewId),
    retry: false,
  });
  const rows = useQuery({ queryKey: ['print', 'rows', module, search], queryFn: () => fetchPrintRows(module, search), staleTime: Infinity, retry: false });
  const contactTypes = useContactTypes();

  const moduleName = t(`print.modules.${module}`);
  useEffect(() => {
    document.title = `${moduleName} · Kontor`;
  }, [moduleName]);

  const view = views.data?.data.find((v) => v.id === search.viewId);
  const chosenView = view ? viewName(t, module, view) : null;
  const columnsReady = !fields.isPending && (!search.viewId || !views.isPending);
  const columns = columnsReady ? printColumns(module, search, view, fields.data) : [];
  const fieldByKey = new Map((fields.data?.fields ?? []).map((f) => [f.key, f]));
  const label = (key: string) => fieldByKey.get(key)?.label ?? t(`print.columns.${key}`, { defaultValue: key });
  const typeNames = new Map((contactTypes.data ?? []).map((c) => [c.id, contactTypeLabel(t, c.name)]));
  const ctxOf = (key: string): CellContext => ({ t, module, field: fieldByKey.get(key), contactType: (id) => typeNames.get(id) ?? '' });

  const back = () => {
    if (router.history.canGoBack()) router.history.back();
    else router.history.push(listHref(module, search));
  };

  const data = rows.data;
  return (
    <div className="k-print-page" data-testid="print-page">
      <Group className="k-print-toolbar" justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={back} data-testid="print-back">
          {t('print.back')}
        </Button>
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} disabled={!data} data-testid="print-now">
          {t('print.print')}
        </Button>
      </Group>
      <header className="k-print-header">
        <Title order={1} fz={20} data-testid="print-title">
          {moduleName}
          {chosenView ? ` · ${chosenView}` : ''}
        </Title>
        <Text size="sm" c="dimmed" data-testid="print-meta">
          {t('print.printedAt', { date: formatDateTime(new Date().toISOString()) })}
          {data ? ` · ${t('print.count', { count: data.total ?? data.rows.length, formatted: formatNumber(data.total ?? data.rows.length) })}` : ''}
        </Text>
      </header>
      {rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : !data || !columnsReady ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <>
          {data.cut ? (
            <Alert className="k-print-note" color="yellow" icon={<IconInfoCircle size={18} />} mb="sm" data-testid="print-cut">
              {data.total !== null
                ? t('print.cut', { shown: formatNumber(data.rows.length), total: formatNumber(data.total) })
                : t('print.cutUnknown', { shown: formatNumber(data.rows.length) })}
            </Alert>
          ) : null}
          {data.rows.length === 0 ? (
            <Text c="dimmed" py="lg" data-testid="print-empty">
              {t('print.empty')}
            </Text>
          ) : (
            <table className="k-print-table" data-testid="print-table">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {label(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((item, i) => (
                  <tr key={typeof item.id === 'string' ? item.id : i} data-testid="print-row">
                    {columns.map((c) => (
                      <td key={c} className={typeof valueOf(item, c) === 'number' ? 'k-num' : undefined}>
                        {cellText(ctxOf(c), item, c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
