import { SourceError } from './source.ts';

/**
 * A small streaming XML tokenizer of our own for the import readers (XLSX parts, SpreadsheetML 2003, Kontor XML).
 * Text arrives in chunks of any size (a tag, an entity or a CRLF may be split between two chunks) and comes out as
 * start tags (with attributes), end tags and text, handed to a handler as they are found.
 *
 * Safe by construction for hostile files: a document type declaration (`<!DOCTYPE`, `<!ENTITY`) refuses the file
 * (`xml_entities`) before anything in it is looked at, so no entity is ever declared, expanded or fetched (billion
 * laughs, external entities). Only the five predefined entities and numeric character references are decoded; any other
 * `&name;` is malformed. A single text node, tag, comment or nesting depth past its cap is malformed, so memory stays
 * bounded whatever the input. Namespaces are not resolved: names keep their prefix as written (`ss:Name`).
 */

export type XmlAttributes = Record<string, string>;

export interface XmlHandler {
  /** A start tag; a self-closing one (`<a/>`) is followed at once by its `close`. */
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data between two tags (entities decoded, CDATA sections included, CRLF read as LF). */
  text(text: string): void;
}

export interface XmlLimits {
  /** Characters of one text node (CDATA included). */
  maxText: number;
  /** Characters of one tag, comment or processing instruction. */
  maxTag: number;
  maxDepth: number;
}

export const defaultXmlLimits: XmlLimits = { maxText: 10_000_000, maxTag: 1_000_000, maxDepth: 256 };

const malformed = (message: string): SourceError => new SourceError('xml_malformed', message);

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The longest entity reference we accept (`&#x0010FFFF;` with some slack): a bare `&` never waits longer. */
const MAX_ENTITY = 16;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function entity(name: string): string {
  const known = predefined[name];
  if (known !== undefined) return known;
  let code: number;
  if (/^#x[0-9a-fA-F]{1,8}$/.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,10}$/.test(name)) code = parseInt(name.slice(1), 10);
  else throw malformed(`Unknown entity &${name.slice(0, 20)}; (only &lt; &gt; &amp; &quot; &apos; and character references are read).`);
  if (!isXmlChar(code)) throw malformed(`The character reference &${name}; is not an XML character.`);
  return String.fromCodePoint(code);
}

/** Decodes the predefined entities and character references of a complete piece of text or attribute value. */
export function decodeEntities(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp);
    if (semi < 0 || semi - amp > MAX_ENTITY) throw malformed('A bare "&" in text (write &amp;).');
    out += raw.slice(from, amp) + entity(raw.slice(amp + 1, semi));
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/** XML reads CRLF and a lone CR as LF. */
const newlines = (raw: string): string => (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);

/** Attribute values: literal tabs and line breaks become spaces (XML's attribute normalisation); `&#10;` stays a line break. */
const attributeValue = (raw: string): string => decodeEntities(raw.replace(/\r\n|[\t\n\r]/g, ' '));

const DECLARATIONS = ['<!--', '<![CDATA[', '<!DOCTYPE', '<!ENTITY', '<!ELEMENT', '<!ATTLIST'];

const ATTRIBUTE = /\s*([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const NAME = /^[^\s/>"'=<!?]+/;

/** The index of the `>` closing a tag that starts at `from`, skipping `>` inside quoted attribute values; -1 if not yet there. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

export class XmlTokenizer {
  /** Input not consumed yet: an incomplete tag, or the tail of a text that may continue (a split entity or CRLF). */
  private pending = '';
  private textParts: string[] = [];
  private textLength = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private ended = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly limits: XmlLimits = defaultXmlLimits,
  ) {}

  /** Feeds the next piece of decoded text; handler calls happen before it returns. */
  write(chunk: string): void {
    if (this.ended) throw new Error('XmlTokenizer.write after end');
    const s = this.pending.length > 0 ? this.pending + chunk : chunk;
    this.pending = '';
    this.scan(s, false);
  }

  /** The input is complete: a document cut short is malformed. */
  end(): void {
    const rest = this.pending;
    this.pending = '';
    this.scan(rest, true);
    this.ended = true;
    if (this.stack.length > 0) throw malformed(`The XML ends before </${this.stack[this.stack.length - 1]}>.`);
    if (!this.sawRoot) throw malformed('The file holds no XML element.');
  }

  private scan(s: string, final: boolean): void {
    let pos = 0;
    while (pos < s.length) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        this.textTail(s.slice(pos), final);
        return;
      }
      if (lt > pos) this.addText(s.slice(pos, lt));
      const next = this.markup(s, lt, final);
      if (next < 0) {
        // Incomplete: wait for more input (its size is checked by the caller of this branch).
        this.pending = s.slice(lt);
        return;
      }
      pos = next;
    }
  }

  /** Text with no `<` after it in this chunk: keep back what may continue in the next one. */
  private textTail(raw: string, final: boolean): void {
    if (final) {
      this.addText(raw);
      this.flushText();
      return;
    }
    let keep = raw.length;
    const amp = raw.lastIndexOf('&');
    if (amp >= 0 && raw.indexOf(';', amp) < 0) {
      if (raw.length - amp > MAX_ENTITY) throw malformed('A bare "&" in text (write &amp;).');
      keep = amp;
    } else if (raw.endsWith('\r')) keep = raw.length - 1;
    if (keep > 0) this.addText(raw.slice(0, keep));
    this.pending = raw.slice(keep);
  }

  private addText(raw: string): void {
    this.addDecoded(decodeEntities(newlines(raw)));
  }

  private addDecoded(text: string): void {
    if (text.length === 0) return;
    this.textLength += text.length;
    if (this.textLength > this.limits.maxText) throw malformed(`A text node is longer than ${this.limits.maxText} characters.`);
    this.textParts.push(text);
  }

  private flushText(): void {
    if (this.textParts.length === 0) return;
    const text = this.textParts.length === 1 ? (this.textParts[0] ?? '') : this.textParts.join('');
    this.textParts = [];
    this.textLength = 0;
    // Outside the root element only layout whitespace may stand.
    if (this.stack.length > 0) this.handler.text(text);
  }

  /** Handles the markup starting at `lt`; returns the index after it, or -1 when it is not complete yet. */
  private markup(s: string, lt: number, final: boolean): number {
    const second = s.charCodeAt(lt + 1);
    if (Number.isNaN(second)) return this.incomplete(s, lt, final, this.limits.maxTag);
    if (second === 63 /* ? */) {
      // Processing instructions (the XML declaration, `<?mso-application …?>`) say nothing we need.
      const close = s.indexOf('?>', lt + 2);
      return close < 0 ? this.incomplete(s, lt, final, this.limits.maxTag) : close + 2;
    }
    if (second === 33 /* ! */) return this.declaration(s, lt, final);
    const gt = tagEnd(s, lt + 1);
    if (gt < 0) return this.incomplete(s, lt, final, this.limits.maxTag);
    this.flushText();
    if (second === 47 /* / */) this.endTag(s.slice(lt + 2, gt).trim());
    else this.startTag(s.slice(lt + 1, gt));
    return gt + 1;
  }

  /** Markup not complete in this input: wait for more, unless the input has ended or the markup is past its cap. */
  private incomplete(s: string, lt: number, final: boolean, cap: number): number {
    if (final) throw malformed('The XML ends inside a tag.');
    if (s.length - lt > cap) throw malformed(`A tag longer than ${cap} characters.`);
    return -1;
  }

  private declaration(s: string, lt: number, final: boolean): number {
    const head = s.slice(lt, lt + 9);
    if (head.startsWith('<!--')) {
      const close = s.indexOf('-->', lt + 4);
      return close < 0 ? this.incomplete(s, lt, final, this.limits.maxTag) : close + 3;
    }
    if (head === '<![CDATA[') {
      const close = s.indexOf(']]>', lt + 9);
      if (close < 0) return this.incomplete(s, lt, final, this.limits.maxText);
      this.addDecoded(newlines(s.slice(lt + 9, close)));
      return close + 3;
    }
    const upper = head.toUpperCase();
    if (upper.startsWith('<!DOCTYPE') || upper.startsWith('<!ENTITY') || upper.startsWith('<!ELEMENT') || upper.startsWith('<!ATTLIST')) {
      throw new SourceError('xml_entities', 'The XML declares a document type or entities; such files are refused (no entity is ever expanded).');
    }
    // Not enough characters yet to tell which declaration this is.
    if (head.length < 9 && DECLARATIONS.some((d) => d.startsWith(upper))) return this.incomplete(s, lt, final, this.limits.maxTag);
    throw malformed(`Unexpected markup ${JSON.stringify(head)}.`);
  }

  private startTag(inner: string): void {
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const nameMatch = NAME.exec(body);
    if (!nameMatch) throw malformed(`A tag without a name: <${inner.slice(0, 40)}>.`);
    const name = nameMatch[0];
    if (this.stack.length === 0 && this.sawRoot) throw malformed(`A second root element <${name}>.`);
    const attributes: XmlAttributes = {};
    if (name.length === body.length) return this.opened(name, attributes, selfClosing);
    let at = name.length;
    ATTRIBUTE.lastIndex = at;
    for (let m = ATTRIBUTE.exec(body); m; m = ATTRIBUTE.exec(body)) {
      const key = m[1] ?? '';
      attributes[key] = attributeValue(m[2] ?? m[3] ?? '');
      at = ATTRIBUTE.lastIndex;
    }
    if (body.slice(at).trim().length > 0) throw malformed(`Unreadable attributes in <${name}>.`);
    this.opened(name, attributes, selfClosing);
  }

  private opened(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    this.sawRoot = true;
    if (!selfClosing) {
      if (this.stack.length >= this.limits.maxDepth) throw malformed(`Elements nested deeper than ${this.limits.maxDepth}.`);
      this.stack.push(name);
    }
    this.handler.open(name, attributes, selfClosing);
    if (selfClosing) this.handler.close(name);
  }

  private endTag(name: string): void {
    const open = this.stack.pop();
    if (open !== name) throw malformed(open === undefined ? `</${name}> closes nothing.` : `</${name}> where </${open}> was expected.`);
    this.handler.close(name);
  }
}

/**
 * Decodes an XML file's bytes to text: UTF-16 by its byte order mark (or by `<?` written in two-byte units), otherwise
 * the encoding the XML declaration names, UTF-8 when it names none. Invalid bytes refuse the file.
 */
export class XmlByteDecoder {
  private decoder: TextDecoder | null = null;
  private head: Uint8Array = new Uint8Array(0);
  encoding = 'utf-8';

  push(bytes: Uint8Array): string {
    if (this.decoder) return this.decode(this.decoder, bytes, true);
    const joined = new Uint8Array(this.head.length + bytes.length);
    joined.set(this.head);
    joined.set(bytes, this.head.length);
    // The declaration fits in the first few hundred bytes; wait for them so it is not cut.
    if (joined.length < 512) {
      this.head = joined;
      return '';
    }
    this.head = new Uint8Array(0);
    return this.decode(this.start(joined), joined, true);
  }

  end(): string {
    if (!this.decoder) {
      const head = this.head;
      this.head = new Uint8Array(0);
      return this.decode(this.start(head), head, false);
    }
    return this.decode(this.decoder, new Uint8Array(0), false);
  }

  private start(head: Uint8Array): TextDecoder {
    this.encoding = sniffXmlEncoding(head);
    try {
      this.decoder = new TextDecoder(this.encoding, { fatal: true });
    } catch {
      throw new SourceError('unreadable_encoding', `The XML names an encoding that cannot be read: ${this.encoding}.`);
    }
    return this.decoder;
  }

  private decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
    try {
      const text = decoder.decode(bytes, { stream });
      return decoder.encoding === 'windows-1252' ? windows1252(text) : text;
    } catch {
      throw new SourceError('unreadable_encoding', `The XML holds bytes that are not valid ${this.encoding}.`);
    }
  }
}

/** Windows-1252's characters at 0x80-0x9F, which Node's decoder reads as Latin-1's C1 controls. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const windows1252 = (text: string): string => text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);

export function sniffXmlEncoding(head: Uint8Array): string {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  const declaration = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(new TextDecoder('latin1').decode(head.subarray(0, 512)));
  const named = declaration?.[1]?.toLowerCase();
  // The declaration was legible as single bytes, so a file that calls itself UTF-16 (without a mark) is not: read it as UTF-8.
  if (named === 'utf-16' || named === 'unicode') return 'utf-8';
  return named ?? 'utf-8';
}

/**
 * Streams XML bytes through the decoder and tokenizer into a handler made by `makeHandler`, yielding what the handler
 * emits as it goes (rows, records). Stopping the iteration early stops reading the input.
 */
export async function* parseXml<T>(chunks: AsyncIterable<Uint8Array>, makeHandler: (emit: (item: T) => void) => XmlHandler, limits?: XmlLimits): AsyncGenerator<T> {
  let queue: T[] = [];
  const tokenizer = new XmlTokenizer(
    makeHandler((item) => queue.push(item)),
    limits,
  );
  const decoder = new XmlByteDecoder();
  const drain = (): T[] => {
    const items = queue;
    queue = [];
    return items;
  };
  for await (const bytes of chunks) {
    const text = decoder.push(bytes);
    if (text.length > 0) tokenizer.write(text);
    yield* drain();
  }
  const rest = decoder.end();
  if (rest.length > 0) tokenizer.write(rest);
  tokenizer.end();
  yield* drain();
}
