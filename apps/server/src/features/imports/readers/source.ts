/**
 * What every import reader answers (issue #15): a file opened as a table (CSV/TSV, XLSX, XML) or as records that map
 * themselves (vCard). Readers stream: rows come one at a time, whatever the file's size, and a reader never holds the
 * whole file in memory. A file is given as a `ByteSource` that can be read from the start again (a reader that needs
 * two passes, such as XLSX's shared strings before the sheet, opens it twice).
 */
import type { ImportFormat } from '@kontor/contract/imports';
import type { ImportDraft } from '../mapping/draft.ts';

/** The file's bytes from the start, each call a fresh stream. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/** A calendar date or a moment as the file typed it (XLSX date cells, SpreadsheetML `ss:Type="DateTime"`). */
export interface DateCell {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` (no zone: as the sheet shows it). */
  date: string;
}
/** A cell as the file typed it: text, a number, a boolean, a date; null when empty. */
export type CellValue = string | number | boolean | DateCell | null;

export interface SourceRow {
  /** The file's line (CSV: the physical line the record starts on, 1-based, the header being line 1; XLSX/XML: the row number). */
  line: number;
  /** One value per header, in header order (missing trailing cells are null). */
  cells: CellValue[];
}

/** A part of the file that could not be read as a row; the rest is read on. */
export interface SourceProblem {
  line: number;
  /** Header of the column concerned, when there is one. */
  column?: string;
  code: SourceProblemCode;
  /** English, for the report; the web app translates by `code`. */
  message: string;
}
export type SourceProblemCode =
  | 'unterminated_quote' // a quoted cell never closes: the row is reported, reading goes on after it
  | 'row_too_long' // a row longer than the limit (a 2 GB line): reported and skipped
  | 'too_many_columns'
  | 'bad_cell'
  | 'bad_card'; // a vCard that cannot be read

/** Refusals of a whole file (the import cannot start). */
export type SourceErrorCode =
  | 'empty_file'
  | 'unknown_format'
  | 'unreadable_encoding'
  | 'no_header'
  | 'xml_entities' // a DOCTYPE / entity declaration: never expanded, the file is refused
  | 'xml_malformed'
  | 'zip_bomb' // an XLSX whose parts expand past the limits
  | 'zip_malformed'
  | 'no_such_sheet'
  | 'file_too_large';

export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

interface OpenedCommon {
  format: ImportFormat;
  /** `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, `gbk`, …; null where it does not apply (XLSX). */
  encoding: string | null;
  /** CSV/TSV: the delimiter found (`,` `;` `\t` `|`). */
  delimiter: string | null;
  /** XLSX: every sheet; the one read is `sheet`. */
  sheets: SheetInfo[];
  sheet: string | null;
}

export interface OpenedTable extends OpenedCommon {
  kind: 'table';
  /** Header cells as written (trimmed); duplicates and empty names kept as they are (the mapping tells them apart by position). */
  headers: string[];
  /** The data rows after the header, streamed, with problems in line order among them. */
  rows(): AsyncIterable<SourceRow | SourceProblem>;
}

/** A file whose entries map themselves (vCard): each entry is already a draft record. */
export interface SourceRecord {
  line: number;
  /** `contacts` for a person; `accounts` for a company card (`X-ABShowAs:COMPANY`, `KIND:org`). */
  module: 'contacts' | 'accounts';
  draft: ImportDraft;
}
export interface OpenedRecords extends OpenedCommon {
  kind: 'records';
  records(): AsyncIterable<SourceRecord | SourceProblem>;
}

export type OpenedSource = OpenedTable | OpenedRecords;

export interface OpenOptions {
  fileName: string;
  /** XLSX: the sheet to read (default: the first visible one). */
  sheet?: string | null;
}

export function isProblem(x: SourceRow | SourceRecord | SourceProblem): x is SourceProblem {
  return 'code' in x;
}
