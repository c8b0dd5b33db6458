/**
 * A streaming vCard 2.1 / 3.0 / 4.0 parser (issue #15). Bytes go in chunk by chunk; cards come out one at a time.
 * It works on bytes, not text, because vCard 2.1 folds quoted-printable values at soft line breaks that may split a
 * UTF-8 sequence and names the charset per property.
 *
 * Memory stays flat whatever the file: a value is buffered only up to its cap (a PHOTO up to `maxPhotoBytes` decoded,
 * any other value up to `maxValueBytes`), the rest of a longer value is skipped as it streams by and the property is
 * left out with a warning; a card whose kept bytes pass `maxCardBytes` is refused as a whole and skipped to its
 * `END:VCARD`. Lines outside a card (garbage between cards) are skipped; a card without `END:VCARD` is reported.
 */
import { ByteBuffer, decodeBase64, decodeQuotedPrintable, decodeText } from './vcard-bytes.ts';
import { headerParam, parseHeader, type ContentLineHeader } from './vcard-header.ts';
import { type VCard, type VCardVersion, type VProperty } from './vcard-model.ts';

export interface VcardLimits {
  /** Bytes kept for one card (its values as written); a larger card is refused. */
  maxCardBytes: number;
  /** Decoded bytes of one PHOTO/LOGO/SOUND/KEY; a larger one is left out with a warning. */
  maxPhotoBytes: number;
  /** Bytes of any other value as written (quoted-printable counts its `=XX`). */
  maxValueBytes: number;
  /** Properties kept per card; the rest are left out with a warning. */
  maxProperties: number;
}

export const defaultVcardLimits: VcardLimits = {
  maxCardBytes: 10 * 1024 * 1024,
  maxPhotoBytes: 5 * 1024 * 1024,
  maxValueBytes: 1024 * 1024,
  maxProperties: 1000,
};

export interface ParseOptions {
  limits?: Partial<VcardLimits>;
  /** The file's encoding for values without CHARSET (default UTF-8, with a Windows-1252 fallback for invalid bytes). */
  charset?: string;
}

/** Something left out of a card that is imported all the same. */
export interface CardWarning {
  property: string;
  message: string;
}
export interface ParsedCard {
  kind: 'card';
  /** The line of `BEGIN:VCARD`, 1-based. */
  line: number;
  card: VCard;
  warnings: CardWarning[];
}
export interface CardFailure {
  kind: 'failure';
  line: number;
  message: string;
}
export type ParseEvent = ParsedCard | CardFailure;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const QUOTE = 0x22;
const EQUALS = 0x3d;
const MAX_HEADER_BYTES = 16 * 1024;
/** BEGIN and END values outside a card or in a refused one: just enough to read `VCARD`. */
const MARKER_VALUE_BYTES = 64;
const utf8 = new TextDecoder();
const binaryNames = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);

interface OpenCard {
  line: number;
  version: VCardVersion;
  properties: VProperty[];
  warnings: CardWarning[];
  bytes: number;
  /** Set when the card passed a cap that refuses it: it is skipped to its END. */
  refused: string | null;
  propertiesCapped: boolean;
}

interface ValueState {
  header: ContentLineHeader;
  quotedPrintable: boolean;
  base64: boolean;
  cap: number;
}

export class VcardParser {
  private readonly limits: VcardLimits;
  private readonly charset: string;
  private line = 1;
  /** Where the logical line being read began. */
  private logicalLine = 1;
  private phase: 'idle' | 'header' | 'value' | 'discard' = 'idle';
  /** A physical line ended inside a logical line: the next byte tells whether it continues (folding). */
  private pendingBreak = false;
  private lastByte = 0;
  private quoted = false;
  private readonly headerBytes = new ByteBuffer();
  private readonly valueBytes = new ByteBuffer();
  private value: ValueState | null = null;
  private discardWarning: CardWarning | null = null;
  private card: OpenCard | null = null;
  private events: ParseEvent[] = [];

  constructor(options: ParseOptions = {}) {
    this.limits = { ...defaultVcardLimits, ...options.limits };
    this.charset = options.charset ?? 'utf-8';
  }

  /** Feed the next chunk; the cards it completed come back. */
  push(chunk: Uint8Array): ParseEvent[] {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] ?? 0;
      if (b === CR) continue;
      if (b === LF) {
        if (this.phase !== 'idle') this.pendingBreak = true;
        this.line++;
        continue;
      }
      if (this.pendingBreak) {
        this.pendingBreak = false;
        const softBreak = (this.phase === 'value' || this.phase === 'discard') && this.value?.quotedPrintable === true && this.lastByte === EQUALS;
        if (softBreak) {
          if (this.phase === 'value') this.valueBytes.pop();
        } else if (b === SPACE || b === TAB) {
          continue; // folded: the line goes on, the space is not part of it
        } else {
          this.endLogicalLine();
        }
      }
      if (this.phase === 'idle') this.startLogicalLine();
      if (this.phase === 'header') {
        this.headerByte(b);
        continue;
      }
      // Value and discard: take the run of bytes up to the next line end at once.
      let end = i;
      while (end < chunk.length && chunk[end] !== LF && chunk[end] !== CR) end++;
      if (this.phase === 'value') this.valueRun(chunk, i, end);
      this.lastByte = chunk[end - 1] ?? 0;
      i = end - 1;
    }
    return this.take();
  }

  /** The input ended: finish the last line and report a card left open. */
  end(): ParseEvent[] {
    if (this.phase !== 'idle') this.endLogicalLine();
    if (this.card) this.failCard('the file ends before END:VCARD');
    return this.take();
  }

  private take(): ParseEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private startLogicalLine(): void {
    this.phase = 'header';
    this.logicalLine = this.line;
    this.quoted = false;
    this.headerBytes.reset();
  }

  private headerByte(b: number): void {
    if (b === QUOTE) this.quoted = !this.quoted;
    if (b === COLON && !this.quoted) {
      this.openValue();
      return;
    }
    if (this.headerBytes.length >= MAX_HEADER_BYTES) {
      this.discard(null);
      return;
    }
    this.headerBytes.push(b);
  }

  private openValue(): void {
    const header = parseHeader(utf8.decode(this.headerBytes.view()));
    if (!header) {
      this.discard(null);
      return;
    }
    const encoding = (headerParam(header, 'ENCODING') ?? '').toUpperCase();
    const quotedPrintable = encoding === 'QUOTED-PRINTABLE';
    const base64 = encoding === 'B' || encoding === 'BASE64';
    const marker = header.name === 'BEGIN' || header.name === 'END';
    let cap: number;
    if (marker) cap = MARKER_VALUE_BYTES;
    else if (!this.card || this.card.refused) cap = 0;
    else if (binaryNames.has(header.name)) cap = Math.ceil((this.limits.maxPhotoBytes * 4) / 3) + 4096; // base64 or a data: URI
    else cap = quotedPrintable ? this.limits.maxValueBytes * 3 : this.limits.maxValueBytes;
    this.value = { header, quotedPrintable, base64, cap };
    this.valueBytes.reset();
    this.phase = 'value';
    this.lastByte = 0;
  }

  private valueRun(chunk: Uint8Array, from: number, to: number): void {
    const state = this.value;
    if (!state) return;
    if (this.valueBytes.length + (to - from) > state.cap) {
      const name = state.header.name;
      const tooLarge =
        state.cap === 0 ? null : { property: name, message: binaryNames.has(name) ? `${name} larger than ${mb(this.limits.maxPhotoBytes)}: left out` : `${name} value longer than ${mb(this.limits.maxValueBytes)}: left out` };
      this.discard(tooLarge);
      return;
    }
    this.valueBytes.pushRange(chunk, from, to);
    if (this.card && !this.card.refused) {
      this.card.bytes += to - from;
      if (this.card.bytes > this.limits.maxCardBytes) this.refuseCard(`the card is larger than ${mb(this.limits.maxCardBytes)}`);
    }
  }

  /** Skip the rest of this logical line (its bytes are not kept). */
  private discard(warning: CardWarning | null): void {
    this.phase = 'discard';
    this.discardWarning = warning;
    this.valueBytes.reset();
  }

  private endLogicalLine(): void {
    const phase = this.phase;
    this.phase = 'idle';
    if (phase === 'discard') {
      if (this.discardWarning && this.card && !this.card.refused) this.card.warnings.push(this.discardWarning);
      this.discardWarning = null;
      this.value = null;
      return;
    }
    if (phase !== 'value' || !this.value) return; // a line without `:` is not a property: skipped
    const state = this.value;
    this.value = null;
    const property = this.buildProperty(state);
    this.valueBytes.reset();
    if (property) this.takeProperty(property);
  }

  private buildProperty(state: ValueState): VProperty | null {
    const { header } = state;
    let bytes = this.valueBytes.view();
    if (state.quotedPrintable) bytes = decodeQuotedPrintable(bytes);
    if (state.base64) {
      const binary = decodeBase64(bytes);
      if (binary.length > this.limits.maxPhotoBytes) {
        this.card?.warnings.push({ property: header.name, message: `${header.name} larger than ${mb(this.limits.maxPhotoBytes)}: left out` });
        return null;
      }
      return { group: header.group, name: header.name, params: header.params, value: '', binary };
    }
    const charset = headerParam(header, 'CHARSET');
    let value = decodeText(bytes, charset, this.charset);
    // Real line breaks only come from quoted-printable (=0D=0A); keep them in the 3.0/4.0 form.
    if (state.quotedPrintable) value = value.replace(/\r\n|\r|\n/g, '\\n');
    return { group: header.group, name: header.name, params: header.params, value, binary: null };
  }

  private takeProperty(property: VProperty): void {
    const marker = property.value.trim().toUpperCase();
    if (property.name === 'BEGIN' && marker === 'VCARD') {
      if (this.card) this.failCard('no END:VCARD before the next BEGIN:VCARD');
      this.card = { line: this.logicalLine, version: '3.0', properties: [], warnings: [], bytes: 0, refused: null, propertiesCapped: false };
      return;
    }
    const card = this.card;
    if (!card) return; // garbage between cards
    if (property.name === 'END' && marker === 'VCARD') {
      this.card = null;
      if (card.refused) this.events.push({ kind: 'failure', line: card.line, message: card.refused });
      else this.events.push({ kind: 'card', line: card.line, card: { version: card.version, properties: card.properties }, warnings: card.warnings });
      return;
    }
    if (card.refused || property.name === 'BEGIN' || property.name === 'END') return;
    if (property.name === 'VERSION') {
      const v = property.value.trim();
      if (v === '2.1' || v === '3.0' || v === '4.0') card.version = v;
      return;
    }
    if (card.properties.length >= this.limits.maxProperties) {
      if (!card.propertiesCapped) card.warnings.push({ property: property.name, message: `more than ${this.limits.maxProperties} properties: the rest left out` });
      card.propertiesCapped = true;
      return;
    }
    card.properties.push(property);
  }

  private failCard(message: string): void {
    const card = this.card;
    this.card = null;
    if (card) this.events.push({ kind: 'failure', line: card.line, message: card.refused ?? message });
  }

  private refuseCard(message: string): void {
    if (!this.card) return;
    this.card.refused = message;
    this.card.properties = [];
    this.card.warnings = [];
    this.discard(null);
  }
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Parse a stream of chunks (bytes, or text encoded as UTF-8) into cards, one at a time. */
export async function* parseVcardStream(chunks: AsyncIterable<Uint8Array | string>, options: ParseOptions = {}): AsyncGenerator<ParseEvent> {
  const parser = new VcardParser(options);
  const encoder = new TextEncoder();
  for await (const chunk of chunks) {
    yield* parser.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  }
  yield* parser.end();
}

/** Parse a whole text at once (small inputs, tests, a CardDAV PUT body). */
export function parseVcardText(text: string, options: ParseOptions = {}): ParseEvent[] {
  const parser = new VcardParser(options);
  return [...parser.push(new TextEncoder().encode(text)), ...parser.end()];
}
