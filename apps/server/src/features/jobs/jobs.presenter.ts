import { z } from 'zod';
import { modules } from '@kontor/contract/custom-fields';
import { jobKinds, jobSkipSchema, jobStatuses, type Job } from '@kontor/contract/views';
import type { JobRow } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';

const skipsSchema = z.array(jobSkipSchema);

const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T => values.find((v) => v === value) ?? fallback;

/** Seconds left at the pace so far, while a job runs and knows its total. */
function etaSeconds(row: JobRow, now: number): number | null {
  if (row.status !== 'running' || row.total == null || row.started_at == null || row.processed <= 0) return null;
  const elapsed = (now - Date.parse(row.started_at)) / 1000;
  if (!(elapsed > 0)) return null;
  const left = Math.max(0, row.total - row.processed);
  return Math.ceil((left * elapsed) / row.processed);
}

/** A job as the API shows it. */
export function presentJob(row: JobRow, now = Date.now()): Job {
  const hasFile = row.status === 'done' && row.file_name != null;
  return {
    id: toApiId(row.id),
    kind: oneOf(jobKinds, row.kind, 'bulk'),
    module: oneOf(modules, row.module, 'contacts'),
    action: row.action,
    status: oneOf(jobStatuses, row.status, 'failed'),
    total: row.total,
    processed: row.processed,
    succeeded: row.succeeded,
    skipped: row.skipped,
    skips: parseJsonColumn(row.skips, skipsSchema, []),
    error: row.error,
    downloadUrl: hasFile ? `/api/v1/jobs/${row.id}/download` : null,
    fileName: hasFile ? row.file_name : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    etaSeconds: etaSeconds(row, now),
  };
}
