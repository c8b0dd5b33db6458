/**
 * Byte-level helpers of the vCard parser: a growable buffer, quoted-printable decoding and charset decoding. vCard 2.1
 * values are quoted-printable over bytes in a named charset, and a soft line break may fall inside a UTF-8 sequence
 * (Android breaks after 23 bytes whatever they are), so a value is collected as bytes, QP-decoded to bytes, and only
 * then decoded as text.
 */

export class ByteBuffer {
  private data = new Uint8Array(256);
  length = 0;

  push(byte: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = byte;
  }

  pushRange(source: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.length + n > this.data.length) this.grow(this.length + n);
    this.data.set(source.subarray(from, to), this.length);
    this.length += n;
  }

  pop(): void {
    if (this.length > 0) this.length--;
  }

  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }

  /** Empty it, and give back memory a large value took. */
  reset(): void {
    this.length = 0;
    if (this.data.length > 65536) this.data = new Uint8Array(256);
  }

  private grow(needed: number): void {
    let size = this.data.length * 2;
    while (size < needed) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
}

const hexValue = (b: number): number => {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
};

/** `=XX` to the byte XX; an `=` not followed by two hex digits stays as written (lenient, as real files need). */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x3d && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1] ?? 0);
      const lo = hexValue(bytes[i + 2] ?? 0);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

const decoders = new Map<string, TextDecoder>();
function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  const key = `${label.toLowerCase()}|${fatal ? 1 : 0}`;
  let decoder = decoders.get(key);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label, { fatal });
    } catch {
      return null; // a charset the runtime does not know
    }
    decoders.set(key, decoder);
  }
  return decoder;
}

/**
 * Decode all of `bytes`. Always through `stream: true` then a flush: Node 20's one-shot decode of windows-1252 (and
 * latin1) takes a fast path that drops the bytes 0x80-0x9F (`€`, `–`, `“`), the streaming path does not.
 */
function decodeAll(decoder: TextDecoder, bytes: Uint8Array): string {
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/**
 * Bytes to text: in the CHARSET the property names (`UTF-8`, `ISO-8859-1`, `windows-1252`, `GBK`, `SHIFT_JIS`, …),
 * else in the file's encoding; bytes that are not valid UTF-8 where UTF-8 is assumed are read as Windows-1252, the
 * encoding old desktop programs wrote vCards in without saying so.
 */
export function decodeText(bytes: Uint8Array, charset: string | null, fallback: string): string {
  const named = charset ? decoderFor(charset, false) : null;
  if (named) return decodeAll(named, bytes);
  const label = fallback.toLowerCase();
  if (label === 'utf-8' || label === 'utf8') {
    try {
      // A fresh decoder each time: one that failed mid-stream may keep state.
      return decodeAll(new TextDecoder('utf-8', { fatal: true }), bytes);
    } catch {
      return decodeAll(decoderFor('windows-1252', false) ?? new TextDecoder(), bytes);
    }
  }
  return decodeAll(decoderFor(fallback, false) ?? new TextDecoder(), bytes);
}

/** Base64 (whitespace ignored) to bytes. */
export function decodeBase64(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), 'base64'));
}
