import type { Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight } from '../permissions/access.ts';
import { visibleRecordOr404 } from '../records/visible-record.ts';
import { processPhoto } from './images.ts';

/** Stores a new photo/logo and drops the old one, in one transaction: nothing half-written. */
export async function setPhoto(db: Kysely<DB>, actor: Actor, module: Module, id: number, upload: Buffer): Promise<void> {
  assertCan(actor, 'edit', module);
  await assertRecordRight(db, actor, module, await visibleRecordOr404(db, actor, module, id), 'edit');
  const image = await processPhoto(upload);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom(module).select(['photo_file_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    const file = await trx
      .insertInto('files')
      .values({ content: image.content, mime: image.mime, size: image.content.length, width: image.width, height: image.height, created_at: nowIso(), created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable(module)
      .set({ photo_file_id: file.id, version: current.version + 1, updated_at: nowIso(), updated_by: actor.id })
      .where('id', '=', id)
      .execute();
    if (current.photo_file_id != null) await trx.deleteFrom('files').where('id', '=', current.photo_file_id).execute();
  });
}

export async function removePhoto(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<void> {
  assertCan(actor, 'edit', module);
  const row = await visibleRecordOr404(db, actor, module, id);
  await assertRecordRight(db, actor, module, row, 'edit');
  if (row.photo_file_id == null) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable(module).set({ photo_file_id: null, version: row.version + 1, updated_at: nowIso(), updated_by: actor.id }).where('id', '=', id).execute();
    await trx.deleteFrom('files').where('id', '=', row.photo_file_id as number).execute();
  });
}

export async function getPhoto(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<{ content: Buffer; mime: string }> {
  assertCan(actor, 'view', module);
  const row = await visibleRecordOr404(db, actor, module, id);
  if (row.photo_file_id == null) throw notFound('photo');
  const file = await db.selectFrom('files').select(['content', 'mime']).where('id', '=', row.photo_file_id).executeTakeFirst();
  if (!file) throw notFound('photo');
  return { content: Buffer.from(file.content), mime: file.mime };
}
