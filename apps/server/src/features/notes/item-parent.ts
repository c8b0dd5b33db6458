import type { Kysely } from 'kysely';
import { itemModules, parentOf, type ItemModule, type ParentRef } from '@kontor/contract/notes';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound, fieldError } from '../../errors.ts';
import { fromApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight } from '../permissions/access.ts';
import { descriptorOf } from '../records/registry.ts';
import { contextOf, type TimelineContext } from '../timeline/timeline-events.ts';
import { findParentRow, type ParentRow } from './item-parent.repository.ts';

/**
 * Notes and files sit on one record and are seen by exactly those who see it: every path reaches an item through
 * its record, so a hidden, deleted or missing record answers 404 and never reveals what sits on it.
 */
export interface ItemParent {
  module: ItemModule;
  id: number;
  row: ParentRow;
  /** Where the item's timeline events show: the record, and the account, contact or deal it belongs to. */
  context: TimelineContext;
}

/** The record named by the one parent field of a body or query (the schemas already insist on exactly one). */
export function parentFromRef(ref: ParentRef): { module: ItemModule; id: number } {
  const p = parentOf(ref);
  if (!p) throw invalid({ accountId: fieldError('one_parent') });
  return { module: p.module, id: fromApiId(p.id) };
}

/** A stored item's module (the tables only ever hold the four modules notes and files accept). */
export function itemModuleOf(module: string): ItemModule {
  const m = itemModules.find((x) => x === module);
  if (!m) throw new Error(`an item on an unknown module: ${module}`);
  return m;
}

/** The live record as the actor sees it; 404 (naming `noun`, the record's by default) when it is missing or hidden. */
async function loadParent(db: Kysely<DB>, actor: Actor, module: ItemModule, id: number, noun?: string): Promise<ItemParent> {
  const row = await findParentRow(db, actor, module, id);
  if (!row) throw notFound(noun ?? descriptorOf(module).noun);
  return { module, id, row, context: contextOf(module, id, row) };
}

/** Reading a record's notes or files: the profile's view right on the module, then the record's visibility. */
export async function parentToRead(db: Kysely<DB>, actor: Actor, module: ItemModule, id: number, noun?: string): Promise<ItemParent> {
  assertCan(actor, 'view', module);
  return loadParent(db, actor, module, id, noun);
}

/**
 * Adding a note or a file: whoever may edit the record (Kontor's rule; Zoho lets every reader add notes). The profile's
 * edit right first (403), then visibility (404), then write access to this record (403).
 */
export async function parentToWrite(db: Kysely<DB>, actor: Actor, module: ItemModule, id: number, noun?: string): Promise<ItemParent> {
  assertCan(actor, 'edit', module);
  const parent = await loadParent(db, actor, module, id, noun);
  await assertRecordRight(db, actor, module, parent.row, 'edit');
  return parent;
}

/** The author of an item, users above the author in the role tree (`ownerIds`: the actor and everyone below) and administrators. */
export const isAuthorOrAbove = (actor: Actor, authorId: number | null): boolean => actor.isAdmin || (authorId != null && actor.ownerIds.includes(authorId));

/**
 * The record a stored note or file sits on, as the actor sees it (404, naming the item, when it is hidden). To change
 * the item (`edit`), the profile's edit right on the record's module comes first (403), as every record write checks.
 */
export async function parentOfItem(db: Kysely<DB>, actor: Actor, item: { module: string; record_id: number }, noun: string, need: 'view' | 'edit'): Promise<ItemParent> {
  const module = itemModuleOf(item.module);
  if (need === 'edit') assertCan(actor, 'edit', module);
  return parentToRead(db, actor, module, item.record_id, noun);
}
