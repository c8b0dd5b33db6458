import { describe, expect, it } from 'vitest';
import { fitWidths, KIND_WIDTHS, overflowSides, type WidthSpec } from './widths';

const accounts: WidthSpec[] = [
  { key: 'name', kind: 'name' },
  { key: 'email', kind: 'email' },
  { key: 'phone', kind: 'phone' },
  { key: 'industry', kind: 'text' },
  { key: 'owner', kind: 'person' },
  { key: 'contactType', kind: 'badge' },
  { key: 'tags', kind: 'tags' },
];
const sum = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0);
const idealSum = accounts.reduce((a, s) => a + KIND_WIDTHS[s.kind].ideal, 0);
const minSum = accounts.reduce((a, s) => a + KIND_WIDTHS[s.kind].min, 0);

describe('fitWidths', () => {
  it('uses the ideal widths before the card is measured', () => {
    const { widths, total } = fitWidths(accounts, 0);
    expect(widths.name).toBe(KIND_WIDTHS.name.ideal);
    expect(widths.phone).toBe(KIND_WIDTHS.phone.ideal);
    expect(total).toBe(idealSum);
  });

  it('meets the card exactly when there is room, the spare going to growing columns only', () => {
    const { widths, total } = fitWidths(accounts, idealSum + 301.6);
    expect(total).toBe(idealSum + 301);
    expect(sum(widths)).toBe(total);
    expect(widths.phone).toBe(KIND_WIDTHS.phone.ideal);
    expect(widths.contactType).toBe(KIND_WIDTHS.badge.ideal);
    expect(widths.name ?? 0).toBeGreaterThan(KIND_WIDTHS.name.ideal + 100);
    expect((widths.name ?? 0) - KIND_WIDTHS.name.ideal).toBeGreaterThan((widths.industry ?? 0) - KIND_WIDTHS.text.ideal);
  });

  it('shrinks toward the minimums to fit a narrower card, never below them', () => {
    const room = Math.round((idealSum + minSum) / 2);
    const { widths, total } = fitWidths(accounts, room);
    expect(total).toBe(room);
    for (const s of accounts) {
      expect(widths[s.key]).toBeGreaterThanOrEqual(KIND_WIDTHS[s.kind].min);
      expect(widths[s.key]).toBeLessThanOrEqual(KIND_WIDTHS[s.kind].ideal);
    }
  });

  it('takes the width from the other columns before the name', () => {
    const { widths } = fitWidths(accounts, idealSum - 150);
    const nameCut = KIND_WIDTHS.name.ideal - (widths.name ?? 0);
    const tagsCut = KIND_WIDTHS.tags.ideal - (widths.tags ?? 0);
    expect(nameCut).toBeGreaterThan(0);
    expect(tagsCut).toBeGreaterThan(nameCut * 4);
  });

  it('keeps an actions column whole while others can give', () => {
    const { widths, total } = fitWidths([...accounts, { key: 'actions', kind: 'actions' }], idealSum);
    expect(widths.actions).toBe(KIND_WIDTHS.actions.ideal);
    expect(total).toBe(idealSum);
  });

  it('overflows at the minimums when even they do not fit', () => {
    const { widths, total } = fitWidths(accounts, minSum - 200);
    expect(total).toBe(minSum);
    expect(widths.name).toBe(KIND_WIDTHS.name.min);
  });

  it('never cuts a header: its measured width raises the minimum', () => {
    const german = accounts.map((s) => (s.key === 'contactType' ? { ...s, header: 131.2 } : s));
    const { widths } = fitWidths(german, minSum);
    expect(widths.contactType).toBeGreaterThanOrEqual(132);
  });

  it('keeps a width the user chose and fits the others around it', () => {
    const chosen = accounts.map((s) => (s.key === 'email' ? { ...s, chosen: 333 } : s));
    const room = idealSum + 50;
    const { widths, total } = fitWidths(chosen, room);
    expect(widths.email).toBe(333);
    expect(total).toBe(room);
  });

  it('clamps a chosen width to the resize limits', () => {
    expect(fitWidths([{ key: 'a', kind: 'text', chosen: 5 }], 0).widths.a).toBe(40);
    expect(fitWidths([{ key: 'a', kind: 'text', chosen: 99_999 }], 0).widths.a).toBe(1200);
  });

  it('takes a column’s own ideal width over its kind’s', () => {
    expect(fitWidths([{ key: 'a', kind: 'text', ideal: 222 }], 0).widths.a).toBe(222);
    // a smaller one is its minimum too (an icon column), unless its header needs more
    expect(fitWidths([{ key: 'a', kind: 'actions', ideal: 44 }], 0).widths.a).toBe(44);
    expect(fitWidths([{ key: 'a', kind: 'actions', ideal: 44 }, { key: 'b', kind: 'text' }], 100).widths.a).toBe(44);
    expect(fitWidths([{ key: 'a', kind: 'text', ideal: 44, header: 90 }], 0).widths.a).toBe(90);
  });
  it('sizes a date column by its measured values in the user’s language, never below its header', () => {
    expect(fitWidths([{ key: 'd', kind: 'datetime', values: 131.5 }], 0).widths.d).toBe(140);
    expect(fitWidths([{ key: 'd', kind: 'datetime', values: 131.5, header: 150 }], 0).widths.d).toBe(150);
    const { widths } = fitWidths([{ key: 'n', kind: 'name' }, { key: 'd', kind: 'datetime', values: 131.5 }], 300);
    expect(widths.d).toBe(132);
  });
});

describe('overflowSides', () => {
  it('shows no shadow when everything fits', () => {
    expect(overflowSides(0, 800, 800)).toEqual({ left: false, right: false });
    expect(overflowSides(0, 801, 800)).toEqual({ left: false, right: false });
  });
  it('shows the side that has more', () => {
    expect(overflowSides(0, 1200, 800)).toEqual({ left: false, right: true });
    expect(overflowSides(200, 1200, 800)).toEqual({ left: true, right: true });
    expect(overflowSides(400, 1200, 800)).toEqual({ left: true, right: false });
  });
});
