import { importOptionsSchema, importStatuses, type Import, type ImportModule, type ImportStatus } from '@kontor/contract/imports';
import type { ImportRow } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';

/** An import as the API answers it. `job` gives a running import's progress (from its job row). */
export interface ImportJobFacts {
  processed: number;
  total: number | null;
  startedAt: string | null;
  status: string;
}

const parse = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

function progressOf(row: ImportRow, job: ImportJobFacts | null): Import['progress'] {
  if (!job || (row.status !== 'running' && row.status !== 'queued' && row.status !== 'undoing')) return null;
  const processed = job.processed;
  const total = job.total;
  const seconds = job.startedAt ? (Date.now() - Date.parse(job.startedAt)) / 1000 : 0;
  const rate = seconds > 1 && processed > 0 ? processed / seconds : null;
  const eta = rate && total !== null && total > processed ? Math.round((total - processed) / rate) : null;
  return { processed, total, rowsPerSecond: rate === null ? null : Math.round(rate), etaSeconds: eta };
}

export function presentImport(row: ImportRow & { user_name: string }, actor: Actor, job: ImportJobFacts | null): Import {
  const headers = parse<string[]>(row.headers, []);
  const samples = parse<string[][]>(row.samples, []);
  const mapping = parse<(string | null)[]>(row.mapping, []);
  const status: ImportStatus = (importStatuses as readonly string[]).includes(row.status) ? (row.status as ImportStatus) : 'failed';
  return {
    id: toApiId(row.id),
    module: row.module as ImportModule,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    format: row.format as Import['format'],
    encoding: row.encoding,
    delimiter: row.delimiter,
    sheets: parse(row.sheets, []),
    layout: row.layout,
    columns: headers.map((header, column) => ({ column, header, samples: (samples[column] ?? []).slice(0, 3), target: mapping[column] ?? null })),
    options: importOptionsSchema.parse(parse(row.options, {})),
    status,
    dryRun: row.dry_run === 1,
    counts: { rows: row.rows_done, created: row.created, updated: row.updated, skipped: row.skipped, failed: row.failed, accountsCreated: row.accounts_created },
    progress: progressOf(row, job),
    error: row.error,
    user: { id: toApiId(row.user_id), name: row.user_name },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    undoneAt: row.undone_at,
    canUndo: status === 'done' && row.dry_run === 0 && (row.user_id === actor.id || actor.isAdmin) && row.created + row.updated + row.accounts_created > 0,
  };
}
