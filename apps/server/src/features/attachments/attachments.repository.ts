import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AttachmentsTable, DB } from '../../db/schema.ts';

export type AttachmentRow = Selectable<AttachmentsTable>;

export async function insertAttachment(db: Kysely<DB>, row: Insertable<AttachmentsTable>): Promise<number> {
  return (await db.insertInto('attachments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** An attachment by id, whoever asks: the service answers 404 unless the actor sees the record it sits on. */
export const findAttachment = (db: Kysely<DB>, id: number): Promise<AttachmentRow | undefined> =>
  db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();

export async function deleteAttachmentRow(db: Kysely<DB>, id: number): Promise<boolean> {
  await db.deleteFrom('attachment_chunks').where('attachment_id', '=', id).execute();
  return Number((await db.deleteFrom('attachments').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1;
}

/**
 * Removes every file on a record (a purge): rows and database chunks in the caller's transaction; answers the rows so
 * the caller removes folder-stored bytes once the transaction has committed.
 */
export async function deleteRecordAttachments(trx: Kysely<DB>, module: string, recordId: number): Promise<AttachmentRow[]> {
  const rows = await trx.selectFrom('attachments').selectAll().where('module', '=', module).where('record_id', '=', recordId).execute();
  if (rows.length === 0) return rows;
  const ids = rows.map((r) => r.id);
  await trx.deleteFrom('attachment_chunks').where('attachment_id', 'in', ids).execute();
  await trx.deleteFrom('attachments').where('id', 'in', ids).execute();
  return rows;
}

export async function insertChunk(db: Kysely<DB>, attachmentId: number, seq: number, data: Buffer): Promise<void> {
  await db.insertInto('attachment_chunks').values({ attachment_id: attachmentId, seq, data }).execute();
}

/** One stored chunk (read one at a time, so a download never holds more than a chunk). */
export async function readChunk(db: Kysely<DB>, attachmentId: number, seq: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('attachment_chunks').select('data').where('attachment_id', '=', attachmentId).where('seq', '=', seq).executeTakeFirst();
  return row ? Buffer.from(row.data) : undefined;
}
