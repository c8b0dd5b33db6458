/** The query language of seed 002 (ONLYOFFICE) and the searchable text form shared by the index and the queries. */
import { describe, expect, it } from 'vitest';
import { maxSearchTerms, searchNoticeCodes } from './search.ts';
import type { SearchField, SearchTerm } from './search.ts';
import { foldForSearch, fuzzyDistance, parseSearchQuery, phoneIndexDigits, phoneSearchDigits } from './search-query.ts';

/** The parts of a term a table states: kind and text, plus field and negation when they are set. */
type Expected = [SearchTerm['kind'], string] | [SearchTerm['kind'], string, SearchField | null] | [SearchTerm['kind'], string, SearchField | null, 'not'];
const shape = (terms: SearchTerm[]): Expected[] =>
  terms.map((t): Expected => (t.negated ? [t.kind, t.text, t.field, 'not'] : t.field !== null ? [t.kind, t.text, t.field] : [t.kind, t.text]));
const termsOf = (q: string) => shape(parseSearchQuery(q).terms);
const noticesOf = (q: string) => parseSearchQuery(q).notices.map((n) => n.code);

describe('foldForSearch', () => {
  it.each([
    ['Müller', 'muller'],
    ['MÜLLER', 'muller'],
    ['Mueller', 'mueller'], // foldText does not read ue as ü
    ['Straße', 'strasse'],
    ['José', 'jose'],
    ['Ștefan Țurcanu', 'stefan turcanu'],
    ['Şerban', 'serban'], // cedilla as well as comma below
    ['Søren Łukasz', 'soren lukasz'],
    ['王小明', '王 小 明'],
    ['Li王', 'li 王'],
    ['王  小明 Wang', '王 小 明 wang'],
    ['김민준', '김 민 준'], // Hangul stays syllables (foldText's NFKD split them into jamo)
    ['さくら', 'さ く ら'],
    ['ＡＣＭＥ', 'acme'],
    ['emma.patel@acme.com', 'emma.patel@acme.com'],
    ['www.acme.com/about-us', 'www.acme.com about-us'],
    ['Patel, Emma', 'patel emma'],
    ["O'Brien", "o'brien"],
    ['O’Brien', "o'brien"],
    ['AT&T', 'at&t'],
    ['C++', 'c++'],
    ['Müller‐Lüdenscheidt', 'muller-ludenscheidt'],
    ['Acme Inc.', 'acme inc'],
    ['Smith & Sons', 'smith sons'],
    ["'vip'", 'vip'],
    ['a/b\\c|d#e', 'a b c d e'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['ẞ', 'ss'],
    ['I ❤️ NY 😀', 'i ny'],
    ['a\u0000b\u200bc', 'a b c'],
    ['  \t\n ', ''],
    ['***???', ''],
  ])('%j -> %j', (input, folded) => expect(foldForSearch(input)).toBe(folded));

  it('finds a Chinese given name inside the full name as a substring', () => {
    expect(foldForSearch('王小明')).toContain(foldForSearch('小明'));
    expect(foldForSearch('欧阳娜娜')).toContain(foldForSearch('阳娜'));
  });
});

describe('phoneSearchDigits', () => {
  it.each([
    ['+49 30 1234567', '301234567'],
    ['0049 30 1234567', '301234567'],
    ['030/1234567', '301234567'],
    ['(030) 123 4567', '301234567'],
    ['301234567', '301234567'],
    ['+49 (0)30 1234567', '301234567'],
    ['+49 030 1234567', '301234567'],
    ['(+49) 30-123 45 67', '301234567'],
    ['Tel. +49 30 1234567 ext. 12', '301234567'],
    ['+1 (555) 123-4567', '5551234567'],
    ['(555) 123-4567', '5551234567'],
    ['+44 20 7946 0958', '2079460958'],
    ['+39 06 1234567', '61234567'], // Italy keeps its 0 after +39; dropped so `06 1234567` agrees
    ['06 1234567', '61234567'],
    ['+86 138 0013 8000', '13800138000'],
    ['+40 721 234 567', '721234567'],
    ['０３０ １２３４５６７', '301234567'],
    ['+999 1234567', '9991234567'], // no such country code: the digits as typed
  ])('%s -> %s', (input, digits) => expect(phoneSearchDigits(input)).toBe(digits));

  it.each(['', '1234', '+49 1234', 'call me', '0000000', '+', '00'])('%j has too few digits', (input) => expect(phoneSearchDigits(input)).toBeNull());
});

describe('phoneIndexDigits', () => {
  it.each([
    ['+49 30 1234567', '301234567 49301234567'],
    ['030 1234567', '301234567'],
    ['+39 06 1234567', '61234567 39061234567'],
    ['1234', '1234'], // an internal extension is still findable
    ['n/a', ''],
  ])('%s -> %j', (stored, words) => expect(phoneIndexDigits(stored)).toBe(words));

  it.each(['+49 30 1234567', '0049 30 1234567', '030/1234567', '(030) 123 4567', '301234567', '4930 1234567'])(
    'a stored +49 30 1234567 is found by %s',
    (typed) => {
      const [term] = parseSearchQuery(typed).terms;
      expect(term?.kind).toBe('phone');
      expect(phoneIndexDigits('+49 30 1234567').split(' ')).toContain(term?.text);
    },
  );
});

describe('fuzzyDistance', () => {
  it.each([[0, 0], [1, 0], [2, 0], [3, 1], [5, 1], [6, 2], [7, 2], [20, 2]])('length %i tolerates %i', (length, distance) =>
    expect(fuzzyDistance(length)).toBe(distance),
  );
});

describe('parseSearchQuery: the seed examples', () => {
  it.each<[string, Expected[]]>([
    ['Sm?th', [['pattern', 'sm?th']]],
    ['O*', [['pattern', 'o*']]],
    ['"exact phrase"', [['phrase', 'exact phrase']]],
    ['Jonson~', [['fuzzy', 'jonson']]],
  ])('%s', (q, expected) => expect(termsOf(q)).toEqual(expected));
});

describe('parseSearchQuery: words', () => {
  it.each<[string, Expected[]]>([
    ['Emma Patel', [['word', 'emma'], ['word', 'patel']]],
    ['patel, emma', [['word', 'patel'], ['word', 'emma']]],
    ['patel,emma', [['word', 'patel'], ['word', 'emma']]],
    ['  emma ;; patel  ', [['word', 'emma'], ['word', 'patel']]],
    ['emma emma', [['word', 'emma']]],
    ['mül', [['word', 'mul']]],
    ['Müller', [['word', 'muller']]],
    ['MUELLER', [['word', 'mueller']]],
    ['Ștefan', [['word', 'stefan']]],
    ['Jose', [['word', 'jose']]],
    ['王', [['word', '王']]],
    ['小明', [['phrase', '小 明']]],
    ['王小明', [['phrase', '王 小 明']]],
    ['Li王', [['phrase', 'li 王']]],
    ['emma.patel@acme.com', [['word', 'emma.patel@acme.com']]],
    ['acme.com', [['word', 'acme.com']]],
    ['https://www.acme.com', [['word', 'acme.com']]],
    ['http://acme.com/about', [['phrase', 'acme.com about']]],
    ['Müller-Lüdenscheidt', [['word', 'muller-ludenscheidt']]],
    ['O’Brien', [["word", "o'brien"]]],
    ['10115 Berlin', [['word', '10115'], ['word', 'berlin']]],
    ['10:30', [['word', '10'], ['word', '30']]],
    ['#vip', [['word', 'vip']]],
    ['& + .', []],
  ])('%j', (q, expected) => expect(termsOf(q)).toEqual(expected));
});

describe('parseSearchQuery: operators', () => {
  it.each<[string, Expected[]]>([
    ['Sm?th O*', [['pattern', 'sm?th'], ['pattern', 'o*']]],
    ['Mü*r', [['pattern', 'mu*r']]],
    ['O**', [['pattern', 'o*']]],
    ['*@acme.com', [['pattern', '*@acme.com']]],
    ['acme.*', [['pattern', 'acme.*']]],
    ['*.com', [['pattern', '*.com']]],
    ['sm?th,jones', [['pattern', 'sm?th'], ['word', 'jones']]],
    ['王*', [['pattern', '王*']]],
    ['＊明', [['pattern', '*明']]], // full-width operators from a CJK input method
    ['"Emma  Patel"', [['phrase', 'emma patel']]],
    ['„Müller GmbH“', [['phrase', 'muller gmbh']]],
    ['“Acme Corp”', [['phrase', 'acme corp']]],
    ['"王小明"', [['phrase', '王 小 明']]],
    ['emma"patel smith"', [['word', 'emma'], ['phrase', 'patel smith']]],
    ['Jonson~ Smyth~', [['fuzzy', 'jonson'], ['fuzzy', 'smyth']]],
    ['Jonson~~', [['fuzzy', 'jonson']]],
    ['Müler~', [['fuzzy', 'muler']]],
    ['jon~son', [['phrase', 'jon son']]],
    ['sm*th~', [['pattern', 'sm*th']]],
    ['-smith emma', [['word', 'smith', null, 'not'], ['word', 'emma']]],
    ['emma -"acme corp"', [['word', 'emma'], ['phrase', 'acme corp', null, 'not']]],
    ['emma - patel', [['word', 'emma'], ['word', 'patel']]],
    ['emma --patel', [['word', 'emma'], ['word', 'patel', null, 'not']]],
    ['e-mail', [['word', 'e-mail']]],
  ])('%j', (q, expected) => expect(termsOf(q)).toEqual(expected));
});

describe('parseSearchQuery: fields', () => {
  it.each<[string, Expected[]]>([
    ['email:*@acme.com', [['pattern', '*@acme.com', 'email']]],
    ['city:Berlin', [['word', 'berlin', 'city']]],
    ['CITY:berlin', [['word', 'berlin', 'city']]],
    ['tag:vip', [['word', 'vip', 'tag']]],
    ['tags:vip', [['word', 'vip', 'tag']]],
    ['tag:"key account"', [['phrase', 'key account', 'tag']]],
    ['title: CEO', [['word', 'ceo', 'position']]],
    ['E-Mail:emma@acme.com', [['word', 'emma@acme.com', 'email']]],
    ['org:Acme name:Emma', [['word', 'acme', 'company'], ['word', 'emma', 'name']]],
    ['web:acme.com', [['word', 'acme.com', 'website']]],
    ['-city:Berlin emma', [['word', 'berlin', 'city', 'not'], ['word', 'emma']]],
    ['-tag:"key account" emma', [['phrase', 'key account', 'tag', 'not'], ['word', 'emma']]],
    ['city:Sm?th', [['pattern', 'sm?th', 'city']]],
    ['name:Jonson~', [['fuzzy', 'jonson', 'name']]],
    ['city:123456', [['word', '123456', 'city']]], // only a phone field reads digits as a phone number
    ['email:', []],
  ])('%j', (q, expected) => expect(termsOf(q)).toEqual(expected));

  it.each([['foo:bar', 'foo:bar', [['phrase', 'foo bar']]], ['Stadt:Berlin', 'Stadt:Berlin', [['phrase', 'stadt berlin']]], ['constructor:x', 'constructor:x', [['phrase', 'constructor x']]]] as const)(
    '%j is plain text with a notice',
    (q, term, expected) => {
      const parsed = parseSearchQuery(q);
      expect(shape(parsed.terms)).toEqual(expected);
      expect(parsed.notices).toEqual([{ code: 'unknown_field', term }]);
    },
  );

  it.each(['https://acme.com', 'http://x', 'http:acme.com', 'acme.com', '10:30'])('%j gets no notice', (q) => expect(noticesOf(q)).toEqual([]));
});

describe('parseSearchQuery: phone numbers', () => {
  it.each<[string, Expected[]]>([
    ['+49 30 1234567', [['phone', '301234567']]],
    ['0049 30 1234567', [['phone', '301234567']]],
    ['030/1234567', [['phone', '301234567']]],
    ['(030) 123-4567', [['phone', '301234567']]],
    ['(030) 123 4567', [['phone', '301234567']]],
    ['030 123 - 4567', [['phone', '301234567']]],
    ['+49 (0)30 1234567', [['phone', '301234567']]],
    ['301234567', [['phone', '301234567']]],
    ['123456', [['phone', '123456']]],
    ['12345', [['word', '12345']]],
    ['emma +49 30 1234567 patel', [['word', 'emma'], ['phone', '301234567'], ['word', 'patel']]],
    ['030 1234567, emma', [['phone', '301234567'], ['word', 'emma']]],
    ['030 1234567 -0301111111', [['phone', '301234567'], ['phone', '301111111', null, 'not']]],
    ['030 1234567 -', [['phone', '301234567']]],
    ['-030/1234567 emma', [['phone', '301234567', null, 'not'], ['word', 'emma']]],
    ['phone:1234', [['phone', '1234', 'phone']]],
    ['tel:030 1234567', [['phone', '301234567', 'phone']]],
    ['phone:"+49 30 1234567"', [['phone', '301234567', 'phone']]],
    ['phone:*4567', [['pattern', '*4567', 'phone']]],
    ['030-1234567abc', [['word', '030-1234567abc']]],
  ])('%j', (q, expected) => expect(termsOf(q)).toEqual(expected));

  it('keeps the number as typed for messages', () => {
    expect(parseSearchQuery('emma (030) 123-4567').terms[1]?.raw).toBe('(030) 123-4567');
  });
});

describe('parseSearchQuery: malformed queries', () => {
  it('reads an unbalanced quote as closed at the end', () => {
    const parsed = parseSearchQuery('emma "acme corp');
    expect(shape(parsed.terms)).toEqual([['word', 'emma'], ['phrase', 'acme corp']]);
    expect(parsed.notices).toEqual([{ code: 'unbalanced_quote', term: '"acme corp' }]);
  });

  it.each(['*', '?', '**??*', '"*"'])('%j has nothing to look for', (q) => {
    expect(parseSearchQuery(q).terms).toEqual([]);
  });

  it.each(['*', '?', '**??*', 'emma *'])('%j tells that only wildcards were left out', (q) => expect(noticesOf(q)).toEqual(['wildcard_only']));

  it('drops an empty phrase', () => {
    expect(parseSearchQuery('"" emma')).toEqual({ terms: [{ kind: 'word', text: 'emma', field: null, negated: false, raw: 'emma' }], notices: [] });
  });

  it.each([['ab~', 'ab'], ['王~', '王']])('searches a fuzzy term too short to vary (%j) as typed', (q, text) => {
    const parsed = parseSearchQuery(q);
    expect(shape(parsed.terms)).toEqual([['word', text]]);
    expect(parsed.notices).toEqual([{ code: 'fuzzy_too_short', term: q }]);
  });

  it('keeps exclusions alone but says a search needs something to find', () => {
    const parsed = parseSearchQuery('-smith -tag:vip');
    expect(shape(parsed.terms)).toEqual([['word', 'smith', null, 'not'], ['word', 'vip', 'tag', 'not']]);
    expect(parsed.notices).toEqual([{ code: 'only_exclusions' }]);
  });

  it('cuts more than maxSearchTerms terms', () => {
    const words = Array.from({ length: maxSearchTerms + 3 }, (_, i) => `word${i}`);
    const parsed = parseSearchQuery(words.join(' '));
    expect(parsed.terms.map((t) => t.text)).toEqual(words.slice(0, maxSearchTerms));
    expect(parsed.notices).toEqual([{ code: 'too_many_terms', term: `word${maxSearchTerms}` }]);
  });

  it.each(['', '   ', '-', ':', '"', '""', '-"', 'tag:', '~', '\u0000', '😀', '\u202e\u202d'])('%j gives no terms', (q) =>
    expect(parseSearchQuery(q).terms).toEqual([]),
  );

  it('reads right-to-left text and combining marks as words', () => {
    expect(termsOf('مريم')).toEqual([['word', 'مريم']]);
    expect(termsOf('שָׁלוֹם')).toEqual([['word', 'שלום']]);
    expect(termsOf('Jose\u0301')).toEqual([['word', 'jose']]);
  });

  it('reads 200 asterisks as nothing to look for', () => expect(parseSearchQuery('*'.repeat(200))).toEqual({ terms: [], notices: [{ code: 'wildcard_only', term: '*'.repeat(200) }] }));
});

/** mulberry32: a small seeded generator, so a failing input can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that stress the reader: operators, quotes, digits, marks, CJK, RTL, emoji halves, controls. */
const alphabet = [
  ...'aAzZ09 -:"?*~,.;@+&\'_/()#\t\n',
  ...'äÖüßȘțéñøł',
  '\u0301', '\u0308', '\u05b8', // combining marks
  ...'王小明김민준さくらスーパー', ...'مريمשלום', '\u202e', '\u200f', '\u200b',
  '\u0000', '\u001f', '\ud83d', '\ude00', '😀', '👩‍💻', '＂', '＊', '？', '～', '：', '“', '„', '»', 'ẞ', 'İ', 'ς', 'ﬁ', '①', '½',
];

function randomQuery(random: () => number): string {
  const length = Math.floor(random() * 40);
  let q = '';
  for (let i = 0; i < length; i++) q += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return q;
}

describe('parseSearchQuery on random input', () => {
  it('never throws and every term has text, a known kind and a raw form', () => {
    const random = seededRandom(12);
    const problems: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const q = randomQuery(random);
      const parsed = parseSearchQuery(q);
      if (parsed.terms.length > maxSearchTerms) problems.push(`${JSON.stringify(q)}: ${parsed.terms.length} terms`);
      for (const term of parsed.terms) {
        const wrong =
          term.text.length === 0 ||
          term.text !== term.text.trim() ||
          term.raw.length === 0 ||
          (term.kind === 'phone' && !/^\d+$/.test(term.text)) ||
          (term.kind !== 'pattern' && /[?*]/.test(term.text));
        if (wrong) problems.push(`${JSON.stringify(q)}: ${JSON.stringify(term)}`);
      }
      for (const notice of parsed.notices) if (!searchNoticeCodes.includes(notice.code)) problems.push(`${JSON.stringify(q)}: ${notice.code}`);
    }
    expect(problems).toEqual([]);
  });

  it('folds idempotently, so indexed text folded again still matches', () => {
    const random = seededRandom(7);
    const problems: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const text = randomQuery(random);
      const folded = foldForSearch(text);
      if (foldForSearch(folded) !== folded || / {2}|^ | $/.test(folded)) problems.push(`${JSON.stringify(text)} -> ${JSON.stringify(folded)}`);
    }
    expect(problems).toEqual([]);
  });
});
