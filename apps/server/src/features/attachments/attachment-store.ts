import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { insertChunk, readChunk, type AttachmentRow } from './attachments.repository.ts';

/**
 * Where attached files' bytes live, by configuration (KONTOR_FILE_STORAGE): `database` (1 MB rows of
 * attachment_chunks, written in the transaction that creates the attachment) or `folder` (a file per attachment
 * under KONTOR_FILE_DIR, named by a random key; a shared folder serves several processes). Each attachment row
 * records its storage, so files stay readable after the setting changes.
 *
 * An upload is first streamed to a temporary file, counting bytes against the limit: memory holds one buffer at a
 * time whatever the size, nothing is kept when the file is too large, and the database transaction (on SQLite, the
 * one writer) is held only while local bytes are copied, never while a slow client is still sending.
 */

export const CHUNK_BYTES = 1024 * 1024;
const KEY = /^[0-9a-f]{32}$/;

export interface FileStoreConfig {
  storage: Config['fileStorage'];
  dir: string;
  maxBytes: number;
}

export const fileStoreConfig = (config: Pick<Config, 'fileStorage' | 'fileDir' | 'maxUploadBytes'>): FileStoreConfig => ({
  storage: config.fileStorage,
  dir: config.fileDir,
  maxBytes: config.maxUploadBytes,
});

/** An upload on local disk, not yet an attachment. */
export interface Spooled {
  path: string;
  size: number;
}

/** A multipart file part: its bytes, and whether busboy cut them at the size limit. */
export type UploadStream = Readable & { truncated?: boolean };

export const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `The file is larger than the ${formatLimit(maxBytes)} an attachment may have.`, undefined, { maxBytes });
const formatLimit = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`);

const randomKey = () => crypto.randomBytes(16).toString('hex');

/** Streams an upload to a temporary file (in the storage folder, so it can be renamed into place); 413 past the limit, keeping nothing. */
export async function spool(store: FileStoreConfig, stream: UploadStream): Promise<Spooled> {
  const dir = store.storage === 'folder' ? store.dir : path.join(os.tmpdir(), 'kontor-uploads');
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.upload-${randomKey()}.part`);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, count, fs.createWriteStream(tmp, { flags: 'wx' }));
    if (stream.truncated || size > store.maxBytes) throw tooLarge(store.maxBytes);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  return { path: tmp, size };
}

export const discard = (spooled: Spooled) => fs.promises.rm(spooled.path, { force: true });

/** Folder storage: moves the upload to its final, random name (an atomic rename in the same folder); the key for the row. */
export async function placeInFolder(store: FileStoreConfig, spooled: Spooled): Promise<string> {
  const key = randomKey();
  await fs.promises.rename(spooled.path, path.join(store.dir, key));
  return key;
}

/** Database storage: copies the upload into 1 MB chunks, inside the caller's transaction. */
export async function copyIntoChunks(trx: Kysely<DB>, attachmentId: number, spooled: Spooled): Promise<void> {
  let seq = 0;
  for await (const chunk of fs.createReadStream(spooled.path, { highWaterMark: CHUNK_BYTES })) {
    await insertChunk(trx, attachmentId, seq, chunk as Buffer);
    seq += 1;
  }
}

const folderPath = (store: FileStoreConfig, key: string | null) => {
  if (!key || !KEY.test(key)) throw new Error('an attachment in folder storage without a valid key');
  return path.join(store.dir, key);
};

/** The stored bytes of an attachment as a stream, one chunk (or file buffer) at a time. */
export async function openStored(db: Kysely<DB>, store: FileStoreConfig, row: AttachmentRow): Promise<Readable> {
  if (row.storage === 'folder') {
    const file = folderPath(store, row.storage_key);
    if (!fs.existsSync(file)) throw notFound('file');
    return fs.createReadStream(file);
  }
  return Readable.from(
    (async function* chunks() {
      for (let seq = 0; ; seq += 1) {
        const data = await readChunk(db, row.id, seq);
        if (!data) return;
        yield data;
      }
    })(),
  );
}

/** Removes a folder-stored file once its row is gone (database chunks go with the row, in its transaction). */
export async function removeStored(store: FileStoreConfig, row: Pick<AttachmentRow, 'storage' | 'storage_key'>): Promise<void> {
  if (row.storage === 'folder') await fs.promises.rm(folderPath(store, row.storage_key), { force: true });
}
