import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from 'react';

/** The elements of a table that cut their text with an ellipsis: cells, Mantine's `truncate` texts, badges, header labels. */
const CANDIDATES = 'tbody td, tbody td [data-truncate], tbody td .mantine-Badge-label, thead .k-th-label';
/** Marks a title the table set, with the full text (one a column set itself is left alone). */
const OURS = 'data-full-text';

const isCut = (el: HTMLElement) => el.scrollWidth > el.clientWidth + 1;

/**
 * Gives every cut text its full text as a `title` (the browser shows it on hover) and takes it away once the text fits
 * again. Runs after each render (rows, widths and languages change the answer), not while a column is being dragged.
 */
export function useTruncationTitles(rootRef: RefObject<HTMLElement | null>, paused: boolean): void {
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root || paused) return;
    for (const el of root.querySelectorAll<HTMLElement>(CANDIDATES)) {
      const ours = el.hasAttribute(OURS);
      if (el.hasAttribute('title') && !ours) continue;
      const text = (el.textContent ?? '').trim();
      if (text && isCut(el)) {
        if (el.getAttribute('title') !== text) {
          el.setAttribute('title', text);
          el.setAttribute(OURS, text);
        }
      } else if (ours) {
        el.removeAttribute('title');
        el.removeAttribute(OURS);
      }
    }
  });
}

export interface Reveal {
  lines: string[];
  left: number;
  top: number;
}

/** The tooltip for a focused row or control: its cut cells' texts, under the row, or null when nothing is cut. */
function revealFor(target: HTMLElement): Reveal | null {
  const scope = target.tagName === 'TR' ? target : target.closest('td');
  const cut = scope ? [...scope.querySelectorAll<HTMLElement>(`[${OURS}]`)] : [];
  if (scope?.tagName === 'TD' && scope.hasAttribute(OURS)) cut.unshift(scope as HTMLElement);
  const first = cut[0];
  if (!first) return null;
  const rect = first.getBoundingClientRect();
  const row = target.closest('tr')?.getBoundingClientRect() ?? rect;
  return { lines: cut.map((el) => el.getAttribute('title') ?? ''), left: Math.max(8, rect.left), top: row.bottom + 4 };
}

/**
 * The full text of cut cells for the keyboard: when a row (or a link in it) gets the keyboard's focus, the texts its
 * cells cut are shown in a tooltip under it, following the row when the table or the page scrolls. Pass `onFocus` /
 * `onBlur` to the table body.
 */
export function useFocusReveal(): { reveal: Reveal | null; onFocus: (e: FocusEvent<HTMLElement>) => void; onBlur: () => void } {
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const target = useRef<HTMLElement | null>(null);
  const hide = useCallback(() => {
    target.current = null;
    setReveal(null);
  }, []);
  const shown = reveal !== null;
  useEffect(() => {
    if (!shown) return;
    const follow = () => {
      const el = target.current;
      setReveal(el && el === document.activeElement && el.isConnected ? revealFor(el) : null);
    };
    window.addEventListener('scroll', follow, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', follow, { capture: true });
  }, [shown]);
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    if (!e.target.matches(':focus-visible')) return hide();
    target.current = e.target;
    setReveal(revealFor(e.target));
  }, [hide]);
  return { reveal, onFocus, onBlur: hide };
}
