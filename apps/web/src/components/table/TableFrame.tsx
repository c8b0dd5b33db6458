import { useCallback, useEffect, useLayoutEffect, useState, type ReactNode, type RefObject } from 'react';
import { overflowSides } from './widths';

interface Props {
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The table's width: the shadows are checked again when it changes. */
  width: number;
  maxHeight?: number;
  testId?: string;
  children: ReactNode;
}

/**
 * The table's scroll box. A table wider than its card scrolls sideways, and a shadow on the left or right edge says
 * there is more on that side (a silent overflow looks like a cut table).
 */
export function TableFrame({ scrollRef, width, maxHeight, testId, children }: Props) {
  const [sides, setSides] = useState({ left: false, right: false });
  const update = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const next = overflowSides(el.scrollLeft, el.scrollWidth, el.clientWidth);
    setSides((prev) => (prev.left === next.left && prev.right === next.right ? prev : next));
  }, [scrollRef]);
  useLayoutEffect(update, [update, width]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef, update]);
  return (
    <div className="k-table-frame" data-shadow-left={sides.left || undefined} data-shadow-right={sides.right || undefined} data-testid={testId ? `${testId}-frame` : undefined}>
      <div
        ref={scrollRef}
        className="k-table-scroll"
        style={{ maxHeight }}
        onScroll={update}
        data-testid={testId ? `${testId}-scroll` : undefined}
      >
        {children}
      </div>
    </div>
  );
}
