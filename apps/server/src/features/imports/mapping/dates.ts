/**
 * Dates in import files (issue #15): `3/14/1975` (Outlook, US), `07.09.1968` (German), `2025-01-14`, `--05-17`
 * (Google, no year), Salesforce `2024-01-10T08:10:03.000Z`, typed date cells, Excel serial numbers; Outlook's
 * "no date" fillers (`0/0/00`, `1/1/1601`, `1/1/4501`) are empty. Ambiguous `03/04/2020` follows the file's date order.
 */
import type { CellValue } from '../readers/source.ts';
import { empty, failure, valueOf, type Converted } from './values.ts';
import { cellText } from './values.ts';

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NO_YEAR = /^--(\d{2})-?(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const THREE_PARTS = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/;
/** Day and month without a year, German/Romanian style: `17.05.` or `17.05`. */
const DAY_MONTH = /^(\d{1,2})\.(\d{1,2})\.?$/;
const CJK_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const WORDS = /^(\d{1,2})\.?\s+([\p{L}]+)\.?,?\s+(\d{4})$|^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/u;

/** Month names and abbreviations in English, German and Romanian, lower case without accents. */
const MONTHS: Record<string, number> = {};
const monthNames = [
  ['january', 'jan', 'januar', 'janner', 'ianuarie', 'ian'],
  ['february', 'feb', 'februar', 'februarie'],
  ['march', 'mar', 'marz', 'maerz', 'martie'],
  ['april', 'apr', 'aprilie'],
  ['may', 'mai'],
  ['june', 'jun', 'juni', 'iunie', 'iun'],
  ['july', 'jul', 'juli', 'iulie', 'iul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept', 'septembrie'],
  ['october', 'oct', 'oktober', 'okt', 'octombrie'],
  ['november', 'nov', 'noiembrie', 'noi'],
  ['december', 'dec', 'dezember', 'dez', 'decembrie'],
];
monthNames.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));
const ACCENTS = /\p{M}+/gu;
const monthOf = (word: string): number | undefined => MONTHS[word.normalize('NFKD').replace(ACCENTS, '').toLowerCase()];

/** Years Outlook writes for "no date" (`1/1/1601`, `1/1/4501`), and Apple's placeholder for an omitted year. */
const FILLER_YEARS = new Set([1601, 4501]);
const APPLE_NO_YEAR = 1604;

const pad = (n: number): string => String(n).padStart(2, '0');

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
function isRealDayMonth(m: number, d: number): boolean {
  return isRealDate(2000, m, d); // a leap year: --02-29 is a date
}

/** A two-digit year: up to this year's two digits is this century, above it the last (a birthday `12.03.54` is 1954). */
function fullYear(y: number, digits: number): number {
  if (digits > 2) return y;
  const nowYY = new Date().getUTCFullYear() % 100;
  return y <= nowYY ? 2000 + y : 1900 + y;
}

/** Options of a date conversion: whether a month and day without a year is a value (a birthday) or not. */
export interface DateOptions {
  order: DateOrder;
  allowNoYear: boolean;
}

function ymd(y: number, m: number, d: number, opts: DateOptions): Converted<string> {
  if (y === 0 && m === 0 && d === 0) return empty();
  if (FILLER_YEARS.has(y)) return empty();
  if (y === APPLE_NO_YEAR && opts.allowNoYear) return noYear(m, d, opts);
  return isRealDate(y, m, d) ? valueOf(`${y}-${pad(m)}-${pad(d)}`) : failure('date');
}
function noYear(m: number, d: number, opts: DateOptions): Converted<string> {
  if (!opts.allowNoYear) return failure('date');
  return isRealDayMonth(m, d) ? valueOf(`--${pad(m)}-${pad(d)}`) : failure('date');
}

/** An Excel serial day number (1900 date system; day 60 is Excel's phantom 29 Feb 1900). */
function fromSerial(serial: number, opts: DateOptions): Converted<string> {
  if (serial < 1 || serial > 2958465) return failure('date');
  const ms = Math.round((Math.floor(serial) - 25569) * 86400000);
  const date = new Date(ms);
  return ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), opts);
}

/** A date cell as `YYYY-MM-DD` (or `--MM-DD` where a year may be missing); null when empty or an Outlook filler. */
export function parseDate(cell: CellValue, opts: DateOptions): Converted<string> {
  if (cell === null) return empty();
  if (typeof cell === 'object') {
    const m = ISO.exec(cell.date);
    return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3]), opts) : failure('date');
  }
  if (typeof cell === 'number') return fromSerial(cell, opts);
  if (typeof cell === 'boolean') return failure('date');
  const text = cellText(cell).trim();
  if (text === '') return empty();
  let m = ISO.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), opts);
  m = THREE_PARTS.exec(text);
  if (m) return threeParts(m[1] ?? '', m[2] ?? '', m[3] ?? '', opts);
  m = NO_YEAR.exec(text);
  if (m) return noYear(Number(m[1]), Number(m[2]), opts);
  m = COMPACT.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), opts);
  m = DAY_MONTH.exec(text);
  if (m) return noYear(Number(m[2]), Number(m[1]), opts);
  m = CJK_DATE.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), opts);
  m = WORDS.exec(text);
  if (m) {
    const [day, month, year] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[5], m[4], m[6]];
    const monthNumber = monthOf(month ?? '');
    return monthNumber ? ymd(Number(year), monthNumber, Number(day), opts) : failure('date');
  }
  return failure('date');
}

function threeParts(a: string, b: string, c: string, opts: DateOptions): Converted<string> {
  const [x, y, z] = [Number(a), Number(b), Number(c)];
  if (x === 0 && y === 0 && z === 0) return empty(); // Outlook's `0/0/00`
  if (a.length === 4) return ymd(x, y, z, opts);
  const year = fullYear(z, c.length);
  if (c.length !== 2 && c.length !== 4) return failure('date');
  // the file's order decides, unless this date can only be read one way
  if (opts.order === 'mdy' || (opts.order === 'ymd' && x <= 12)) return x > 12 && y <= 12 ? ymd(year, y, x, opts) : ymd(year, x, y, opts);
  return y > 12 && x <= 12 ? ymd(year, x, y, opts) : ymd(year, y, x, opts);
}

const SAMPLE_PARTS = /^(\d{1,2})([./-])(\d{1,2})[./-]\d{2,4}/;

/**
 * The order of a file's dates from samples of its date columns and what is known of the file: a first part above 12
 * means day first, a second part above 12 month first; dots (`07.09.1968`) or German/Romanian headers mean day first;
 * an English Outlook export is month first. Otherwise slashes are read month first and anything else day first.
 */
export function guessDateOrder(samples: readonly string[], hints: { layout?: string | null; language?: 'en' | 'de' | 'ro' | 'zh' | null } = {}): DateOrder {
  let dots = false;
  let slashes = false;
  for (const sample of samples) {
    const m = SAMPLE_PARTS.exec(sample.trim());
    if (!m) continue;
    const [first, second] = [Number(m[1]), Number(m[3])];
    if (first > 12 && second <= 12) return 'dmy';
    if (second > 12 && first <= 12) return 'mdy';
    if (m[2] === '.') dots = true;
    if (m[2] === '/') slashes = true;
  }
  if (dots || hints.language === 'de' || hints.language === 'ro' || hints.layout === 'outlook_de') return 'dmy';
  if (hints.layout === 'outlook' || slashes) return 'mdy';
  return 'dmy';
}
