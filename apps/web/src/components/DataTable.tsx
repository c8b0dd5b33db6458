import { useEffect, useRef, useState, type ReactNode, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Skeleton, Table } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import '../features/views/views.css';

export interface Column<T> {
  key: string;
  header: string;
  /** Server-side sort field; clicking the header toggles ascending / descending. */
  sortKey?: string;
  width?: number | string;
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
  minWidth?: number;
  testId?: string;
  caption?: string;
  /** Fixed layout honours the column widths (main lists); auto layout fits the content (related lists). */
  fixed?: boolean;
  selection?: RowSelection<T>;
  /** Column widths chosen by dragging a header's edge (or its arrow keys); called when the drag ends. */
  onColumnResize?: (key: string, width: number) => void;
  /** Shift+click on a header adds it as a further sort key (up to three). */
  multiSort?: boolean;
  /** The table scrolls in its own box at most this tall: the header stays in view and long lists render only what shows. */
  maxHeight?: number;
  /** The end of the rows came into view (load the next page). */
  onEndReached?: () => void;
}

/** Lists up to this long render every row (the browser's find and printing see them all); longer ones are virtualised. */
export const VIRTUALIZE_FROM = 200;
const ROW_HEIGHT = 38;
const MAX_SORT_KEYS = 3;
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 1200;
const clampWidth = (w: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, w)));

interface SortKey {
  field: string;
  desc: boolean;
}
export function parseSort(sort: string | undefined): SortKey[] {
  return (sort ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ field: s.replace(/^-/, ''), desc: s.startsWith('-') }));
}
const formatSort = (keys: SortKey[]) => keys.map((k) => (k.desc ? `-${k.field}` : k.field)).join(',');

/** A header click: the only key (ascending, then descending); with shift, a further key (ascending, descending, off). */
export function nextSort(sort: string | undefined, field: string, add: boolean): string {
  const keys = parseSort(sort);
  const at = keys.findIndex((k) => k.field === field);
  if (!add) {
    const only = keys.length >= 1 && keys[0]?.field === field;
    return only && !keys[0]?.desc ? `-${field}` : field;
  }
  if (at < 0) return formatSort([...keys.slice(0, MAX_SORT_KEYS - 1), { field, desc: false }]);
  const current = keys[at];
  if (current && !current.desc) return formatSort(keys.map((k, i) => (i === at ? { ...k, desc: true } : k)));
  const rest = keys.filter((_, i) => i !== at);
  return rest.length ? formatSort(rest) : field;
}

function SortHeader({ label, field, sort, onSortChange, multiSort }: { label: string; field: string; sort?: string; onSortChange?: (s: string) => void; multiSort?: boolean }) {
  const { t } = useTranslation();
  const keys = parseSort(sort);
  const index = keys.findIndex((k) => k.field === field);
  const active = index < 0 ? null : keys[index]?.desc ? 'desc' : 'asc';
  const Icon = active === 'asc' ? IconArrowUp : active === 'desc' ? IconArrowDown : IconArrowsSort;
  return (
    <button
      type="button"
      className="k-sort-button"
      onClick={(e) => onSortChange?.(nextSort(sort, field, Boolean(multiSort && e.shiftKey)))}
      data-testid={`sort-${field}`}
      title={multiSort ? t('views.table.sortByMulti', { field: label }) : t('table.sortBy', { field: label })}
    >
      <span className="k-th-label">{label}</span>
      <Icon size={13} stroke={1.8} style={{ opacity: active ? 1 : 0.35, flex: 'none' }} />
      {active && keys.length > 1 ? <span className="k-sort-index">{index + 1}</span> : null}
    </button>
  );
}

function ResizeHandle({ label, onResizing, onResized, currentWidth }: { label: string; onResizing: (w: number) => void; onResized: (w: number) => void; currentWidth: () => number }) {
  const { t } = useTranslation();
  const start = useRef<{ x: number; w: number } | null>(null);
  const last = useRef<number | null>(null);
  const onDown = (e: ReactPointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    start.current = { x: e.clientX, w: currentWidth() };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: ReactPointerEvent<HTMLSpanElement>) => {
    if (!start.current) return;
    last.current = clampWidth(start.current.w + e.clientX - start.current.x);
    onResizing(last.current);
  };
  const onUp = () => {
    if (start.current && last.current !== null) onResized(last.current);
    start.current = null;
    last.current = null;
  };
  return (
    <span
      className="k-col-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('views.table.resize', { column: label })}
      aria-valuenow={Math.round(currentWidth())}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        onResized(clampWidth(currentWidth() + (e.key === 'ArrowLeft' ? -16 : 16)));
      }}
      data-testid="column-resize"
    />
  );
}

/**
 * A dense table with server-side sorting, skeleton rows while loading and keyboard-openable rows; optionally row
 * checkboxes, resizable columns, several sort keys, its own scroll box with a sticky header, virtualised rows and a
 * call when the end comes into view.
 */
export function DataTable<T>({
  columns, rows, rowKey, sort, onSortChange, onRowClick, loading, minWidth = 900, testId, caption, fixed = true,
  selection, onColumnResize, multiSort, maxHeight, onEndReached,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const headerRefs = useRef(new Map<string, HTMLTableCellElement>());
  const [live, setLive] = useState<{ key: string; width: number } | null>(null);
  const scrolling = maxHeight !== undefined;
  const virtual = scrolling && rows.length > VIRTUALIZE_FROM;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
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

  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    if (e.key === 'Enter' && onRowClick && e.target === e.currentTarget) onRowClick(row);
  };
  // a fixed-layout table grows past 100% to the sum of its column widths by itself (CSS 2.1 17.5.2.1)
  const widthOf = (c: Column<T>) => (live?.key === c.key ? live.width : c.width);
  const primary = parseSort(sort)[0];

  const renderRow = (row: T, index: number) => {
    const selected = selection?.isSelected(row) ?? false;
    return (
      <Table.Tr
        key={rowKey(row)}
        data-index={index}
        ref={virtual ? virtualizer.measureElement : undefined}
        data-clickable={Boolean(onRowClick)}
        data-selected={selected || undefined}
        tabIndex={onRowClick ? 0 : undefined}
        onClick={(e) => {
          if (!onRowClick) return;
          const target = e.target as HTMLElement;
          if (target.closest('a,button,input,label,[role="menuitem"],.k-select-cell')) return;
          onRowClick(row);
        }}
        onKeyDown={(e) => onKey(e, row)}
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
              data-testid="row-select"
            />
          </Table.Td>
        ) : null}
        {columns.map((c) => (
          <Table.Td key={c.key} className={c.hideBelow ? `k-hide-${c.hideBelow}` : undefined} style={{ textAlign: c.align }}>
            {c.render(row)}
          </Table.Td>
        ))}
      </Table.Tr>
    );
  };

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const padTop = virtual ? (items[0]?.start ?? 0) : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const span = columns.length + (selection ? 1 : 0);

  const table = (
    <Table
      className="k-table"
      style={{ tableLayout: fixed ? 'fixed' : 'auto', minWidth: scrolling ? minWidth : undefined }}
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
            <Table.Th className="k-select-cell" style={{ width: 44 }}>
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
            return (
              <Table.Th
                key={c.key}
                ref={(el) => {
                  if (el) headerRefs.current.set(c.key, el);
                  else headerRefs.current.delete(c.key);
                }}
                className={c.hideBelow ? `k-hide-${c.hideBelow}` : undefined}
                style={{ width: widthOf(c), textAlign: c.align, position: onColumnResize ? 'relative' : undefined }}
                aria-sort={ariaSort}
                data-column={c.key}
              >
                {c.sortKey ? <SortHeader label={c.header} field={c.sortKey} sort={sort} onSortChange={onSortChange} multiSort={multiSort} /> : <span className="k-th-label">{c.header}</span>}
                {onColumnResize ? (
                  <ResizeHandle
                    label={c.header}
                    currentWidth={() => (live?.key === c.key ? live.width : (headerRefs.current.get(c.key)?.getBoundingClientRect().width ?? (typeof c.width === 'number' ? c.width : 120)))}
                    onResizing={(width) => setLive({ key: c.key, width })}
                    onResized={(width) => {
                      setLive(null);
                      onColumnResize(c.key, width);
                    }}
                  />
                ) : null}
              </Table.Th>
            );
          })}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {padTop > 0 ? (
          <tr aria-hidden style={{ height: padTop }}>
            <td colSpan={span} style={{ padding: 0, border: 0 }} />
          </tr>
        ) : null}
        {virtual ? items.map((v) => (rows[v.index] === undefined ? null : renderRow(rows[v.index] as T, v.index))) : rows.map(renderRow)}
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
                  <Table.Td key={c.key} className={c.hideBelow ? `k-hide-${c.hideBelow}` : undefined}>
                    <Skeleton h={12} radius="xl" w={`${50 + ((i * 7 + c.key.length * 13) % 45)}%`} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))
          : null}
      </Table.Tbody>
    </Table>
  );

  if (!scrolling) {
    return (
      <Table.ScrollContainer minWidth={minWidth} type="native">
        {table}
      </Table.ScrollContainer>
    );
  }
  return (
    <div ref={scrollRef} className="k-table-scroll" style={{ maxHeight }} data-testid={testId ? `${testId}-scroll` : undefined}>
      {table}
      <div ref={endRef} className="k-table-end" aria-hidden />
    </div>
  );
}
