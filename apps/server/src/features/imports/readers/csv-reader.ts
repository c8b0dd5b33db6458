/**
 * CSV / TSV files as a table (issue #15): encoding and delimiter detected, the first non-blank record is the header,
 * the records after it are rows of text cells (a CSV types nothing; an empty cell is null).
 *
 * Forgiving where real files differ from RFC 4180: blank and whitespace-only lines are skipped; rows shorter than the
 * header are padded (Outlook stops a row at its last filled cell); extra cells that are empty are dropped (Excel and
 * hand edits leave trailing delimiters). Reported as problems, and reading goes on: extra cells with content, a quote
 * that never closes, a row longer than the limit.
 */
import { readPrefix } from './byte-sources.ts';
import { detectDelimiter } from './csv-delimiter.ts';
import { CsvTokenizer, defaultCsvLimits, isRecord, type CsvLimits, type CsvToken } from './csv-tokenizer.ts';
import { decodeSample, decodeText, detectEncoding, encodingSampleBytes, type TextEncoding } from './encoding.ts';
import { SourceError, type ByteSource, type CellValue, type OpenedTable, type OpenOptions, type SourceProblem, type SourceRow } from './source.ts';

export type { CsvLimits } from './csv-tokenizer.ts';

export async function openCsv(source: ByteSource, options: OpenOptions, limits: CsvLimits = defaultCsvLimits): Promise<OpenedTable> {
  const sample = await readPrefix(source, encodingSampleBytes);
  if (sample.bytes.length === 0) throw emptyFile();
  const { encoding } = detectEncoding(sample.bytes, sample.complete);
  const sampleText = decodeSample(sample.bytes, encoding, sample.complete);
  if (sample.complete && sampleText.trim() === '') throw emptyFile();
  const delimiter = detectDelimiter(sampleText, sample.complete, {
    fileName: options.fileName,
    utf16: encoding === 'utf-16le' || encoding === 'utf-16be',
  });

  const headers = await readHeader(source, encoding, delimiter, limits);
  return {
    kind: 'table',
    format: 'csv',
    encoding,
    delimiter,
    sheets: [],
    sheet: null,
    headers,
    rows: () => readRows(source, encoding, delimiter, limits, headers.length),
  };
}

/** The header's cells, trimmed; duplicates and empty names kept (the mapping tells columns apart by position). */
async function readHeader(source: ByteSource, encoding: TextEncoding, delimiter: string, limits: CsvLimits): Promise<string[]> {
  for await (const token of tokenize(source, encoding, delimiter, limits)) {
    if (!isRecord(token)) {
      throw new SourceError('no_header', `The header (line ${token.line}) cannot be read: ${token.message}`);
    }
    if (isBlank(token.cells)) continue;
    return token.cells.map((cell) => cell.trim());
  }
  throw emptyFile();
}

async function* readRows(
  source: ByteSource,
  encoding: TextEncoding,
  delimiter: string,
  limits: CsvLimits,
  width: number,
): AsyncGenerator<SourceRow | SourceProblem> {
  let headerSeen = false;
  for await (const token of tokenize(source, encoding, delimiter, limits)) {
    if (!isRecord(token)) {
      yield token;
      continue;
    }
    if (isBlank(token.cells)) continue;
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    yield toRow(token.line, token.cells, width);
  }
}

/** A record fitted to the header's width: padded with null, empty extra cells dropped, other extra cells refused. */
function toRow(line: number, cells: string[], width: number): SourceRow | SourceProblem {
  if (cells.length > width) {
    for (let i = width; i < cells.length; i++) {
      if ((cells[i] ?? '').trim() !== '') {
        return {
          line,
          code: 'too_many_columns',
          message: `The row has ${lastFilled(cells)} cells, the header only ${width}; the row was skipped.`,
        };
      }
    }
  }
  const values: CellValue[] = new Array<CellValue>(width);
  for (let i = 0; i < width; i++) {
    const cell = cells[i];
    values[i] = cell === undefined || cell === '' ? null : cell;
  }
  return { line, cells: values };
}

function lastFilled(cells: string[]): number {
  let count = cells.length;
  while (count > 0 && (cells[count - 1] ?? '').trim() === '') count--;
  return count;
}

/** A line with nothing but whitespace and delimiters: not a row and not a problem. */
function isBlank(cells: string[]): boolean {
  for (const cell of cells) {
    if (cell.length > 0 && cell.trim() !== '') return false;
  }
  return true;
}

/** Records and problems of the whole file, in order, decoding and tokenizing chunk by chunk. */
async function* tokenize(source: ByteSource, encoding: TextEncoding, delimiter: string, limits: CsvLimits): AsyncGenerator<CsvToken> {
  const tokenizer = new CsvTokenizer(delimiter, limits);
  for await (const text of decodeText(source, encoding)) {
    tokenizer.push(text);
    for (let token = tokenizer.next(); token !== null; token = tokenizer.next()) yield token;
  }
  tokenizer.end();
  for (let token = tokenizer.next(); token !== null; token = tokenizer.next()) yield token;
}

function emptyFile(): SourceError {
  return new SourceError('empty_file', 'The file is empty.');
}
