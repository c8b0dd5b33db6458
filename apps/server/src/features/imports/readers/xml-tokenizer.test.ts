import { describe, expect, it } from 'vitest';
import { SourceError } from './source.ts';
import { parseXml, sniffXmlEncoding, XmlTokenizer, type XmlAttributes, type XmlHandler } from './xml-tokenizer.ts';

type Event = ['open', string, XmlAttributes] | ['close', string] | ['text', string];

function recorder(events: Event[]): XmlHandler {
  return {
    open: (name, attributes) => events.push(['open', name, { ...attributes }]),
    close: (name) => events.push(['close', name]),
    text: (text) => events.push(['text', text]),
  };
}

/** The events of `xml` fed in pieces of `size` characters. */
function tokenize(xml: string, size = xml.length): Event[] {
  const events: Event[] = [];
  const tokenizer = new XmlTokenizer(recorder(events));
  for (let at = 0; at < xml.length; at += size) tokenizer.write(xml.slice(at, at + size));
  tokenizer.end();
  return events;
}

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof SourceError) return error.code;
    throw error;
  }
}

const sample =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n<!-- a comment with <tags> & stuff -->' +
  '<ss:Workbook xmlns:ss="urn:x" a=\'1 > 0\' b="x&amp;y&#10;z&#x41;" c="tab\there">' +
  '<Row><Cell ss:Index="3"><Data>Smith &amp; S\u00f6hne&#10;line&#x32;</Data></Cell><Empty/></Row>' +
  'before<![CDATA[<raw> & ]]>after\r\nnext\rlast' +
  '</ss:Workbook>';

describe('XmlTokenizer', () => {
  it('reads tags, attributes, entities, CDATA and line breaks, and skips comments and processing instructions', () => {
    const events = tokenize(sample);
    expect(events).toEqual([
      ['open', 'ss:Workbook', { 'xmlns:ss': 'urn:x', a: '1 > 0', b: 'x&y\nzA', c: 'tab here' }],
      ['open', 'Row', {}],
      ['open', 'Cell', { 'ss:Index': '3' }],
      ['open', 'Data', {}],
      ['text', 'Smith & S\u00f6hne\nline2'],
      ['close', 'Data'],
      ['close', 'Cell'],
      ['open', 'Empty', {}],
      ['close', 'Empty'],
      ['close', 'Row'],
      ['text', 'before<raw> & after\nnext\nlast'],
      ['close', 'ss:Workbook'],
    ]);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const whole = tokenize(sample);
    for (const size of [1, 2, 3, 5, 7, 11, 64]) expect(tokenize(sample, size)).toEqual(whole);
  });

  it('refuses a document type, entity declarations and billion laughs without expanding anything', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';
    expect(codeOf(() => tokenize(laughs))).toBe('xml_entities');
    expect(codeOf(() => tokenize(laughs, 1))).toBe('xml_entities');
    expect(codeOf(() => tokenize('<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>'))).toBe('xml_entities');
    expect(codeOf(() => tokenize('<a/><!doctype a>'))).toBe('xml_entities');
    expect(codeOf(() => tokenize('<!ENTITY x "y"><a/>', 3))).toBe('xml_entities');
  });

  it('refuses unknown entities, bare ampersands, bad references, mismatched and unfinished documents', () => {
    expect(codeOf(() => tokenize('<a>&xxe;</a>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a>Smith & Sons</a>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a b="&nbsp;"/>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a>&#0;</a>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a><b></a></b>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a><b>text</b>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a><b attr="x'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a/><b/>'))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('   '))).toBe('xml_malformed');
    expect(codeOf(() => tokenize('<a b=c/>'))).toBe('xml_malformed');
  });

  it('caps a text node, a tag and the nesting depth', () => {
    const limits = { maxText: 100, maxTag: 50, maxDepth: 5 };
    const run = (xml: string, size: number): void => {
      const tokenizer = new XmlTokenizer(recorder([]), limits);
      for (let at = 0; at < xml.length; at += size) tokenizer.write(xml.slice(at, at + size));
      tokenizer.end();
    };
    expect(codeOf(() => run(`<a>${'x'.repeat(101)}</a>`, 10))).toBe('xml_malformed');
    expect(codeOf(() => run(`<a>${'x'.repeat(100)}</a>`, 10))).toBeNull();
    expect(codeOf(() => run(`<a b="${'x'.repeat(60)}"/>`, 10))).toBe('xml_malformed');
    expect(codeOf(() => run('<a><a><a><a><a><a></a></a></a></a></a></a>', 7))).toBe('xml_malformed');
    expect(codeOf(() => run(`<a><![CDATA[${'x'.repeat(200)}]]></a>`, 10))).toBe('xml_malformed');
  });
});

describe('XML bytes', () => {
  const collect = async (bytes: Uint8Array, size: number): Promise<string[]> => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    }
    const texts: string[] = [];
    for await (const text of parseXml<string>(chunks(), (emit) => ({ open: () => undefined, close: () => undefined, text: emit }))) texts.push(text);
    return texts;
  };

  it('decodes UTF-8 with a BOM, UTF-16 by its BOM and the declared single-byte encoding', async () => {
    const text = '<a>Gr\u00fc\u00dfe \u4e2d\u6587 \u{1F69A}</a>';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await collect(utf16, 3)).toEqual(['Gr\u00fc\u00dfe \u4e2d\u6587 \u{1F69A}']);
    expect(await collect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 1)).toEqual(['Gr\u00fc\u00dfe \u4e2d\u6587 \u{1F69A}']);
    const latin = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>\u00e9\u20ac</a>', 'latin1');
    latin[latin.length - 5] = 0x80; // the euro sign in windows-1252
    expect(await collect(latin, 4)).toEqual(['\u00e9\u20ac']);
    expect(sniffXmlEncoding(new TextEncoder().encode('<?xml version="1.0"?><a/>'))).toBe('utf-8');
  });

  it('refuses bytes that are not valid in the encoding', async () => {
    await expect(collect(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), 2)).rejects.toMatchObject({ code: 'unreadable_encoding' });
  });
});
