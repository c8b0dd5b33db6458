import { foldText } from './fold.ts';
import { maxSearchTerms, searchFieldPrefixes } from './search.ts';
import type { ParsedSearchQuery, SearchField, SearchNotice, SearchTerm } from './search.ts';
import { phoneSearchDigits } from './search-phone.ts';

export { phoneIndexDigits, phoneSearchDigits } from './search-phone.ts';

/**
 * The query language of seed 002 (ONLYOFFICE) and the text form both the index and the queries use. Pure and
 * engine-free: the server turns the terms into SQL, the browser may parse a query to explain it.
 */

/** Characters kept inside a word: e-mails and web hosts stay one word, `O'Brien`, `AT&T` and `C++` too. */
const separators = /[^\p{L}\p{N}@.\-_+'&]+/gu;
/** Kept characters that only join: at a word's edge ("Inc.", "'vip'") they are dropped, so "inc" is an exact word. */
const edgeJoiners = /^[.\-_'&]+|[.\-_'&]+$/g;
/** Scripts written without spaces between words: each character is a word, so a name matches by substring. */
const spacelessScripts = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]/gu;
const letterOrNumber = /[\p{L}\p{N}]/u;

const printableAscii = /^[\x20-\x7e]*$/;
const asciiSeparators = /[^a-z0-9@.\-_+'&]+/g;

/** foldText plus what search needs; no edge trimming, so pattern pieces (`*.com`) keep their punctuation. */
function foldLoose(s: string): string {
  // Most stored text is plain ASCII: then folding is lower case and separators (the same result, 10x faster).
  if (printableAscii.test(s)) return s.replace(/`/g, "'").toLowerCase().replace(asciiSeparators, ' ').trim();
  return foldText(s.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").replace(/[\u2010\u2011]/g, '-'))
    .normalize('NFC') // foldText's NFKD split Hangul syllables into jamo; put them back together
    .replace(/\p{M}+/gu, '') // lower-casing can add marks (İ -> i̇)
    .replace(/ß/g, 'ss') // ẞ only becomes ß when lower-cased, after foldText's ß -> ss
    .replace(/ς/g, 'σ') // the final sigma is a position, not a different letter
    .replace(separators, ' ')
    .replace(spacelessScripts, ' $& ')
    .replace(/ +/g, ' ')
    .trim();
}

/**
 * The searchable form of a text, for the index and for query terms alike: lower case, accents removed, punctuation
 * other than `@ . - _ + ' &` turned into spaces, Han/kana/Hangul characters spaced apart ("王小明" -> "王 小 明",
 * so "小明" is found as the substring "小 明"), one space between words. `. - _ ' &` at a word's edge are dropped and
 * so are words without a letter or digit ("Smith & Sons" -> "smith sons"). Folding twice changes nothing.
 */
export function foldForSearch(s: string): string {
  const words: string[] = [];
  for (const word of foldLoose(s).split(' ')) {
    const trimmed = word.replace(edgeJoiners, '');
    if (letterOrNumber.test(trimmed)) words.push(trimmed);
  }
  return words.join(' ');
}

/** The edit distance `term~` tolerates for a term of `length` code points: none under 3, 1 up to 5, then 2. */
export function fuzzyDistance(length: number): number {
  if (length < 3) return 0;
  return length <= 5 ? 1 : 2;
}

// ---- the parser ----------------------------------------------------------------------------------------------

/** `"…"`, `“…”`, `„…“`, `«…»` and `»…«` all quote a phrase. */
const quoteChars = '"“”„«»';
const closingQuoteChars = '"“”«»';
const spaceRun = /\s+/uy;
const fieldPrefix = /([\p{L}\p{N}_-]+):/uy;
const tokenRun = /[^\s"“”„«»]+/uy;
/** The pieces of a token; anything else in it separates words (`patel,emma`). `?*~` are operators. */
const tokenPiece = /[\p{L}\p{N}\p{M}@.\-_+'&?*~\u2018\u2019\u02bc\u2010\u2011]+/gu;
const firstPhoneChunk = /^\(?\+?[\d()/.-]+$/;
const nextPhoneChunk = /^[\d()/.-]+$/;
const urlSchemes = new Set(['http', 'https', 'ftp', 'mailto']);
/** A phone number needs this many digits before a bare run of digits counts as one (a year or postcode does not). */
const phoneRunMinDigits = 6;

interface Prefix {
  field: SearchField | null;
  negated: boolean;
  /** The typed `-` and `field:`, for a term's raw text. */
  raw: string;
}

class QueryReader {
  readonly terms: SearchTerm[] = [];
  readonly notices: SearchNotice[] = [];

  constructor(private readonly q: string) {}

  read(): ParsedSearchQuery {
    let pos = this.skipSpaces(0);
    while (pos < this.q.length) pos = this.skipSpaces(this.readTerm(pos));
    return this.finish();
  }

  private skipSpaces(pos: number): number {
    spaceRun.lastIndex = pos;
    return spaceRun.test(this.q) ? spaceRun.lastIndex : pos;
  }

  private notice(code: SearchNotice['code'], term?: string) {
    if (this.notices.some((n) => n.code === code && n.term === term)) return;
    this.notices.push(term === undefined ? { code } : { code, term });
  }

  private add(kind: SearchTerm['kind'], text: string, prefix: Prefix, raw: string) {
    if (text.length > 0) this.terms.push({ kind, text, field: prefix.field, negated: prefix.negated, raw: prefix.raw + raw });
  }

  /** Reads one term starting at `start` (not a space) and returns where the next one may start (always later). */
  private readTerm(start: number): number {
    const q = this.q;
    let pos = start;
    let negated = false;
    if (q[pos] === '-') {
      if (pos + 1 >= q.length || this.skipSpaces(pos + 1) > pos + 1) return pos + 1; // a lone '-'
      negated = true;
      pos += 1;
    }
    let field: SearchField | null = null;
    fieldPrefix.lastIndex = pos;
    const prefixMatch = fieldPrefix.exec(q);
    if (prefixMatch?.[1] !== undefined) {
      const name = foldText(prefixMatch[1]).replace(/-/g, ''); // `E-Mail:` is `email:`
      const afterColon = pos + prefixMatch[0].length;
      if (Object.hasOwn(searchFieldPrefixes, name)) {
        field = searchFieldPrefixes[name] ?? null;
        pos = this.skipSpaces(afterColon); // `title: CEO` restricts the next word
        if (pos >= q.length) return pos;
      } else if (/^\p{L}/u.test(name)) {
        return this.readPlainToken(start, pos, negated, urlSchemes.has(name) || q.startsWith('//', afterColon));
      }
    }
    const prefix: Prefix = { field, negated, raw: q.slice(start, pos) };
    if (quoteChars.includes(q[pos] ?? '')) return this.readPhrase(pos, prefix);
    if (field === null || field === 'phone') {
      const end = this.readPhoneRun(pos, field === 'phone');
      if (end !== null) {
        const run = q.slice(pos, end);
        const digits = run.replace(/\D/g, '');
        this.add('phone', phoneSearchDigits(run) ?? (digits.replace(/^0+/, '') || digits), prefix, run);
        return end;
      }
    }
    tokenRun.lastIndex = pos;
    const token = tokenRun.exec(q)?.[0] ?? '';
    for (const piece of token.match(tokenPiece) ?? []) this.readPiece(piece, prefix, token);
    return pos + Math.max(token.length, 1);
  }

  /** `foo:bar` (no such field) or `https://acme.com`: the whole token as plain text, without the URL scheme. */
  private readPlainToken(start: number, pos: number, negated: boolean, url: boolean): number {
    tokenRun.lastIndex = pos;
    const token = tokenRun.exec(this.q)?.[0] ?? '';
    if (!url) this.notice('unknown_field', token);
    const plain = url ? token.replace(/^[^:]*:(\/\/)?/, '').replace(/^www\./i, '') : token;
    const text = foldForSearch(plain);
    const prefix: Prefix = { field: null, negated, raw: this.q.slice(start, pos) };
    this.add(text.includes(' ') ? 'phrase' : 'word', text, prefix, token);
    return pos + Math.max(token.length, 1);
  }

  private readPhrase(open: number, prefix: Prefix): number {
    const q = this.q;
    let close = -1;
    for (let i = open + 1; i < q.length; i++) {
      if (closingQuoteChars.includes(q[i] ?? '')) {
        close = i;
        break;
      }
    }
    const end = close < 0 ? q.length : close + 1;
    const raw = q.slice(open, end);
    if (close < 0) this.notice('unbalanced_quote', prefix.raw + raw);
    const inside = q.slice(open + 1, close < 0 ? q.length : close);
    const digits = prefix.field === 'phone' ? phoneSearchDigits(inside) : null;
    if (digits !== null) this.add('phone', digits, prefix, raw);
    else this.add('phrase', foldForSearch(inside), prefix, raw); // `""` folds to '' and is left out
    return end;
  }

  /**
   * The end of a phone number starting at `pos` ("+49 30 1234567", "030/1234567", "(030) 123-4567"), or null: chunks
   * of digits and `+ ( ) / . -` separated by spaces, with enough digits in total (any digit when `phone:` forces it).
   */
  private readPhoneRun(pos: number, forced: boolean): number | null {
    const q = this.q;
    let at = pos;
    let end: number | null = null;
    let digits = 0;
    while (at < q.length) {
      tokenRun.lastIndex = at;
      const chunk = tokenRun.exec(q)?.[0];
      if (chunk === undefined) break;
      const bare = chunk.replace(/[,;]+$/, ''); // "030 1234567, emma": the comma ends the number
      const first = at === pos;
      if (!first && /^-\d/.test(bare)) break; // `-0301234567` after a number excludes another term
      if (!(first ? firstPhoneChunk : nextPhoneChunk).test(bare)) break;
      const chunkDigits = bare.replace(/\D/g, '').length;
      if (first && chunkDigits === 0) break;
      if (chunkDigits > 0) end = at + bare.length;
      digits += chunkDigits;
      if (bare.length < chunk.length) break;
      at = this.skipSpaces(at + chunk.length);
    }
    return end !== null && digits >= (forced ? 1 : phoneRunMinDigits) ? end : null;
  }

  /** One piece of a token: a pattern, a fuzzy word, a word, or (Han characters, `jon~son`) a phrase. */
  private readPiece(piece: string, prefix: Prefix, token: string) {
    const raw = piece.length === token.length ? token : piece;
    const tilde = /~+$/.exec(piece);
    const core = tilde ? piece.slice(0, tilde.index) : piece;
    if (/[?*]/.test(core)) {
      const text = patternText(core);
      if (/^[?*]*$/.test(text)) this.notice('wildcard_only', prefix.raw + raw);
      else this.add('pattern', text, prefix, raw);
      return;
    }
    const text = foldForSearch(core);
    if (text.includes(' ')) return this.add('phrase', text, prefix, raw);
    if (tilde === null) return this.add('word', text, prefix, raw);
    if (text.length > 0 && fuzzyDistance([...text].length) === 0) {
      this.notice('fuzzy_too_short', prefix.raw + raw);
      return this.add('word', text, prefix, raw);
    }
    this.add('fuzzy', text, prefix, raw);
  }

  private finish(): ParsedSearchQuery {
    const seen = new Set<string>();
    let terms = this.terms.filter((term) => {
      const key = `${term.negated}\u0000${term.field}\u0000${term.kind}\u0000${term.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (terms.length > maxSearchTerms) {
      this.notice('too_many_terms', terms[maxSearchTerms]?.raw);
      terms = terms.slice(0, maxSearchTerms);
    }
    if (terms.length > 0 && terms.every((term) => term.negated)) this.notice('only_exclusions');
    return { terms, notices: this.notices };
  }
}

/** A pattern's folded text: the pieces between wildcards folded, `?` kept, runs of `*` made one. */
function patternText(core: string): string {
  const parts = core.split(/([?*]+)/);
  let text = parts.map((part, i) => (i % 2 === 1 ? part : foldLoose(part))).join('').replace(/\*+/g, '*');
  // Trim as foldForSearch does, until nothing changes: a Han character's spacing can leave `ス -` at the end.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(edgeJoiners, '').trim();
  }
  return text;
}

/**
 * Reads a query of the ONLYOFFICE language: `?` one character, `*` any run, `"exact phrase"`, `term~` similar
 * spelling, terms combined with AND in any order; `field:term` (see `searchFieldPrefixes`) and `-term` to exclude.
 * Never throws: what cannot be read as typed is read sensibly and explained by a notice.
 */
export function parseSearchQuery(q: string): ParsedSearchQuery {
  // NFKC first: full-width `＊？～＂：` typed with a CJK input method are the operators.
  return new QueryReader(q.normalize('NFKC')).read();
}
