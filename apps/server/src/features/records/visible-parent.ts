import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { descriptorOf } from './registry.ts';
import { visibleRecords } from './visible-records.ts';

declare const checked: unique symbol;

/**
 * A live record the actor may see, as only `assertVisibleParent` makes it: every related list (a record's contacts,
 * members, deals, activities, notes, files, timeline) takes one instead of a bare id, so no list can run without the
 * check, and a page that shows several lists checks once. It carries what access rules need of the row.
 */
export interface VisibleParent<M extends Module = Module> {
  readonly module: M;
  readonly id: number;
  readonly owner_id: number | null;
  readonly restricted: number;
  readonly [checked]: true;
}

/**
 * The parent of a related list: the profile's view right on its module (403), then one primary-key lookup under the
 * visibility rule (404 for a missing, deleted or hidden record alike). Nothing else of the record is read.
 */
export async function assertVisibleParent<M extends Module>(db: Kysely<DB>, actor: Actor, module: M, id: number): Promise<VisibleParent<M>> {
  assertCan(actor, 'view', module);
  const qb = visibleRecords(db, actor, module) as unknown as SelectQueryBuilder<DB, 'accounts', object>;
  const row = await qb.select(['id', 'owner_id', 'restricted']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(descriptorOf(module).noun);
  return { module, id: row.id, owner_id: row.owner_id, restricted: row.restricted } as VisibleParent<M>;
}
