import { builtinDateKind, customDateKind, type DateKind } from './excel-dates.ts';
import { SourceError, type ByteSource, type SheetInfo } from './source.ts';
import { XmlByteDecoder, XmlTokenizer, type XmlHandler } from './xml-tokenizer.ts';
import { zipEntries } from './zip-entries.ts';

/**
 * The parts of an XLSX workbook read before its sheet: the workbook (sheet names, visibility, 1904 dates), its
 * relationships (where each sheet, the shared strings and the styles live), the styles (which cell styles show dates)
 * and the shared-string table (held in memory, as cells refer to it by index, and capped).
 */

const MB = 1024 * 1024;
export const PART_CAPS = { workbook: 20 * MB, rels: 10 * MB, styles: 50 * MB, sharedStrings: 200 * MB };
/** Characters all shared strings may hold together (about 200 MB of memory at most). */
export const MAX_SHARED_CHARS = 100_000_000;
export const MAX_SHARED_COUNT = 10_000_000;

/** Local names: workbook parts use a default namespace, but some writers prefix every element (`x:sheet`). */
export const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

const lower = (path: string): string => path.toLowerCase();

/** Collects handlers for the given entry paths and feeds each its entry's XML in one pass; stops when all are read. */
export async function readXmlParts(source: ByteSource, parts: ReadonlyMap<string, { cap: number; handler: XmlHandler }>): Promise<Set<string>> {
  const wanted = new Map([...parts].map(([path, part]) => [lower(path), { path, ...part }]));
  const running = new Map<string, { decoder: XmlByteDecoder; tokenizer: XmlTokenizer }>();
  const done = new Set<string>();
  for await (const chunk of zipEntries(source, (name) => wanted.get(lower(name))?.cap ?? null)) {
    const part = wanted.get(lower(chunk.name));
    if (!part || done.has(part.path)) continue;
    let parser = running.get(part.path);
    if (!parser) {
      parser = { decoder: new XmlByteDecoder(), tokenizer: new XmlTokenizer(part.handler) };
      running.set(part.path, parser);
    }
    const text = parser.decoder.push(chunk.data);
    if (text) parser.tokenizer.write(text);
    if (chunk.final) {
      const rest = parser.decoder.end();
      if (rest) parser.tokenizer.write(rest);
      parser.tokenizer.end();
      done.add(part.path);
      if (done.size === wanted.size) break;
    }
  }
  return done;
}

export interface WorkbookSheet extends SheetInfo {
  relationId: string;
}
export interface Workbook {
  sheets: WorkbookSheet[];
  date1904: boolean;
}

export function workbookHandler(into: Workbook): XmlHandler {
  return {
    open(name, attributes) {
      const local = localName(name);
      if (local === 'sheet') {
        const state = attributes.state ?? 'visible';
        const relationId = attributes['r:id'] ?? Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
        into.sheets.push({ name: attributes.name ?? '', hidden: state === 'hidden' || state === 'veryHidden', relationId });
      } else if (local === 'workbookPr') {
        into.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      }
    },
    close() {},
    text() {},
  };
}

export interface Relationship {
  type: string;
  target: string;
}

export function relationshipsHandler(into: Map<string, Relationship>): XmlHandler {
  return {
    open(name, attributes) {
      if (localName(name) !== 'Relationship' || attributes.TargetMode === 'External') return;
      const id = attributes.Id;
      if (id) into.set(id, { type: attributes.Type ?? '', target: resolvePartPath('xl/', attributes.Target ?? '') });
    },
    close() {},
    text() {},
  };
}

/** A relationship target as a path inside the ZIP: absolute (`/xl/…`) or relative to the folder of the part (`xl/`). */
export function resolvePartPath(folder: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : folder + target;
  const out: string[] = [];
  for (const segment of joined.replace(/\\/g, '/').split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/** The target of the first relationship whose type ends with `/kind` (`styles`, `sharedStrings`), or the usual path. */
export function partOfType(relationships: ReadonlyMap<string, Relationship>, kind: string, usual: string): string {
  for (const rel of relationships.values()) if (rel.type.endsWith(`/${kind}`)) return rel.target;
  return usual;
}

/** For each cell style (cellXfs index): the kind of date it shows, or null for none. */
export function stylesHandler(into: Array<DateKind | null>): XmlHandler {
  const customFormats = new Map<number, DateKind | null>();
  const formatOfStyle: number[] = [];
  let inCellXfs = false;
  return {
    open(name, attributes) {
      const local = localName(name);
      if (local === 'numFmt') {
        const id = Number(attributes.numFmtId);
        if (Number.isInteger(id)) customFormats.set(id, customDateKind(attributes.formatCode ?? ''));
      } else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs) formatOfStyle.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (localName(name) !== 'cellXfs') return;
      inCellXfs = false;
      // A custom format may reuse a built-in id; the custom code wins then.
      for (const id of formatOfStyle) into.push(customFormats.has(id) ? (customFormats.get(id) ?? null) : builtinDateKind(id));
    },
    text() {},
  };
}

/** The shared-string table: each `<si>`'s text, rich-text runs joined, phonetic guides (`<rPh>`) left out. */
export function sharedStringsHandler(into: string[]): XmlHandler {
  let inItem = false;
  let inPhonetic = 0;
  let inText = false;
  let parts: string[] = [];
  let chars = 0;
  return {
    open(name) {
      const local = localName(name);
      if (local === 'si') {
        inItem = true;
        parts = [];
      } else if (local === 'rPh') inPhonetic += 1;
      else if (local === 't' && inItem && inPhonetic === 0) inText = true;
    },
    close(name) {
      const local = localName(name);
      if (local === 't') inText = false;
      else if (local === 'rPh') inPhonetic -= 1;
      else if (local === 'si') {
        inItem = false;
        const text = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
        chars += text.length;
        if (chars > MAX_SHARED_CHARS || into.length >= MAX_SHARED_COUNT) {
          throw new SourceError('file_too_large', 'The workbook shares more text between its cells than can be read; save the sheet as CSV instead.');
        }
        into.push(text);
      }
    },
    text(text) {
      if (inText) parts.push(text);
    },
  };
}
