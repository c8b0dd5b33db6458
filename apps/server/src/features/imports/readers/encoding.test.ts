import { describe, expect, it } from 'vitest';
import { bytesSource } from './byte-sources.ts';
import { decodeText, detectEncoding, looksLikeGbk } from './encoding.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Windows-1252 bytes of Latin-1 text (every character below U+0100 is its own byte there). */
const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf16le = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'utf16le'));
// GBK bytes (cp936): 王 CD F5, 喆 86 B4 (outside GB2312), 北京 B1 B1 BE A9, 公司 B9 AB CB BE.
const gbkRow = [0xcd, 0xf5, 0x86, 0xb4, 0x2c, 0xb1, 0xb1, 0xbe, 0xa9, 0xb9, 0xab, 0xcb, 0xbe, 0x0d, 0x0a];

async function decodeAll(bytes: Uint8Array, encoding: Parameters<typeof decodeText>[1], chunkSize: number): Promise<string> {
  let text = '';
  for await (const part of decodeText(bytesSource(bytes, chunkSize), encoding)) text += part;
  return text;
}

describe('detectEncoding', () => {
  it('believes a byte order mark', () => {
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41), true)).toEqual({ encoding: 'utf-8', bomBytes: 3 });
    expect(detectEncoding(Uint8Array.of(0xff, 0xfe, 0x41, 0x00), true)).toEqual({ encoding: 'utf-16le', bomBytes: 2 });
    expect(detectEncoding(Uint8Array.of(0xfe, 0xff, 0x00, 0x41), true)).toEqual({ encoding: 'utf-16be', bomBytes: 2 });
  });

  it('takes valid UTF-8 (and plain ASCII) as UTF-8', () => {
    expect(detectEncoding(utf8('Name,City\r\nStefan,Bucureşti\r\n'), true).encoding).toBe('utf-8');
    expect(detectEncoding(utf8('Name,City\r\n'), true).encoding).toBe('utf-8');
  });

  it('does not hold a character cut at the end of the sample against UTF-8, unless the sample is the whole file', () => {
    const bytes = utf8('Name\r\nȘtefan 🚚');
    const cut = bytes.subarray(0, bytes.length - 2); // inside the 4-byte emoji
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).not.toBe('utf-8');
  });

  it('tells Windows-1252 from GBK', () => {
    expect(detectEncoding(latin1('Last Name,City\r\nVoß,Köln\r\nMuñoz,Sevilla\r\n'), true).encoding).toBe('windows-1252');
    // A lone accented letter followed by a letter is a pair GBK allows: still Windows-1252 by the statistics.
    expect(detectEncoding(latin1('Name\r\nMüller\r\n'), true).encoding).toBe('windows-1252');
    expect(detectEncoding(Uint8Array.of(0x41, 0x2c, 0x42, 0x0d, 0x0a, ...gbkRow, ...gbkRow), true).encoding).toBe('gbk');
  });

  it('finds UTF-16 without a BOM by its zero bytes', () => {
    expect(detectEncoding(utf16le('Name\tCity\r\nAnna\tŁódź\r\n'), true).encoding).toBe('utf-16le');
    const be = utf16le('Name\tCity\r\n');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] ?? 0, be[i] ?? 0];
    expect(detectEncoding(be, true).encoding).toBe('utf-16be');
  });

  it('looksLikeGbk refuses bytes GBK cannot hold (a high byte before a comma or line break)', () => {
    expect(looksLikeGbk(latin1('Voß,1'))).toBe(false);
    expect(looksLikeGbk(latin1('Tue–Thu'.replace('–', '\x96')))).toBe(false);
    expect(looksLikeGbk(Uint8Array.from(gbkRow))).toBe(true);
  });
});

describe('decodeText', () => {
  it('joins characters split between chunks and drops the BOM', async () => {
    const text = 'Name,Note\r\nȘtefan,"Deliveries:\nback door only 🚚"\r\n';
    const withBom = Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8(text));
    for (const chunk of [1, 2, 3, 7]) expect(await decodeAll(withBom, 'utf-8', chunk)).toBe(text);
    const utf16 = Uint8Array.of(0xff, 0xfe, ...utf16le(text));
    for (const chunk of [1, 3, 7]) expect(await decodeAll(utf16, 'utf-16le', chunk)).toBe(text);
    for (const chunk of [1, 3]) expect(await decodeAll(Uint8Array.from(gbkRow), 'gbk', chunk)).toBe('王喆,北京公司\r\n');
  });

  it('turns bytes that are not valid in the encoding into U+FFFD instead of failing', async () => {
    expect(await decodeAll(Uint8Array.of(0x41, 0xff, 0x42), 'utf-8', 1)).toBe('A\uFFFDB');
  });
});
