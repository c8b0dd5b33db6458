import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { matchesShortcut } from '../../features/search/shortcuts';
import { moveIndex } from '../../lib/roving';

/** Links, buttons and inputs inside a row: out of the Tab order (the row is the one stop), reached with left / right. */
const INNER = 'a[href], button, input, select, textarea, [tabindex]:not(tr)';
const inner = (row: HTMLElement) => [...row.querySelectorAll<HTMLElement>(INNER)].filter((el) => !el.hasAttribute('disabled'));

interface Options<T> {
  rows: T[];
  rowKey: (row: T) => string;
  /** The keys of the rows in the DOM (a virtualised list renders only some). */
  rendered: string[];
  bodyRef: RefObject<HTMLElement | null>;
  scrollRef: RefObject<HTMLElement | null>;
  rowHeight: number;
  onOpen?: (row: T) => void;
  select?: { isSelected: (row: T) => boolean; onToggle: (row: T, range: boolean) => void };
  /** Bring a row into the DOM before it gets the focus (a virtualised list). */
  scrollToIndex?: (index: number) => void;
  enabled: boolean;
}

/**
 * Roving tabindex over the table's rows: the body is one Tab stop (the active row), the arrows, Home / End and
 * PageUp / PageDown move the active row (scrolled into view, virtualised rows first rendered), Enter opens it, Space
 * toggles its checkbox, Shift+arrows / Shift+Space extend the selection, left / right visit the row's links and buttons.
 */
export function useRowKeys<T>({ rows, rowKey, rendered, bodyRef, scrollRef, rowHeight, onOpen, select, scrollToIndex, enabled }: Options<T>) {
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const pending = useRef<string | null>(null);
  const tabStop = activeKey !== null && rendered.includes(activeKey) ? activeKey : (rendered[0] ?? null);

  const rowEl = (key: string) => bodyRef.current?.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(key)}"]`) ?? null;
  const focusRow = (key: string) => {
    const el = rowEl(key);
    if (!el) return false;
    // into view first: the focus shows the row's cut texts where the row is
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
    return true;
  };

  // a row asked for while it was not rendered gets the focus once it is; the rows' own controls leave the Tab order
  useLayoutEffect(() => {
    if (!enabled) return;
    if (pending.current !== null && focusRow(pending.current)) pending.current = null;
    for (const el of bodyRef.current?.querySelectorAll<HTMLElement>(`tr[data-row-key] :is(${INNER})`) ?? []) if (el.tabIndex >= 0) el.tabIndex = -1;
  });

  const activate = (index: number) => {
    const row = rows[index];
    if (row === undefined) return undefined;
    const key = rowKey(row);
    setActiveKey(key);
    if (!focusRow(key)) {
      pending.current = key;
      scrollToIndex?.(index);
    }
    return row;
  };
  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 11) / rowHeight) - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, row: T, index: number) => {
    if (!enabled || e.nativeEvent.isComposing) return;
    const onRow = e.target === e.currentTarget;
    if (matchesShortcut('rowMove', e) || matchesShortcut('rowJump', e)) {
      const next = moveIndex(index, e.key, rows.length, { axis: 'vertical', page: pageRows() });
      if (next === null) return;
      e.preventDefault();
      activate(next);
    } else if (select && matchesShortcut('rowExtend', e)) {
      e.preventDefault();
      if (e.key === ' ') return select.onToggle(row, true);
      const next = moveIndex(index, e.key, rows.length, { axis: 'vertical' });
      const target = next === null ? undefined : activate(next);
      if (target !== undefined && !select.isSelected(target)) select.onToggle(target, true);
    } else if (onRow && onOpen && matchesShortcut('rowOpen', e)) {
      e.preventDefault();
      onOpen(row);
    } else if (onRow && select && matchesShortcut('rowSelect', e)) {
      e.preventDefault();
      select.onToggle(row, false);
    } else if (matchesShortcut('cellMove', e)) {
      const controls = inner(e.currentTarget);
      const at = onRow ? null : controls.indexOf(e.target as HTMLElement);
      if (!onRow && at === 0 && e.key === 'ArrowLeft') {
        e.preventDefault();
        e.currentTarget.focus();
        return;
      }
      const next = moveIndex(at === -1 ? null : at, e.key, controls.length, { axis: 'horizontal' });
      if (next === null || (onRow && e.key === 'ArrowLeft')) return;
      e.preventDefault();
      controls[next]?.focus();
    }
  };

  return {
    tabStop,
    onKeyDown,
    /** A row (or one of its controls) got the focus: it is the active row now. */
    onFocus: (key: string) => setActiveKey(key),
  };
}
