/**
 * Which delimiter a delimited text file uses, told from its first records (issue #15): `,` (most programs), `;`
 * (Excel where the list separator is `;`, e.g. German Windows), TAB (Excel's "Unicode Text", `.tsv`) or `|`.
 *
 * Each candidate splits the sample with the real tokenizer (so delimiters inside quotes do not count); the one whose
 * header has several columns and whose rows agree with it wins. Rows shorter than the header are normal (Outlook omits
 * empty trailing cells), so they count half rather than against.
 */
import { CsvTokenizer, isRecord } from './csv-tokenizer.ts';

export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/** Records looked at per candidate. */
const sampleRecords = 50;

export interface DelimiterHints {
  fileName: string;
  /** Excel's "Unicode Text" is UTF-16 and always TAB-separated. */
  utf16: boolean;
}

export function detectDelimiter(sample: string, complete: boolean, hints: DelimiterHints): CsvDelimiter {
  const tabLikely = hints.utf16 || /\.(tsv|tab)$/i.test(hints.fileName);
  let best: CsvDelimiter = tabLikely ? '\t' : ',';
  let bestScore = 0;
  for (const delimiter of csvDelimiters) {
    const counts = cellCounts(sample, complete, delimiter);
    let score = agreementScore(counts);
    if (delimiter === '\t' && tabLikely && score > 0) score *= 4;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Cells per non-blank record of the sample (the last record is left out when the sample was cut inside it). */
function cellCounts(sample: string, complete: boolean, delimiter: CsvDelimiter): number[] {
  const tokenizer = new CsvTokenizer(delimiter, { maxRecordChars: sample.length + 1, maxQuotedLines: Number.MAX_SAFE_INTEGER });
  tokenizer.push(sample);
  if (complete) tokenizer.end();
  const counts: number[] = [];
  while (counts.length < sampleRecords) {
    const token = tokenizer.next();
    if (token === null) break;
    if (!isRecord(token)) continue;
    if (token.cells.every((cell) => cell.trim() === '')) continue;
    counts.push(nonEmptyWidth(token.cells));
  }
  return counts;
}

/** Cells up to the last non-empty one (trailing empty cells, which spreadsheets add freely, do not count). */
function nonEmptyWidth(cells: string[]): number {
  let width = cells.length;
  while (width > 1 && (cells[width - 1] ?? '').trim() === '') width--;
  return width;
}

/**
 * The header's width weighted by how well the rows agree with it: 0 when the header is one cell (the candidate does
 * not split the file at all).
 */
function agreementScore(counts: number[]): number {
  const [header, ...rows] = counts;
  if (header === undefined || header < 2) return 0;
  if (rows.length === 0) return header;
  let agreement = 0;
  for (const count of rows) {
    if (count === header) agreement += 1;
    else if (count > 1 && count < header) agreement += 0.5;
  }
  return header * (agreement / rows.length);
}
