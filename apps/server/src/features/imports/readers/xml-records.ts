import { localName } from './xlsx-parts.ts';
import { SourceError, type ByteSource, type OpenedTable, type SourceRow } from './source.ts';
import { parseXml, type XmlAttributes, type XmlHandler } from './xml-tokenizer.ts';

/**
 * XML record lists as tables: the Kontor XML schema (`<kontor module="contacts"><contact>…</contact></kontor>`, see
 * docs/IMPORT-XML.md) and any flat list shaped like it (a root holding repeated, same-named record elements whose
 * children or attributes are the fields). Two passes: the first finds the record element and the union of all
 * records' field names (the headers, in order of first appearance), the second streams the records as rows.
 *
 * A record's fields: its attributes (`<contact id="7">` -> `id`); each child element holding text (`<firstName>`);
 * a child with a `label` attribute is headed `name (label)` (`<email label="work">` -> `email (work)`); a child holding
 * elements is a group whose children are headed `group: child` (`address (work): city`). A field given several times
 * in one record keeps every value in one cell, joined by ` ::: ` (the one marked `primary="true"` first).
 */

/** Fields a record list may have: a file with more is not a record list. */
export const MAX_FIELDS = 1000;
const MAX_CANDIDATES = 100;
export const VALUE_SEPARATOR = ' ::: ';

interface Field {
  header: string;
  primary: boolean;
  /** A child holding elements: its text between them is layout, its fields are its children. */
  group: boolean;
  text: string[];
}

/** Reads one record from the events inside it; `depth` is relative to the record element (0). */
class RecordCollector {
  readonly values = new Map<string, string[]>();
  private readonly open: Field[] = [];
  private hasChildren = false;
  private readonly ownText: string[] = [];

  constructor(
    private readonly name: string,
    attributes: XmlAttributes,
  ) {
    for (const [key, value] of Object.entries(attributes)) if (!key.startsWith('xmlns')) this.add(localName(key), value, false);
  }

  element(name: string, attributes: XmlAttributes, depth: number): void {
    const local = localName(name);
    if (depth === 1) {
      this.hasChildren = true;
      const label = attributes.label?.trim();
      this.open[0] = { header: label ? `${local} (${label})` : local, primary: attributes.primary === 'true' || attributes.primary === '1', group: false, text: [] };
      this.open.length = 1;
    } else if (depth === 2) {
      const group = this.open[0];
      if (group) group.group = true;
      this.open[1] = { header: `${group?.header ?? ''}: ${local}`, primary: group?.primary ?? false, group: false, text: [] };
      this.open.length = 2;
    }
  }

  end(depth: number): void {
    if (depth === 1 || depth === 2) {
      const field = this.open[depth - 1];
      // A group (a child holding elements) gave its fields already.
      if (field && !field.group) this.add(field.header, field.text.join(''), field.primary);
      this.open.length = depth - 1;
    }
  }

  text(text: string, depth: number): void {
    if (depth === 0) this.ownText.push(text);
    else this.open[Math.min(depth, 2) - 1]?.text.push(text);
  }

  /** Done: a record with neither children nor attributes is a single field named after itself (`<name>Ana</name>`). */
  finish(): Map<string, string[]> {
    if (!this.hasChildren && this.values.size === 0) this.add(localName(this.name), this.ownText.join(''), false);
    return this.values;
  }

  private add(header: string, raw: string, primary: boolean): void {
    const value = raw.trim();
    let values = this.values.get(header);
    if (!values) {
      values = [];
      this.values.set(header, values);
    }
    if (value === '') return;
    if (primary) values.unshift(value);
    else values.push(value);
  }
}

/** Where records are: the root's children named `name` (depth 1), or their children under a single wrapper (depth 2). */
interface RecordPath {
  depth: 1 | 2;
  name: string;
}

interface Candidate {
  count: number;
  headers: Set<string>;
  overflow: boolean;
}

/**
 * Calls `onRecord` for each record at `path` (or for every candidate path when surveying: `path` null), with its
 * fields, from the events of the whole document.
 */
function recordsHandler(path: RecordPath | null, onRecord: (path: RecordPath, values: Map<string, string[]>) => void): XmlHandler {
  const names: string[] = [];
  const active: Array<{ path: RecordPath; start: number; collector: RecordCollector }> = [];
  const wants = (candidate: RecordPath): boolean => path === null || (path.depth === candidate.depth && path.name === candidate.name);
  return {
    open(name, attributes, selfClosing) {
      const depth = names.length;
      names.push(name);
      for (const record of active) record.collector.element(name, attributes, depth - record.start);
      const candidate: RecordPath | null = depth === 1 ? { depth: 1, name: localName(name) } : depth === 2 ? { depth: 2, name: localName(name) } : null;
      if (candidate && wants(candidate)) active.push({ path: candidate, start: depth, collector: new RecordCollector(name, attributes) });
      void selfClosing;
    },
    close() {
      names.pop();
      const depth = names.length;
      for (let i = active.length - 1; i >= 0; i--) {
        const record = active[i];
        if (!record) continue;
        if (record.start === depth) {
          active.splice(i, 1);
          onRecord(record.path, record.collector.finish());
        } else record.collector.end(depth - record.start);
      }
    },
    text(text) {
      const depth = names.length - 1;
      for (const record of active) record.collector.text(text, depth - record.start);
    },
  };
}

/** First pass: the record element and its headers. */
async function survey(source: ByteSource): Promise<{ path: RecordPath; headers: string[] }> {
  const candidates = new Map<string, Candidate>();
  let rootChildren = 0;
  const key = (path: RecordPath): string => `${path.depth}/${path.name}`;
  const handler = recordsHandler(null, (path, values) => {
    if (path.depth === 1) rootChildren += 1;
    let candidate = candidates.get(key(path));
    if (!candidate) {
      if (candidates.size >= MAX_CANDIDATES) return;
      candidate = { count: 0, headers: new Set(), overflow: false };
      candidates.set(key(path), candidate);
    }
    candidate.count += 1;
    for (const header of values.keys()) {
      if (candidate.headers.has(header)) continue;
      if (candidate.headers.size >= MAX_FIELDS) candidate.overflow = true;
      else candidate.headers.add(header);
    }
  });
  for await (const item of parseXml<never>(source(), () => handler)) void item;

  const best = (depth: 1 | 2): [string, Candidate] | null => {
    let found: [string, Candidate] | null = null;
    for (const entry of candidates) if (entry[0].startsWith(`${depth}/`) && (!found || entry[1].count > found[1].count)) found = entry;
    return found;
  };
  const outer = best(1);
  const inner = best(2);
  // `<response><contacts><contact/>…</contacts></response>`: a single wrapper around the records.
  const chosen = outer && rootChildren === 1 && inner && inner[1].count > 1 ? inner : outer;
  if (!chosen || chosen[1].headers.size === 0) throw new SourceError('no_header', 'The XML holds no records: expected a root element holding repeated record elements.');
  if (chosen[1].overflow) throw new SourceError('xml_malformed', `The XML records have more than ${MAX_FIELDS} different fields.`);
  const [depth, name] = [chosen === inner ? 2 : 1, chosen[0].slice(2)] as const;
  return { path: { depth, name }, headers: [...chosen[1].headers] };
}

export async function openXmlRecords(source: ByteSource, encoding: string): Promise<OpenedTable> {
  const { path, headers } = await survey(source);
  const position = new Map(headers.map((header, index) => [header, index]));
  return {
    kind: 'table',
    format: 'xml',
    encoding,
    delimiter: null,
    sheets: [],
    sheet: null,
    headers,
    async *rows(): AsyncGenerator<SourceRow> {
      let ordinal = 0;
      const records = parseXml<SourceRow>(source(), (emit) =>
        recordsHandler(path, (_path, values) => {
          ordinal += 1;
          const cells: Array<string | null> = headers.map(() => null);
          for (const [header, list] of values) {
            const at = position.get(header);
            if (at !== undefined && list.length > 0) cells[at] = list.join(VALUE_SEPARATOR);
          }
          if (cells.some((cell) => cell !== null)) emit({ line: ordinal, cells });
        }),
      );
      yield* records;
    },
  };
}
