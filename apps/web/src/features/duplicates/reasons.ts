import type { TFunction } from 'i18next';
import type { DuplicateReason } from '@kontor/contract/duplicates';
import { currentLocale } from '../../lib/i18n';

/** "92 %" in the user's language. */
export const formatPercent = (share: number): string => new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);

/**
 * Why two records look alike, in words: "Same e-mail: a@b.example", "Similar name in the same account (92 % alike)",
 * "Same website domain: acme.example". A name reason's value is an account's id or a domain the reader needs no id of.
 */
export function reasonText(t: TFunction, r: DuplicateReason): string {
  const text = t(`duplicates.reasons.${r.code}`, { value: r.value });
  return r.similarity !== undefined && r.similarity < 1 ? `${text} ${t('duplicates.alike', { percent: formatPercent(r.similarity) })}` : text;
}

/** Every reason of a candidate or pair, one sentence each, joined for a line. */
export const reasonsText = (t: TFunction, reasons: DuplicateReason[]): string => reasons.map((r) => reasonText(t, r)).join(' · ');
