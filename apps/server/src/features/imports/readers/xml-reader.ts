import { readPrefix } from './byte-sources.ts';
import { localName } from './xlsx-parts.ts';
import { openSpreadsheetMl, SPREADSHEET_NS } from './spreadsheetml.ts';
import { openXmlRecords } from './xml-records.ts';
import { SourceError, type ByteSource, type OpenedTable, type OpenOptions } from './source.ts';
import { parseXml, sniffXmlEncoding, type XmlAttributes } from './xml-tokenizer.ts';

/**
 * XML files: SpreadsheetML 2003 workbooks (Dynamics 365's import format) are read as sheets; everything else as a
 * record list, the Kontor XML schema (docs/IMPORT-XML.md) being one. Which one is told by the root element alone.
 * Files declaring a document type or entities are refused by the tokenizer before anything is read.
 */

interface Root {
  name: string;
  attributes: XmlAttributes;
}

/** The root element's name and attributes (reading stops there). */
async function rootOf(source: ByteSource): Promise<Root> {
  for await (const root of parseXml<Root>(source(), (emit) => ({
    open: (name, attributes) => emit({ name, attributes }),
    close: () => undefined,
    text: () => undefined,
  }))) {
    return root;
  }
  throw new SourceError('empty_file', 'The file holds no XML element.');
}

/** SpreadsheetML's root: `<Workbook>` (or `<ss:Workbook>`) in the spreadsheet namespace. */
export function isSpreadsheetMl(root: Root): boolean {
  if (localName(root.name) !== 'Workbook') return false;
  const colon = root.name.indexOf(':');
  const nsAttribute = colon < 0 ? 'xmlns' : `xmlns:${root.name.slice(0, colon)}`;
  return root.attributes[nsAttribute] === SPREADSHEET_NS;
}

export async function openXml(source: ByteSource, options: OpenOptions): Promise<OpenedTable> {
  const { bytes } = await readPrefix(source, 512);
  if (bytes.length === 0) throw new SourceError('empty_file', 'The file is empty.');
  const encoding = sniffXmlEncoding(bytes);
  const root = await rootOf(source);
  if (isSpreadsheetMl(root)) return openSpreadsheetMl(source, options, encoding);
  return openXmlRecords(source, encoding);
}
