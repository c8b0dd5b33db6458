import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importModules, importOptionsSchema, type DedupeMode, type ImportModule } from '@kontor/contract/imports';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { fromApiId } from '../lib/ids.ts';
import { registerImportJobs } from '../features/imports/import-jobs.ts';
import { createImport, getImport, startImport, updateImport } from '../features/imports/imports.service.ts';
import { templateTargets } from '../features/imports/import-templates.ts';
import { cliActor } from './cli-actor.ts';

/**
 * `kontor import FILE --module M [--mapping NAME] [--dedupe skip|update|overwrite|create] [--match email,phone,name]
 * [--sheet NAME] [--region DE] [--user EMAIL] [--dry-run]` (issue #15): the same engine as the web app's import, run in
 * this process. Prints the report's summary (and the first problems) either way; exits non-zero when the file could
 * not be read or the import failed.
 */

const dedupeModes: Record<string, DedupeMode> = { skip: 'skip', update: 'update_empty', overwrite: 'update_overwrite', create: 'create' };
const matchers: Record<string, 'email' | 'phone' | 'name_account'> = { email: 'email', phone: 'phone', name: 'name_account' };

export async function runImportCommand(database: Database, args: string[], fail: (message: string) => never): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      module: { type: 'string' },
      mapping: { type: 'string' },
      dedupe: { type: 'string' },
      match: { type: 'string' },
      sheet: { type: 'string' },
      region: { type: 'string' },
      user: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file) fail('import needs a FILE');
  const module = values.module as ImportModule | undefined;
  if (!module || !importModules.includes(module)) fail(`--module must be one of: ${importModules.join(', ')}`);
  const mode = dedupeModes[values.dedupe ?? 'skip'];
  if (!mode) fail(`--dedupe must be one of: ${Object.keys(dedupeModes).join(', ')}`);
  const matchOn = (values.match ?? 'email').split(',').map((m) => matchers[m.trim()]);
  if (matchOn.some((m) => m === undefined)) fail(`--match takes: ${Object.keys(matchers).join(', ')}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    fail(`Cannot read ${file}.`);
  }
  if (!stat.isFile()) fail(`${file} is not a file.`);

  const { db } = database;
  const actor = await cliActor(database, values.user, fail);
  registerImportJobs();
  const started = Date.now();
  let imp;
  try {
    imp = await createImport(db, actor, module, { filename: path.basename(file), stream: fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = Object.values(err.fields ?? {})[0]?.message;
    console.log(`Import failed: ${path.basename(file)} could not be read (${reason ?? err.message}). 0 rows, 0 created, 0 updated, 0 skipped, 0 failed.`);
    process.exitCode = 1;
    return;
  }
  const id = fromApiId(imp.id);
  console.error(`Read ${imp.fileName}: ${imp.format}${imp.encoding ? `, ${imp.encoding}` : ''}${imp.delimiter ? `, delimiter ${JSON.stringify(imp.delimiter)}` : ''}${imp.layout ? `, ${imp.layout} layout` : ''}.`);
  const options = importOptionsSchema.parse({ ...imp.options, dedupe: { mode, matchOn }, region: values.region ?? null, sheet: values.sheet ?? null });
  if (values.mapping) {
    const headers = imp.columns.map((c) => c.header);
    const t = await templateTargets(db, actor, { name: values.mapping }, module, headers).catch((err: unknown) => {
      if (err instanceof AppError) fail(`No mapping named "${values.mapping}" for ${module}.`);
      throw err;
    });
    await updateImport(db, actor, id, { mapping: t.mapping.map((target, column) => ({ column, target })), options: t.options ? { ...t.options, dedupe: options.dedupe } : options });
  } else {
    await updateImport(db, actor, id, { options });
  }
  // The job runs here, in this process, as the import's user (the server's runners would also pick it up).
  await startImport(db, actor, id, { dryRun: values['dry-run'] === true }, { inline: true });
  imp = await getImport(db, actor, id);
  const c = imp.counts;
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${values['dry-run'] ? 'Dry run of import' : 'Import'} ${imp.id} ${imp.status} in ${seconds.toFixed(1)} s: ${c.rows} rows, ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed, ${c.accountsCreated} accounts created.`,
  );
  if (process.env.KONTOR_REPORT_PEAK_RSS === '1') console.log(`peak RSS ${peakRssMb()} MB`);
  const { listProblems } = await import('../features/imports/import-preview.ts');
  const problems = await listProblems(db, actor, id, 20);
  for (const p of problems.data) console.error(`line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.outcome} - ${p.message}`);
  if (problems.nextCursor) console.error(`… more in the report: GET /api/v1/imports/${imp.id}/report.csv`);
  if (imp.status !== 'done') {
    if (imp.error) console.error(imp.error);
    process.exitCode = 1;
  }
}

function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return Math.round(process.memoryUsage().rss / 1024 / 1024);
  }
}
