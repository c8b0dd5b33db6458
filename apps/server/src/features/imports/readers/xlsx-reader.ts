import type { DateKind } from './excel-dates.ts';
import {
  PART_CAPS,
  partOfType,
  readXmlParts,
  relationshipsHandler,
  sharedStringsHandler,
  stylesHandler,
  workbookHandler,
  type Relationship,
  type Workbook,
  type WorkbookSheet,
} from './xlsx-parts.ts';
import { findHeader, tableRows, type RawSheetRow } from './sheet-table.ts';
import { sheetHandler, type SheetContext } from './xlsx-sheet.ts';
import { SourceError, type ByteSource, type OpenedTable, type OpenOptions } from './source.ts';
import { parseXml } from './xml-tokenizer.ts';
import { zipEntries } from './zip-entries.ts';

/**
 * XLSX (Office Open XML) workbooks, streamed. The file is read several times from the start, each pass inflating only
 * the entries it needs: the workbook and its relationships (which sheets there are and where), then the styles and
 * shared strings, then the chosen sheet up to its header row, and once more for the rows when they are asked for. The
 * sheet itself is never held in memory; the shared strings are (cells refer to them by index), capped.
 */

/** A worksheet inflates to at most this much XML (a million rows of thirty inline-text columns, as our export writes, stays below). */
export const SHEET_CAP = 4 * 1024 * 1024 * 1024;

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

export async function openXlsx(source: ByteSource, options: OpenOptions): Promise<OpenedTable> {
  const workbook: Workbook = { sheets: [], date1904: false };
  const relationships = new Map<string, Relationship>();
  const found = await readXmlParts(
    source,
    new Map([
      [WORKBOOK, { cap: PART_CAPS.workbook, handler: workbookHandler(workbook) }],
      [WORKBOOK_RELS, { cap: PART_CAPS.rels, handler: relationshipsHandler(relationships) }],
    ]),
  );
  if (!found.has(WORKBOOK) || !found.has(WORKBOOK_RELS)) throw new SourceError('zip_malformed', 'The file is a ZIP archive but not an XLSX workbook (no xl/workbook.xml).');

  const chosen = chooseSheet(workbook.sheets, options.sheet ?? null);
  const sheetPath = relationships.get(chosen.relationId)?.target;
  if (!sheetPath) throw new SourceError('zip_malformed', `The workbook does not say where its sheet "${chosen.name}" is.`);

  const sharedStrings: string[] = [];
  const dateStyles: Array<DateKind | null> = [];
  await readXmlParts(
    source,
    new Map([
      [partOfType(relationships, 'styles', 'xl/styles.xml'), { cap: PART_CAPS.styles, handler: stylesHandler(dateStyles) }],
      [partOfType(relationships, 'sharedStrings', 'xl/sharedStrings.xml'), { cap: PART_CAPS.sharedStrings, handler: sharedStringsHandler(sharedStrings) }],
    ]),
  );
  const context: SheetContext = { sharedStrings, dateStyles, date1904: workbook.date1904 };

  const header = await findHeader(sheetRows(source, sheetPath, context), chosen.name);
  return {
    kind: 'table',
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheets: workbook.sheets.map(({ name, hidden }) => ({ name, hidden })),
    sheet: chosen.name,
    headers: header.headers,
    rows: () => tableRows(sheetRows(source, sheetPath, context), header),
  };
}

/** The sheet asked for by name (exactly, else ignoring case), or the first visible one. */
function chooseSheet(sheets: readonly WorkbookSheet[], wanted: string | null): WorkbookSheet {
  if (wanted !== null && wanted !== '') {
    const sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!sheet) throw new SourceError('no_such_sheet', `The workbook has no sheet named "${wanted}".`);
    return sheet;
  }
  const visible = sheets.find((s) => !s.hidden);
  if (!visible) throw new SourceError('empty_file', 'The workbook has no visible sheet.');
  return visible;
}

/** The sheet's rows in order, each with the sheet's hidden columns; stopping early stops reading the file. */
async function* sheetRows(source: ByteSource, sheetPath: string, context: SheetContext): AsyncGenerator<RawSheetRow> {
  const path = sheetPath.toLowerCase();
  async function* sheetBytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of zipEntries(source, (name) => (name.toLowerCase() === path ? SHEET_CAP : null))) {
      yield chunk.data;
      if (chunk.final) return;
    }
    throw new SourceError('zip_malformed', `The workbook lacks its sheet ${sheetPath}.`);
  }
  let hidden: ReadonlySet<number> = new Set();
  yield* parseXml<RawSheetRow>(sheetBytes(), (emit) =>
    sheetHandler(
      context,
      (columns) => (hidden = columns),
      (row) => emit({ ...row, hidden }),
    ),
  );
}
