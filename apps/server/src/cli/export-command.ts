import { once } from 'node:events';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { fieldErrorOfIssue } from '@kontor/contract/field-errors';
import { exportJobRequestSchema } from '@kontor/contract/views';
import type { Database } from '../db/database.ts';
import { streamExport } from '../features/exports/export.service.ts';
import { cliActor } from './cli-actor.ts';

/**
 * `kontor export --module M --format csv|xlsx|vcf [--out FILE] [--user EMAIL] [--layout full|columns]` (issue #15):
 * the same export as `GET /api/v1/{module}/export`, as the user names (their rights and what they may see; default
 * the first active administrator), of every record they may see. Without `--out` the file goes to standard output
 * and nothing else does (messages go to standard error). A failure exits non-zero and leaves no partial file.
 */

export const exportModules = ['accounts', 'contacts', 'leads', 'deals'] as const;

/** Writes the chunks to `out`, waiting whenever it is full (a slow pipe slows the database walk down). */
async function drainInto(out: Writable, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
}

export async function runExportCommand(database: Database, args: string[], fail: (message: string) => never): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { module: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, user: { type: 'string' }, layout: { type: 'string' } },
  });
  const module = values.module;
  if (!module || !(exportModules as readonly string[]).includes(module)) fail(`--module must be one of: ${exportModules.join(', ')}`);
  const parsed = exportJobRequestSchema.safeParse({ selection: { all: true }, format: values.format ?? 'csv', layout: values.layout ?? 'full' });
  if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${fieldErrorOfIssue(i).message}`).join('\n'));

  const actor = await cliActor(database, values.user, fail);
  const prepared = await streamExport(database.db, database.db, actor, module as (typeof exportModules)[number], parsed.data, null);

  let rows = 0;
  const chunks = prepared.chunks(async (written) => {
    rows = written;
  });
  if (!values.out) {
    await drainInto(process.stdout, chunks);
  } else {
    const path = values.out;
    const file = fs.createWriteStream(path);
    // A write error between two awaits must not go unheard (an 'error' event without a listener ends the process).
    let writeError: Error | null = null;
    file.on('error', (err) => (writeError = err));
    try {
      await once(file, 'open');
      await drainInto(file, chunks);
      file.end();
      await once(file, 'finish');
      if (writeError) throw writeError;
    } catch (err) {
      file.destroy();
      fs.rmSync(path, { force: true });
      // A file system error (no such folder, disk full) is the user's to fix: its message, no stack trace.
      if (err instanceof Error && 'syscall' in err) fail(`Cannot write ${path}: ${err.message}`);
      throw err;
    }
  }
  const where = values.out ? ` to ${values.out}` : '';
  console.error(`Exported ${rows} ${module}${where} (${parsed.data.format}, ${parsed.data.layout} layout, as ${actor.email}).`);
}
