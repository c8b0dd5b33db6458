import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CustomFieldDefinition, Module } from '@kontor/contract/custom-fields';
import { csvDelimiters, defaultListColumns, type exportJobRequestSchema, type Job } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import { invalid, fieldError, refused, type FieldError } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { audit } from '../audit/audit.service.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import { columnKeysOf } from '../views/field-catalog.ts';
import { resolveListView } from '../views/list-view.ts';
import { selectionWhere } from '../views/selection.ts';
import { findUsableView } from '../views/views.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import type { RunningJob } from '../jobs/jobs.runner.ts';
import { deleteJobFile } from '../jobs/jobs.repository.ts';
import { csvChunks } from './csv-writer.ts';
import { CUSTOM_PREFIX, customKind, standardColumn, type ExportColumn } from './export-columns.ts';
import { countExportRows, exportRowPages, hasStandardColumn, type ExportSource } from './export-rows.ts';
import { XLSX_MAX_ROWS, xlsxChunks } from './xlsx-writer.ts';
import { countedPages, exportFileName, exportMimes, sheetNames, type PreparedExport } from './export-files.ts';
import { prepareFullExport } from './full-export.ts';

/**
 * Exports of a list (issue #13): the selected records the user may see, in the chosen columns and the view's order,
 * as CSV or XLSX, streamed to the caller (`GET /{module}/export`) or written by a background job into a file to
 * download later (`POST /{module}/export`). Both take the same request, checked the same way before anything runs.
 */

export type ExportRequest = z.output<typeof exportJobRequestSchema>;

export { exportFileName, type PreparedExport } from './export-files.ts';

/** May the actor export the module: the profile's `export` right besides `view` (administrators may). */
export function assertMayExport(actor: Actor, module: Module): void {
  assertCan(actor, 'view', module);
  assertCan(actor, 'export', module);
}

/** The columns of a saved or system view (the export's default when none are named). */
async function viewColumns(db: Kysely<DB>, actor: Actor, module: Module, viewId: string): Promise<string[]> {
  return (await findUsableView(db, actor, module, viewId)).columns;
}

/** The columns asked for (else the view's, else the module's default list columns), checked against the module's. */
export async function resolveColumns(db: Kysely<DB>, actor: Actor, module: Module, asked: string[] | undefined, viewId: string | undefined): Promise<string[]> {
  let keys = asked?.filter((k) => k !== '') ?? [];
  if (keys.length === 0 && viewId) keys = await viewColumns(db, actor, module, viewId);
  if (keys.length === 0) keys = [...defaultListColumns[module]];
  const allowed = (await columnKeysOf(db, module)).filter((k) => k.startsWith(CUSTOM_PREFIX) || hasStandardColumn(module, k));
  const errors: Record<string, FieldError> = {};
  keys.forEach((k, i) => {
    if (!allowed.includes(k)) errors[`columns.${i}`] = fieldError('unknown_column', { column: k, allowed: allowed.join(', ') });
  });
  if (new Set(keys).size !== keys.length) errors.columns = fieldError('column_twice');
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Some export columns are not columns of this module.');
  return keys;
}

function columnsOf(module: Module, keys: string[], defs: CustomFieldDefinition[]): { columns: ExportColumn[]; sources: ExportSource[] } {
  const byKey = new Map(defs.map((d) => [`${CUSTOM_PREFIX}${d.key}`, d]));
  const columns: ExportColumn[] = [];
  const sources: ExportSource[] = [];
  for (const key of keys) {
    const def = byKey.get(key);
    if (def) {
      columns.push({ key, label: def.label, kind: customKind[def.type] });
      sources.push({ key, custom: def });
      continue;
    }
    const column = standardColumn(module, key);
    if (!column) throw invalid({ columns: fieldError('unknown_column', { column: key }, `unknown column "${key}"`) });
    columns.push(column);
    sources.push({ key });
  }
  return { columns, sources };
}

/**
 * Checks an export request (rights, columns, selection, view, filter, sort; XLSX's row limit) and answers it ready
 * to run. Nothing is read from the records but, where needed, their count.
 */
export async function prepareExport(db: Kysely<DB>, actor: Actor, module: Module, req: ExportRequest, opts: { count?: boolean; pageSize?: number } = {}): Promise<PreparedExport> {
  assertMayExport(actor, module);
  if (req.layout === 'full' || req.format === 'vcf') return prepareFullExport(db, actor, module, req, opts);
  const viewId = 'all' in req.selection ? req.selection.view : undefined;
  const [keys, defs] = await Promise.all([resolveColumns(db, actor, module, req.columns, viewId), listCustomFields(db, module)]);
  const { columns, sources } = columnsOf(module, keys, defs);
  const where = await selectionWhere(db, actor, module, req.selection);
  const { keyset } = await resolveListView(db, actor, module, { view: viewId, sort: req.sort });
  const total = opts.count || req.format === 'xlsx' ? await countExportRows(db, actor, module, where) : null;
  if (req.format === 'xlsx' && total !== null && total > XLSX_MAX_ROWS - 1) {
    throw refused('unprocessable', 'xlsx_rows', { max: (XLSX_MAX_ROWS - 1).toLocaleString('en'), total: total.toLocaleString('en') });
  }
  const walk = { module, where, keyset, columns: sources };
  return {
    fileName: exportFileName(module, req.format),
    mime: exportMimes[req.format],
    columns,
    total,
    chunks(onRows) {
      const pages = countedPages(exportRowPages(db, actor, walk, opts.pageSize), onRows);
      return req.format !== 'xlsx'
        ? csvChunks(
            columns.map((c) => c.label),
            pages,
            { delimiter: csvDelimiters[req.delimiter], bom: req.bom },
          )
        : xlsxChunks(sheetNames[module], columns, pages);
    },
  };
}

/** What the audit log keeps of an export: who, which module and format, which columns, which records. */
function auditDetails(module: Module, req: ExportRequest, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const sel = req.selection;
  const which = 'ids' in sel ? { ids: sel.ids.length } : { view: sel.view ?? null, filter: sel.filter ?? null, q: sel.q ?? null, letter: sel.letter ?? null };
  return { module, format: req.format, layout: req.layout, columns: req.columns ?? null, ...which, ...extra };
}

/** `GET /{module}/export`: the export streamed in the response, read through `reader` (a replica, when there is one). */
export async function streamExport(db: Kysely<DB>, reader: Kysely<DB>, actor: Actor, module: Module, req: ExportRequest, ip: string | null): Promise<PreparedExport> {
  const prepared = await prepareExport(reader, actor, module, req);
  await audit(db, actor, 'export', { type: module, id: prepared.fileName }, auditDetails(module, req, { columns: prepared.columns.map((c) => c.key) }), ip);
  return prepared;
}

/** `POST /{module}/export`: checks the request now and leaves the writing to a job (its columns fixed now). */
export async function startExportJob(db: Kysely<DB>, actor: Actor, module: Module, req: ExportRequest, ip: string | null): Promise<Job> {
  const prepared = await prepareExport(db, actor, module, req, { count: true });
  // The list layout's columns are fixed now; the full layout's follow the fields as they are when the job runs.
  const payload: ExportRequest = req.layout === 'columns' && req.format !== 'vcf' ? { ...req, columns: prepared.columns.map((c) => c.key) } : req;
  const job = await enqueueJob(db, actor, { kind: 'export', module, action: req.format, payload, total: prepared.total });
  await audit(db, actor, 'export', { type: module, id: prepared.fileName }, auditDetails(module, payload, { job: job.id, total: prepared.total }), ip);
  return job;
}

/**
 * The job's work: the same checks again as the user is now (a right taken away meanwhile stops it), then the file,
 * written as it streams, with progress per page. A cancelled job stops and leaves no file.
 */
export async function runExportJob(db: Kysely<DB>, job: RunningJob, req: ExportRequest, pageSize?: number): Promise<void> {
  const prepared = await prepareExport(db, job.actor, job.module, req, { count: true, pageSize });
  const total = prepared.total;
  await job.progress({ total, processed: 0, succeeded: 0, skipped: 0 });
  let stopped = false;
  const source = async function* (): AsyncGenerator<Uint8Array> {
    for await (const chunk of prepared.chunks(async (written) => {
      await job.progress({ total: Math.max(total ?? 0, written), processed: written, succeeded: written, skipped: 0 });
      if (await job.cancelled()) stopped = true;
    })) {
      if (stopped) return;
      yield chunk;
    }
  };
  await job.writeFile(prepared.fileName, prepared.mime, source());
  if (stopped) await deleteJobFile(db, job.id);
}
