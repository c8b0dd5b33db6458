import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Attachment } from '@kontor/contract/attachments';
import type { ListResponse } from '@kontor/contract/common';
import type { ItemModule, ParentRef } from '@kontor/contract/notes';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound, fieldError, refused } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { can, recordAccess } from '../permissions/access.ts';
import { userNames } from '../records/references.ts';
import { assertVisibleParent, type VisibleParent } from '../records/visible-parent.ts';
import { recordEvent, type TimelineEventInput } from '../timeline/timeline-events.ts';
import { listItemRows, pageAfter, type ItemPage } from '../notes/item-parent.repository.ts';
import { isAuthorOrAbove, parentFromRef, parentOfItem, parentToWrite, type ItemParent } from '../notes/item-parent.ts';
import { cleanFileName, cleanMime } from './attachment-names.ts';
import { copyIntoChunks, discard, openStored, placeInFolder, removeStored, spool, type FileStoreConfig, type Spooled, type UploadStream } from './attachment-store.ts';
import { presentAttachment } from './attachments.presenter.ts';
import { deleteAttachmentRow, findAttachment, insertAttachment, type AttachmentRow } from './attachments.repository.ts';

/** The file part of a multipart upload, as the route hands it over once the checks have passed. */
export interface IncomingFile {
  filename: string | undefined;
  mimetype: string | undefined;
  stream: UploadStream;
}

/**
 * Who may delete a record's files: the uploader, users above them and administrators, and whoever may edit the
 * record, always with the profile's edit right on the module.
 */
async function deleteRule(db: Kysely<DB>, actor: Actor, parent: Pick<ItemParent, 'module' | 'row'>): Promise<(row: AttachmentRow) => boolean> {
  if (!can(actor, 'edit', parent.module)) return () => false;
  const editsRecord = (await recordAccess(db, actor, parent.module, parent.row)).edit;
  return (row) => editsRecord || isAuthorOrAbove(actor, row.created_by);
}

async function present(db: Kysely<DB>, actor: Actor, parent: Pick<ItemParent, 'module' | 'row'>, rows: AttachmentRow[]): Promise<Attachment[]> {
  const [users, mayDelete] = await Promise.all([userNames(db, rows.map((r) => r.created_by)), deleteRule(db, actor, parent)]);
  return rows.map((r) => presentAttachment(r, { users, access: { delete: mayDelete(r) } }));
}

const fileEvent = (kind: 'file_added' | 'file_deleted', parent: ItemParent, row: Pick<AttachmentRow, 'id' | 'name' | 'size'>): TimelineEventInput => ({
  kind,
  module: parent.module,
  recordId: parent.id,
  context: parent.context,
  item: { type: 'attachment', id: row.id },
  details: { name: row.name, size: Number(row.size) },
});

/** A file as the actor sees it (404 when it does not exist or its record is hidden); `edit` checks the edit right first. */
async function attachmentOr404(db: Kysely<DB>, actor: Actor, id: number, need: 'view' | 'edit' = 'view'): Promise<{ row: AttachmentRow; parent: ItemParent }> {
  const row = await findAttachment(db, id);
  if (!row) throw notFound('file');
  return { row, parent: await parentOfItem(db, actor, row, 'file', need) };
}

export async function getAttachment(db: Kysely<DB>, actor: Actor, id: number): Promise<Attachment> {
  const { row, parent } = await attachmentOr404(db, actor, id);
  const [item] = await present(db, actor, parent, [row]);
  if (!item) throw notFound('file');
  return item;
}

/** A record's files, newest first (its visibility checked by the caller). */
export async function listAttachments(db: Kysely<DB>, actor: Actor, parent: VisibleParent<ItemModule>, page: ItemPage): Promise<ListResponse<Attachment>> {
  const after = pageAfter(page);
  const { rows, nextCursor, total } = await listItemRows(db, 'attachments', parent.module, parent.id, { ...page, after });
  return { data: await present(db, actor, { module: parent.module, row: parent }, rows), nextCursor, ...(total !== undefined && { total }) };
}

export const listAttachmentsByRef = async (db: Kysely<DB>, actor: Actor, q: ItemPage & ParentRef) => {
  const { module, id } = parentFromRef(q);
  pageAfter(q);
  return listAttachments(db, actor, await assertVisibleParent(db, actor, module, id), q);
};

/**
 * Attaches an uploaded file to a record: whoever may edit the record. The checks run before a byte is read; the file
 * is then spooled to disk within the size limit (413 and nothing kept beyond it) and stored, its row, bytes (in
 * database storage) and timeline event in one transaction. A folder-stored file whose row fails is removed again.
 */
export async function uploadAttachment(
  db: Kysely<DB>,
  actor: Actor,
  store: FileStoreConfig,
  target: { module: ItemModule; id: number },
  nextFile: () => Promise<IncomingFile | undefined>,
): Promise<Attachment> {
  const parent = await parentToWrite(db, actor, target.module, target.id);
  const file = await nextFile();
  if (!file) throw invalid({ file: fieldError('required') }, 'No file was sent: send it as multipart/form-data in a field named "file".');
  let name: string;
  try {
    name = cleanFileName(file.filename);
  } catch (e) {
    file.stream.resume();
    throw e;
  }
  const spooled = await spool(store, file.stream);
  try {
    return await getAttachment(db, actor, await storeUpload(db, actor, store, parent, { name, mime: cleanMime(file.mimetype), spooled }));
  } finally {
    await discard(spooled);
  }
}

/** Puts a spooled upload in place: its row, bytes (database storage) and event in one transaction; a folder file whose row fails goes again. */
async function storeUpload(db: Kysely<DB>, actor: Actor, store: FileStoreConfig, parent: ItemParent, file: { name: string; mime: string; spooled: Spooled }): Promise<number> {
  const key = store.storage === 'folder' ? await placeInFolder(store, file.spooled) : null;
  try {
    return await db.transaction().execute(async (trx) => {
      const size = file.spooled.size;
      const id = await insertAttachment(trx, { module: parent.module, record_id: parent.id, name: file.name, mime: file.mime, size, storage: store.storage, storage_key: key, created_at: nowIso(), created_by: actor.id });
      if (store.storage === 'database') await copyIntoChunks(trx, id, file.spooled);
      await recordEvent(trx, actor, fileEvent('file_added', parent, { id, name: file.name, size }));
      return id;
    });
  } catch (e) {
    if (key) await removeStored(store, { storage: 'folder', storage_key: key });
    throw e;
  }
}

export const uploadByRef = (db: Kysely<DB>, actor: Actor, store: FileStoreConfig, ref: ParentRef, nextFile: () => Promise<IncomingFile | undefined>) =>
  uploadAttachment(db, actor, store, parentFromRef(ref), nextFile);

/** A file's bytes for download, for those who see its record (404 otherwise). */
export async function openAttachment(db: Kysely<DB>, actor: Actor, store: FileStoreConfig, id: number): Promise<{ attachment: AttachmentRow; stream: Readable }> {
  const { row } = await attachmentOr404(db, actor, id);
  return { attachment: row, stream: await openStored(db, store, row) };
}

/** Deletes a file and its bytes (chunks with the row; a folder file right after the row is gone). */
export async function deleteAttachment(db: Kysely<DB>, actor: Actor, store: FileStoreConfig, id: number): Promise<void> {
  const { row, parent } = await attachmentOr404(db, actor, id, 'edit');
  if (!(await deleteRule(db, actor, parent))(row)) {
    throw refused('forbidden', 'file_uploader');
  }
  await db.transaction().execute(async (trx) => {
    if (!(await deleteAttachmentRow(trx, id))) throw notFound('file');
    await recordEvent(trx, actor, fileEvent('file_deleted', parent, row));
  });
  await removeStored(store, row);
}
