import type { Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleOrAll } from '../permissions/access.ts';

/** What access checks, photo and recycle-bin paths need of a record. */
export interface RecordKey {
  id: number;
  owner_id: number | null;
  restricted: number;
  version: number;
  photo_file_id: number | null;
}

/** A record of any module that the actor can see: live, or in the recycle bin with `deleted`; undefined otherwise. */
export async function findVisibleRecord(db: Kysely<DB>, actor: Actor, module: Module, id: number, opts: { deleted?: boolean } = {}): Promise<RecordKey | undefined> {
  return db
    .selectFrom(module)
    .select(['id', 'owner_id', 'restricted', 'version', 'photo_file_id'])
    .where('id', '=', id)
    .where('deleted_at', opts.deleted ? 'is not' : 'is', null)
    .where(visibleOrAll(actor, module))
    .executeTakeFirst();
}

/** A live record the actor can see; 404 otherwise (hidden and missing answer the same). */
export async function visibleRecordOr404(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<RecordKey> {
  const row = await findVisibleRecord(db, actor, module, id);
  if (!row) throw notFound(module === 'accounts' ? 'account' : 'contact');
  return row;
}
