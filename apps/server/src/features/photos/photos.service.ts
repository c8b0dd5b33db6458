import type { Kysely } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB } from '../../db/schema.ts';
import { notFound, versionConflict } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertRecordRight } from '../permissions/access.ts';
import { updateVersioned, visibleRecordOr404 } from '../records/visible-records.ts';
import { deleteFile, fileContent, insertFile } from './photos.repository.ts';
import { processPhoto } from './images.ts';

/** Stores a new photo/logo and drops the old one, in one transaction: nothing half-written; a change in between is a conflict. */
export async function setPhoto(db: Kysely<DB>, actor: Actor, module: Module, id: number, upload: Buffer): Promise<void> {
  assertCan(actor, 'edit', module);
  const row = await visibleRecordOr404(db, actor, module, id);
  await assertRecordRight(db, actor, module, row, 'edit');
  const image = await processPhoto(upload);
  await db.transaction().execute(async (trx) => {
    const fileId = await insertFile(trx, image, actor.id);
    if (!(await updateVersioned(trx, module, id, row.version, { photo_file_id: fileId, updated_at: nowIso(), updated_by: actor.id }))) throw versionConflict(row.version + 1);
    await deleteFile(trx, row.photo_file_id);
  });
}

export async function removePhoto(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<void> {
  assertCan(actor, 'edit', module);
  const row = await visibleRecordOr404(db, actor, module, id);
  await assertRecordRight(db, actor, module, row, 'edit');
  if (row.photo_file_id == null) return;
  await db.transaction().execute(async (trx) => {
    if (!(await updateVersioned(trx, module, id, row.version, { photo_file_id: null, updated_at: nowIso(), updated_by: actor.id }))) throw versionConflict(row.version + 1);
    await deleteFile(trx, row.photo_file_id);
  });
}

export async function getPhoto(db: Kysely<DB>, actor: Actor, module: Module, id: number): Promise<{ content: Buffer; mime: string }> {
  assertCan(actor, 'view', module);
  const row = await visibleRecordOr404(db, actor, module, id);
  const file = row.photo_file_id == null ? undefined : await fileContent(db, row.photo_file_id);
  if (!file) throw notFound('photo');
  return { content: Buffer.from(file.content), mime: file.mime };
}
