import { sql, type Kysely, type Transaction } from 'kysely';
import { accountUpdateSchema } from '@kontor/contract/accounts';
import { contactUpdateSchema } from '@kontor/contract/contacts';
import { fieldErrorMap } from '@kontor/contract/field-errors';
import type { ImportModule } from '@kontor/contract/imports';
import type { DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { AppError, refused } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import { deleteContactPoints } from '../contact-points/contact-points.repository.ts';
import type { RunningJob } from '../jobs/jobs.runner.ts';
import { purgeRows } from '../recycle-bin/recycle-bin.repository.ts';
import { deleteAccessRows } from '../sharing/restricted.ts';
import { deleteRecordTags } from '../tags/record-tags.ts';
import { eventOrigin, selfContextColumn } from '../timeline/timeline-events.ts';
import { importAdapters } from './import-adapters.ts';
import { importJobPayload } from './import-run.ts';

/**
 * Undoes an import as a whole (issue #15), as a background job: the records it created are removed for good (with
 * their contact points, tags, sharing and timeline), the records it updated get back the values it replaced. A record
 * something else touched since (an edit, a note, an activity, a deal, a contact that joined an account: an event on
 * its timeline that is not the import's, or a merge into another record) is kept as it is and reported, so undo never
 * destroys later work.
 */

const CHUNK = 200;

/** Whether anything but this import left an event on the record's timeline since the import started. */
async function touchedSince(db: Kysely<DB>, importId: number, since: string, module: ImportModule, id: number): Promise<boolean> {
  const column = selfContextColumn[module];
  if (!column) return false;
  // A record merged into another since is a tombstone its survivor's undo needs (and its old id redirects): kept.
  if ((module === 'contacts' || module === 'accounts') && (await mergedSince(db, module, id))) return true;
  const importOf = isSqlite(db) ? sql`json_extract(details, '$.import.id')` : sql`(details::jsonb #>> '{import,id}')`;
  const row = await db
    .selectFrom('timeline_events')
    .select('id')
    .where(column, '=', id)
    .where('at', '>=', since)
    .where(sql<boolean>`coalesce(${importOf}, '') <> ${String(importId)}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function mergedSince(db: Kysely<DB>, module: 'contacts' | 'accounts', id: number): Promise<boolean> {
  const row = await db.selectFrom(module as 'contacts').select('merged_into_id').where('id', '=', id).executeTakeFirst();
  return row?.merged_into_id != null;
}

async function purgeCreated(trx: Transaction<DB>, module: ImportModule, id: number): Promise<void> {
  const row = await trx.selectFrom(module as 'contacts').select('photo_file_id').where('id', '=', id).executeTakeFirst();
  if (!row) return;
  await purgeRows(trx, module, id, row.photo_file_id);
  await deleteContactPoints(trx, module, [id]);
  await deleteRecordTags(trx, module, [id]);
  await deleteAccessRows(trx, module, id);
  await trx.deleteFrom('import_source_ids').where('module', '=', module).where('record_id', '=', id).execute();
}

const updateSchemas = { contacts: contactUpdateSchema, accounts: accountUpdateSchema } as const;

async function restoreUpdated(trx: Transaction<DB>, job: RunningJob, module: ImportModule, id: number, before: Record<string, unknown>): Promise<void> {
  const update = importAdapters[module].update;
  if (!update || (module !== 'contacts' && module !== 'accounts')) return;
  const current = await trx.selectFrom(module).select(['version', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  if (!current || current.deleted_at !== null) return;
  const parsed = updateSchemas[module].safeParse({ ...before, version: current.version }, { error: fieldErrorMap });
  if (!parsed.success) throw new AppError('validation_failed', 'The values the import replaced can no longer be written back.');
  await update(trx, job.actor, id, parsed.data as Record<string, unknown>);
}

/** The `import_undo` job. */
export async function runImportUndoJob(db: Kysely<DB>, job: RunningJob): Promise<void> {
  const { importId } = importJobPayload.parse(job.payload);
  const imp = await db.selectFrom('imports').select(['id', 'file_name', 'status', 'started_at', 'created_at']).where('id', '=', importId).executeTakeFirst();
  if (!imp) throw refused('not_found', 'import_gone');
  const total = Number((await db.selectFrom('import_items').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow()).n);
  const origin = { import: { id: String(importId), fileName: imp.file_name, undo: true } };
  const since = imp.started_at ?? imp.created_at;
  let processed = 0;
  let undone = 0;
  let kept = 0;
  // Contacts before accounts: an account the import created is removed after the contacts it made in it.
  const order: ImportModule[] = ['deals', 'leads', 'contacts', 'accounts'];
  for (const module of order) {
    let after = 0;
    for (;;) {
      const items = await db.selectFrom('import_items').selectAll().where('import_id', '=', importId).where('module', '=', module).where('record_id', '>', after).orderBy('record_id').limit(CHUNK).execute();
      if (items.length === 0) break;
      after = items[items.length - 1]?.record_id ?? after;
      const keptLines: Array<{ id: number; action: string }> = [];
      await eventOrigin.run(origin, () =>
        db.transaction().execute(async (trx) => {
          for (const item of items) {
            if (await touchedSince(trx, importId, since, module, item.record_id)) {
              keptLines.push({ id: item.record_id, action: item.action });
              continue;
            }
            if (item.action === 'created') await purgeCreated(trx, module, item.record_id);
            else await restoreUpdated(trx, job, module, item.record_id, JSON.parse(item.before ?? '{}') as Record<string, unknown>);
          }
          await trx.deleteFrom('import_items').where('import_id', '=', importId).where('module', '=', module).where('record_id', 'in', items.map((i) => i.record_id)).where('record_id', 'not in', keptLines.length ? keptLines.map((k) => k.id) : [0]).execute();
          if (keptLines.length) {
            await trx
              .insertInto('import_problems')
              .values(keptLines.map((k) => ({ import_id: importId, line: 0, column_name: null, code: 'undo_kept', message: `Kept ${module.slice(0, -1)} ${k.id}: it was changed after the import (${k.action} by it).`, outcome: 'skipped' })))
              .execute();
          }
        }),
      );
      processed += items.length;
      kept += keptLines.length;
      undone += items.length - keptLines.length;
      await job.progress({ total, processed, succeeded: undone, skipped: kept });
    }
  }
  await db.updateTable('imports').set({ status: 'undone', undone_at: nowIso() }).where('id', '=', importId).execute();
}
