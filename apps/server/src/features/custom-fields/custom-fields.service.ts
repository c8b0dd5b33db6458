import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  customFieldTypes,
  modules,
  type customFieldCreateSchema,
  type CustomFieldDefinition,
  type customFieldUpdateSchema,
  type Module,
} from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict, fieldError } from '../../errors.ts';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertAdmin } from '../permissions/access.ts';
import { cachedConfig } from '../cache/config-cache.ts';
import {
  customFieldKeyExists,
  deleteCustomFieldRow,
  findCustomFieldRow,
  insertCustomFieldRow,
  listCustomFieldRows,
  maxCustomFieldPosition,
  updateCustomFieldRow,
  type CustomFieldRow,
} from './custom-fields.repository.ts';

function present(row: CustomFieldRow): CustomFieldDefinition {
  return {
    id: toApiId(row.id),
    module: modules.find((m) => m === row.module) ?? 'contacts',
    key: row.key,
    label: row.label,
    type: customFieldTypes.find((t) => t === row.type) ?? 'text',
    options: parseJsonColumn(row.options, z.array(z.string()), []),
    required: row.required === 1,
    position: row.position,
    version: row.version,
  };
}

/**
 * The module's definitions, from the process's configuration cache where `db` is the server's handle (every custom
 * field write drops it in every process); a transaction handle reads them. Shared objects: never mutate them.
 */
export async function listCustomFields(db: Kysely<DB>, module: Module): Promise<CustomFieldDefinition[]> {
  return cachedConfig(db, `custom-fields:${module}`, async () => (await listCustomFieldRows(db, module)).map(present));
}

export async function createCustomField(db: Kysely<DB>, actor: Actor, input: z.output<typeof customFieldCreateSchema>): Promise<CustomFieldDefinition> {
  assertAdmin(actor, 'fields');
  if (await customFieldKeyExists(db, input.module, input.key)) throw new AppError('duplicate', 'A custom field with this key already exists in this module.', { key: fieldError('in_use') });
  const position = ((await maxCustomFieldPosition(db, input.module)) ?? -1) + 1;
  const now = nowIso();
  const row = await insertCustomFieldRow(db, {
    module: input.module,
    key: input.key,
    label: input.label,
    type: input.type,
    options: JSON.stringify(input.options),
    required: input.required ? 1 : 0,
    position,
    created_at: now,
    updated_at: now,
  });
  return present(row);
}

export async function updateCustomField(db: Kysely<DB>, actor: Actor, id: number, input: z.output<typeof customFieldUpdateSchema>): Promise<CustomFieldDefinition> {
  assertAdmin(actor, 'fields');
  const current = await findCustomFieldRow(db, id);
  if (!current) throw notFound('custom field');
  if (current.version !== input.version) throw versionConflict(current.version);
  if (input.options && ['picklist', 'multiselect'].includes(current.type) && input.options.length === 0) {
    throw new AppError('validation_failed', 'A picklist needs at least one option.', { options: fieldError('options_required') });
  }
  const row = await updateCustomFieldRow(db, id, input.version, {
    ...(input.label !== undefined && { label: input.label }),
    ...(input.options !== undefined && { options: JSON.stringify(input.options) }),
    ...(input.required !== undefined && { required: input.required ? 1 : 0 }),
    ...(input.position !== undefined && { position: input.position }),
    updated_at: nowIso(),
    version: current.version + 1,
  });
  if (!row) throw versionConflict(current.version + 1);
  return present(row);
}

/** Deleting a definition hides its values; they are dropped from a record the next time it is saved. */
export async function deleteCustomField(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor, 'fields');
  if (!(await deleteCustomFieldRow(db, id))) throw notFound('custom field');
}

