import { createRequire } from 'node:module';
import type { pinyin as PinyinFn } from 'pinyin-pro';
import { foldText } from './fold.ts';
import type { PersonNameParts } from './person-name.ts';

/**
 * The sort key of a record's name (issue #14): what orders a list by name and what the A-Z index reads
 * (`contacts.sort_name`, `leads.name_sort`, `accounts.name_sort`, `deals.name_sort`). Server only: it loads a pinyin
 * dictionary (~320 kB) the first time a Chinese name is keyed, which the web app must not bundle (ESLint forbids
 * importing this file there).
 *
 * - Folded (`foldText`: lower case, marks removed, so "Ärger" files under A, "Șerban"/"Şerban" under S, "Łukasz"
 *   under L, "Øresund" under O), and a first Latin letter Unicode does not decompose spelled out (æ -> ae,
 *   œ -> oe, þ -> th, ð -> d, ı -> i, ħ -> h, ŧ -> t, ŋ -> n), so "Ægir" files under A.
 * - Leading punctuation and symbols do not file a name: "(Acme)" and "„Acme“" sort as "acme". A name of nothing but
 *   symbols keeps them and files under `#`.
 * - A name whose first letters are Chinese characters starts with their toneless pinyin (the family name read as a
 *   surname: 单 -> shan, 曾 -> zeng), then the folded name: 李丹 -> "li dan 李 丹", so it files under L and sorts
 *   among the Latin names by its reading. Names with Japanese kana are Japanese, and a Han-only name cannot be told
 *   from a Chinese one: kana and Hangul names keep their own script and file under `#` (Hangul could be romanised,
 *   but Korean readers do not look for 김 under G or K).
 * - Persons: family name first ("schmidt anna"), so lists sort by family name.
 */
export function nameSortKey(name: string): string {
  return keyOf(name, false);
}

/** A person's sort key: family name, then given name. */
export function personSortKey(p: PersonNameParts): string {
  return keyOf([p.lastName, p.firstName].filter((s) => s != null && s.trim() !== '').join(' '), true);
}

const SPELLED_OUT: Record<string, string> = { æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n' };
const LEADING_HAN = /^[\p{Script=Han}\s]+/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** At most this many leading characters are read in pinyin: enough to order any real name. */
const PINYIN_CHARS = 24;

let pinyinFn: typeof PinyinFn | undefined;
/** pinyin-pro, loaded on the first Chinese name (the server starts without reading its dictionary). */
function pinyin(han: string, surname: boolean): string {
  pinyinFn ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: typeof PinyinFn }).pinyin;
  const syllables = pinyinFn(han, { toneType: 'none', type: 'array', surname: surname ? 'head' : 'off' });
  return foldText(syllables.join(' ')); // lü -> lu
}

function keyOf(text: string, surname: boolean): string {
  const folded = foldText(text);
  const start = folded.search(/[\p{L}\p{N}]/u);
  const trimmed = start > 0 ? folded.slice(start) : folded;
  // Only a first letter is spelled out: keys of names with "æ" inside stay what they were before issue #14.
  const body = trimmed.replace(/^[æœþðıħŧŋ]/, (c) => SPELLED_OUT[c] ?? c);
  const han = LEADING_HAN.exec(body)?.[0];
  if (han === undefined || KANA.test(body)) return body;
  const reading = pinyin(Array.from(han.replace(/\s+/g, '')).slice(0, PINYIN_CHARS).join(''), surname);
  return reading === '' ? body : `${reading} ${body}`;
}

/**
 * The sort keys the A-Z index files under `#`: below the digits, between the digits and the Latin letters, and after
 * them (other scripts, kana, Hangul, symbols). Each range is [from, below); a letter's is [l, next letter), `0-9`'s
 * ['0', ':'). The lists' `letterWhere` and migration 017 (which rekeys only these rows) read them from here.
 */
export interface KeyRange {
  from: string | null;
  below: string | null;
}
export const UNLETTERED_KEY_RANGES: readonly KeyRange[] = [
  { from: null, below: '0' },
  { from: ':', below: 'a' },
  { from: '{', below: null },
];
