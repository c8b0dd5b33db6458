import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Portal, Skeleton, Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ResizeHandle, SortHeader } from './table/TableHeader';
import { TableFrame } from './table/TableFrame';
import { parseSort } from './table/sort';
import { useColumnFit } from './table/useColumnFit';
import { useRowKeys } from './table/useRowKeys';
import { useFocusReveal, useTruncationTitles } from './table/useTruncation';
import type { ColumnKind } from './table/widths';
import '../features/views/views.css';
import './table/table.css';
import { useListScrollMemory } from '../features/views/list-memory';

export type { ColumnKind } from './table/widths';

export interface Column<T> {
  key: string;
  header: string;
  /** What the column holds: gives its minimum and ideal widths and whether it takes spare room (default `text`). */
  kind?: ColumnKind;
  /** Server-side sort field; clicking the header toggles ascending / descending. */
  sortKey?: string;
  /** The column's ideal width in px, when not its kind's. */
  width?: number;
  align?: 'left' | 'right';
  /** Hide on narrower screens: 'md' below 1200 px, 'lg' below 1500 px. */
  hideBelow?: 'md' | 'lg';
  /** Other keys this column answers to (a view's column list names list-item keys: `primaryEmail` for `email`). */
  aliases?: string[];
  render: (row: T) => ReactNode;
}

/** A checkbox per row and one in the header for the rows shown. */
export interface RowSelection<T> {
  isSelected: (row: T) => boolean;
  /** `range`: shift was held (select from the last toggled row to this one). */
  onToggle: (row: T, range: boolean) => void;
  all: 'none' | 'some' | 'all';
  onToggleAll: () => void;
  /** The row's name for the checkbox's label. */
  label: (row: T) => string;
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** One key, or several comma-separated (`name,-createdAt`) with `multiSort`. */
  sort?: string;
  onSortChange?: (sort: string) => void;
  onRowClick?: (row: T) => void;
  loading?: boolean;
  testId?: string;
  caption?: string;
  selection?: RowSelection<T>;
  /** Widths the user chose (px by column key); the other columns fit around them. */
  widths?: Record<string, number>;
  /** Makes the columns resizable (a header's edge, dragged or moved with its arrow keys); called when a resize ends. */
  onColumnResize?: (key: string, width: number) => void;
  /** Shift+click on a header adds it as a further sort key (up to three). */
  multiSort?: boolean;
  /** The table scrolls in its own box at most this tall: the header stays in view and long lists render only what shows. */
  maxHeight?: number;
  /** The end of the rows came into view (load the next page). */
  onEndReached?: () => void;
  /** A module's list: its scroll offset is remembered, and restored after the record page's breadcrumb back. */
  scrollMemory?: string;
}

/** Lists up to this long render every row (the browser's find and printing see them all); longer ones are virtualised. */
export const VIRTUALIZE_FROM = 200;
const ROW_HEIGHT = 38;
const SELECT_WIDTH = 44;

/**
 * The one table of the app: columns fitted to the card from what they hold (resizable, cut texts with their full text
 * on hover and keyboard focus, a shadow on a side that overflows), server-side sorting on several keys, skeleton rows
 * while loading, rows as one Tab stop moved with the arrows (Enter opens, Space selects), optional checkboxes, its own
 * scroll box with a sticky header, virtualised rows and a call when the end comes into view.
 */
export function DataTable<T>({
  columns, rows, rowKey, sort, onSortChange, onRowClick, loading, testId, caption, selection, widths: chosen, onColumnResize, multiSort, maxHeight,
  onEndReached, scrollMemory,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState<{ key: string; width: number } | null>(null);
  const scrolling = maxHeight !== undefined;
  const virtual = scrolling && rows.length > VIRTUALIZE_FROM;
  const fit = useColumnFit(scrollRef, columns, chosen, live, selection ? SELECT_WIDTH : 0);
  useListScrollMemory(scrollMemory, scrollRef, loading ? 0 : rows.length);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shownRows: [T, number][] = virtual ? items.flatMap((v) => (rows[v.index] === undefined ? [] : [[rows[v.index] as T, v.index] as [T, number]])) : rows.map((r, i) => [r, i]);

  // titles first: a row focused by the keys below reads them
  useTruncationTitles(scrollRef, live !== null);
  const reveal = useFocusReveal();
  const roving = Boolean(onRowClick || selection);
  const keys = useRowKeys({
    rows, rowKey, rendered: shownRows.map(([r]) => rowKey(r)), bodyRef, scrollRef, rowHeight: ROW_HEIGHT, onOpen: onRowClick, select: selection,
    scrollToIndex: virtual ? (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) : undefined, enabled: roving,
  });

  const endReached = useRef(onEndReached);
  useEffect(() => {
    endReached.current = onEndReached;
  }, [onEndReached]);
  useEffect(() => {
    const target = endRef.current;
    if (!target || !scrolling) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) endReached.current?.();
    }, { root: scrollRef.current, rootMargin: '0px 0px 300px 0px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [scrolling, rows.length]);

  const primary = parseSort(sort)[0];
  const hideClass = (c: Column<T>) => (c.hideBelow ? `k-hide-${c.hideBelow}` : undefined);

  const renderRow = (row: T, index: number) => {
    const key = rowKey(row);
    const selected = selection?.isSelected(row) ?? false;
    return (
      <Table.Tr
        key={key}
        data-index={index}
        data-row-key={key}
        ref={virtual ? virtualizer.measureElement : undefined}
        aria-rowindex={virtual ? index + 2 : undefined}
        data-clickable={Boolean(onRowClick)}
        data-selected={selected || undefined}
        tabIndex={roving ? (key === keys.tabStop ? 0 : -1) : undefined}
        onClick={(e) => {
          if (!onRowClick) return;
          const target = e.target as HTMLElement;
          if (target.closest('a,button,input,label,[role="menuitem"],.k-select-cell')) return;
          onRowClick(row);
        }}
        onKeyDown={(e) => keys.onKeyDown(e, row, index)}
        onFocus={() => keys.onFocus(key)}
        data-testid="table-row"
      >
        {selection ? (
          <Table.Td className="k-select-cell">
            <Checkbox
              size="xs"
              checked={selected}
              onChange={() => undefined}
              onClick={(e) => selection.onToggle(row, e.shiftKey)}
              aria-label={t('views.table.selectRow', { name: selection.label(row) })}
              tabIndex={-1}
              data-testid="row-select"
            />
          </Table.Td>
        ) : null}
        {columns.map((c) => (
          <Table.Td key={c.key} className={hideClass(c)} style={{ textAlign: c.align }}>
            {c.render(row)}
          </Table.Td>
        ))}
      </Table.Tr>
    );
  };

  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const span = columns.length + (selection ? 1 : 0);

  return (
    <TableFrame scrollRef={scrollRef} width={fit.total} maxHeight={maxHeight} testId={testId}>
      <Table
        className="k-table"
        style={{ tableLayout: 'fixed', width: fit.total }}
        stickyHeader
        highlightOnHover={false}
        verticalSpacing={7}
        horizontalSpacing="sm"
        data-testid={testId}
        aria-rowcount={virtual ? rows.length + 1 : undefined}
      >
        {caption ? <caption className="k-visually-hidden">{caption}</caption> : null}
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <Table.Th className="k-select-cell" style={{ width: SELECT_WIDTH }}>
                <Checkbox
                  size="xs"
                  checked={selection.all === 'all'}
                  indeterminate={selection.all === 'some'}
                  onChange={selection.onToggleAll}
                  aria-label={t('views.table.selectAllShown')}
                  disabled={rows.length === 0}
                  data-testid="row-select-all"
                />
              </Table.Th>
            ) : null}
            {columns.map((c) => {
              const ariaSort = c.sortKey && primary?.field === c.sortKey ? (primary.desc ? 'descending' : 'ascending') : c.sortKey ? 'none' : undefined;
              const width = fit.widths[c.key];
              return (
                <Table.Th key={c.key} className={hideClass(c)} style={{ width, textAlign: c.align }} aria-sort={ariaSort} data-column={c.key}>
                  {c.sortKey ? <SortHeader label={c.header} field={c.sortKey} sort={sort} onSortChange={onSortChange} multiSort={multiSort} /> : <span className="k-th-label">{c.header}</span>}
                  {onColumnResize && width !== undefined ? (
                    <ResizeHandle
                      label={c.header}
                      width={width}
                      onResizing={(w) => setLive({ key: c.key, width: w })}
                      onResized={(w) => {
                        setLive(null);
                        onColumnResize(c.key, w);
                      }}
                    />
                  ) : null}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={bodyRef} onFocus={reveal.onFocus} onBlur={reveal.onBlur}>
          {padTop > 0 ? (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={span} style={{ padding: 0, border: 0 }} />
            </tr>
          ) : null}
          {shownRows.map(([row, index]) => renderRow(row, index))}
          {padBottom > 0 ? (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={span} style={{ padding: 0, border: 0 }} />
            </tr>
          ) : null}
          {loading
            ? Array.from({ length: rows.length ? 3 : 10 }, (_, i) => (
                <Table.Tr key={`skeleton-${i}`} aria-hidden>
                  {selection ? <Table.Td /> : null}
                  {columns.map((c) => (
                    <Table.Td key={c.key} className={hideClass(c)}>
                      <Skeleton h={12} radius="xl" w={`${50 + ((i * 7 + c.key.length * 13) % 45)}%`} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : null}
        </Table.Tbody>
      </Table>
      {scrolling ? <div ref={endRef} className="k-table-end" aria-hidden /> : null}
      {reveal.reveal ? (
        <Portal>
          <div className="k-cell-reveal" role="tooltip" style={{ left: reveal.reveal.left, top: reveal.reveal.top }} data-testid="cell-reveal">
            {reveal.reveal.lines.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        </Portal>
      ) : null}
    </TableFrame>
  );
}
