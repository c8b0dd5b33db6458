import type { ComboboxItem, OptionsFilter } from '@mantine/core';
import { currentLocale } from '../../lib/i18n';

/** The currencies most teams use come first; every other ISO 4217 code the browser knows follows. */
const COMMON = ['EUR', 'USD', 'GBP', 'CHF', 'CNY', 'RON', 'PLN', 'CZK', 'HUF', 'SEK', 'NOK', 'DKK', 'JPY', 'CAD', 'AUD'];

function allCodes(): string[] {
  try {
    return Intl.supportedValuesOf('currency');
  } catch {
    return [];
  }
}

/** "Euro", "US-Dollar", "人民币" for a code, in the user's language (the code itself when the browser has no name). */
export function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Select options: the code as the value and the label (short enough for a narrow input); the name shows in the list. */
export function currencyOptions(keep?: string): ComboboxItem[] {
  const codes = [...COMMON, ...allCodes().filter((c) => !COMMON.includes(c))];
  if (keep && !codes.includes(keep)) codes.unshift(keep);
  return codes.map((c) => ({ value: c, label: c }));
}

/** Finds a currency by its code or its name ("dollar", "leu", "元"). */
export const currencyFilter: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  if (!q) return options;
  return (options as ComboboxItem[]).filter((o) => o.value.toLowerCase().includes(q) || currencyName(o.value).toLowerCase().includes(q));
};

/** The option as the list shows it: "EUR · Euro". */
export function currencyOptionLabel(code: string): string {
  const name = currencyName(code);
  return name && name !== code ? `${code} · ${name}` : code;
}
