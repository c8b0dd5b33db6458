import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { matchesShortcut } from '../../features/search/shortcuts';
import { nextSort, parseSort } from './sort';
import { clampWidth, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './widths';

/** How far one arrow key press on a column's edge moves it. */
export const RESIZE_STEP = 16;

export function SortHeader({ label, field, sort, onSortChange, multiSort }: { label: string; field: string; sort?: string; onSortChange?: (s: string) => void; multiSort?: boolean }) {
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

/** A column's right edge: drag it, or focus it and press the left / right arrows. */
export function ResizeHandle({ label, width, onResizing, onResized }: { label: string; width: number; onResizing: (w: number) => void; onResized: (w: number) => void }) {
  const { t } = useTranslation();
  const start = useRef<{ x: number; w: number } | null>(null);
  const last = useRef<number | null>(null);
  const onDown = (e: ReactPointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    start.current = { x: e.clientX, w: width };
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
      aria-valuenow={Math.round(width)}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (!matchesShortcut('columnResize', e)) return;
        e.preventDefault();
        onResized(clampWidth(width + (e.key === 'ArrowLeft' ? -RESIZE_STEP : RESIZE_STEP)));
      }}
      data-testid="column-resize"
    />
  );
}
