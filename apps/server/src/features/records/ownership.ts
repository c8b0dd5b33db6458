import type { Transaction } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { toApiId } from '../../lib/ids.ts';
import { recordEventsForRows } from '../timeline/timeline-events.ts';
import { recordOwnerChanges } from './record-history.ts';

/**
 * Hands every record of a module owned by one user to another (a user leaves), each with its history entry and a new
 * version, in the caller's transaction; answers how many moved. Rules (who may transfer to whom) are the caller's.
 */
export async function transferOwnership(trx: Transaction<DB>, actor: Actor, module: Module, fromOwnerId: number, toOwnerId: number, ip: string | null): Promise<number> {
  await recordOwnerChanges(trx, actor, module, { fromOwnerId, toOwnerId, via: 'transfer' }, ip);
  await recordEventsForRows(trx, actor, module, 'owner_changed', { equals: { owner_id: fromOwnerId } }, { fromOwnerId: toApiId(fromOwnerId), toOwnerId: toApiId(toOwnerId), via: 'transfer' });
  const res = await trx
    .updateTable(module as 'accounts')
    .set((eb) => ({ owner_id: toOwnerId, version: eb('version', '+', 1), updated_at: nowIso(), updated_by: actor.id }))
    .where('owner_id', '=', fromOwnerId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
