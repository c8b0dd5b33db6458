/**
 * Test support: a real-world fixture (`../shared/fixtures/real/`) read by the real readers into its headers and
 * rows, and its suggested mapping compiled, so mapping tests convert rows exactly as an import would.
 */
import { fileURLToPath } from 'node:url';
import type { ImportModule } from '@kontor/contract/imports';
import { fileSource } from '../readers/byte-sources.ts';
import { openCsv } from '../readers/csv-reader.ts';
import { openXlsx } from '../readers/xlsx-reader.ts';
import { openXml } from '../readers/xml-reader.ts';
import { isProblem, type OpenedTable, type SourceProblem, type SourceRow } from '../readers/source.ts';
import { suggestMapping } from './auto-map.ts';
import { compileConverter } from './convert.ts';
import { guessDateOrder, type DateOrder } from './dates.ts';
import type { ImportDraft } from './draft.ts';
import type { ConvertCustomField } from './field-values.ts';
import { cellText } from './values.ts';

export const fixturesDir = fileURLToPath(new URL('../../../../../../../shared/fixtures/real/', import.meta.url));

export interface FixtureTable {
  headers: string[];
  rows: SourceRow[];
  problems: SourceProblem[];
}

export async function readFixture(name: string, sheet?: string): Promise<FixtureTable> {
  const path = `${fixturesDir}${name}`;
  const source = fileSource(path);
  const options = { fileName: name, sheet: sheet ?? null };
  const opened: OpenedTable = name.endsWith('.xlsx') ? await openXlsx(source, options) : name.endsWith('.xml') ? await openXml(source, options) : await openCsv(source, options);
  const rows: SourceRow[] = [];
  const problems: SourceProblem[] = [];
  for await (const item of opened.rows()) {
    if (isProblem(item)) problems.push(item);
    else rows.push(item);
  }
  return { headers: opened.headers, rows, problems };
}

/** Each column's first non-empty values, as the import's column samples. */
export function samplesOf(table: FixtureTable, max = 5): string[][] {
  return table.headers.map((_, i) => table.rows.map((r) => cellText(r.cells[i] ?? null)).filter((s) => s !== '').slice(0, max));
}

export interface MappedFixture extends FixtureTable {
  layout: string | null;
  targets: (string | null)[];
  dateOrder: DateOrder;
  drafts: ImportDraft[];
  /** The target of the column with this header (the first such column). */
  targetOf: (header: string) => string | null | undefined;
}

/** A fixture read, auto-mapped for `module`, and every row converted. */
export async function mapFixture(name: string, module: ImportModule, customFields: ConvertCustomField[] = [], sheet?: string): Promise<MappedFixture> {
  const table = await readFixture(name, sheet);
  const samples = samplesOf(table);
  const defs = customFields.map((f) => ({ key: f.key, label: f.label ?? f.key, type: f.type }));
  const { layout, targets } = suggestMapping(module, table.headers, defs, samples);
  const dateSamples = targets.flatMap((t, i) => (t === 'field:birthday' ? (samples[i] ?? []) : []));
  const dateOrder = guessDateOrder(dateSamples, { layout });
  const convert = compileConverter({ module, headers: table.headers, targets, dateOrder, customFields });
  return {
    ...table,
    layout,
    targets,
    dateOrder,
    drafts: table.rows.map(convert),
    targetOf: (header) => {
      const i = table.headers.indexOf(header);
      return i < 0 ? undefined : targets[i];
    },
  };
}
