import { describe, expect, it } from 'vitest';
import { moveIndex } from './roving';

const rows = { axis: 'vertical', page: 10 } as const;

describe('moveIndex', () => {
  it('moves one row with the arrows and stops at the ends of a table', () => {
    expect(moveIndex(3, 'ArrowDown', 25, rows)).toBe(4);
    expect(moveIndex(3, 'ArrowUp', 25, rows)).toBe(2);
    expect(moveIndex(24, 'ArrowDown', 25, rows)).toBe(24);
    expect(moveIndex(0, 'ArrowUp', 25, rows)).toBe(0);
  });
  it('goes to the first and last with Home and End', () => {
    expect(moveIndex(7, 'Home', 25, rows)).toBe(0);
    expect(moveIndex(7, 'End', 25, rows)).toBe(24);
  });
  it('moves a page with PageUp / PageDown, clamped', () => {
    expect(moveIndex(3, 'PageDown', 25, rows)).toBe(13);
    expect(moveIndex(20, 'PageDown', 25, rows)).toBe(24);
    expect(moveIndex(13, 'PageUp', 25, rows)).toBe(3);
    expect(moveIndex(3, 'PageUp', 25, rows)).toBe(0);
    expect(moveIndex(3, 'PageDown', 25, { axis: 'vertical' })).toBeNull();
  });
  it('starts at the first (forward) or last (backward) item when nothing is active', () => {
    expect(moveIndex(null, 'ArrowDown', 5, rows)).toBe(0);
    expect(moveIndex(null, 'ArrowUp', 5, rows)).toBe(4);
    expect(moveIndex(9, 'ArrowDown', 5, rows)).toBe(0);
  });
  it('wraps round in a menu', () => {
    const menu = { axis: 'vertical', wrap: true } as const;
    expect(moveIndex(4, 'ArrowDown', 5, menu)).toBe(0);
    expect(moveIndex(0, 'ArrowUp', 5, menu)).toBe(4);
  });
  it('uses left and right on a toolbar, and ignores the other axis', () => {
    const bar = { axis: 'horizontal' } as const;
    expect(moveIndex(2, 'ArrowRight', 29, bar)).toBe(3);
    expect(moveIndex(2, 'ArrowLeft', 29, bar)).toBe(1);
    expect(moveIndex(2, 'ArrowDown', 29, bar)).toBeNull();
    expect(moveIndex(2, 'ArrowLeft', 29, rows)).toBeNull();
  });
  it('answers null for other keys and for no items', () => {
    expect(moveIndex(2, 'Enter', 29, rows)).toBeNull();
    expect(moveIndex(null, 'ArrowDown', 0, rows)).toBeNull();
  });
});
