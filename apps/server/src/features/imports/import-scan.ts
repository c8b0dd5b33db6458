import type { Kysely } from 'kysely';
import type { ImportModule } from '@kontor/contract/imports';
import type { DB } from '../../db/schema.ts';
import { invalid, fieldError } from '../../errors.ts';
import { writeConfig } from '../records/write-config.ts';
import { storedFileSource } from './import-file.ts';
import { suggestMapping } from './mapping/auto-map.ts';
import { openSource } from './readers/open-source.ts';
import { isProblem, SourceError, type CellValue } from './readers/source.ts';

/**
 * What an uploaded file is (issue #15): its format, encoding, sheets and headers, sample values per column (the first
 * rows), and the mapping suggested from the headers. Read again when the user picks another sheet.
 */

const SAMPLE_ROWS = 500;
const SAMPLES_PER_COLUMN = 20;

export interface ScannedFile {
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheets: string;
  sheet: string | null;
  layout: string | null;
  headers: string;
  samples: string;
  mapping: string;
}

export const cellText = (v: CellValue): string => {
  if (v === null) return '';
  if (typeof v === 'object') return v.date;
  return String(v);
};

/** The file's refusal as a 400 naming the file (`details.fields.file.code`: `empty_file`, `xml_entities`, `zip_bomb`, …). */
export function fileRefusal(err: SourceError) {
  return invalid({ file: fieldError(err.code) }, err.message);
}

export async function scanImportFile(db: Kysely<DB>, importId: number, module: ImportModule, fileName: string, sheet: string | null): Promise<ScannedFile> {
  try {
    const opened = await openSource(storedFileSource(db, importId), { fileName, sheet });
    const base = { format: opened.format, encoding: opened.encoding, delimiter: opened.delimiter, sheets: JSON.stringify(opened.sheets), sheet: opened.sheet };
    if (opened.kind === 'records') {
      for await (const first of opened.records()) {
        void first; // a vCard file with no card at all is refused like an empty file
        return { ...base, layout: 'vcard', headers: '[]', samples: '[]', mapping: '[]' };
      }
      throw new SourceError('empty_file', 'The file holds no vCard.');
    }
    const samples: string[][] = opened.headers.map(() => []);
    let rows = 0;
    for await (const item of opened.rows()) {
      if (isProblem(item)) continue;
      item.cells.forEach((cell, i) => {
        const text = cellText(cell).trim();
        const list = samples[i];
        if (text && list && list.length < SAMPLES_PER_COLUMN) list.push(text.slice(0, 200));
      });
      if (++rows >= SAMPLE_ROWS) break;
    }
    const { defs } = await writeConfig(db, module);
    const suggested = suggestMapping(module, opened.headers, defs, samples);
    return { ...base, layout: suggested.layout, headers: JSON.stringify(opened.headers), samples: JSON.stringify(samples), mapping: JSON.stringify(suggested.targets) };
  } catch (err) {
    if (err instanceof SourceError) throw fileRefusal(err);
    throw err;
  }
}
