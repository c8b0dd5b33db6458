import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { ByteSource } from './readers/source.ts';

/**
 * An import's file lives in the database (`import_file_chunks`, ~1 MB each) so that the job that runs it, in whatever
 * server process claims it and after a restart, reads the same bytes; and so that a file larger than memory streams in
 * and out.
 */
const CHUNK_BYTES = 1024 * 1024;

/** Stores a stream as the import's file; answers its size. Refuses a file over `maxBytes` (413) with nothing kept. */
export async function storeImportFile(db: Kysely<DB>, importId: number, stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<number> {
  let seq = 0;
  let size = 0;
  let parts: Buffer[] = [];
  let pending = 0;
  const flush = async (data: Buffer) => {
    await db.insertInto('import_file_chunks').values({ import_id: importId, seq, data }).execute();
    seq += 1;
  };
  for await (const piece of stream) {
    size += piece.byteLength;
    if (size > maxBytes) {
      await db.deleteFrom('import_file_chunks').where('import_id', '=', importId).execute();
      throw new AppError('payload_too_large', `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB an import takes.`);
    }
    parts.push(Buffer.from(piece));
    pending += piece.byteLength;
    while (pending >= CHUNK_BYTES) {
      const all = Buffer.concat(parts);
      await flush(all.subarray(0, CHUNK_BYTES));
      parts = [all.subarray(CHUNK_BYTES)];
      pending = all.length - CHUNK_BYTES;
    }
  }
  if (pending > 0) await flush(Buffer.concat(parts));
  return size;
}

/** The stored file, read from the start on each call, one chunk at a time. */
export function storedFileSource(db: Kysely<DB>, importId: number): ByteSource {
  return async function* chunks() {
    for (let seq = 0; ; seq++) {
      const row = await db.selectFrom('import_file_chunks').select('data').where('import_id', '=', importId).where('seq', '=', seq).executeTakeFirst();
      if (!row) return;
      // handed on in pieces of 256 KB: the text decoders hold their large strings less long
      for (let at = 0; at < row.data.length; at += 256 * 1024) yield new Uint8Array(row.data.subarray(at, at + 256 * 1024));
    }
  };
}

/** The first bytes of a source (format detection). */
export async function firstBytes(source: ByteSource, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  for await (const piece of source()) {
    parts.push(piece);
    have += piece.byteLength;
    if (have >= n) break;
  }
  return Buffer.concat(parts).subarray(0, n);
}
