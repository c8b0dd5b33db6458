import { useLayoutEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useMediaQuery } from '@mantine/hooks';
import { formatDate, formatDateTime } from '../../lib/format';
import { fitWidths, type ColumnKind, type FittedWidths } from './widths';

export interface FitColumn {
  key: string;
  header: string;
  kind?: ColumnKind;
  width?: number | string;
  hideBelow?: 'md' | 'lg';
}

/** The widths of the media queries behind `hideBelow` (the `k-hide-*` classes in styles.css). */
const BELOW_MD = '(max-width: 1199px)';
const BELOW_LG = '(max-width: 1499px)';

/** What a header needs on one line: its label's full width plus the sort icon, the gaps and the cell's padding. */
function headerNeed(th: HTMLElement): number {
  const label = th.querySelector<HTMLElement>('.k-th-label');
  if (!label) return 0;
  const style = getComputedStyle(th);
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  const button = th.querySelector<HTMLElement>('.k-sort-button');
  const chrome = button ? button.scrollWidth - label.clientWidth : 0;
  return Math.ceil(padding + chrome + label.scrollWidth + 2);
}

/** Values of a known shape, at their widest (two-digit day and hour, a long month name), to measure in the user's language. */
const SAMPLES: Partial<Record<ColumnKind, () => string>> = {
  date: () => formatDate('2026-09-28'),
  datetime: () => formatDateTime(new Date(2026, 8, 28, 22, 37).toISOString()),
};

/** What dates and times need in the user's language: the text's width in the cells' font, plus the cell's padding. */
function valueNeeds(root: HTMLElement): Partial<Record<ColumnKind, number>> {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return {};
  const style = getComputedStyle(root);
  ctx.font = `400 14px ${style.fontFamily}`;
  const out: Partial<Record<ColumnKind, number>> = {};
  for (const [kind, sample] of Object.entries(SAMPLES) as [ColumnKind, () => string][]) out[kind] = ctx.measureText(sample()).width + 24 + 4;
  return out;
}

/**
 * The column widths for the table in `scrollRef`: its box's width (followed with a ResizeObserver), the columns the
 * screen width shows, each header's measured need (measured again when the headers' text changes: another language),
 * the widths the user chose and the one being dragged.
 */
export function useColumnFit(
  scrollRef: RefObject<HTMLDivElement | null>,
  columns: FitColumn[],
  chosen: Record<string, number> | undefined,
  live: { key: string; width: number } | null,
  /** Width taken by columns outside the fit (the selection checkboxes). */
  reserved: number,
): FittedWidths & { visible: Set<string> } {
  const [available, setAvailable] = useState(0);
  const [needs, setNeeds] = useState<Record<string, number>>({});
  const [values, setValues] = useState<Partial<Record<ColumnKind, number>>>({});
  const { i18n } = useTranslation();
  const belowMd = useMediaQuery(BELOW_MD, undefined, { getInitialValueInEffect: false });
  const belowLg = useMediaQuery(BELOW_LG, undefined, { getInitialValueInEffect: false });
  const shown = columns.filter((c) => !(c.hideBelow === 'md' && belowMd) && !(c.hideBelow === 'lg' && belowLg));

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setAvailable(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef]);

  const headerText = shown.map((c) => `${c.key}\u0000${c.header}`).join('\u0001');
  useLayoutEffect(() => {
    const table = scrollRef.current;
    if (!table) return;
    const next: Record<string, number> = {};
    for (const th of table.querySelectorAll<HTMLElement>('thead th[data-column]')) {
      const key = th.dataset.column;
      if (key) next[key] = headerNeed(th);
    }
    setNeeds((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, [scrollRef, headerText]);

  useLayoutEffect(() => {
    if (scrollRef.current) setValues(valueNeeds(scrollRef.current));
  }, [scrollRef, i18n.language]);

  const fitted = fitWidths(
    shown.map((c) => ({
      key: c.key,
      kind: c.kind ?? 'text',
      ideal: typeof c.width === 'number' ? c.width : undefined,
      header: needs[c.key],
      values: values[c.kind ?? 'text'],
      chosen: live?.key === c.key ? live.width : chosen?.[c.key],
    })),
    available > 0 ? available - reserved : 0,
  );
  return { widths: fitted.widths, total: fitted.total + reserved, visible: new Set(shown.map((c) => c.key)) };
}
