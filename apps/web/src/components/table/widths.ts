/**
 * Column widths from what a column holds: each kind of value has a width it needs at least (a phone number, a date in
 * any of our languages) and one it looks right at, and says whether it takes a share of spare room (names do, dates do
 * not). The table fits its columns to the card: ideal widths when they fit, shrunk toward the minimums when they do
 * not, widened by the growing columns when there is room; only when even the minimums do not fit does it overflow
 * (and the card shows a shadow on the side with more).
 */
export type ColumnKind =
  | 'name' | 'text' | 'longText' | 'email' | 'url' | 'phone' | 'date' | 'datetime' | 'amount' | 'number' | 'badge' | 'tags' | 'person'
  | 'boolean' | 'actions';

interface KindWidth {
  min: number;
  ideal: number;
  /** Share of the spare room (0: keeps its ideal width). */
  grow: number;
  /** How readily it gives up width when room is short (names last: they are what a row is read by). */
  shrink: number;
}

export const KIND_WIDTHS: Record<ColumnKind, KindWidth> = {
  name: { min: 200, ideal: 260, grow: 4, shrink: 0.25 },
  text: { min: 90, ideal: 150, grow: 1, shrink: 1 },
  longText: { min: 130, ideal: 210, grow: 2, shrink: 1 },
  email: { min: 150, ideal: 210, grow: 2, shrink: 1 },
  url: { min: 120, ideal: 170, grow: 1, shrink: 1 },
  // "+49 157 93528123", an international mobile number, whole
  phone: { min: 140, ideal: 150, grow: 0, shrink: 0.25 },
  date: { min: 115, ideal: 120, grow: 0, shrink: 0.5 },
  // "Nov 30, 2026, 8:37 PM" whole at 13.5 px
  datetime: { min: 175, ideal: 180, grow: 0, shrink: 0.5 },
  // an amount is never cut: "12.345.678,90 €" whole
  amount: { min: 140, ideal: 145, grow: 0, shrink: 0 },
  number: { min: 70, ideal: 100, grow: 0, shrink: 1 },
  badge: { min: 95, ideal: 110, grow: 0, shrink: 1 },
  tags: { min: 90, ideal: 150, grow: 1, shrink: 1.5 },
  person: { min: 100, ideal: 140, grow: 1, shrink: 1 },
  boolean: { min: 60, ideal: 80, grow: 0, shrink: 1 },
  actions: { min: 60, ideal: 84, grow: 0, shrink: 0 },
};

export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 1200;
export const clampWidth = (w: number): number => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, w)));

export interface WidthSpec {
  key: string;
  kind: ColumnKind;
  /** The column's own ideal width (else its kind's); below the kind's minimum it is the minimum too. */
  ideal?: number;
  /** What the header needs on one line (label, sort icon, padding), when measured. */
  header?: number;
  /** What the values need, when the kind's values have a known shape (a date in the user's language), measured. */
  values?: number;
  /** A width the user chose by resizing: kept as it is. */
  chosen?: number;
}

export interface FittedWidths {
  widths: Record<string, number>;
  /** The table's width: the card's when the columns fit, more when they overflow. */
  total: number;
}

/** The widths in whole pixels for a card `available` px wide (0 or less: not measured yet, ideal widths). */
export function fitWidths(specs: WidthSpec[], available: number): FittedWidths {
  const cols = specs.map((s) => {
    const k = KIND_WIDTHS[s.kind];
    // measured values decide; else a column that asks for less than its kind's minimum (an icon column) gets that
    const values = s.values === undefined ? undefined : Math.ceil(s.values);
    const min = Math.max(values ?? Math.min(k.min, s.ideal ?? k.min), Math.ceil(s.header ?? 0));
    const ideal = s.ideal ?? (values === undefined ? k.ideal : values + 8);
    const chosen = s.chosen === undefined ? undefined : clampWidth(s.chosen);
    return { key: s.key, min, ideal: Math.max(min, ideal), grow: k.grow, shrink: k.shrink, chosen };
  });
  const width = new Map<string, number>(cols.map((c) => [c.key, c.chosen ?? c.ideal]));
  const flexible = cols.filter((c) => c.chosen === undefined);
  const sum = () => [...width.values()].reduce((a, b) => a + b, 0);
  const room = Math.floor(available);

  if (room > 0 && flexible.length > 0) {
    const spare = room - sum();
    if (spare < 0) {
      // shrink toward the minimums, each column by its readiness and by what it can still give, until the table fits
      let cut = -spare;
      for (let round = 0; round < flexible.length && cut > 0.5; round += 1) {
        const giving = flexible.filter((c) => (width.get(c.key) ?? 0) > c.min + 0.01);
        const weight = giving.reduce((a, c) => a + ((width.get(c.key) ?? 0) - c.min) * c.shrink, 0);
        if (weight <= 0) break;
        let taken = 0;
        for (const c of giving) {
          const w = width.get(c.key) ?? 0;
          const take = Math.min(w - c.min, (cut * (w - c.min) * c.shrink) / weight);
          width.set(c.key, w - take);
          taken += take;
        }
        cut -= taken;
      }
    } else if (spare > 0) {
      const weights = flexible.map((c) => c.grow);
      const totalWeight = weights.reduce((a, b) => a + b, 0);
      const share = (c: (typeof flexible)[number], i: number) => (totalWeight > 0 ? (weights[i] ?? 0) / totalWeight : c.ideal / flexible.reduce((a, f) => a + f.ideal, 0));
      flexible.forEach((c, i) => width.set(c.key, c.ideal + spare * share(c, i)));
    }
  }

  // whole pixels; what rounding leaves goes to the column that grows most, so the table meets the card's edge exactly
  for (const [k, w] of width) width.set(k, Math.floor(w));
  if (room > 0 && flexible.length > 0) {
    const left = room - sum();
    const sink = [...flexible].sort((a, b) => b.grow - a.grow)[0];
    if (left > 0 && left < flexible.length + 1 && sink) width.set(sink.key, (width.get(sink.key) ?? 0) + left);
  }
  return { widths: Object.fromEntries(width), total: sum() };
}

/** Which sides of a scroll box hide more content (a shadow shows there). */
export function overflowSides(scrollLeft: number, scrollWidth: number, clientWidth: number): { left: boolean; right: boolean } {
  const hidden = scrollWidth - clientWidth;
  if (hidden <= 1) return { left: false, right: false };
  return { left: scrollLeft > 1, right: scrollLeft < hidden - 1 };
}
