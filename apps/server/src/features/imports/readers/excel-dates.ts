import type { DateCell } from './source.ts';

/**
 * Excel keeps dates as numbers (days since its epoch, the time of day as the fraction); only the cell's number format
 * says a number is a date. These helpers tell date formats apart and turn serial numbers back into calendar dates.
 */

/** What a date format shows: a calendar date, a date and time, or a time of day only. */
export type DateKind = 'date' | 'datetime' | 'time';

/**
 * Built-in number formats (ECMA-376 §18.8.30) that show dates or times. 14-22 and 45-47 exist everywhere; 27-36 and
 * 50-58 are the East Asian date formats Excel writes on Chinese, Japanese and Korean systems.
 */
const builtinDateKinds = new Map<number, DateKind>([
  [14, 'date'],
  [15, 'date'],
  [16, 'date'],
  [17, 'date'],
  [18, 'time'],
  [19, 'time'],
  [20, 'time'],
  [21, 'time'],
  [22, 'datetime'],
  [27, 'date'],
  [28, 'date'],
  [29, 'date'],
  [30, 'date'],
  [31, 'date'],
  [32, 'time'],
  [33, 'time'],
  [34, 'time'],
  [35, 'time'],
  [36, 'date'],
  [45, 'time'],
  [46, 'time'],
  [47, 'time'],
  [50, 'date'],
  [51, 'date'],
  [52, 'date'],
  [53, 'date'],
  [54, 'date'],
  [55, 'date'],
  [56, 'date'],
  [57, 'date'],
  [58, 'date'],
]);

export function builtinDateKind(numFmtId: number): DateKind | null {
  return builtinDateKinds.get(numFmtId) ?? null;
}

/**
 * The kind of a custom format code, or null when it shows no date: d, m, y, h or s outside quoted text, escapes and
 * `[…]` (colours, locales, conditions) make a date. `m` alone is months unless hours or seconds are beside it.
 */
export function customDateKind(code: string): DateKind | null {
  const positive = code.split(';')[0] ?? '';
  const bare = positive
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  const hasTime = /[hs]/.test(bare);
  const hasDate = /[dy]/.test(bare) || (bare.includes('m') && !hasTime);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return null;
}

const DAY_MS = 86_400_000;
/** 1899-12-30: day 0 of Excel's 1900 system for serials from 61 on (1900-03-01). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** Before serial 61 Excel counts a 29 February 1900 that never was, so those serials are one day later than day 0 + n. */
const EPOCH_1900_EARLY = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last day Excel shows. */
const MAX_SERIAL = 2_958_465;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A serial number shown with a date format as the file typed it: a `DateCell` (date or date and time, to the second),
 * a time of day as text (`13:30:00`) for time-only formats, or the number itself when it is no day Excel can show.
 * Serial 60, Excel's phantom 1900-02-29, reads as 1900-03-01.
 */
export function serialToCell(serial: number, kind: DateKind, date1904: boolean): DateCell | string | number {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return serial;
  const epoch = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900_EARLY : EPOCH_1900;
  const ms = Math.round((epoch + serial * DAY_MS) / 1000) * 1000;
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (kind === 'time' && serial < 1) return time;
  const day = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { date: kind === 'date' ? day : `${day}T${time}` };
}
