/** The vocabulary behind `term~`: closest words by Damerau-Levenshtein (optimal string alignment) over code points. */
import { describe, expect, it } from 'vitest';
import { SearchVocabulary, wordsOf } from './fuzzy.ts';

/** The textbook full-matrix optimal-string-alignment distance, to check the pruned search against. */
function referenceDistance(x: string[], y: string[]): number {
  const width = y.length + 1;
  const d = new Array<number>((x.length + 1) * width).fill(0);
  const at = (i: number, j: number) => d[i * width + j] ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i <= x.length; i++) d[i * width] = i;
  for (let j = 0; j <= y.length; j++) d[j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(x.length, y.length);
}

function referenceClosest(words: Iterable<string>, term: string, maxDistance: number, limit: number) {
  const target = [...term];
  return [...new Set(words)]
    .map((word) => ({ word, distance: referenceDistance([...word], target) }))
    .filter((hit) => hit.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, limit);
}

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

const names = ['johnson', 'johnston', 'jonsson', 'jansen', 'smith', 'smyth', 'smithe', 'schmidt', 'brown', 'braun', 'muller', 'mueller', 'miller', 'stefan', 'stephan', 'patel', 'petal', 'emma'];
const vocabularyOf = (words: Iterable<string>) => {
  const vocabulary = new SearchVocabulary();
  vocabulary.add(words);
  return vocabulary;
};

describe('SearchVocabulary.closest', () => {
  const vocabulary = vocabularyOf(names);

  it.each([
    ['jonson', 2, ['johnson', 'jonsson', 'jansen', 'johnston']],
    ['smyth', 1, ['smyth', 'smith']],
    ['brwon', 1, ['brown']], // a swap of neighbours is one edit
    ['muler', 1, ['muller']],
    ['patel', 0, ['patel']],
    ['emma', 1, ['emma']],
    ['xyzzy', 2, []],
  ] as const)('%s within %i', (term, maxDistance, expected) => {
    expect(vocabulary.closest(term, maxDistance, 20).map((hit) => hit.word)).toEqual(expected);
  });

  it('orders by distance, then alphabetically, and says the distance', () => {
    expect(vocabulary.closest('smith', 2, 20)).toEqual([
      { word: 'smith', distance: 0 },
      { word: 'smithe', distance: 1 },
      { word: 'smyth', distance: 1 },
    ]);
  });

  it('stops at the limit, keeping the closest', () => {
    expect(vocabulary.closest('jonson', 2, 2)).toEqual([
      { word: 'johnson', distance: 1 },
      { word: 'jonsson', distance: 1 },
    ]);
  });

  it.each([
    [-1, 20],
    [2, 0],
    [Number.NaN, 20],
  ])('answers nothing for distance %d and limit %d', (maxDistance, limit) => expect(vocabulary.closest('smith', maxDistance, limit)).toEqual([]));

  it('counts code points, not UTF-16 units', () => {
    const cjk = vocabularyOf(['müller', '王小明', '𠮷野家', 'mxller']);
    expect(cjk.closest('muller', 1, 10)).toEqual([
      { word: 'mxller', distance: 1 },
      { word: 'müller', distance: 1 },
    ]);
    expect(cjk.closest('王小朋', 1, 10)).toEqual([{ word: '王小明', distance: 1 }]);
    expect(cjk.closest('吉野家', 1, 10)).toEqual([{ word: '𠮷野家', distance: 1 }]); // 𠮷 is two UTF-16 units
    expect(cjk.closest('𠮷野', 1, 10)).toEqual([{ word: '𠮷野家', distance: 1 }]);
  });

  it('keeps words distinct and counts them', () => {
    const vocabulary = vocabularyOf(['smith', 'smith', 'brown']);
    vocabulary.add(['smith', 'patel']);
    vocabulary.add([]);
    expect(vocabulary.size).toBe(3);
    expect(vocabulary.closest('smith', 0, 10)).toEqual([{ word: 'smith', distance: 0 }]);
  });
});

describe('SearchVocabulary against the full-matrix distance', () => {
  const random = seededRandom(42);
  const randomWord = (letters: string, shortest: number, longest: number) => {
    const length = shortest + Math.floor(random() * (longest - shortest + 1));
    let word = '';
    for (let i = 0; i < length; i++) word += [...letters][Math.floor(random() * [...letters].length)] ?? '';
    return word;
  };
  // A small alphabet makes many near neighbours; the mixed one has code points outside the target and astral ones.
  const alphabets = ['abc', 'abcde', 'aeinrstu', 'aü王𠮷z'];

  it.each(alphabets)('finds exactly the words within the distance over %j', (letters) => {
    const words = Array.from({ length: 3000 }, () => randomWord(letters, 1, 9));
    // Half in one batch (bucket rebuilt), the rest a few at a time (inserted in place).
    const vocabulary = vocabularyOf(words.slice(0, 1500));
    for (let i = 1500; i < words.length; i += 7) vocabulary.add(words.slice(i, i + 7));
    for (let query = 0; query < 150; query++) {
      const term = randomWord(letters, 0, 10);
      const maxDistance = query % 4;
      expect(vocabulary.closest(term, maxDistance, 1000), `${term}~${maxDistance}`).toEqual(referenceClosest(words, term, maxDistance, 1000));
    }
  });
});

describe('wordsOf', () => {
  it.each([
    ['Emma Patel', ['emma', 'patel']],
    ['Müller GmbH & Co. KG', ['muller', 'gmbh']],
    ['Ștefan Țurcanu', ['stefan', 'turcanu']],
    ['emma.patel@acme.com www.acme.com', []],
    ['Room 101 R2D2 2024', ['room']],
    ['Müller-Lüdenscheidt', ['muller-ludenscheidt', 'muller', 'ludenscheidt']],
    ["O'Brien", ["o'brien", 'brien']],
    ['Jo Li Wu', []],
    ['王小明', []], // one Han character is a word, and too short to misspell
    ['Smith smith SMITH', ['smith']],
    ['', []],
  ])('%j -> %j', (text, words) => expect(wordsOf(text)).toEqual(words));

  it('gives the same words for raw and folded text', () => {
    expect(wordsOf('Anna-Lena Schröder')).toEqual(wordsOf('anna-lena schroder'));
  });
});
