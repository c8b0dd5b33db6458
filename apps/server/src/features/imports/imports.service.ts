import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { MAX_IMPORT_BYTES, importOptionsSchema, type Import, type ImportModule, type importStartSchema, type importUpdateSchema } from '@kontor/contract/imports';
import type { DB, ImportRow, ImportsTable } from '../../db/schema.ts';
import { fieldError, invalid, notFound, refused } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayAssignOwner } from '../permissions/access.ts';
import { checkReferences } from '../records/references.ts';
import { writeConfig } from '../records/write-config.ts';
import { storeImportFile } from './import-file.ts';
import { scanImportFile } from './import-scan.ts';
import { templateTargets } from './import-templates.ts';
import { presentImport, type ImportJobFacts } from './imports.presenter.ts';
import { cancelImportRun, deleteImportRow, findImportJobFacts, findImportRow, insertImportRow, listImportRows, resetImportForRun, updateImportRow, type ImportWithUser } from './imports.repository.ts';
import { isTargetAllowed } from './mapping/targets.ts';

/**
 * Imports (issue #15): upload a file as a draft (detected and mapped), adjust its mapping and options, run it (or a dry
 * run) as a job, read its progress and report, undo it. The `import` right of the module gates every step; an import
 * belongs to its user (administrators see every import).
 */

type ImportUpdateIn = z.output<typeof importUpdateSchema>;
type ImportStartIn = z.output<typeof importStartSchema>;

export interface IncomingImportFile {
  filename: string;
  stream: AsyncIterable<Uint8Array>;
}

async function importRowOr404(db: Kysely<DB>, actor: Actor, id: number): Promise<ImportWithUser> {
  const row = await findImportRow(db, id);
  if (!row || (row.user_id !== actor.id && !actor.isAdmin)) throw notFound('import');
  return row;
}

const jobFacts = (db: Kysely<DB>, row: ImportRow): Promise<ImportJobFacts | null> => (row.job_id === null ? Promise.resolve(null) : findImportJobFacts(db, row.job_id));

export async function getImport(db: Kysely<DB>, actor: Actor, id: number): Promise<Import> {
  const row = await importRowOr404(db, actor, id);
  return presentImport(row, actor, await jobFacts(db, row));
}

/** Counts newline bytes as the file streams in: an estimate of its rows for the progress bar. */
async function* counting(stream: AsyncIterable<Uint8Array>, seen: { lines: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) seen.lines += 1;
    yield chunk;
  }
}

export async function createImport(db: Kysely<DB>, actor: Actor, module: ImportModule, file: IncomingImportFile | undefined): Promise<Import> {
  assertCan(actor, 'import', module);
  if (!file) throw invalid({ file: fieldError('required') }, 'Send the file as multipart/form-data in a field named "file".');
  const fileName = file.filename.slice(0, 255) || 'import';
  const id = await insertImportRow(db, { user_id: actor.id, module, file_name: fileName, file_size: 0, format: 'csv', status: 'draft', options: JSON.stringify(importOptionsSchema.parse({})), created_at: nowIso() });
  try {
    const seen = { lines: 0 };
    const size = await storeImportFile(db, id, counting(file.stream, seen), MAX_IMPORT_BYTES);
    if (size === 0) throw invalid({ file: fieldError('empty_file') }, 'The file is empty.');
    const scanned = await scanImportFile(db, id, module, fileName, null);
    const rows = scanned.format === 'csv' ? Math.max(seen.lines - 1, 0) : null;
    await updateImportRow(db, id, { ...scanned, file_size: size, total_rows: rows });
  } catch (err) {
    await deleteImportRow(db, id);
    throw err;
  }
  return getImport(db, actor, id);
}

export async function listImports(db: Kysely<DB>, actor: Actor, q: { module?: ImportModule; limit: number; cursor?: string }): Promise<{ data: Import[]; nextCursor: string | null }> {
  const rows = await listImportRows(db, { userId: actor.isAdmin ? null : actor.id, module: q.module, beforeId: q.cursor ? fromApiId(q.cursor) : undefined, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const data = await Promise.all(page.map(async (row) => presentImport(row, actor, await jobFacts(db, row))));
  return { data, nextCursor: rows.length > q.limit ? String(page[page.length - 1]?.id) : null };
}

function assertDraft(row: ImportRow): void {
  if (row.status !== 'draft' && !(row.dry_run === 1 && (row.status === 'done' || row.status === 'failed' || row.status === 'cancelled'))) {
    throw refused('unprocessable', 'import_has_run');
  }
}

/** Checks the options' links (owner the actor may assign, contact type) before they are kept. */
async function checkOptions(db: Kysely<DB>, actor: Actor, module: ImportModule, options: z.output<typeof importOptionsSchema>): Promise<void> {
  const { ownerId, contactType } = options.defaults;
  const errors = await checkReferences(db, actor, { ownerId: ownerId ?? null, contactType: module === 'contacts' || module === 'accounts' ? (contactType ?? null) : null });
  if (Object.keys(errors).length) throw invalid(Object.fromEntries(Object.entries(errors).map(([k, v]) => [`options.defaults.${k}`, v])));
  if (ownerId) assertMayAssignOwner(actor, fromApiId(ownerId));
  if ((options.dedupe.mode === 'update_empty' || options.dedupe.mode === 'update_overwrite') && module !== 'contacts' && module !== 'accounts') {
    throw invalid({ 'options.dedupe.mode': fieldError('import_update_modules') });
  }
}

export async function updateImport(db: Kysely<DB>, actor: Actor, id: number, input: ImportUpdateIn): Promise<Import> {
  const row = await importRowOr404(db, actor, id);
  assertCan(actor, 'import', row.module as ImportModule);
  assertDraft(row);
  const module = row.module as ImportModule;
  const set: Updateable<ImportsTable> = {};
  let headers = JSON.parse(row.headers) as string[];
  let mapping = JSON.parse(row.mapping) as (string | null)[];
  if (input.options) {
    await checkOptions(db, actor, module, input.options);
    set.options = JSON.stringify(input.options);
    if ((input.options.sheet ?? null) !== row.sheet && row.format === 'xlsx') {
      const scanned = await scanImportFile(db, id, module, row.file_name, input.options.sheet ?? null);
      Object.assign(set, scanned);
      headers = JSON.parse(scanned.headers) as string[];
      mapping = JSON.parse(scanned.mapping) as (string | null)[];
    }
  }
  if (input.templateId) {
    const targets = await templateTargets(db, actor, fromApiId(input.templateId), module, headers);
    mapping = targets.mapping;
    if (targets.options && !input.options) set.options = JSON.stringify(targets.options);
    set.mapping = JSON.stringify(mapping);
  }
  if (input.mapping) {
    const { defs } = await writeConfig(db, module);
    const errors: Record<string, ReturnType<typeof fieldError>> = {};
    const next = [...mapping];
    input.mapping.forEach((m, i) => {
      if (m.column >= headers.length) errors[`mapping.${i}.column`] = fieldError('no_such_column');
      else if (m.target !== null && !isTargetAllowed(module, m.target, defs)) errors[`mapping.${i}.target`] = fieldError('unknown_import_target');
      else next[m.column] = m.target;
    });
    if (Object.keys(errors).length) throw invalid(errors);
    mapping = next;
    set.mapping = JSON.stringify(mapping);
  }
  if (Object.keys(set).length) await updateImportRow(db, id, set);
  return getImport(db, actor, id);
}

/** `inline` runs the job in this process before answering (the CLI). */
export async function startImport(db: Kysely<DB>, actor: Actor, id: number, input: ImportStartIn, opts: { inline?: boolean } = {}): Promise<Import> {
  const row = await importRowOr404(db, actor, id);
  const module = row.module as ImportModule;
  assertCan(actor, 'import', module);
  assertDraft(row);
  const mapping = JSON.parse(row.mapping) as (string | null)[];
  if (row.format !== 'vcard' && !mapping.some((t) => t !== null)) throw refused('unprocessable', 'import_nothing_mapped');
  // The import is marked queued before its job exists: a job run inline finds it so and moves it on.
  await resetImportForRun(db, id, input.dryRun);
  const job = await enqueueJob(db, actor, { kind: 'import', module, action: input.dryRun ? 'dry_run' : 'import', payload: { importId: id }, total: row.total_rows, inline: opts.inline });
  await updateImportRow(db, id, { job_id: fromApiId(job.id) });
  return getImport(db, actor, id);
}

export async function cancelImport(db: Kysely<DB>, actor: Actor, id: number): Promise<Import> {
  const row = await importRowOr404(db, actor, id);
  if (row.job_id !== null && (row.status === 'queued' || row.status === 'running')) await cancelImportRun(db, id, row.job_id);
  return getImport(db, actor, id);
}

export async function deleteImport(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  const row = await importRowOr404(db, actor, id);
  if (row.status !== 'draft') throw refused('unprocessable', 'import_not_draft');
  await deleteImportRow(db, id);
}

export async function undoImport(db: Kysely<DB>, actor: Actor, id: number): Promise<Import> {
  const row = await importRowOr404(db, actor, id);
  assertCan(actor, 'import', row.module as ImportModule);
  if (!presentImport(row, actor, null).canUndo) throw refused('unprocessable', 'import_not_undoable');
  const job = await enqueueJob(db, actor, { kind: 'import_undo', module: row.module as ImportModule, action: 'undo', payload: { importId: id }, total: null });
  await updateImportRow(db, id, { status: 'undoing', job_id: fromApiId(job.id) });
  return getImport(db, actor, id);
}

export { importRowOr404 };
