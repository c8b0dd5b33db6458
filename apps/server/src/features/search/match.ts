import { sql, type RawBuilder } from 'kysely';
import type { SearchTerm } from '@kontor/contract/search';
import { likeEscape } from '../../db/dialect.ts';
import { searchBodySql, searchFieldColumns } from '../../db/migrations/013_search.ts';

/**
 * How one parsed term matches a search document, at each rank (issue #12). A document's fields are folded and
 * padded with spaces (" emma patel "), so "a whole word", "the start of a word" and "inside a word" are all plain
 * substrings: ` patel `, ` pat`, `ate`. Each alternative becomes a LIKE on the field (the exact test, the same on
 * both engines) and the substrings that must occur in it, which SQLite's trigram FTS5 uses to find candidates
 * (3 characters or more; PostgreSQL's pg_trgm index serves the LIKE on the body directly).
 */
export type MatchLevel = 'exact' | 'prefix' | 'substring' | 'fuzzy';
/** Every document the term matches at any rank (the list filter). */
export type MatchScope = MatchLevel | 'any';

interface Alternative {
  like: string;
  pieces: string[];
  /** The index's phrase match is the whole test (a literal of 3+ characters; not a pattern). */
  exactOnIndex: boolean;
}

const codePoints = (s: string) => [...s].length;
/** Han, kana and Hangul characters are each a word of their own in a document (`foldForSearch`). */
const ownWord = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]$/u;

function literal(text: string, level: 'exact' | 'prefix' | 'substring'): Alternative {
  // Fewer than three characters cannot be looked up inside a word: a short fragment matches word starts, and a
  // single Chinese character, always a word by itself, the words it is (" 王 " is long enough for the index).
  const at = ownWord.test(text) ? 'exact' : level === 'substring' && codePoints(text) < 3 ? 'prefix' : level;
  const needle = at === 'exact' ? ` ${text} ` : at === 'prefix' ? ` ${text}` : text;
  return { like: `%${likeEscape(needle)}%`, pieces: [needle], exactOnIndex: codePoints(needle) >= 3 };
}

/** A whole-word pattern: `?` one character, `*` any run (none included). */
function pattern(text: string): Alternative {
  const escaped = likeEscape(text).replace(/\*/g, '%').replace(/\?/g, '_');
  const runs = text.split(/[*?]+/);
  const pieces = runs
    .map((run, i) => `${i === 0 ? ' ' : ''}${run}${i === runs.length - 1 ? ' ' : ''}`)
    .filter((p) => p.trim() !== '');
  return { like: `% ${escaped} %`, pieces, exactOnIndex: false };
}

/** The alternatives of a term at a rank; none when the term cannot match at that rank (a plain word has no fuzzy rank). */
export function alternatives(term: SearchTerm, scope: MatchScope, similar: string[]): Alternative[] {
  if (term.kind === 'pattern') return [pattern(term.text)];
  // A phone number is its digits anywhere in a number: one meaning, whatever the rank.
  if (term.kind === 'phone') return [literal(term.text, 'substring')];
  const fuzzyWords = term.kind === 'fuzzy' ? similar.map((w) => literal(w, 'exact')) : [];
  switch (scope) {
    case 'exact':
    case 'prefix':
    case 'substring':
      return [literal(term.text, scope)];
    case 'fuzzy':
      // The fuzzy rank: similar words for `~` terms, the others as loosely as they match at all.
      return term.kind === 'fuzzy' ? fuzzyWords : [literal(term.text, 'substring')];
    case 'any':
      return [literal(term.text, 'substring'), ...fuzzyWords];
  }
}

const body = (alias: string) => sql.raw(`(${searchBodySql(alias)})`);
/** Every field but the account's name, for readers who may not see the account. */
const bodyWithoutCompany = (alias: string) => sql.raw(`(${searchFieldColumns.filter((c) => c !== 'company').map((c) => `${alias}.${c}`).join(` || ' ' || `)})`);

/**
 * The exact test of a term on the document `alias` (LIKE on its field, or on all of them). PostgreSQL's trigram
 * index is on the body, so every test also asks the body and the index finds the candidates. `companyVisible`,
 * when given, is the condition that the document's account may be seen: without it the account's name (the
 * `company` of a contact or deal) does not count, so a hidden account's name cannot find, or exclude, a record.
 */
export function termCondition(term: SearchTerm, alts: Alternative[], alias: string, companyVisible: RawBuilder<boolean> | null): RawBuilder<boolean> {
  if (alts.length === 0) return sql<boolean>`1 = 0`;
  const like = (col: RawBuilder<unknown>, a: Alternative) => sql`${col} like ${a.like} escape '\\'`;
  const company = sql.ref(`${alias}.company`);
  const test = (a: Alternative) => {
    const inBody = like(body(alias), a);
    if (term.field === 'company' && companyVisible) return sql`(${inBody} and ${like(company, a)} and ${companyVisible})`;
    if (term.field) return sql`(${inBody} and ${like(sql.ref(`${alias}.${term.field}`), a)})`;
    if (companyVisible) return sql`(${inBody} and (${like(bodyWithoutCompany(alias), a)} or (${like(company, a)} and ${companyVisible})))`;
    return inBody;
  };
  const any = sql.join(alts.map(test), sql` or `);
  return term.negated ? sql<boolean>`not (${any})` : sql<boolean>`(${any})`;
}

const ftsPhrase = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The FTS5 query that finds a superset of the documents matching the positive terms, or null when no term has a
 * substring long enough for the trigram index (`O*`): then the documents are read newest first and tested.
 */
export function ftsQuery(terms: { term: SearchTerm; alts: Alternative[] }[]): string | null {
  const parts: string[] = [];
  for (const { term, alts } of terms) {
    const expr = term.negated ? null : termFts(alts);
    if (expr !== null) parts.push(term.field ? `${term.field} : ${expr}` : expr);
  }
  return parts.length === 0 ? null : parts.join(' AND ');
}

/** A term's alternatives as one FTS5 expression (no column filter), or null when one of them is not indexable. */
export function termFts(alts: Alternative[]): string | null {
  const each = alts.map((a) => a.pieces.filter((p) => codePoints(p) >= 3));
  if (alts.length === 0 || each.some((pieces) => pieces.length === 0)) return null;
  return `(${each.map((pieces) => `(${pieces.map(ftsPhrase).join(' AND ')})`).join(' OR ')})`;
}

/** The fields other than the account's name, as an FTS5 column filter. */
export const ftsWithoutCompany = `{${searchFieldColumns.filter((c) => c !== 'company').join(' ')}}`;

/** One letter and nothing the index can look up (`o`, `M`): the lists read it as "names starting with". */
export function singleLetter(terms: SearchTerm[]): string | null {
  const positive = terms.filter((t) => !t.negated);
  const [only] = positive;
  // A lone Han, kana or Hangul character is a word of its own, found in the documents ("the names holding it"): sort
  // keys of Chinese names start with their pinyin (issue #14), so a prefix of the key would not find them.
  return positive.length === 1 && only && only.kind === 'word' && !only.field && codePoints(only.text) === 1 && !ownWord.test(only.text) ? only.text : null;
}

/** Patterns and phone numbers match the same way at every rank: a query of only those has one rank to look at. */
export const rankless = (term: SearchTerm): boolean => term.kind === 'pattern' || term.kind === 'phone';
