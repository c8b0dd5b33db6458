import { foldText } from '@kontor/contract/fold';
import { freeMailDomains } from '@kontor/contract/leads';
import type { DuplicateModule } from '@kontor/contract/duplicates';

/**
 * Blocking keys (issue #16): two records are compared only when they share one of these, so finding duplicates never
 * compares all pairs. Each key names what the records would agree on:
 * - `e:<e-mail>` (lower case) and `p:<E.164 phone>`, both modules;
 * - contacts: `a:<account id>:<sound>` and `d:<company e-mail domain>:<sound>`, where `sound` is the phonetic code of
 *   the family name, and again of the given name (so a typo in one part still meets the other);
 * - accounts: `w:<website domain>`, `n:<core name>` (the name without legal forms, spaces or punctuation) and
 *   `s:<sounds of the first two core words>` (similar spellings).
 * The keys only gather candidates; `compareProfiles` (duplicate-score.ts) decides and explains.
 */

/** What the matcher knows of a record (or of a draft being typed): its identifying parts, normalised. */
export interface DuplicateProfile {
  /** 0 for a draft. */
  id: number;
  module: DuplicateModule;
  /** Contacts: the parts of the name as typed. */
  firstName: string;
  lastName: string;
  /** Accounts: the company's name. */
  name: string;
  accountId: number | null;
  /** Lower case. */
  emails: string[];
  /** E.164. */
  phones: string[];
  /** Host names without `www.`. */
  websites: string[];
  updatedAt: string;
}

const FREE_MAIL = new Set<string>(freeMailDomains);
/** Mail providers: a shared domain says nothing about a shared company. */
export const isCompanyDomain = (domain: string): boolean => domain.includes('.') && !FREE_MAIL.has(domain) && !/^(ymail|yopmail|mac|zoho)\./.test(domain);

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1);

/** A website's host, lower case, without `www.`; null when it is no web address. */
export function websiteDomain(url: string): string | null {
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
    return host.replace(/^www\d?\./, '') || null;
  } catch {
    return null;
  }
}

/** Folded words (lower case, accents off, ß -> ss); Chinese, Japanese and Korean characters one word each. */
export function nameWords(text: string): string[] {
  return foldText(text)
    .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' $& ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const SOUND_CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1', w: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

/**
 * A word's sound (Soundex, widened): the first letter and up to three consonant classes, so Meier, Meyer and Maier,
 * or Jonson and Johnson, share it. A word in another script is its own sound.
 */
export function soundOf(word: string): string {
  if (!/^[a-z]/.test(word)) return word;
  let out = word[0] === 'w' ? 'v' : word[0] === 'k' ? 'c' : word[0] ?? '';
  let last = SOUND_CODES[word[0] ?? ''] ?? '';
  for (const ch of word.slice(1)) {
    const code = SOUND_CODES[ch];
    if (code === undefined) {
      if (ch !== 'h' && ch !== 'w') last = '';
      continue;
    }
    if (code !== last) out += code;
    last = code;
    if (out.length === 4) break;
  }
  return out;
}

/** Legal forms and words that say nothing about which company it is (lower case, folded). */
const LEGAL_WORDS = new Set([
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'ev', 'eg', 'se', 'co', 'ltd', 'limited', 'inc', 'incorporated',
  'llc', 'llp', 'lp', 'plc', 'corp', 'corporation', 'company', 'pty', 'pte', 'pvt', 'bhd', 'sdn', 'srl', 'sa', 'sas',
  'sarl', 'spa', 'sl', 'sro', 'as', 'asa', 'aps', 'ab', 'oy', 'oyj', 'bv', 'nv', 'kk', 'sp', 'zoo', 'the', 'und', 'and',
  'haftungsbeschrankt', '有', '限', '公', '司', '股', '份', '集', '团', '責', '任', '责',
]);

/** A company's distinctive words: its folded words without legal forms ("ACME Industries GmbH" -> acme, industries). */
export function companyWords(name: string): string[] {
  const words = nameWords(name.replace(/\b(\w)\.(?=\w\.)/g, '$1'));
  const kept = words.filter((w) => !LEGAL_WORDS.has(w));
  return kept.length > 0 ? kept : words;
}

/** A person's folded words, given name first. */
export const personWords = (p: Pick<DuplicateProfile, 'firstName' | 'lastName'>): string[] => [...nameWords(p.firstName), ...nameWords(p.lastName)];

/** The blocking keys of a record or draft. */
export function profileKeys(p: DuplicateProfile): string[] {
  const keys = new Set<string>();
  for (const e of p.emails) keys.add(`e:${e}`);
  for (const phone of p.phones) keys.add(`p:${phone}`);
  if (p.module === 'contacts') {
    const first = nameWords(p.firstName);
    const last = nameWords(p.lastName);
    const sounds = new Set<string>();
    if (last.length) sounds.add(soundOf(last.join('')));
    if (first.length) sounds.add(soundOf(first.join('')));
    const scopes = new Set<string>();
    if (p.accountId !== null) scopes.add(`a:${p.accountId}`);
    for (const e of p.emails) {
      const domain = emailDomain(e);
      if (isCompanyDomain(domain)) scopes.add(`d:${domain}`);
    }
    for (const scope of scopes) for (const s of sounds) keys.add(`${scope}:${s}`);
  } else {
    for (const w of p.websites) keys.add(`w:${w}`);
    const words = companyWords(p.name);
    if (words.length) {
      keys.add(`n:${words.join('')}`);
      keys.add(`s:${words.slice(0, 2).map(soundOf).join('.')}`);
    }
  }
  return [...keys].filter((k) => k.length <= 300);
}
