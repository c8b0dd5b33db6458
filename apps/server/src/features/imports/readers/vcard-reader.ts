/**
 * The vCard reader of the import (issue #15): a `.vcf` file of any number of 2.1 / 3.0 / 4.0 cards, streamed card by
 * card. Each card maps itself (features/vcard/vcard-to-draft.ts): a person is a `contacts` record, a company card an
 * `accounts` record. A card that cannot be read (no END, over the size cap) is a `bad_card` problem and reading goes
 * on; something left out of a card that is imported all the same (a PHOTO over 5 MB) is a `bad_cell` problem naming
 * the property, reported before the card's record on the same line.
 *
 * Encoding: UTF-8 unless a byte order mark says UTF-16; 2.1's per-property CHARSET is honoured by the parser, and
 * values that are not valid UTF-8 without a CHARSET are read as Windows-1252.
 */
import { parseVcardStream, type ParseOptions } from '../../vcard/vcard-parse.ts';
import { vcardToDraft } from '../../vcard/vcard-to-draft.ts';
import type { VProperty } from '../../vcard/vcard-model.ts';
import { readPrefix } from './byte-sources.ts';
import { SourceError, type ByteSource, type OpenedRecords, type OpenOptions, type SourceProblem, type SourceRecord } from './source.ts';

/** A record of a vCard file, with what the card held that Kontor has no field for (the engine may keep it). */
export interface VcardSourceRecord extends SourceRecord {
  /** Properties with no Kontor field (X-…, IMPP, RELATED, GENDER, an ALTID alternative), unchanged. */
  extras: VProperty[];
  nicknames: string[];
}

const sniffBytes = 64 * 1024;

type Utf16 = 'utf-16le' | 'utf-16be';

function byteOrder(head: Uint8Array): Utf16 | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 bytes as UTF-8 bytes, chunk by chunk (the parser works on UTF-8 and 8-bit charsets). */
async function* utf16AsUtf8(chunks: AsyncIterable<Uint8Array>, encoding: Utf16): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder(encoding); // drops the byte order mark
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield encoder.encode(decoder.decode(chunk, { stream: true }));
  const rest = decoder.decode();
  if (rest !== '') yield encoder.encode(rest);
}

export async function openVcard(source: ByteSource, options: OpenOptions, parseOptions: ParseOptions = {}): Promise<OpenedRecords> {
  void options; // every vCard file is read the same way; the name does not matter
  const { bytes: head } = await readPrefix(source, sniffBytes);
  const utf16 = byteOrder(head);
  const text = new TextDecoder(utf16 ?? 'utf-8').decode(head);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new SourceError('empty_file', 'The file is empty.');
  if (!/begin:vcard/i.test(text)) throw new SourceError('unknown_format', 'The file holds no vCard (no BEGIN:VCARD).');

  async function* records(): AsyncGenerator<VcardSourceRecord | SourceProblem> {
    const bytes = utf16 ? utf16AsUtf8(source(), utf16) : source();
    for await (const event of parseVcardStream(bytes, parseOptions)) {
      if (event.kind === 'failure') {
        yield { line: event.line, code: 'bad_card', message: event.message };
        continue;
      }
      for (const warning of event.warnings) yield { line: event.line, column: warning.property, code: 'bad_cell', message: warning.message };
      const { module, draft, extras, nicknames } = vcardToDraft(event.card);
      yield { line: event.line, module, draft, extras, nicknames };
    }
  }

  return { kind: 'records', format: 'vcard', encoding: utf16 ?? 'utf-8', delimiter: null, sheets: [], sheet: null, records };
}
