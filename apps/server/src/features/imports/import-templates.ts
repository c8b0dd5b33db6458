import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { importOptionsSchema, type ImportModule, type ImportOptions, type ImportTemplate, type importTemplateInputSchema } from '@kontor/contract/imports';
import type { DB, ImportTemplateRow } from '../../db/schema.ts';
import { fieldError, invalid, notFound } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { writeConfig } from '../records/write-config.ts';
import { isTargetAllowed } from './mapping/targets.ts';

/**
 * Saved mappings (issue #15): a user keeps the mapping of a file layout by header name, so the next file with the same
 * columns maps itself; `kontor import --mapping NAME` uses them too. Templates are the user's own.
 */

const headerKey = (h: string) => h.trim().toLowerCase();

function present(row: ImportTemplateRow): ImportTemplate {
  return {
    id: toApiId(row.id),
    name: row.name,
    module: row.module as ImportModule,
    columns: JSON.parse(row.columns) as ImportTemplate['columns'],
    options: importOptionsSchema.parse(JSON.parse(row.options)),
    createdAt: row.created_at,
  };
}

export async function listTemplates(db: Kysely<DB>, actor: Actor, module?: ImportModule): Promise<ImportTemplate[]> {
  let q = db.selectFrom('import_templates').selectAll().where('user_id', '=', actor.id).orderBy('name');
  if (module) q = q.where('module', '=', module);
  return (await q.execute()).map(present);
}

export async function createTemplate(db: Kysely<DB>, actor: Actor, input: z.output<typeof importTemplateInputSchema>): Promise<ImportTemplate> {
  assertCan(actor, 'import', input.module);
  const { defs } = await writeConfig(db, input.module);
  const errors: Record<string, ReturnType<typeof fieldError>> = {};
  input.columns.forEach((c, i) => {
    if (c.target !== null && !isTargetAllowed(input.module, c.target, defs)) errors[`columns.${i}.target`] = fieldError('unknown_import_target');
  });
  if (Object.keys(errors).length) throw invalid(errors);
  const values = { user_id: actor.id, module: input.module, name: input.name, columns: JSON.stringify(input.columns), options: JSON.stringify(importOptionsSchema.parse(input.options ?? {})), created_at: nowIso() };
  // Saving under a name the user already has replaces that template.
  await db.deleteFrom('import_templates').where('user_id', '=', actor.id).where('module', '=', input.module).where('name', '=', input.name).execute();
  const row = await db.insertInto('import_templates').values(values).returningAll().executeTakeFirstOrThrow();
  return present(row);
}

export async function deleteTemplate(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  const res = await db.deleteFrom('import_templates').where('id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('mapping template');
}

async function findTemplate(db: Kysely<DB>, actor: Actor, module: ImportModule, by: { id?: number; name?: string }): Promise<ImportTemplateRow> {
  let q = db.selectFrom('import_templates').selectAll().where('user_id', '=', actor.id).where('module', '=', module);
  if (by.id !== undefined) q = q.where('id', '=', by.id);
  if (by.name !== undefined) q = q.where('name', '=', by.name);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('mapping template');
  return row;
}

/** A template applied to a file's headers: each column takes the target saved for its header (none when not saved). */
export async function templateTargets(db: Kysely<DB>, actor: Actor, id: number | { name: string }, module: ImportModule, headers: string[]): Promise<{ mapping: (string | null)[]; options: ImportOptions | null }> {
  const row = await findTemplate(db, actor, module, typeof id === 'number' ? { id } : id);
  const t = present(row);
  const byHeader = new Map<string, string | null>();
  for (const c of t.columns) if (!byHeader.has(headerKey(c.header))) byHeader.set(headerKey(c.header), c.target);
  return { mapping: headers.map((h) => byHeader.get(headerKey(h)) ?? null), options: t.options };
}
