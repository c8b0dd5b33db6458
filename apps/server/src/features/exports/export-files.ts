import type { Module } from '@kontor/contract/custom-fields';
import type { exportFormats } from '@kontor/contract/views';
import { nowIso } from '../../lib/time.ts';
import type { Cell } from './cell-guard.ts';
import type { ExportColumn } from './export-columns.ts';

/** What every export file shares, whichever layout wrote it: its name, type and sheet name, and the ready export. */

export type ExportFormat = (typeof exportFormats)[number];

export const exportMimes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard; charset=utf-8',
};

export const sheetNames: Record<Module, string> = { accounts: 'Accounts', contacts: 'Contacts', deals: 'Deals', activities: 'Activities', leads: 'Leads' };

/** An export ready to run: everything checked; `chunks` walks the records when pulled. */
export interface PreparedExport {
  fileName: string;
  mime: string;
  columns: ExportColumn[];
  /** The rows it will write (XLSX exports and jobs count first). */
  total: number | null;
  chunks(onRows?: (written: number) => Promise<void>): AsyncGenerator<Uint8Array>;
}

/** `contacts-2026-11-30.csv`: the module and the day (UTC); a vCard file is `contacts.vcf`, as address books expect. */
export const exportFileName = (module: Module, format: ExportFormat, now = nowIso()): string => (format === 'vcf' ? `${module}.vcf` : `${module}-${now.slice(0, 10)}.${format}`);

/** The pages as they are, telling `onRows` how many rows went out so far (a job's progress; its chance to stop). */
export async function* countedPages(pages: AsyncGenerator<Cell[][]>, onRows?: (written: number) => Promise<void>): AsyncGenerator<Cell[][]> {
  let written = 0;
  for await (const page of pages) {
    yield page;
    written += page.length;
    await onRows?.(written);
  }
}
