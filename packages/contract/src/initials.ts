import { isCjkText, personName, startsWithCjk, type PersonNameParts } from './person-name.ts';

/**
 * Avatar initials from a name's distinctive words (issue #14).
 *
 * - Organisations skip legal forms (GmbH, AG, "& Co. KG", S.R.L., Ltd., Inc., 有限公司, 株式会社, 주식회사 …) and stop
 *   words (the, and, und, für, de, la, și, pentru …): "Müller & Söhne GmbH" -> "MS", "Siemens AG" -> "S". Words that
 *   are legal forms only sometimes ("Company", "Corporation") are skipped only when two other words remain: "The Boring
 *   Company" -> "BC", "Ford Motor Company" -> "FM". A name of stop words and legal forms only keeps its first letters.
 *   A Chinese, Japanese or Korean organisation: the first two characters of what is left when the legal forms are
 *   taken off (北京字节跳动科技有限公司 -> "北京").
 * - Persons (the name as `personName` writes it): the first letters of the first and last words, so particles
 *   drop out ("Ludwig van Beethoven" -> "LB") and a given name that happens to be a stop word stays ("Di Wang"); a Chinese, Japanese or Korean name shows its family name's first
 *   character ("李丹" -> "李"), which reads well in a small circle.
 */
export type InitialsKind = 'person' | 'organization';

/** Legal forms, written as `wordKey` leaves them (lower case, no dots or commas). */
const LEGAL_FORMS = new Set([
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'ev', 'eg', 'se', 'co', 'cokg', 'gmbhcokg', 'haftungsbeschränkt',
  'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'plc', 'corp', 'pty', 'pte', 'pvt', 'bhd', 'sdn',
  'srl', 'sa', 'sc', 'sca', 'snc', 'pfa', 'ii', 'sas', 'sasu', 'sarl', 'eurl', 'spa', 'sl', 'slu', 'sro', 'as', 'asa',
  'aps', 'ab', 'oy', 'oyj', 'bv', 'nv', 'vof', 'kk', 'gk', 'sp', 'oo', 'spzoo',
]);
/** Legal forms that are also ordinary words of a name ("The Boring Company"). */
const WEAK_LEGAL_FORMS = new Set(['company', 'corporation', 'compagnie', 'gesellschaft', 'holding']);
/** Stop words of en, de, fr/es/it/pt/nl and ro names (and name particles: von, van, de, da, di …). */
const STOP_WORDS = new Set([
  'the', 'and', 'of', 'for', 'an', 'at', 'in', 'on', 'to',
  'der', 'die', 'das', 'und', 'für', 'fur', 'von', 'vom', 'zu', 'zum', 'zur', 'des', 'dem', 'den', 'im', 'am', 'auf', 'bei', 'mit',
  'de', 'la', 'le', 'les', 'du', 'des', 'del', 'della', 'dei', 'di', 'da', 'do', 'dos', 'et', 'en', 'el', 'los', 'las',
  'van', 'het', 'een', 'voor', 'ten', 'ter',
  'și', 'si', 'pentru', 'al', 'ale', 'cu', 'din', 'pe',
]);
/** One-letter conjunctions and prepositions (y, e, i, z, a), stop words only after a name's first word ("Y Combinator"). */
const ONE_LETTER_STOP_WORDS = new Set(['y', 'e', 'i', 'z', 'a', 'o', 'u']);
const isStopWord = (w: string, index: number) => STOP_WORDS.has(wordKey(w)) || (index > 0 && ONE_LETTER_STOP_WORDS.has(wordKey(w)));
/** Chinese, Japanese and Korean legal forms, longest first (they are written without spaces). */
const CJK_LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限責任公司', '集团有限公司', '集團有限公司', '有限公司', '株式会社', '有限会社', '合同会社', '주식회사', '유한회사', '(주)', '（株）', '(株)', '集团', '集團', '公司'];

/** A word as the word lists hold it: lower case, without dots, commas, ampersands and apostrophes. */
const wordKey = (w: string) => w.toLowerCase().replace(/[.,&'’]/g, '');
/** The first letter or digit of a word, upper-cased; "" for a word without one ("&", "-"). */
const firstLetter = (w: string) => (w.match(/[\p{L}\p{N}]/u)?.[0] ?? '').toUpperCase();
const chars = (s: string) => Array.from(s.replace(/[\s\p{P}\p{S}]/gu, ''));

function stripCjkLegalForms(name: string): string {
  let rest = name.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of CJK_LEGAL_FORMS) {
      if (rest.length > form.length && rest.endsWith(form)) rest = rest.slice(0, -form.length).trim();
      else if (rest.length > form.length && rest.startsWith(form)) rest = rest.slice(form.length).trim();
      else continue;
      changed = true;
    }
  }
  return rest;
}

function organizationInitials(name: string): string {
  const words = name.split(/\s+/).filter((w) => firstLetter(w) !== '');
  const kept = words.filter((w, i) => !LEGAL_FORMS.has(wordKey(w)) && !isStopWord(w, i) && !CJK_LEGAL_FORMS.includes(w));
  const strong = kept.filter((w) => !WEAK_LEGAL_FORMS.has(wordKey(w)));
  const distinctive = strong.length >= 2 ? strong : kept.length > 0 ? kept : words;
  const first = distinctive[0] ?? '';
  if (startsWithCjk(first)) return chars(stripCjkLegalForms(first)).slice(0, 2).join('');
  return distinctive.slice(0, 2).map(firstLetter).join('');
}

function personNameInitials(name: string): string {
  if (isCjkText(name)) return chars(name)[0] ?? '';
  // Given name and family name: particles (van, de la) sit between them, so the first and last words are the ones.
  const words = name.split(/\s+/).filter((w) => firstLetter(w) !== '');
  const first = words[0] ?? '';
  if (startsWithCjk(first)) return chars(first)[0] ?? '';
  return words.length > 1 ? firstLetter(first) + firstLetter(words[words.length - 1] ?? '') : firstLetter(first);
}

/** Initials for an avatar: one or two letters (or characters), never empty ("?" for a name without any). */
export function initials(name: string, kind: InitialsKind): string {
  const found = kind === 'organization' ? organizationInitials(name) : personNameInitials(name);
  return found || '?';
}

/** A person's initials from the parts of their name. */
export function personInitials(p: PersonNameParts): string {
  return initials(personName(p), 'person');
}
