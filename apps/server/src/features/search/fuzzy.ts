import { foldForSearch } from '@kontor/contract/search-query';

/**
 * `term~` (similar spelling) is answered from a vocabulary of the distinct words in the index, not from the rows:
 * edit distance against every row costs 200 ms at 1M contacts, against the distinct words about a millisecond
 * (../shared/PERFORMANCE.md). The closest words then become ordinary word terms for the index.
 *
 * Distances are Damerau-Levenshtein in its optimal-string-alignment form (a swap of neighbours counts 1, so `brwon`
 * finds brown), over code points (ü and 王 are one character each).
 */

export interface SimilarWord {
  word: string;
  distance: number;
}

const codePointsOf = (word: string): number[] => Array.from(word, (ch) => ch.codePointAt(0) ?? 0);

/** Below this many new words for one length they are inserted one by one; above it the bucket is rebuilt. */
const rebuildBatchSize = 64;

/**
 * The words of one length, sorted, their code points in one flat array (word k at `k * length`), and for each the
 * length of the prefix it shares with the word before it: closest() reuses the rows of that prefix and skips every
 * word under a prefix that is already too far from the term, so the search costs about what a trie walk costs.
 */
class LengthBucket {
  words: string[] = [];
  private codes = new Int32Array(0);
  private shared = new Int32Array(0);

  constructor(readonly length: number) {}

  has(word: string): boolean {
    const k = this.insertionPoint(word);
    return this.words[k] === word;
  }

  /** Adds distinct words not yet in the bucket. */
  add(newWords: string[]) {
    if (newWords.length > rebuildBatchSize) {
      this.words = this.words.concat(newWords).sort();
      this.rebuild();
      return;
    }
    for (const word of newWords) this.insert(word);
  }

  private insertionPoint(word: string): number {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.words[middle] ?? '') < word) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private insert(word: string) {
    const k = this.insertionPoint(word);
    const count = this.words.length;
    const length = this.length;
    if ((count + 1) * length > this.codes.length || count + 1 > this.shared.length) this.grow(Math.max(16, (count + 1) * 2));
    this.codes.copyWithin((k + 1) * length, k * length, count * length);
    this.codes.set(codePointsOf(word), k * length);
    this.shared.copyWithin(k + 1, k, count);
    this.words.splice(k, 0, word);
    this.shared[k] = k > 0 ? this.commonPrefix(k - 1, k) : 0;
    if (k + 1 <= count) this.shared[k + 1] = this.commonPrefix(k, k + 1);
  }

  private grow(capacity: number) {
    const codes = new Int32Array(capacity * this.length);
    codes.set(this.codes);
    this.codes = codes;
    const shared = new Int32Array(capacity);
    shared.set(this.shared);
    this.shared = shared;
  }

  private rebuild() {
    const length = this.length;
    this.codes = new Int32Array(this.words.length * length);
    this.shared = new Int32Array(this.words.length);
    this.words.forEach((word, k) => {
      this.codes.set(codePointsOf(word), k * length);
      this.shared[k] = k > 0 ? this.commonPrefix(k - 1, k) : 0;
    });
  }

  private commonPrefix(a: number, b: number): number {
    let i = 0;
    while (i < this.length && this.codes[a * this.length + i] === this.codes[b * this.length + i]) i++;
    return i;
  }

  /**
   * Calls `found` for every word within `maxDistance` of the target of `rows`. Words are walked in order; a word
   * reuses the rows of the prefix it shares with the word before, and when a row is too far every following word
   * under that prefix is skipped. A code point that is not in the target gives the farthest row any code point can
   * (no match, no swap), so once a row was too far, every sibling with a code point outside the target is skipped
   * without computing it.
   */
  collect(rows: EditRows, found: (word: string, distance: number) => void) {
    const length = this.length;
    const codes = this.codes;
    const count = this.words.length;
    const shared = this.shared;
    let validRows = 0; // rows 1..validRows hold the prefix of the word last computed
    let missTooFarAt = 0; // a row found too far under the prefix still held
    let k = 0;
    while (k < count) {
      const base = k * length;
      const reused = Math.min(shared[k] ?? 0, validRows);
      if (reused + 1 < missTooFarAt) missTooFarAt = 0; // the rows it was computed under are about to change
      let tooFarAt = 0;
      if (reused + 1 === missTooFarAt && !rows.inTarget(codes[base + reused] ?? 0)) tooFarAt = missTooFarAt;
      for (let i = reused + 1; tooFarAt === 0 && i <= length; i++) {
        const ch = codes[base + i - 1] ?? 0;
        if (rows.fill(i, ch, i > 1 ? (codes[base + i - 2] ?? 0) : -1)) continue;
        tooFarAt = i;
        missTooFarAt = i;
      }
      if (tooFarAt > 0) {
        validRows = tooFarAt - 1;
        k += 1;
        while (k < count && (shared[k] ?? 0) >= tooFarAt) k += 1;
        continue;
      }
      validRows = length;
      const distance = rows.distance();
      if (distance <= rows.maxDistance) found(this.words[k] ?? '', distance);
      k += 1;
    }
  }
}

/**
 * The edit-distance matrix of one target against the words of one length, row by row. Only a band is computed: a
 * cell (i, j) whose remaining word and remaining target differ in length by more than `maxDistance` lies on no
 * alignment within it, so it stays at `tooFar` (Ukkonen's cut-off, exact here because the word length is known).
 */
class EditRows {
  private readonly cells: Int32Array;
  private readonly width: number;
  private readonly offset: number;
  private readonly tooFar: number;
  private readonly targetMask: number;

  constructor(
    private readonly target: Int32Array,
    private readonly wordLength: number,
    readonly maxDistance: number,
  ) {
    this.width = target.length + 1;
    this.offset = target.length - wordLength; // the band of row i is j = i + offset ± maxDistance
    this.tooFar = maxDistance + 1;
    this.targetMask = target.reduce((mask, ch) => mask | (1 << (ch & 31)), 0);
    // cells[i * width + j]: distance between the first i code points of the word and the first j of the target
    this.cells = new Int32Array((wordLength + 1) * this.width).fill(this.tooFar);
    for (let j = 0; j <= Math.min(target.length, this.offset + maxDistance); j++) this.cells[j] = Math.min(j, this.tooFar);
    for (let i = 1; i <= Math.min(wordLength, maxDistance - this.offset); i++) this.cells[i * this.width] = Math.min(i, this.tooFar);
  }

  /** Asked for most words visited, so a 32-bit mask of the target's code points answers most of them in one step. */
  inTarget(ch: number): boolean {
    if (((this.targetMask >>> (ch & 31)) & 1) === 0) return false;
    const target = this.target;
    for (let j = 0; j < target.length; j++) if (target[j] === ch) return true;
    return false;
  }

  /**
   * Computes row i for the word's code point `ch` (after `before`); false when the whole row is too far. Then every
   * later row is too (a swap reaches back two rows, and the row between would then be within), so the word is.
   */
  fill(i: number, ch: number, before: number): boolean {
    const { cells, target, width, tooFar, maxDistance } = this;
    const row = i * width;
    const above = row - width;
    const targetLength = target.length;
    const first = Math.max(1, i + this.offset - maxDistance);
    const last = Math.min(targetLength, i + this.offset + maxDistance);
    // the lowest distance any alignment through this row can still end with: a cell plus the remaining length gap
    let bound = i <= maxDistance - this.offset ? (cells[row] ?? tooFar) + Math.abs(this.wordLength - i - targetLength) : tooFar;
    for (let j = first; j <= last; j++) {
      const targetCh = target[j - 1] ?? 0;
      let distance = (cells[above + j - 1] ?? tooFar) + (ch === targetCh ? 0 : 1);
      const deletion = (cells[above + j] ?? tooFar) + 1;
      if (deletion < distance) distance = deletion;
      const insertion = (cells[row + j - 1] ?? tooFar) + 1;
      if (insertion < distance) distance = insertion;
      if (j > 1 && ch === target[j - 2] && before === targetCh) {
        const swap = (cells[above - width + j - 2] ?? tooFar) + 1;
        if (swap < distance) distance = swap;
      }
      if (distance > tooFar) distance = tooFar;
      cells[row + j] = distance;
      const gap = this.wordLength - i - (targetLength - j);
      const reachable = distance + (gap < 0 ? -gap : gap);
      if (reachable < bound) bound = reachable;
    }
    return bound <= maxDistance;
  }

  /** The distance of the whole word, once its last row is filled. */
  distance(): number {
    return this.cells[this.wordLength * this.width + this.target.length] ?? this.tooFar;
  }
}

/** The distinct words of the index, for `term~`. Words are expected folded (`wordsOf`); they are stored as given. */
export class SearchVocabulary {
  private readonly buckets = new Map<number, LengthBucket>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(words: Iterable<string>): void {
    const fresh = new Map<number, Set<string>>();
    for (const word of words) {
      if (word.length === 0) continue;
      const length = codePointsOf(word).length;
      if (this.buckets.get(length)?.has(word)) continue;
      let set = fresh.get(length);
      if (!set) fresh.set(length, (set = new Set()));
      set.add(word);
    }
    for (const [length, set] of fresh) {
      let bucket = this.buckets.get(length);
      if (!bucket) this.buckets.set(length, (bucket = new LengthBucket(length)));
      bucket.add([...set]);
      this.count += set.size;
    }
  }

  /** The words within `maxDistance` edits of `term` (itself included, at 0), closest first, then alphabetical. */
  closest(term: string, maxDistance: number, limit: number): SimilarWord[] {
    if (!(maxDistance >= 0) || !(limit > 0)) return [];
    const target = Int32Array.from(codePointsOf(term));
    const distanceLimit = Math.floor(maxDistance);
    const found: SimilarWord[] = [];
    const shortest = Math.max(1, target.length - distanceLimit);
    for (let length = shortest; length <= target.length + distanceLimit; length++) {
      this.buckets.get(length)?.collect(new EditRows(target, length, distanceLimit), (word, distance) => found.push({ word, distance }));
    }
    found.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return found.slice(0, limit);
  }
}

const vocabularyWord = (word: string) => [...word].length >= 3 && /\p{L}/u.test(word) && !/[@.\p{N}]/u.test(word);

/**
 * The vocabulary entries of a text (raw or already folded: folding twice changes nothing): its distinct words of at
 * least 3 code points with a letter, and the parts of joined words (`muller-ludenscheidt` also gives `ludenscheidt`).
 * E-mails, hosts and words with digits are left out: nobody misspells them on purpose, and they would crowd out names.
 */
export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const word of foldForSearch(text).split(' ')) {
    if (vocabularyWord(word)) words.add(word);
    if (/[-_'&+]/.test(word) && !/[@.\p{N}]/u.test(word)) {
      for (const part of word.split(/[-_'&+]+/)) if (vocabularyWord(part)) words.add(part);
    }
  }
  return [...words];
}
