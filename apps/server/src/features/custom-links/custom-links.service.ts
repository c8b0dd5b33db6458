import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { modules, type Module } from '@kontor/contract/custom-fields';
import { placeholderAlias, placeholdersIn, type CustomLink, type customLinkCreateSchema, type customLinkUpdateSchema } from '@kontor/contract/custom-links';
import type { CustomLinksTable, DB } from '../../db/schema.ts';
import { invalid, notFound, versionConflict, fieldError } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { descriptorOf } from '../records/registry.ts';
import { deleteCustomLinkRow, findCustomLinkRow, insertCustomLinkRow, listCustomLinkRows, nextCustomLinkPosition, updateCustomLinkRow } from './custom-links.repository.ts';

/** The placeholders a module's templates may use: its fields (nested ones by path and alias), id and the primary contact points. */
export function placeholdersOf(module: Module): string[] {
  const fields = Object.keys(descriptorOf(module).fields);
  const aliases = fields.map(placeholderAlias).filter((a): a is string => a !== null);
  return [...new Set(['id', ...fields, ...aliases, 'email', 'phone', 'website'])];
}

function assertKnownPlaceholders(module: Module, template: string): void {
  const known = new Set(placeholdersOf(module));
  const unknown = placeholdersIn(template).filter((p) => !known.has(p));
  if (unknown.length) throw invalid({ urlTemplate: fieldError('unknown_placeholder', { placeholders: unknown.map((u) => `{${u}}`).join(', ') }) });
}

const present = (r: Selectable<CustomLinksTable>): CustomLink => ({
  id: toApiId(r.id),
  module: modules.find((m) => m === r.module) ?? 'accounts',
  label: r.label,
  urlTemplate: r.url_template,
  position: r.position,
  version: r.version,
});

/** Every user sees the links (they only carry the record's own values, resolved in the reader's browser). */
export async function listCustomLinks(db: Kysely<DB>, module?: Module) {
  const rows = await listCustomLinkRows(db, module);
  return { data: rows.map(present), placeholders: Object.fromEntries(modules.map((m) => [m, placeholdersOf(m)])) };
}

export async function createCustomLink(db: Kysely<DB>, actor: Actor, input: z.output<typeof customLinkCreateSchema>): Promise<CustomLink> {
  assertAdmin(actor, 'fields');
  assertKnownPlaceholders(input.module, input.urlTemplate);
  const now = nowIso();
  const position = input.position ?? (await nextCustomLinkPosition(db, input.module));
  const id = await insertCustomLinkRow(db, { module: input.module, label: input.label, url_template: input.urlTemplate, position, created_at: now, updated_at: now });
  return loadCustomLink(db, id);
}

async function loadCustomLink(db: Kysely<DB>, id: number): Promise<CustomLink> {
  const row = await findCustomLinkRow(db, id);
  if (!row) throw notFound('custom link');
  return present(row);
}

export async function updateCustomLink(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof customLinkUpdateSchema>): Promise<CustomLink> {
  assertAdmin(actor, 'fields');
  const current = await findCustomLinkRow(db, id);
  if (!current) throw notFound('custom link');
  if (current.version !== input.version) throw versionConflict(current.version);
  const module = modules.find((m) => m === current.module) ?? 'accounts';
  if (input.urlTemplate !== undefined) assertKnownPlaceholders(module, input.urlTemplate);
  const ok = await updateCustomLinkRow(db, id, input.version, {
    ...(input.label !== undefined && { label: input.label }),
    ...(input.urlTemplate !== undefined && { url_template: input.urlTemplate }),
    ...(input.position !== undefined && { position: input.position }),
    updated_at: nowIso(),
  });
  if (!ok) throw versionConflict(current.version + 1);
  return loadCustomLink(db, id);
}

export async function deleteCustomLink(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor, 'fields');
  if (!(await deleteCustomLinkRow(db, id))) throw notFound('custom link');
}
