/**
 * Where the arrow keys move the focus (or the highlight) in a run of items: one piece of code for the table's rows,
 * the A-Z index and the search results.
 */
export interface MoveOptions {
  /** Which arrows move: up/down for rows and result lists, left/right for a toolbar. */
  axis: 'vertical' | 'horizontal';
  /** Past an end, go round to the other (a menu), or stay (a table, a toolbar). */
  wrap?: boolean;
  /** PageUp / PageDown move by this many items; without it they are not movement keys. */
  page?: number;
}

/**
 * The index a key moves to from `current` (null: nothing active yet: forward keys start at the first item, backward
 * keys at the last), or null when the key is not a movement key here or there are no items.
 */
export function moveIndex(current: number | null, key: string, count: number, { axis, wrap = false, page }: MoveOptions): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const forward = axis === 'vertical' ? 'ArrowDown' : 'ArrowRight';
  const backward = axis === 'vertical' ? 'ArrowUp' : 'ArrowLeft';
  const at = current === null || current < 0 || current > last ? null : current;
  const step = (by: number): number => {
    if (at === null) return by > 0 ? 0 : last;
    const next = at + by;
    if (next > last) return wrap && at === last ? 0 : last;
    if (next < 0) return wrap && at === 0 ? last : 0;
    return next;
  };
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return last;
    case forward:
      return step(1);
    case backward:
      return step(-1);
    case 'PageDown':
      return page ? step(Math.max(1, page)) : null;
    case 'PageUp':
      return page ? step(-Math.max(1, page)) : null;
    default:
      return null;
  }
}
