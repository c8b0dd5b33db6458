/**
 * The CSV tokenizer (issue #15): decoded text goes in chunk by chunk, records (arrays of raw cell strings, with the
 * physical line each starts on) and problems come out. RFC 4180 quoting with doubled quotes, CRLF / LF / CR line ends,
 * line breaks inside quoted cells.
 *
 * It recovers instead of failing, because real files are broken in two ways that would otherwise lose the whole rest:
 * - a quote that never closes (a hand-edited file): when no closing quote comes before the end of the file or within a
 *   bounded look-ahead, the record is reported and reading goes on at the line after the one the quote opened on;
 * - a record far too long (a 2 GB line): reported, then skipped without keeping it in memory.
 *
 * Scanning uses `indexOf` and `charCodeAt` over whole chunks and cuts cells with `slice`: no per-character string
 * building, so a million rows take seconds.
 */
import type { SourceProblem } from './source.ts';

export interface CsvLimits {
  /** Longest record kept, in characters (default 1 MB): longer ones are reported as `row_too_long` and skipped. */
  maxRecordChars: number;
  /** How many lines an open quote may run for before it counts as never closing (default 10,000). */
  maxQuotedLines: number;
}

export const defaultCsvLimits: CsvLimits = { maxRecordChars: 1024 * 1024, maxQuotedLines: 10_000 };

export interface CsvRecord {
  kind: 'record';
  /** Physical line the record starts on (1-based). */
  line: number;
  cells: string[];
}

export type CsvToken = CsvRecord | SourceProblem;

export function isRecord(token: CsvToken): token is CsvRecord {
  return 'cells' in token;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

interface Incomplete {
  complete: false;
  /** Where the quoted cell the text ended in opened, -1 when the text ended outside quotes. */
  quoteStart: number;
  /** The quoted cell at `quoteStart` runs over more lines than allowed: taken as a quote that never closes. */
  runaway: boolean;
}
interface Parsed {
  complete: true;
  cells: string[];
  /** Index just past the record's line break (or the end of the text). */
  end: number;
  /** Line breaks inside the record's quoted cells. */
  innerBreaks: number;
  /** The record ended with a CR that was the last character so far: a LF coming next belongs to it. */
  endsWithLoneCr: boolean;
}

/** A record skipped without being kept: scanned to its end chunk by chunk. */
interface SkipState {
  /** `record`: to the record's end, quotes respected. `line`: to the next line break, quotes ignored. */
  mode: 'record' | 'line';
  inQuotes: boolean;
  atCellStart: boolean;
  /** The previous chunk ended with a quote inside a quoted cell: a doubled quote or the closing one. */
  quotePending: boolean;
  /** The previous chunk ended with a CR inside a quoted cell: a LF starting this one is the same line break. */
  crPending: boolean;
}

export class CsvTokenizer {
  private text = '';
  private pos = 0;
  private line = 1;
  private ended = false;
  /** A record ended with CR at the end of the text so far: skip a LF that starts the next chunk. */
  private swallowLf = false;
  /** After an incomplete record, wait for this much text before parsing it again (keeps re-parsing linear). */
  private minAvailable = 0;
  private skip: SkipState | null = null;
  private readonly breaks = new BreakFinder();
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly limits: CsvLimits = defaultCsvLimits,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    this.text = this.pos >= this.text.length ? chunk : this.text.slice(this.pos) + chunk;
    this.pos = 0;
  }

  end(): void {
    this.ended = true;
  }

  /** The next record or problem; null when more text is needed (or, after `end()`, when all is read). */
  next(): CsvToken | null {
    for (;;) {
      if (this.skip) {
        if (!this.skipOn(this.skip)) return null;
        this.skip = null;
      }
      if (this.swallowLf && this.pos < this.text.length) {
        if (this.text.charCodeAt(this.pos) === LF) this.pos++;
        this.swallowLf = false;
      }
      const available = this.text.length - this.pos;
      if (available === 0) return null;
      if (!this.ended && available < this.minAvailable) return null;

      // Only the first `maxRecordChars` characters of a record are ever looked at, so what is decided about a record
      // does not depend on how the text was cut into chunks.
      const windowEnd = Math.min(this.text.length, this.pos + this.limits.maxRecordChars);
      const windowIsAll = windowEnd === this.text.length;
      const parsed = parseRecord(this.text, this.pos, windowEnd, this.ended && windowIsAll, this.delimiter, this.limits.maxQuotedLines, this.breaks);
      if (parsed.complete) {
        const record: CsvRecord = { kind: 'record', line: this.line, cells: parsed.cells };
        this.line += parsed.innerBreaks + 1;
        this.pos = parsed.end;
        this.swallowLf = parsed.endsWithLoneCr;
        this.minAvailable = 0;
        return record;
      }
      if (parsed.runaway) return this.unterminatedQuote(parsed.quoteStart);
      if (windowIsAll) {
        // At the end of the file only a quote can leave a record open.
        if (this.ended) return this.unterminatedQuote(parsed.quoteStart);
        this.minAvailable = Math.min(available * 2, this.limits.maxRecordChars + 1);
        return null;
      }
      // The record goes on past the limit.
      if (parsed.quoteStart >= 0 && lineBreakAfter(this.text, parsed.quoteStart, windowEnd) >= 0) {
        return this.unterminatedQuote(parsed.quoteStart);
      }
      return this.startSkipping(parsed.quoteStart);
    }
  }

  /**
   * A quoted cell that never closes: the record is reported on its first line, and reading resumes at the line after
   * the one the quote opened on (the text after it is most likely intact rows).
   */
  private unterminatedQuote(quoteStart: number): SourceProblem {
    const recordLine = this.line;
    const quoteLine = recordLine + countBreaks(this.text, this.pos, quoteStart);
    const breakAt = lineBreakAfter(this.text, quoteStart);
    if (breakAt < 0) {
      this.pos = this.text.length;
    } else if (this.text.charCodeAt(breakAt) === CR && breakAt + 1 === this.text.length) {
      this.pos = breakAt + 1;
      this.swallowLf = true;
    } else {
      this.pos = breakAt + (this.text.charCodeAt(breakAt) === CR && this.text.charCodeAt(breakAt + 1) === LF ? 2 : 1);
    }
    this.line = quoteLine + 1;
    this.minAvailable = 0;
    const where = quoteLine === recordLine ? '' : ` (the quote opens on line ${quoteLine})`;
    return {
      line: recordLine,
      code: 'unterminated_quote',
      message: `A quoted cell never closes${where}; the row was skipped and reading goes on at line ${quoteLine + 1}.`,
    };
  }

  /** A record past the length limit: reported now, then skipped chunk by chunk without keeping it. */
  private startSkipping(quoteStart: number): SourceProblem {
    const recordLine = this.line;
    if (quoteStart >= 0) {
      // The open quote's own line is already longer than the limit: give up on it up to the end of that line.
      this.line += countBreaks(this.text, this.pos, quoteStart);
      this.pos = quoteStart;
      this.skip = { mode: 'line', inQuotes: false, atCellStart: false, quotePending: false, crPending: false };
    } else {
      this.skip = { mode: 'record', inQuotes: false, atCellStart: true, quotePending: false, crPending: false };
    }
    this.minAvailable = 0;
    return {
      line: recordLine,
      code: 'row_too_long',
      message: `The row is longer than ${this.limits.maxRecordChars} characters; it was skipped.`,
    };
  }

  /** Skips on through the text so far; true when the skipped record has ended (reading resumes after it). */
  private skipOn(state: SkipState): boolean {
    const text = this.text;
    const length = text.length;
    let i = this.pos;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (state.quotePending) {
        state.quotePending = false;
        if (c === QUOTE) {
          i++;
          continue;
        }
        state.inQuotes = false;
      }
      if (state.inQuotes) {
        const q = text.indexOf('"', i);
        const stop = q < 0 ? length : q;
        if (state.crPending && i === 0 && c === LF) this.line--;
        state.crPending = q < 0 && text.charCodeAt(length - 1) === CR;
        this.line += countBreaks(text, i, stop);
        if (q < 0) break;
        i = q + 1;
        state.quotePending = true;
        continue;
      }
      if (c === LF || c === CR) {
        this.pos = i + 1;
        this.line++;
        if (c === CR) {
          if (i + 1 < length) {
            if (text.charCodeAt(i + 1) === LF) this.pos++;
          } else {
            this.swallowLf = true;
          }
        }
        return true;
      }
      if (state.mode === 'record') {
        if (c === QUOTE && state.atCellStart) state.inQuotes = true;
        state.atCellStart = c === this.delimiter;
      }
      i++;
    }
    this.pos = length;
    // At the end of the file the skipped record simply ends.
    return this.ended;
  }
}

/**
 * One record from `start`, reading no further than `length` (the end of the text so far, or of the window a record may
 * fill); `complete: false` when the record goes on past it (more is needed, the record is too long, or at the end of
 * the file: a quote never closed). `atEnd`: `length` is the end of the file.
 */
function parseRecord(
  text: string,
  start: number,
  length: number,
  atEnd: boolean,
  delimiter: number,
  maxQuotedLines: number,
  breaks: BreakFinder,
): Parsed | Incomplete {
  const cells: string[] = [];
  let innerBreaks = 0;
  let i = start;
  for (;;) {
    let cell: string;
    if (i < length && text.charCodeAt(i) === QUOTE) {
      const quoteStart = i;
      cell = '';
      let segment = i + 1;
      let from = segment;
      for (;;) {
        let q = text.indexOf('"', from);
        if (q >= length) q = -1;
        // A quote as the last character so far may be the first of a doubled pair: wait for the next one.
        if (q < 0 || (q + 1 >= length && !atEnd)) {
          return { complete: false, quoteStart, runaway: countBreaks(text, quoteStart, length) > maxQuotedLines };
        }
        if (q + 1 < length && text.charCodeAt(q + 1) === QUOTE) {
          cell += text.slice(segment, q + 1);
          from = q + 2;
          segment = from;
          continue;
        }
        cell += text.slice(segment, q);
        i = q + 1;
        break;
      }
      if (breaks.before(text, quoteStart, i)) {
        const cellBreaks = countBreaks(text, quoteStart, i);
        if (cellBreaks > maxQuotedLines) return { complete: false, quoteStart, runaway: true };
        innerBreaks += cellBreaks;
      }
      // Text between the closing quote and the delimiter (`"abc"def`) is kept as written, as Excel does.
      const rest = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      if (i > rest) cell += text.slice(rest, i);
    } else {
      const cellStart = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      cell = text.slice(cellStart, i);
    }
    cells.push(cell);
    if (i >= length) {
      if (!atEnd) return { complete: false, quoteStart: -1, runaway: false };
      return { complete: true, cells, end: length, innerBreaks, endsWithLoneCr: false };
    }
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 < length) {
        return { complete: true, cells, end: text.charCodeAt(i + 1) === LF ? i + 2 : i + 1, innerBreaks, endsWithLoneCr: false };
      }
      return { complete: true, cells, end: i + 1, innerBreaks, endsWithLoneCr: !atEnd };
    }
    return { complete: true, cells, end: i + 1, innerBreaks, endsWithLoneCr: false };
  }
}

/**
 * Whether a quoted cell holds a line break, without scanning every cell: the next CR and LF of the text are found with
 * `indexOf` once and remembered until the scan passes them.
 */
class BreakFinder {
  private text = '';
  private lfFrom = 0;
  private lf = -1;
  private crFrom = 0;
  private cr = -1;

  /** Whether `text[from, to)` holds a CR or LF (positions only grow while the same text is scanned). */
  before(text: string, from: number, to: number): boolean {
    if (text !== this.text) {
      this.text = text;
      this.lfFrom = this.crFrom = Number.MAX_SAFE_INTEGER;
    }
    if (from < this.lfFrom || (this.lf >= 0 && this.lf < from)) {
      this.lf = text.indexOf('\n', from);
      this.lfFrom = from;
    }
    if (from < this.crFrom || (this.cr >= 0 && this.cr < from)) {
      this.cr = text.indexOf('\r', from);
      this.crFrom = from;
    }
    return (this.lf >= 0 && this.lf < to) || (this.cr >= 0 && this.cr < to);
  }
}

/** Line breaks (CRLF, LF or CR, each one) in `text[from, to)`. */
function countBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR) {
      breaks++;
      if (i + 1 < to && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return breaks;
}

/** Index of the first line break (CR or LF) in `text[from, to)`, -1 when there is none. */
function lineBreakAfter(text: string, from: number, to = text.length): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
  }
  return -1;
}
