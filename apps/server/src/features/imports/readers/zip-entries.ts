import { Inflate, Unzip, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';
import { SourceError, type ByteSource } from './source.ts';

/**
 * The entries of a ZIP file (an XLSX workbook) streamed with fflate's `Unzip`, read front to back from the local
 * headers, so nothing but the entry being inflated is in memory. Only the entries the caller asks for are inflated;
 * the others pass by without being decompressed (a zip bomb in an entry nobody reads costs nothing).
 *
 * Every inflated entry is capped while it inflates: past its own limit, or past 20 MB at more than 1000 bytes out per
 * byte in (no real sheet compresses that well; zeros do, at about 1024:1), the file is refused as a zip bomb before the
 * rest is inflated. The number of entries is capped too, and input that is not a plain ZIP is refused as malformed.
 */

export interface ZipEntryChunk {
  /** The entry's path inside the ZIP, with `/` separators and no leading `/`. */
  name: string;
  data: Uint8Array;
  final: boolean;
}

/** For an entry's path: the most bytes it may inflate to, or null to skip it. */
export type ZipEntryPick = (name: string) => number | null;

export const MAX_ZIP_ENTRIES = 10_000;
const BOMB_RATIO = 1000;
const BOMB_FLOOR = 20 * 1024 * 1024;
/**
 * Input is pushed into the unzipper in slices this size, so one push inflates at most about 16 MB (deflate's best
 * ratio is ~1032:1) before the caps are checked and the output is handed on.
 */
const SLICE = 16 * 1024;

const malformed = (message: string): SourceError => new SourceError('zip_malformed', message);

/** Entry names as some writers spell them (`\` separators, a leading `/`) made plain. */
export const entryPath = (raw: string): string => raw.replace(/\\/g, '/').replace(/^\/+/, '');

/**
 * Streams the chosen entries' inflated bytes in file order, each entry ending with a `final` chunk. Stopping the
 * iteration stops reading the file.
 */
export async function* zipEntries(source: ByteSource, pick: ZipEntryPick): AsyncGenerator<ZipEntryChunk> {
  let out: ZipEntryChunk[] = [];
  let entries = 0;
  /** Caps of the entries being started, looked up by the decoder fflate constructs for them. */
  const caps = new Map<string, number | null>();

  class CappedInflate implements UnzipDecoder {
    static readonly compression = 8;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private readonly inflate: Inflate | null;
    private compressed = 0;
    private inflated = 0;

    constructor(private readonly rawName: string) {
      const cap = caps.get(rawName) ?? null;
      this.inflate = cap === null ? null : new Inflate((data, final) => this.output(cap, data, final));
    }

    push(chunk: Uint8Array, final: boolean): void {
      // Entries nobody reads are dropped as they pass, compressed.
      if (!this.inflate) return;
      this.compressed += chunk.length;
      try {
        this.inflate.push(chunk, final);
      } catch (error) {
        if (error instanceof SourceError) throw error;
        throw malformed(`The workbook's entry ${entryPath(this.rawName)} is damaged (${error instanceof Error ? error.message : 'inflate failed'}).`);
      }
    }

    private output(cap: number, data: Uint8Array, final: boolean): void {
      this.inflated += data.length;
      if (this.inflated > cap) throw bomb(this.rawName, `expands past ${Math.round(cap / 1024 / 1024)} MB`);
      if (this.inflated > BOMB_FLOOR && this.inflated > BOMB_RATIO * this.compressed) throw bomb(this.rawName, `expands more than ${BOMB_RATIO} times`);
      this.ondata(null, data as Uint8Array<ArrayBuffer>, final);
    }
  }

  class CappedStore implements UnzipDecoder {
    static readonly compression = 0;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private readonly cap: number | null;
    private size = 0;

    constructor(rawName: string) {
      this.cap = caps.get(rawName) ?? null;
    }

    push(chunk: Uint8Array, final: boolean): void {
      if (this.cap === null) return;
      this.size += chunk.length;
      if (this.size > this.cap) throw malformed(`An entry of the workbook is larger than ${Math.round(this.cap / 1024 / 1024)} MB.`);
      this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
    }
  }

  const unzip = new Unzip((file) => {
    entries += 1;
    if (entries > MAX_ZIP_ENTRIES) throw malformed(`The workbook holds more than ${MAX_ZIP_ENTRIES} entries.`);
    const name = entryPath(file.name);
    const cap = pick(name);
    caps.set(file.name, cap);
    file.ondata = (error, data, final) => {
      if (error) throw malformed(`The workbook's entry ${name} cannot be read (${error.message}).`);
      if (cap !== null) out.push({ name, data, final });
    };
    // Excel and every other writer we know deflate or store; fflate cannot skip an entry of another method either.
    if (file.compression !== 0 && file.compression !== 8) throw malformed(`The workbook's entry ${name} uses an unsupported compression (${file.compression}).`);
    // Skipped entries are started too, with a decoder that drops their bytes: fflate would otherwise keep them.
    file.start();
    caps.delete(file.name);
  });
  unzip.register(CappedInflate);
  unzip.register(CappedStore);

  const push = (bytes: Uint8Array, final: boolean): void => {
    try {
      unzip.push(bytes, final);
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw malformed(`The file is not a readable XLSX workbook (${error instanceof Error ? error.message : 'zip error'}).`);
    }
  };
  const drain = (): ZipEntryChunk[] => {
    const chunks = out;
    out = [];
    return chunks;
  };

  let head: Uint8Array = new Uint8Array(0);
  let checked = false;
  for await (const chunk of source()) {
    let bytes: Uint8Array = chunk;
    if (!checked) {
      head = concat(head, chunk);
      if (head.length < 8) continue;
      checkZipHead(head);
      checked = true;
      bytes = head;
    }
    for (let at = 0; at < bytes.length; at += SLICE) {
      push(bytes.subarray(at, Math.min(bytes.length, at + SLICE)), false);
      yield* drain();
    }
  }
  if (!checked) {
    if (head.length === 0) throw new SourceError('empty_file', 'The file is empty.');
    checkZipHead(head);
  }
  // A file cut inside an entry fails here: fflate still expects that entry's bytes.
  push(new Uint8Array(0), true);
  yield* drain();
}

function bomb(rawName: string, how: string): SourceError {
  return new SourceError('zip_bomb', `The workbook's entry ${entryPath(rawName)} ${how}; it is refused as a zip bomb.`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** The file must begin with a ZIP local file header whose entry is not encrypted. */
function checkZipHead(head: Uint8Array): void {
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw malformed('The workbook is password-protected (encrypted) or an old .xls file; save it as an unprotected .xlsx.');
  }
  if (!(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) throw malformed('The file is not a ZIP archive, so not an XLSX workbook.');
  const flags = (head[6] ?? 0) | ((head[7] ?? 0) << 8);
  if ((flags & 1) !== 0) throw malformed('The workbook is encrypted.');
}
