import { localName } from './xlsx-parts.ts';
import { findHeader, tableRows, type RawSheetRow } from './sheet-table.ts';
import { SourceError, type ByteSource, type CellValue, type OpenedTable, type OpenOptions, type SheetInfo } from './source.ts';
import { parseXml, type XmlAttributes, type XmlHandler } from './xml-tokenizer.ts';

/**
 * SpreadsheetML 2003 ("XML Spreadsheet 2003", what Dynamics 365 imports and Excel still saves): `<Workbook>` holding
 * `<Worksheet ss:Name>` elements, each a `<Table>` of `<Row>`s of `<Cell><Data ss:Type="…">`. `ss:Index` on a row or
 * cell skips to that (1-based) position, `ss:MergeAcross` makes a cell span columns, and `<Column ss:Hidden="1">` hides
 * columns, which are left out like XLSX's. A sheet is hidden by `<WorksheetOptions><Visible>SheetHidden</Visible>`.
 */

export const SPREADSHEET_NS = 'urn:schemas-microsoft-com:office:spreadsheet';

const MAX_COLUMNS = 16_384;

/** An attribute whatever its prefix (`ss:Index`, or `Index` where the spreadsheet namespace is the default). */
function attribute(attributes: XmlAttributes, name: string): string | undefined {
  const plain = attributes[`ss:${name}`] ?? attributes[name];
  if (plain !== undefined) return plain;
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return undefined;
}

function positiveInt(text: string | undefined): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** A `<Data>` value as typed: numbers, booleans and dates keep their type; errors are empty. */
function typedValue(type: string, text: string): CellValue {
  switch (type) {
    case 'Number': {
      const n = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'Boolean':
      return text.trim() === '1' || text.trim().toLowerCase() === 'true';
    case 'DateTime': {
      const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(text.trim());
      if (!m?.[1]) return text === '' ? null : text;
      // Excel writes every date as a moment at midnight (`1980-07-05T00:00:00.000`): midnight is a plain date.
      return { date: m[2] && m[2] !== '00:00:00' ? `${m[1]}T${m[2]}` : m[1] };
    }
    case 'Error':
      return null;
    default:
      return text === '' ? null : text;
  }
}

interface SheetEvents {
  sheet(info: SheetInfo): void;
  row(row: RawSheetRow): void;
}

/** Reads every worksheet's name and visibility, and the rows of the worksheet `wanted` (by position), if any. */
function workbookHandler(wanted: number | null, on: SheetEvents): XmlHandler {
  let sheetIndex = -1;
  let name = '';
  let hiddenSheet = false;
  let inVisible = false;
  let visibleText = '';
  let hiddenColumns = new Set<number>();
  let nextColumn = 0;
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let column = 0;
  let mergeAcross = 0;
  let inComment = 0;
  let dataType: string | null = null;
  let dataText: string[] = [];
  let dataDepth = 0;
  const reading = (): boolean => sheetIndex === wanted;

  return {
    open(tag, attributes) {
      switch (localName(tag)) {
        case 'Worksheet':
          sheetIndex += 1;
          name = attribute(attributes, 'Name') ?? `Sheet${sheetIndex + 1}`;
          hiddenSheet = false;
          hiddenColumns = new Set();
          nextColumn = 0;
          rowNumber = 0;
          return;
        case 'Visible':
          inVisible = true;
          visibleText = '';
          return;
      }
      if (!reading()) return;
      if (dataType !== null) {
        // Formatting inside a cell (`<Data><B>bold</B></Data>`, html namespace): its text is the cell's.
        dataDepth += 1;
        return;
      }
      switch (localName(tag)) {
        case 'Column': {
          const index = (positiveInt(attribute(attributes, 'Index')) ?? nextColumn + 1) - 1;
          const span = Math.min(MAX_COLUMNS, positiveInt(attribute(attributes, 'Span')) ?? 0);
          const hidden = attribute(attributes, 'Hidden') === '1';
          for (let c = index; c <= index + span && c < MAX_COLUMNS; c++) if (hidden) hiddenColumns.add(c);
          nextColumn = index + span + 1;
          return;
        }
        case 'Row':
          rowNumber = positiveInt(attribute(attributes, 'Index')) ?? rowNumber + 1;
          cells = [];
          column = 0;
          return;
        case 'Cell': {
          const index = positiveInt(attribute(attributes, 'Index'));
          if (index !== null) column = index - 1;
          mergeAcross = Math.min(MAX_COLUMNS, positiveInt(attribute(attributes, 'MergeAcross')) ?? 0);
          return;
        }
        case 'Comment':
          // A cell's comment holds a `<Data>` of its own: not the cell's value.
          inComment += 1;
          return;
        case 'Data':
          if (inComment > 0) return;
          dataType = attribute(attributes, 'Type') ?? 'String';
          dataText = [];
          dataDepth = 0;
          return;
      }
    },
    close(tag) {
      const local = localName(tag);
      if (local === 'Visible') {
        inVisible = false;
        if (/^Sheet(Very)?Hidden$/.test(visibleText.trim())) hiddenSheet = true;
        return;
      }
      if (local === 'Worksheet') {
        on.sheet({ name, hidden: hiddenSheet });
        return;
      }
      if (!reading()) return;
      if (dataType !== null) {
        if (dataDepth > 0) {
          dataDepth -= 1;
          return;
        }
        const value = typedValue(dataType, dataText.join(''));
        if (value !== null && column < MAX_COLUMNS) cells[column] = value;
        dataType = null;
        return;
      }
      if (local === 'Comment') inComment -= 1;
      else if (local === 'Cell') column += 1 + mergeAcross;
      else if (local === 'Row') on.row({ line: rowNumber, cells, hidden: hiddenColumns });
    },
    text(text) {
      if (inVisible) visibleText += text;
      else if (dataType !== null && reading()) dataText.push(text);
    },
  };
}

/** `ss:MergeAcross` cells are read as their first column; the columns they cover stay empty. */
export async function openSpreadsheetMl(source: ByteSource, options: OpenOptions, encoding: string): Promise<OpenedTable> {
  const sheets: SheetInfo[] = [];
  // First pass: the worksheets' names and visibility (a sheet's visibility is written after its rows).
  for await (const row of parseXml<RawSheetRow>(source(), (emit) => workbookHandler(null, { sheet: (s) => sheets.push(s), row: emit }))) void row;
  if (sheets.length === 0) throw new SourceError('empty_file', 'The XML spreadsheet has no worksheet.');

  const wanted = options.sheet ?? null;
  let index: number;
  if (wanted) {
    index = sheets.findIndex((s) => s.name === wanted);
    if (index < 0) index = sheets.findIndex((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (index < 0) throw new SourceError('no_such_sheet', `The workbook has no sheet named "${wanted}".`);
  } else {
    index = sheets.findIndex((s) => !s.hidden);
    if (index < 0) throw new SourceError('empty_file', 'The workbook has no visible sheet.');
  }
  const sheetName = sheets[index]?.name ?? '';
  const rowsOf = (): AsyncGenerator<RawSheetRow> => parseXml<RawSheetRow>(source(), (emit) => workbookHandler(index, { sheet: () => undefined, row: emit }));
  const header = await findHeader(rowsOf(), sheetName);
  return {
    kind: 'table',
    format: 'xml',
    encoding,
    delimiter: null,
    sheets,
    sheet: sheetName,
    headers: header.headers,
    rows: () => tableRows(rowsOf(), header),
  };
}
