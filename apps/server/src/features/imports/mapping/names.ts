/**
 * People's names in import files (issue #15): a whole name split into first and last name as its culture writes it
 * (`Last, First`; Chinese family name first, with compound surnames such as 欧阳; `Dr. Anna Maria Huber` with a
 * salutation), and salutations in the words of the programs that export them (`Herr`, `Dl.`, `Sra.`, `M.`).
 */
import { salutations } from '@kontor/contract/picklists';
import { isCjkText } from '@kontor/contract/person-name';
import { picklistMatcher } from './values.ts';

/** What other programs write for Kontor's salutations (English, German, Romanian, Spanish, French, Polish, Chinese). */
const salutationSynonyms: Record<string, (typeof salutations)[number]> = {
  mister: 'mr', herr: 'mr', hr: 'mr', dl: 'mr', domnul: 'mr', m: 'mr', monsieur: 'mr', sr: 'mr', senor: 'mr', sig: 'mr', signor: 'mr', pan: 'mr', '先生': 'mr',
  frau: 'ms', fr: 'ms', dna: 'ms', doamna: 'ms', pani: 'ms', mme: 'ms', madame: 'ms', mlle: 'ms', miss: 'ms', sra: 'mrs', senora: 'mrs', signora: 'mrs', '女士': 'ms', '小姐': 'ms',
  doctor: 'dr', '博士': 'dr', professor: 'prof', '教授': 'prof',
};
export const matchSalutation = picklistMatcher(salutations, salutationSynonyms);

/** Compound Chinese surnames (two characters): 欧阳晨 is 欧阳 + 晨, not 欧 + 阳晨. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离',
  '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史', '申屠', '闻人', '万俟', '司空', '赫连', '濮阳', '淳于',
]);

/** Words that belong to the family name that follows them (`van der Berg`, `El Amrani`, `de la Cruz`). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'du', 'dos', 'das', 'do', 'le', 'la', 'el', 'al', 'bin', 'ibn', 'ten', 'ter', 'zu', 'st.']);
/** Words after a family name that stay with it (`O'Neill Jr.`). */
const SUFFIXES = new Set(['jr', 'jr.', 'sr.', 'ii', 'iii', 'iv', 'phd', 'ph.d.', 'md', 'esq.', 'jun.', 'sen.']);

export interface SplitName {
  salutation: string | null;
  firstName: string | null;
  lastName: string | null;
}

const SPACES = /\s+/u;

/** A whole name as its parts; a single word is a last name (a contact needs one of the two). */
export function splitFullName(raw: string): SplitName {
  const text = raw.trim();
  if (text === '') return { salutation: null, firstName: null, lastName: null };
  const comma = text.indexOf(',');
  if (comma > 0 && comma === text.lastIndexOf(',')) {
    const last = text.slice(0, comma).trim();
    const rest = splitWords(text.slice(comma + 1).trim().split(SPACES));
    if (!SUFFIXES.has(text.slice(comma + 1).trim().toLowerCase())) {
      return { salutation: rest.salutation, firstName: rest.words.join(' ') || null, lastName: last || null };
    }
  }
  if (isCjkText(text)) return splitCjk(text);
  const { salutation, words } = splitWords(text.split(SPACES));
  if (words.length === 0) return { salutation, firstName: null, lastName: null };
  if (words.length === 1) return { salutation, firstName: null, lastName: words[0] ?? null };
  let end = words.length;
  while (end > 1 && SUFFIXES.has((words[end - 1] ?? '').toLowerCase())) end -= 1;
  let start = end - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] ?? '').toLowerCase())) start -= 1;
  const first = words.slice(0, start).join(' ');
  const last = words.slice(start).join(' ');
  return { salutation, firstName: first || null, lastName: last || null };
}

/** Leading salutations taken off (`Dr.`, `Prof. Dr.`: the first one is kept). */
function splitWords(words: string[]): { salutation: string | null; words: string[] } {
  let salutation: string | null = null;
  let i = 0;
  while (i < words.length - 1) {
    const match = matchSalutation(words[i] ?? '');
    if (!match) break;
    salutation ??= match;
    i += 1;
  }
  return { salutation, words: words.slice(i).filter((w) => w !== '') };
}

/** Chinese, Japanese or Korean: family name first; a space separates them when there is one. */
function splitCjk(text: string): SplitName {
  const parts = text.split(SPACES);
  if (parts.length > 1) return { salutation: null, lastName: parts[0] ?? null, firstName: parts.slice(1).join('') || null };
  const chars = Array.from(text);
  if (chars.length === 1) return { salutation: null, firstName: null, lastName: text };
  const two = chars.slice(0, 2).join('');
  const familyLength = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? 2 : 1;
  return { salutation: null, lastName: chars.slice(0, familyLength).join(''), firstName: chars.slice(familyLength).join('') };
}
