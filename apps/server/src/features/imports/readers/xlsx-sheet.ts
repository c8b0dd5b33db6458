import { serialToCell, type DateKind } from './excel-dates.ts';
import { localName } from './xlsx-parts.ts';
import type { CellValue } from './source.ts';
import type { XmlHandler } from './xml-tokenizer.ts';

/**
 * A worksheet's XML (`xl/worksheets/sheetN.xml`) read row by row: each `<row>` becomes its row number and its cells by
 * column index, typed as the file typed them. Hidden columns (`<col hidden="1">`, which come before the rows) are
 * reported so the reader can leave them out.
 */

/** Excel's last column (XFD): cells past it are ignored rather than growing a row without bound. */
export const MAX_COLUMNS = 16_384;

export interface SheetRow {
  /** The sheet's row number (1-based). */
  line: number;
  /** Cells by zero-based column index; holes are empty cells. */
  cells: CellValue[];
}

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per cell style: the kind of date it shows, or null. */
  dateStyles: ReadonlyArray<DateKind | null>;
  date1904: boolean;
}

/** The zero-based column of a cell reference (`C5` -> 2), or -1 when it has none. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > MAX_COLUMNS) return MAX_COLUMNS;
  }
  return i === 0 ? -1 : n - 1;
}

/** Number text as a number, full precision kept (`40256555112` stays that integer). */
function numberOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

export function sheetHandler(context: SheetContext, onHiddenColumns: (hidden: ReadonlySet<number>) => void, emit: (row: SheetRow) => void): XmlHandler {
  const hidden = new Set<number>();
  let hiddenReported = false;
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let inRow = false;
  let column = -1;
  // The cell being read.
  let type = 'n';
  let style = 0;
  let value = '';
  let inline: string[] = [];
  let reading: 'v' | 't' | null = null;
  let inPhonetic = 0;

  const reportHidden = (): void => {
    if (hiddenReported) return;
    hiddenReported = true;
    onHiddenColumns(hidden);
  };

  const cellValue = (): CellValue => {
    switch (type) {
      case 's': {
        const index = numberOf(value);
        return index === null ? null : (context.sharedStrings[index] ?? null);
      }
      case 'inlineStr':
        return inline.join('');
      case 'str':
        return value;
      case 'b':
        return value.trim() === '' ? null : value.trim() === '1' || value.trim().toLowerCase() === 'true';
      case 'e':
        return null;
      case 'd':
        // ISO 8601 date cells (rare; strict OOXML writers).
        return value.trim() === '' ? null : { date: value.trim().replace(/Z$/, '').replace(/\.\d+$/, '') };
      default: {
        const n = numberOf(value);
        if (n === null) return null;
        const kind = context.dateStyles[style] ?? null;
        return kind ? serialToCell(n, kind, context.date1904) : n;
      }
    }
  };

  return {
    open(name, attributes) {
      switch (localName(name)) {
        case 'col':
          if (attributes.hidden === '1' || attributes.hidden === 'true') {
            const min = Math.max(1, Number(attributes.min) || 1);
            const max = Math.min(MAX_COLUMNS, Number(attributes.max) || min);
            for (let c = min; c <= max; c++) hidden.add(c - 1);
          }
          break;
        case 'sheetData':
          reportHidden();
          break;
        case 'row': {
          const r = Number(attributes.r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          inRow = true;
          column = -1;
          break;
        }
        case 'c': {
          const ref = attributes.r ? columnIndex(attributes.r) : -1;
          column = ref >= 0 ? ref : column + 1;
          type = attributes.t ?? 'n';
          style = Number(attributes.s ?? 0) || 0;
          value = '';
          inline = [];
          break;
        }
        case 'v':
          reading = 'v';
          break;
        case 't':
          if (type === 'inlineStr' && inPhonetic === 0) reading = 't';
          break;
        case 'rPh':
          inPhonetic += 1;
          break;
      }
    },
    close(name) {
      switch (localName(name)) {
        case 'v':
        case 't':
          reading = null;
          break;
        case 'rPh':
          inPhonetic -= 1;
          break;
        case 'c':
          if (inRow && column >= 0 && column < MAX_COLUMNS) {
            const cell = cellValue();
            if (cell !== null && cell !== '') cells[column] = cell;
          }
          break;
        case 'row':
          inRow = false;
          emit({ line: rowNumber, cells });
          break;
      }
    },
    text(text) {
      if (reading === 'v') value += text;
      else if (reading === 't') inline.push(text);
    },
  };
}
