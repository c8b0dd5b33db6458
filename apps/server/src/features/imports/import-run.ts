import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { importOptionsSchema, type ImportModule, type ImportProblem } from '@kontor/contract/imports';
import type { DB, ImportRow } from '../../db/schema.ts';
import { refused } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { RunningJob } from '../jobs/jobs.runner.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { writeConfig, type WriteConfig } from '../records/write-config.ts';
import { eventOrigin } from '../timeline/timeline-events.ts';
import { importEntries, type ImportEntry } from './import-entries.ts';
import { ImportLinks } from './import-links.ts';
import { ImportMatcher } from './import-match.ts';
import type { ItemRecord, RowResult } from './import-rows.ts';
import { ChunkWriter } from './import-chunk.ts';
import { columnLookup, resolvedDateOrder } from './import-settings.ts';

/**
 * Runs an import as a background job (issue #15). Entries are stored in chunks, one transaction each; the chunk's
 * records, the import's items (for undo), its problems, the source ids, the counts and the checkpoint (`rows_done`)
 * commit together, so a process killed mid-import resumes after the last committed chunk: no row lost or doubled. A
 * dry run does the same work and rolls every chunk back. Every event the import's writes record names the import.
 */

export const importJobPayload = z.object({ importId: z.number().int().positive() });

const CHUNK_ROWS = 2000;

interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  accountsCreated: number;
}
const noCounts = (): Counts => ({ created: 0, updated: 0, skipped: 0, failed: 0, accountsCreated: 0 });

function tally(counts: Counts, r: RowResult): void {
  if (r.outcome === 'create') counts.created += 1;
  else if (r.outcome === 'update') counts.updated += 1;
  else if (r.outcome === 'skip') counts.skipped += 1;
  else counts.failed += 1;
  counts.accountsCreated += r.accountsCreated;
}

/** What an import needs to store rows, built once per run. */
export async function rowWriterFor(db: Kysely<DB>, actor: Actor, row: ImportRow, dryRun: boolean): Promise<ChunkWriter> {
  const options = importOptionsSchema.parse(JSON.parse(row.options));
  const module = row.module as ImportModule;
  const configs: Partial<Record<ImportModule, WriteConfig>> = {};
  for (const m of new Set<ImportModule>([module, 'accounts', 'contacts'])) configs[m] = await writeConfig(db, m);
  const accountConfig = configs.accounts as WriteConfig;
  const links = new ImportLinks(actor, accountConfig, { ownerId: options.defaults.ownerId ?? null, contactType: options.defaults.contactType ?? null, tags: options.defaults.tags ?? [] });
  const region = options.region ?? configs[module]?.settings.defaultPhoneRegion ?? null;
  const matcher = new ImportMatcher(actor, module, options.dedupe.matchOn, region);
  return new ChunkWriter({ actor, module, mode: options.dedupe.mode, matchOn: matcher, links, configs, columnOf: columnLookup(row), dryRun, region: options.region ?? null });
}

/** The entries of the import's file from the start, converted by its mapping. */
export async function entriesOf(db: Kysely<DB>, row: ImportRow): Promise<AsyncGenerator<ImportEntry>> {
  const options = importOptionsSchema.parse(JSON.parse(row.options));
  const { defs } = await writeConfig(db, row.module as ImportModule);
  return importEntries(db, {
    importId: row.id,
    fileName: row.file_name,
    module: row.module as ImportModule,
    sheet: row.sheet,
    targets: JSON.parse(row.mapping) as (string | null)[],
    dateOrder: resolvedDateOrder(row, options.dateOrder),
    customFields: defs,
  });
}

async function writeChunkOutcome(trx: Kysely<DB>, importId: number, results: RowResult[], problems: ImportProblem[], rowsDone: number, counts: Counts): Promise<void> {
  // A record both created and then filled in by the import is its creation (undo removes it): creations are written first.
  const items: ItemRecord[] = results.flatMap((r) => r.items).sort((a, b) => (a.action === b.action ? 0 : a.action === 'created' ? -1 : 1));
  for (let i = 0; i < items.length; i += 200) {
    await trx
      .insertInto('import_items')
      .values(items.slice(i, i + 200).map((it) => ({ import_id: importId, module: it.module, record_id: it.recordId, action: it.action, before: it.before ? JSON.stringify(it.before) : null })))
      .onConflict((oc) => oc.columns(['import_id', 'module', 'record_id']).doNothing())
      .execute();
  }
  const sources = results.flatMap((r) => r.sourceIds);
  for (const s of sources) {
    await trx
      .insertInto('import_source_ids')
      .values({ module: s.module, source_id: s.sourceId, record_id: s.recordId, import_id: importId })
      .onConflict((oc) => oc.columns(['module', 'source_id']).doUpdateSet({ record_id: s.recordId, import_id: importId }))
      .execute();
  }
  for (let i = 0; i < problems.length; i += 200) {
    await trx
      .insertInto('import_problems')
      .values(problems.slice(i, i + 200).map((p) => ({ import_id: importId, line: p.line, column_name: p.column, code: p.code, message: p.message.slice(0, 1000), outcome: p.outcome })))
      .execute();
  }
  await trx
    .updateTable('imports')
    .set({
      rows_done: rowsDone,
      created: sql`created + ${counts.created}`,
      updated: sql`updated + ${counts.updated}`,
      skipped: sql`skipped + ${counts.skipped}`,
      failed: sql`failed + ${counts.failed}`,
      accounts_created: sql`accounts_created + ${counts.accountsCreated}`,
    })
    .where('id', '=', importId)
    .execute();
}

/** The `import` job: stores the file's entries from the checkpoint on. */
export async function runImportJob(db: Kysely<DB>, job: RunningJob): Promise<void> {
  const { importId } = importJobPayload.parse(job.payload);
  const row = await db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!row) throw refused('not_found', 'import_gone');
  assertCan(job.actor, 'import', row.module as ImportModule);
  const dryRun = row.dry_run === 1;
  await db.updateTable('imports').set({ status: 'running', ...(row.started_at === null && { started_at: nowIso() }) }).where('id', '=', importId).execute();
  // A dry run has nothing committed to resume from: it starts over.
  const startAt = dryRun ? 0 : row.rows_done;
  if (dryRun) await resetCounts(db, importId);
  const writer = await rowWriterFor(db, job.actor, row, dryRun);
  const origin = { import: { id: String(importId), fileName: row.file_name } };
  const total = row.total_rows;
  let processed = startAt;
  let chunk: ImportEntry[] = [];
  let stopped = false;
  const flush = async () => {
    if (chunk.length === 0) return;
    const entries = chunk;
    chunk = [];
    await eventOrigin.run(origin, () => storeChunk(db, writer, importId, entries, dryRun));
    // better-sqlite3 answers synchronously: without this the whole import would run before the process serves any
    // other request (the progress bar's included).
    await new Promise((resolve) => setImmediate(resolve));
    processed = (entries.at(-1)?.index ?? processed) + 1;
    const now = await db.selectFrom('imports').select(['created', 'updated', 'skipped', 'failed']).where('id', '=', importId).executeTakeFirstOrThrow();
    await job.progress({ total: total !== null ? Math.max(total, processed) : null, processed, succeeded: now.created + now.updated, skipped: now.skipped + now.failed });
    if (await job.cancelled()) stopped = true;
  };
  for await (const entry of await entriesOf(db, row)) {
    if (entry.index < startAt) continue;
    chunk.push(entry);
    if (chunk.length >= CHUNK_ROWS) await flush();
    if (stopped) break;
  }
  if (!stopped) await flush();
  const cancelled = stopped && (await db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirst())?.status === 'cancelled';
  const status = stopped ? (cancelled ? 'cancelled' : 'queued') : 'done';
  await db.updateTable('imports').set({ status, total_rows: stopped ? total : processed, ...(status !== 'queued' && { finished_at: nowIso() }) }).where('id', '=', importId).execute();
}

async function resetCounts(db: Kysely<DB>, importId: number): Promise<void> {
  await db.deleteFrom('import_problems').where('import_id', '=', importId).execute();
  await db.updateTable('imports').set({ rows_done: 0, created: 0, updated: 0, skipped: 0, failed: 0, accounts_created: 0 }).where('id', '=', importId).execute();
}

/** One chunk in one transaction: its rows, then what they did and the checkpoint; a dry run rolls the rows back. */
async function storeChunk(db: Kysely<DB>, writer: ChunkWriter, importId: number, entries: ImportEntry[], dryRun: boolean): Promise<void> {
  const counts = noCounts();
  const problems: ImportProblem[] = [];
  const trx = await db.startTransaction().execute();
  try {
    const results = await writer.write(trx, entries);
    for (const r of results) {
      tally(counts, r);
      problems.push(...r.problems);
    }
    const rowsDone = (entries.at(-1)?.index ?? 0) + 1;
    if (dryRun) {
      await trx.rollback().execute();
      await db.transaction().execute((t) => writeChunkOutcome(t, importId, [], problems, rowsDone, counts));
      writer.forgetChunk();
      return;
    }
    await writeChunkOutcome(trx, importId, results, problems, rowsDone, counts);
    await trx.commit().execute();
    writer.chunkStored();
  } catch (err) {
    await trx.rollback().execute().catch(() => undefined);
    throw err;
  }
}

