/**
 * Ways to hand a file to a reader as a `ByteSource` (a function that streams the bytes from the start, each call anew).
 */
import { createReadStream } from 'node:fs';
import type { ByteSource } from './source.ts';

/** Chunk size for files on disk: large enough that per-chunk overhead vanishes, small enough to keep memory flat. */
const fileChunkBytes = 256 * 1024;

/** A file on disk, read in 256 KB chunks. */
export function fileSource(path: string): ByteSource {
  return () => streamFile(path);
}

async function* streamFile(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: fileChunkBytes });
  try {
    for await (const chunk of stream) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  } finally {
    // A reader that stops early (format sniffing, the header only) must not leave the file open.
    stream.destroy();
  }
}

/** Bytes already in memory, optionally cut into chunks of `chunkSize` bytes (tests use 1 and 7 to hit every boundary). */
export function bytesSource(bytes: Uint8Array, chunkSize = fileChunkBytes): ByteSource {
  const size = Math.max(1, Math.floor(chunkSize));
  return async function* streamBytes(): AsyncGenerator<Uint8Array> {
    for (let start = 0; start < bytes.length; start += size) {
      yield bytes.subarray(start, Math.min(bytes.length, start + size));
    }
  };
}

/** The first `maxBytes` bytes of a source (fewer if the file is shorter); `complete` when that is the whole file. */
export async function readPrefix(source: ByteSource, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let complete = true;
  for await (const chunk of source()) {
    // Only a byte past the prefix proves the file goes on, so a file of exactly `maxBytes` is complete.
    if (length + chunk.length > maxBytes) {
      const wanted = maxBytes - length;
      parts.push(chunk.subarray(0, wanted));
      length += wanted;
      complete = false;
      break;
    }
    parts.push(chunk);
    length += chunk.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, complete };
}
