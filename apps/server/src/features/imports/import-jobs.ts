import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import { registerJobHandler } from '../jobs/jobs.runner.ts';
import { importJobPayload, runImportJob } from './import-run.ts';
import { runImportUndoJob } from './import-undo.ts';

/**
 * The job handlers of imports, for the server's runners and for the CLI, which runs its import in its own process.
 * A job that stops on an error leaves its import failed with the job's message (never a stack trace).
 */
export function registerImportJobs(): void {
  const failed = (db: Kysely<DB>, importId: number) => async (err: unknown) => {
    const message = err instanceof AppError ? err.message : 'The import stopped on an unexpected error.';
    await db.updateTable('imports').set({ status: 'failed', error: message, finished_at: nowIso() }).where('id', '=', importId).execute();
    throw err;
  };
  registerJobHandler('import', (db, job) => runImportJob(db, job).catch(failed(db, importJobPayload.parse(job.payload).importId)));
  registerJobHandler('import_undo', (db, job) => runImportUndoJob(db, job).catch(failed(db, importJobPayload.parse(job.payload).importId)));
}
