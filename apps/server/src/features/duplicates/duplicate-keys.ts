import { foldText } from '@kontor/contract/fold';
import { freeMailDomains } from '@kontor/contract/leads';
import type { DuplicateModule } from '@kontor/contract/duplicates';

/**
 * Blocking keys (issue #16): two records are compared only when they share one of these, so finding duplicates never
 * compares all pairs. Each key names what the records would agree on:
 * - `e:<e-mail>` (lower case) and `p:<E.164 phone>`, both modules;
 * - contacts: `a:<account id>:<sound>` and `d:<company e-mail domain>:<sound>`, where `sound` is the smaller of the
 *   phonetic codes of the given and the family name (so a swapped name, or a typo in the other part, still meets);
 * - accounts: `w:<website domain>`, `n:<core name>` (the name without legal forms, spaces or punctuation) and
 *   `s:<sounds of the first two core words>|<numbers in the name>` (similar spellings; "Filiale 12" never meets "Filiale 13").
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
  // Plain ASCII (most names) needs no Unicode folding.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
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

/** The smaller phonetic code of a person's given and family name ('' without a name). */
function nameSound(p: Pick<DuplicateProfile, 'firstName' | 'lastName'>): string {
  const sounds = [nameWords(p.firstName).join(''), nameWords(p.lastName).join('')].filter(Boolean).map(soundOf);
  return sounds.sort()[0] ?? '';
}

/** The blocking keys of a record or draft. */
export function profileKeys(p: DuplicateProfile): string[] {
  const keys = new Set<string>();
  for (const e of p.emails) keys.add(`e:${e}`);
  for (const phone of p.phones) keys.add(`p:${phone}`);
  if (p.module === 'contacts') {
    const sound = nameSound(p);
    const scopes = new Set<string>();
    if (p.accountId !== null) scopes.add(`a:${p.accountId}`);
    for (const e of p.emails) {
      const domain = emailDomain(e);
      if (isCompanyDomain(domain)) scopes.add(`d:${domain}`);
    }
    if (sound) for (const scope of scopes) keys.add(`${scope}:${sound}`);
  } else {
    for (const w of p.websites) keys.add(`w:${w}`);
    const words = companyWords(p.name);
    if (words.length) {
      keys.add(`n:${words.join('')}`);
      const digits = words.filter((w) => /^\d+$/.test(w)).join('.');
      keys.add(`s:${words.filter((w) => !/^\d+$/.test(w)).slice(0, 2).map(soundOf).join('.')}|${digits}`);
    }
  }
  return [...keys];
}

/** Keys that say "the same" by themselves (e-mail, phone, website, the exact core name), as opposed to a sound. */
export const isExactKey = (key: string): boolean => /^[epwn]:/.test(key);

/**
 * A key's text as a 52-bit integer, which is what `duplicate_keys` stores: exact on both engines (below 2^53) and
 * compact in the index. Two 32-bit FNV-1a hashes with different offsets give 51 bits; the lowest bit says whether the
 * key is exact (1) or a sound (0), so a walk over the stored keys knows how many holders to compare.
 */
export function keyHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return ((a >>> 0) * 0x80000 + ((b >>> 0) & 0x7ffff)) * 2 + (isExactKey(key) ? 1 : 0);
}

/** Whether a stored key hash is an exact key's. */
export const isExactHash = (hash: number): boolean => hash % 2 === 1;
