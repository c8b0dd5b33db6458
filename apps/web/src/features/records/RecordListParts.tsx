import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Anchor, Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconPrinter } from '@tabler/icons-react';
import { EmptyState } from '../../components/States';
import { clearedViewState } from '../views/listState';
import { formatNumber } from '../../lib/format';
import type { RecordCount, RecordModule } from './api';
import { clearedFilters, type ListSearch } from './search';

/**
 * A list with no rows (RecordListView): no match for the URL's filters (clear them), a view whose own conditions match
 * nothing (`viewName`: show all records instead), or a module with no records yet (create the first).
 */
export function ListEmpty({ module, icon, filtered, viewName, allRecordsName, onSearchChange, onNew }: {
  module: RecordModule;
  icon: ReactNode;
  filtered: boolean;
  viewName: string | null;
  allRecordsName: string;
  onSearchChange: (patch: Partial<ListSearch>) => void;
  onNew?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md">
      {filtered || viewName !== null ? (
        <EmptyState
          icon={icon}
          title={t('list.noMatchTitle')}
          description={filtered ? t('list.noMatchText') : t('views.emptyView', { view: viewName })}
          action={
            filtered ? (
              <Button variant="default" onClick={() => onSearchChange(clearedFilters)}>
                {t('list.clearFilters')}
              </Button>
            ) : (
              <Button variant="default" onClick={() => onSearchChange({ ...clearedViewState, viewId: 'all' })} data-testid="empty-all-records">
                {t('views.showAll', { view: allRecordsName })}
              </Button>
            )
          }
        />
      ) : (
        <EmptyState
          icon={icon}
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
  );
}

/** Print: a new tab with what the list shows; `blocked` (with its reason as a tooltip) when the selection cannot be expressed. */
export function PrintListButton({ href, blockedReason, blocked }: { href: string; blockedReason: string | null; blocked: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={blockedReason ?? ''} disabled={!blocked} withinPortal multiline w={280}>
      <Button
        component="a"
        href={href}
        target="_blank"
        rel="noopener"
        variant="default"
        size="compact-sm"
        leftSection={<IconPrinter size={15} />}
        data-testid="print-open"
        data-disabled={blocked ? true : undefined}
        onClick={(e) => {
          if (blocked) e.preventDefault();
        }}
      >
        {t('views.print')}
      </Button>
    </Tooltip>
  );
}

/** "1,234 contacts", "about 1,002,891 contacts" (an estimate) or "more than 10,000 contacts" (a lower bound). */
function countText(t: TFunction, module: RecordModule, count: RecordCount): string {
  const text = t(`views.count.${module}`, { count: count.total, formatted: formatNumber(count.total) });
  if (count.atLeast) return t('listTotal.moreThan', { text });
  return count.approximate ? t('listTotal.about', { text }) : text;
}

/** The list's total once asked for (counting costs, so it waits for the click). */
export function ListCount({ module, count, fetching, onAsk }: { module: RecordModule; count: RecordCount | undefined; fetching: boolean; onAsk: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      {count !== undefined ? (
        <Text size="sm" c="dimmed" data-testid="record-count">
          {countText(t, module, count)}
        </Text>
      ) : (
        <Anchor component="button" type="button" size="sm" onClick={onAsk} data-testid="show-count">
          {fetching ? t('common.loading') : t('list.showCount')}
        </Anchor>
      )}
    </Group>
  );
}
