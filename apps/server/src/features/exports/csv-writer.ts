import { guardText, type Cell } from './cell-guard.ts';

/**
 * CSV as RFC 4180 writes it: fields separated by the delimiter, records ended by CRLF, a field quoted when it holds
 * the delimiter, a quote, CR or LF, a quote inside doubled. Text is guarded against formula injection before it is
 * quoted; numbers are written raw (`-5`, `1234.5`), booleans as `true`/`false`, empty cells as nothing. The file is
 * produced page by page, so memory stays flat however many rows there are.
 */

export type CsvDelimiter = ',' | ';' | '\t';
export interface CsvOptions {
  delimiter: CsvDelimiter;
  /** A UTF-8 byte order mark first, for Excel on Windows. */
  bom: boolean;
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const encoder = new TextEncoder();

function quoteIfNeeded(text: string, delimiter: CsvDelimiter): string {
  const needs = text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One field as written. */
export function csvField(cell: Cell, delimiter: CsvDelimiter): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return quoteIfNeeded(guardText(cell), delimiter);
}

/** One record with its CRLF. */
export function csvRecord(cells: readonly Cell[], delimiter: CsvDelimiter): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(cells[i] ?? null, delimiter);
  }
  return `${line}\r\n`;
}

/**
 * The file as chunks: the BOM (if asked), the header, then one chunk per page of rows. Pulled by the consumer, so
 * a slow reader slows the database walk down instead of piling rows up in memory.
 */
export async function* csvChunks(header: readonly string[], pages: AsyncIterable<readonly (readonly Cell[])[]>, opts: CsvOptions): AsyncGenerator<Uint8Array> {
  const head = encoder.encode(csvRecord(header, opts.delimiter));
  if (opts.bom) {
    const first = new Uint8Array(BOM.length + head.length);
    first.set(BOM, 0);
    first.set(head, BOM.length);
    yield first;
  } else yield head;
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    let text = '';
    for (const row of rows) text += csvRecord(row, opts.delimiter);
    yield encoder.encode(text);
  }
}
