/**
 * Which encoding a text file is in, told from its first bytes, and its text decoded chunk by chunk (issue #15).
 *
 * Files people have come as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text"), Windows-1252 (Outlook and
 * Excel on Western Windows) and GBK (Excel on Chinese Windows). A BOM settles it; otherwise bytes that are valid UTF-8
 * are UTF-8 (other encodings almost never produce valid multi-byte sequences by chance); otherwise byte statistics
 * tell GBK's double-byte pairs from Windows-1252's lone accented letters.
 */
import type { ByteSource } from './source.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'gbk';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Length of the byte order mark at the start (0 when none). The decoder drops it. */
  bomBytes: number;
}

/** How much of a file the detection looks at. */
export const encodingSampleBytes = 64 * 1024;

/**
 * The encoding of a file from its first bytes. `complete` says the sample is the whole file: otherwise a multi-byte
 * character cut at the sample's end is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomBytes: 0 };
  if (isUtf8(sample, complete)) return { encoding: 'utf-8', bomBytes: 0 };
  return { encoding: looksLikeGbk(sample) ? 'gbk' : 'windows-1252', bomBytes: 0 };
}

function isUtf8(sample: Uint8Array, complete: boolean): boolean {
  try {
    // In streaming mode the decoder keeps an unfinished sequence at the end for the next call instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-16 without a BOM (rare, but some tools write it): text that is mostly ASCII has a zero byte in every other
 * position. No 8-bit encoding puts zero bytes in text.
 */
function utf16WithoutBom(sample: Uint8Array): TextEncoding | null {
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs < 2) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) zeroEven++;
    if (sample[2 * i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * GBK writes every Chinese character as a lead byte 0x81-0xFE and a trail byte 0x40-0xFE (not 0x7F); the common ones
 * (GB2312) have both bytes >= 0xA1, so high bytes come in pairs. Windows-1252 writes an accented letter as one high
 * byte between ASCII letters (`Mu\xF1oz`, `Vo\xDF,`): a high byte followed by a comma, space or line break cannot be
 * GBK at all, and one followed by a letter is a pair GBK allows but rarely uses.
 */
export function looksLikeGbk(sample: Uint8Array): boolean {
  let highPairs = 0;
  let asciiTrailPairs = 0;
  for (let i = 0; i < sample.length; i++) {
    const lead = sample[i] ?? 0;
    if (lead < 0x80) continue;
    if (i + 1 >= sample.length) break; // a lead byte cut at the sample's end says nothing
    const trail = sample[i + 1] ?? 0;
    if (lead === 0x80 || lead === 0xff || trail < 0x40 || trail === 0x7f || trail === 0xff) return false;
    if (trail >= 0x80) highPairs++;
    else asciiTrailPairs++;
    i++;
  }
  return highPairs > 0 && highPairs > asciiTrailPairs;
}

/**
 * The text of a source, decoded chunk by chunk (a character split between two chunks is joined, never garbled).
 * Bytes that are not valid in the encoding become U+FFFD; the BOM is dropped.
 */
export async function* decodeText(source: ByteSource, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source()) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/** A sample of bytes decoded as text (for sniffing the delimiter); an unfinished character at the end is left out. */
export function decodeSample(sample: Uint8Array, encoding: TextEncoding, complete: boolean): string {
  // Node 20's one-shot decode drops Windows-1252's 0x80-0x9F (€ – “ ”): always decode as a stream, then flush.
  const decoder = new TextDecoder(encoding);
  const text = decoder.decode(sample, { stream: true });
  return complete ? text + decoder.decode() : text;
}
