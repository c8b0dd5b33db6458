import { currentLocale } from './i18n';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n:${currentLocale()}:${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(currentLocale(), opts)));
  return f as Intl.NumberFormat;
}
function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${currentLocale()}:${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(currentLocale(), opts)));
  return f as Intl.DateTimeFormat;
}

export function formatNumber(n: number | null | undefined, fractionDigits = 0): string {
  if (n === null || n === undefined) return '';
  return numberFormat({ maximumFractionDigits: fractionDigits }).format(n);
}

/** Revenue without a currency (the API keeps none): grouped, up to two decimals. */
export const formatAmount = (n: number | null | undefined): string => formatNumber(n, 2);

/**
 * Money in the user's locale ("€12,500", "12.500 €", "¥12,500"): whole amounts without decimals, others with two.
 * An unknown currency code still shows, after the number.
 */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '';
  const digits = Number.isInteger(amount) ? 0 : 2;
  try {
    return numberFormat({ style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
  } catch {
    return `${formatNumber(amount, 2)} ${currency}`;
  }
}

/** Sums per currency, largest first ("€12,500 · ¥30,000"); never added across currencies; zero sums left out. */
export function formatSums(sums: { currency: string; amount: number }[], separator = ' · '): string {
  return nonZero(sums).map((s) => formatMoney(s.amount, s.currency)).join(separator);
}
export const nonZero = <T extends { amount: number }>(sums: T[]): T[] => [...sums].filter((s) => s.amount !== 0).sort((a, b) => b.amount - a.amount);

/** Today as YYYY-MM-DD in the user's time zone (for "overdue" checks against calendar dates). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat({ dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** A birthday: a full date, or month and day without a year (`--MM-DD`). */
export function formatBirthday(v: string | null | undefined): string {
  if (!v) return '';
  const partial = /^--(\d{2})-(\d{2})$/.exec(v);
  if (partial) {
    const d = new Date(Date.UTC(2000, Number(partial[1]) - 1, Number(partial[2])));
    return dateFormat({ month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return formatDate(v);
}

export function monthNames(): string[] {
  const f = dateFormat({ month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 1))));
}

/** "Chrome · Linux" from a User-Agent header: enough to recognise one's own devices. */
export function describeUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /(Chrome|Chromium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : ua.split(/[\s/]/)[0] || null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return [browser, os].filter(Boolean).join(' · ') || null;
}
