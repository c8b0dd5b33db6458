import type { ReactNode, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Skeleton, Table } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';

export interface Column<T> {
  key: string;
  header: string;
  /** Server-side sort field; clicking the header toggles ascending / descending. */
  sortKey?: string;
  width?: number | string;
  align?: 'left' | 'right';
  /** Hide on narrower screens: 'md' below 1200 px, 'lg' below 1500 px. */
  hideBelow?: 'md' | 'lg';
  render: (row: T) => ReactNode;
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string;
  onSortChange?: (sort: string) => void;
  onRowClick?: (row: T) => void;
  loading?: boolean;
  minWidth?: number;
  testId?: string;
  caption?: string;
  /** Fixed layout honours the column widths (main lists); auto layout fits the content (related lists). */
  fixed?: boolean;
}

function SortHeader({ label, field, sort, onSortChange }: { label: string; field: string; sort?: string; onSortChange?: (s: string) => void }) {
  const { t } = useTranslation();
  const active = sort === field ? 'asc' : sort === `-${field}` ? 'desc' : null;
  const Icon = active === 'asc' ? IconArrowUp : active === 'desc' ? IconArrowDown : IconArrowsSort;
  return (
    <button
      type="button"
      className="k-sort-button"
      onClick={() => onSortChange?.(active === 'asc' ? `-${field}` : field)}
      data-testid={`sort-${field}`}
      title={t('table.sortBy', { field: label })}
    >
      {label}
      <Icon size={13} stroke={1.8} style={{ opacity: active ? 1 : 0.35 }} />
    </button>
  );
}

/** A dense table with server-side sorting, skeleton rows while loading and keyboard-openable rows. */
export function DataTable<T>({ columns, rows, rowKey, sort, onSortChange, onRowClick, loading, minWidth = 900, testId, caption, fixed = true }: DataTableProps<T>) {
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    if (e.key === 'Enter' && onRowClick && e.target === e.currentTarget) onRowClick(row);
  };
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table className="k-table" style={{ tableLayout: fixed ? 'fixed' : 'auto' }} stickyHeader highlightOnHover={false} verticalSpacing={7} horizontalSpacing="sm" data-testid={testId}>
        {caption ? <caption className="k-visually-hidden">{caption}</caption> : null}
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const active = sort === c.sortKey ? 'ascending' : sort === `-${c.sortKey}` ? 'descending' : undefined;
              return (
                <Table.Th key={c.key} className={c.hideBelow ? `k-hide-${c.hideBelow}` : undefined} style={{ width: c.width, textAlign: c.align }} aria-sort={c.sortKey ? (active ?? 'none') : undefined}>
                  {c.sortKey ? <SortHeader label={c.header} field={c.sortKey} sort={sort} onSortChange={onSortChange} /> : c.header}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={rowKey(row)}
              data-clickable={Boolean(onRowClick)}
              tabIndex={onRowClick ? 0 : undefined}
              onClick={(e) => {
                if (!onRowClick) return;
                const target = e.target as HTMLElement;
                if (target.closest('a,button,input,[role="menuitem"]')) return;
                onRowClick(row);
              }}
              onKeyDown={(e) => onKey(e, row)}
              data-testid="table-row"
            >
              {columns.map((c) => (
                <Table.Td key={c.key} className={c.hideBelow ? `k-hide-${c.hideBelow}` : undefined} style={{ textAlign: c.align }}>
                  {c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          {loading
            ? Array.from({ length: rows.length ? 3 : 10 }, (_, i) => (
                <Table.Tr key={`skeleton-${i}`} aria-hidden>
                  {columns.map((c) => (
                    <Table.Td key={c.key} className={c.hideBelow ? `k-hide-${c.hideBelow}` : undefined}>
                      <Skeleton h={12} radius="xl" w={`${50 + ((i * 7 + c.key.length * 13) % 45)}%`} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
