/**
 * Cell conversions of an import (issue #15): what the text, number, boolean and date cells real programs write mean.
 * Every function here is pure and builds no regular expression per call: `convertRow` runs a million times per import.
 * Dates are in `dates.ts`, person names in `names.ts`, labels and multi-value cells in `points.ts`.
 */
import type { CellValue } from '../readers/source.ts';

/** A conversion's answer: a value (null when the cell is empty) or the field error code of why it is not one. */
export type Converted<T> = { ok: true; value: T | null } | { ok: false; code: string };
export const empty = <T>(): Converted<T> => ({ ok: true, value: null });
export const valueOf = <T>(value: T): Converted<T> => ({ ok: true, value });
export const failure = <T>(code: string): Converted<T> => ({ ok: false, code });

/** Control characters a stored text must not hold (tab and line feed are kept; carriage returns become line feeds). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_TEST = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const CR_ALL = /\r\n?/g;

/** Text as it is stored: line ends as LF, NUL and other control characters removed, trimmed. */
export function cleanText(raw: string): string {
  let text = raw;
  if (text.includes('\r')) text = text.replace(CR_ALL, '\n');
  if (CONTROL_TEST.test(text)) text = text.replace(CONTROL_ALL, '');
  return text.trim();
}

/** A number cell as text without exponent notation where it is a whole number (a phone `40256555112`, a postal code). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

/** Any cell as clean text: numbers as written without exponent, booleans `true`/`false`, dates as ISO; empty is ''. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  // A spreadsheet export's formula guard (`'=…`, `'+49…`: Kontor's and others') comes off again.
  if (typeof cell === 'string') return cleanText(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? numberText(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return cell.date;
}

// ---- numbers ------------------------------------------------------------------------------------------------------

/** Spaces used as thousands separators (normal, no-break, narrow no-break, thin) and apostrophes (Swiss `1'234.50`). */
const GROUPING = /[\s\u00A0\u202F\u2009'’]/g;
/** Currency signs and codes around an amount (`€ 1.234,50`, `1 234,5 RON`, `$38,500,000`). */
const CURRENCY_EDGES = /^(?:\p{Sc}|[A-Za-z]{1,3}\.?)\s*|\s*(?:\p{Sc}|[A-Za-z]{1,3}\.?)$/gu;
const GROUPED_THOUSANDS = /^\d{1,3}(?:[.,]\d{3})+$/;
const SEPARATORS = /[.,]/g;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A number as people write it: `38500000`, `5.234.500,75` (German), `5,234,500.75` (English), `1 234,5` (Romanian,
 * French), `€ 1.234,50`; a number cell as it is. When only one separator appears once it is a decimal point, except a
 * comma followed by exactly three digits (`1,234` is English for 1234).
 */
export function parseNumber(cell: CellValue): Converted<number> {
  if (cell === null) return empty();
  if (typeof cell === 'number') return Number.isFinite(cell) ? valueOf(cell) : failure('number');
  if (typeof cell !== 'string') return failure('number');
  let text = cell.trim();
  if (text === '') return empty();
  text = text.replace(GROUPING, '').replace(CURRENCY_EDGES, '');
  if (text === '') return failure('number');
  const sign = text[0] === '-' ? -1 : 1;
  if (text[0] === '-' || text[0] === '+') text = text.slice(1);
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // both: the later one is the decimal separator, the other groups thousands
    normal = lastComma > lastDot ? text.replaceAll('.', '').replace(',', '.') : text.replaceAll(',', '');
  } else if (lastComma >= 0) {
    const parts = text.split(',');
    const englishThousands = parts.length > 2 || (parts.length === 2 && parts[1]?.length === 3 && (parts[0]?.length ?? 0) <= 3);
    normal = englishThousands ? parts.join('') : text.replace(',', '.');
  } else if (lastDot >= 0) {
    const parts = text.split('.');
    normal = parts.length > 2 ? parts.join('') : text;
  } else {
    normal = text;
  }
  if (!PLAIN_NUMBER.test(normal)) return failure('number');
  const n = sign * Number(normal);
  return Number.isFinite(n) ? valueOf(n) : failure('number');
}

/** A whole number (employees, an integer field). */
export function parseInteger(cell: CellValue): Converted<number> {
  // a whole number cannot have decimals, so `1.200` (German) is one thousand two hundred
  if (typeof cell === 'string' && GROUPED_THOUSANDS.test(cell.trim())) return valueOf(Number(cell.trim().replace(SEPARATORS, '')));
  const n = parseNumber(cell);
  if (!n.ok || n.value === null) return n;
  return Number.isInteger(n.value) ? n : failure('whole_number');
}

// ---- booleans -----------------------------------------------------------------------------------------------------

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'ja', 'j', 'da', 'd', '是', '对', '1', 'x', '✓', '✔', 'wahr', 'adevarat', 'adevărat', 'on', 'checked', 'opted out', 'oui', 'si', 'sí']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'nein', 'nu', '否', '不', '0', 'falsch', 'fals', 'off', 'unchecked', 'non']);

/** `true/false`, `yes/no`, `ja/nein`, `da/nu`, `是/否`, `1/0`, `x` (a ticked box); a boolean or number cell as it is. */
export function parseBoolean(cell: CellValue): Converted<boolean> {
  if (cell === null) return empty();
  if (typeof cell === 'boolean') return valueOf(cell);
  if (typeof cell === 'number') return cell === 1 ? valueOf(true) : cell === 0 ? valueOf(false) : failure('boolean');
  if (typeof cell !== 'string') return failure('boolean');
  const word = cell.trim().toLowerCase();
  if (word === '') return empty();
  if (TRUE_WORDS.has(word)) return valueOf(true);
  if (FALSE_WORDS.has(word)) return valueOf(false);
  return failure('boolean');
}

// ---- picklists ----------------------------------------------------------------------------------------------------

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_KEY = /[^\p{L}\p{N}]+/gu;
const EDGE_UNDERSCORES = /^_+|_+$/g;

/** A label as a picklist key: `Food & Beverage` -> `food_beverage`, `Cold Call` -> `cold_call`, `Herr` -> `herr`. */
export function optionKey(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(NOT_KEY, '_').replace(EDGE_UNDERSCORES, '');
}

/**
 * A picklist matcher: a label or key matched case- and accent-insensitively to an option, or through the synonyms
 * other programs use (`Web Site` -> `web_form`, `Dl.` -> `mr`); null when nothing matches.
 */
export function picklistMatcher(options: readonly string[], synonyms: Readonly<Record<string, string>> = {}): (text: string) => string | null {
  const byKey = new Map<string, string>();
  for (const option of options) byKey.set(optionKey(option), option);
  for (const [word, option] of Object.entries(synonyms)) if (options.includes(option)) byKey.set(optionKey(word), option);
  return (text) => byKey.get(optionKey(text)) ?? null;
}
