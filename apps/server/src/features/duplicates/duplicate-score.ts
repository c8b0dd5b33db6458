import { DUPLICATE_MIN_SCORE, type DuplicateReason } from '@kontor/contract/duplicates';
import { companyWords, emailDomain, isCompanyDomain, personWords, type DuplicateProfile } from './duplicate-keys.ts';

/**
 * How alike two records are (issue #16): each agreeing fact is a reason with a weight, and the score is the chance
 * that at least one of them means "the same" (1 - the product of 1 - weight), 0-100. The weights:
 * an e-mail both have 0.9, a phone 0.75, a website domain 0.8; a similar name counts only inside a scope that makes
 * it telling (contacts: the same account 0.5-0.95, the same company e-mail domain 0.4-0.85; accounts: the name alone
 * 0.45-0.95), rising with the names' similarity (`nameSimilarity`: word by word, Jaro-Winkler) from 0.88 to identical.
 */

/** Jaro-Winkler similarity of two strings, 0-1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] !== undefined && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Two words' similarity: numbers only equal or not; an initial ("J") meets a word it starts (0.9). */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (/^\d+$/.test(a) || /^\d+$/.test(b)) return 0;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.9 : 0;
  return jaroWinkler(a, b);
}

/**
 * Similarity of two names given as words, whatever their order: every word of the shorter name is matched with its most
 * similar unmatched word of the other, and the name is as similar as its least similar word ("Günther Wolf" and
 * "Günther Hoffmann" are not alike, however alike "Günther" is). A word more or less (a middle name, "Inc") costs 5%;
 * two or more, 15%. The longer name's words joined are tried too, so "Mc Donald" meets "McDonald".
 */
export function nameSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const used = new Set<number>();
  let least = 1;
  for (const w of short) {
    let best = 0;
    let bestAt = -1;
    long.forEach((v, i) => {
      if (used.has(i)) return;
      const s = wordSimilarity(w, v);
      if (s > best) [best, bestAt] = [s, i];
    });
    if (bestAt >= 0) used.add(bestAt);
    least = Math.min(least, best);
  }
  const extra = long.length - short.length;
  const byWords = least * (extra === 0 ? 1 : extra === 1 ? 0.95 : 0.85);
  const joined = short.length === 1 && long.length > 1 ? jaroWinkler(short[0] ?? '', long.join('')) : 0;
  return Math.max(byWords, joined);
}

const NAME_FLOOR = 0.88;
const scaled = (similarity: number, low: number, high: number) => low + ((high - low) * (similarity - NAME_FLOOR)) / (1 - NAME_FLOOR);
const round2 = (v: number) => Math.round(v * 100) / 100;

export interface PairScore {
  score: number;
  reasons: DuplicateReason[];
}

/** The score and reasons of two records (of one module); score 0 and no reasons when nothing agrees. */
export function compareProfiles(a: DuplicateProfile, b: DuplicateProfile): PairScore {
  const reasons: DuplicateReason[] = [];
  const weights: number[] = [];
  const add = (reason: DuplicateReason, weight: number) => {
    reasons.push(reason);
    weights.push(weight);
  };
  const bEmails = new Set(b.emails);
  for (const e of a.emails) if (bEmails.has(e)) add({ code: 'email', value: e }, 0.9);
  const bPhones = new Set(b.phones);
  for (const p of a.phones) if (bPhones.has(p)) add({ code: 'phone', value: p }, 0.75);
  if (a.module === 'contacts') {
    const similarity = nameSimilarity(personWords(a), personWords(b));
    if (similarity >= NAME_FLOOR) {
      if (a.accountId !== null && a.accountId === b.accountId) add({ code: 'name_account', value: String(a.accountId), similarity: round2(similarity) }, scaled(similarity, 0.5, 0.95));
      const bDomains = new Set(b.emails.map(emailDomain).filter(isCompanyDomain));
      const domain = a.emails.map(emailDomain).find((d) => isCompanyDomain(d) && bDomains.has(d));
      if (domain) add({ code: 'name_domain', value: domain, similarity: round2(similarity) }, scaled(similarity, 0.4, 0.85));
    }
  } else {
    const bSites = new Set(b.websites);
    const site = a.websites.find((w) => bSites.has(w));
    if (site) add({ code: 'website', value: site }, 0.8);
    const similarity = nameSimilarity(companyWords(a.name), companyWords(b.name));
    if (similarity >= NAME_FLOOR) add({ code: 'name', value: '', similarity: round2(similarity) }, scaled(similarity, 0.45, 0.95));
  }
  const score = Math.round(100 * (1 - weights.reduce((rest, w) => rest * (1 - w), 1)));
  return { score, reasons };
}

/** Whether a pair is worth suggesting. */
export const isLikelyDuplicate = (s: PairScore): boolean => s.score >= DUPLICATE_MIN_SCORE;
