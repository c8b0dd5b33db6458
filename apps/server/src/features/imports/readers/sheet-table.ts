import { SourceError, type CellValue, type SourceRow } from './source.ts';

/**
 * Sheets (XLSX, SpreadsheetML 2003) as tables: the first row with a value in a visible column is the header, hidden
 * columns are left out, and rows are cut to the header's columns; rows without a value are skipped.
 */

export interface RawSheetRow {
  /** The sheet's row number (1-based). */
  line: number;
  /** Cells by zero-based column index; holes are empty cells. */
  cells: CellValue[];
  /** The sheet's hidden columns (zero-based), known before its first row. */
  hidden: ReadonlySet<number>;
}

export interface SheetHeader {
  headers: string[];
  /** The sheet's column index for each header. */
  columns: number[];
  headerLine: number;
}

/** The header row found in the first rows of a sheet; `sheetName` names it in the refusal when there is none. */
export async function findHeader(rows: AsyncIterable<RawSheetRow>, sheetName: string): Promise<SheetHeader> {
  for await (const { line, cells, hidden } of rows) {
    let last = -1;
    cells.forEach((cell, index) => {
      if (cell !== null && cell !== undefined && !hidden.has(index)) last = index;
    });
    if (last < 0) continue;
    const columns: number[] = [];
    for (let c = 0; c <= last; c++) if (!hidden.has(c)) columns.push(c);
    return { headers: columns.map((c) => headerText(cells[c] ?? null)), columns, headerLine: line };
  }
  throw new SourceError('empty_file', `The sheet "${sheetName}" is empty.`);
}

/** The data rows below the header, one cell per header; rows with no value are not yielded. */
export async function* tableRows(rows: AsyncIterable<RawSheetRow>, header: SheetHeader): AsyncGenerator<SourceRow> {
  for await (const row of rows) {
    if (row.line <= header.headerLine) continue;
    const cells = header.columns.map((c) => row.cells[c] ?? null);
    if (cells.every((cell) => cell === null)) continue;
    yield { line: row.line, cells };
  }
}

function headerText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.date;
  return String(cell).trim();
}
