import type { Kysely } from 'kysely';
import { customFieldValues, type Module } from '@kontor/contract/custom-fields';
import type { FieldChange } from '@kontor/contract/timeline';
import type { DB } from '../../db/schema.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import type { Actor } from '../permissions/actor.ts';
import type { ContactPoints, ContactPointsIn } from '../contact-points/contact-points.repository.ts';
import { contextOf, fieldChanges, recordEvent, recordUpdate } from './timeline-events.ts';

/**
 * The timeline of creates and edits for every record module, called by each module's service in its write
 * transaction: a create records `created`; an edit records each field's before and after, custom fields, tags and
 * contact points included.
 */

/** The stored row of the record's table (display columns alongside are ignored). */
type Row = object & { custom_fields?: string | null };
type PointKind = 'emails' | 'phones' | 'websites' | 'addresses';
const pointKinds: PointKind[] = ['emails', 'phones', 'websites', 'addresses'];

/**
 * What an edit may change besides the row's columns, as it was before the edit (the record page's read before the
 * write has them; only the tags and contact point kinds the input sets are compared).
 */
export interface EditBefore {
  row: Row;
  tags: string[] | null;
  points: ContactPoints | null;
}

const pointText = (kind: PointKind, p: ContactPoints[PointKind][number] | NonNullable<ContactPointsIn[PointKind]>[number]): string =>
  kind === 'addresses' && 'city' in p ? [p.street, p.postalCode, p.city, p.region, p.country].filter(Boolean).join(', ') : 'value' in p ? p.value : '';

function pointChanges(before: ContactPoints | null, after: ContactPointsIn): FieldChange[] {
  if (!before) return [];
  const out: FieldChange[] = [];
  for (const kind of pointKinds) {
    const next = after[kind];
    if (!next) continue;
    const from = before[kind].map((p) => pointText(kind, p));
    const to = next.map((p) => pointText(kind, p));
    if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ field: kind, before: from, after: to });
  }
  return out;
}

/** Records an edit: `set` is what the update wrote to the row; `after` the tags, contact points and custom fields it set. */
export async function recordEdit(
  trx: Kysely<DB>,
  actor: Actor,
  module: Module,
  id: number,
  before: EditBefore,
  set: Record<string, unknown>,
  after: { tags?: string[]; points?: ContactPointsIn; customFields?: Record<string, unknown> | null } = {},
): Promise<void> {
  const custom = after.customFields ? { before: parseJsonColumn(before.row.custom_fields ?? '{}', customFieldValues, {}), after: after.customFields } : undefined;
  const tags = after.tags && before.tags ? { before: before.tags, after: after.tags } : undefined;
  const changes = [...fieldChanges(module, before.row as Record<string, unknown>, set, { customFields: custom, tags }), ...(after.points ? pointChanges(before.points, after.points) : [])];
  await recordUpdate(trx, actor, module, id, changes, contextOf(module, id, { ...before.row, ...set }));
}

/** Records a create, where the record's links place it (a contact on its account's timeline too). */
export async function recordCreate(trx: Kysely<DB>, actor: Actor, module: Module, id: number, row: Record<string, unknown>): Promise<void> {
  await recordEvent(trx, actor, { kind: 'created', module, recordId: id, context: contextOf(module, id, row) });
}
