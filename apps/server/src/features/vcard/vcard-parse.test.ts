import { describe, expect, it } from 'vitest';
import { parseVcardStream, parseVcardText, VcardParser, type ParseEvent, type ParsedCard } from './vcard-parse.ts';
import { components, textValue, type VCard } from './vcard-model.ts';
import { vcardToDraft } from './vcard-to-draft.ts';

const cards = (events: ParseEvent[]): ParsedCard[] => events.filter((e): e is ParsedCard => e.kind === 'card');
const onlyCard = (text: string): VCard => {
  const [first, ...rest] = parseVcardText(text);
  if (!first || first.kind !== 'card' || rest.length > 0) throw new Error(`expected one card: ${JSON.stringify([first, ...rest])}`);
  return first.card;
};
const prop = (card: VCard, name: string) => {
  const p = card.properties.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name}`);
  return p;
};
const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const concat = (...parts: Array<string | Uint8Array>): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const parseBytes = (bytes: Uint8Array): ParseEvent[] => {
  const parser = new VcardParser();
  return [...parser.push(bytes), ...parser.end()];
};

describe('vCard parsing', () => {
  it('joins quoted-printable soft line breaks inside a UTF-8 sequence and before a separator', () => {
    const card = onlyCard('BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=\r\n=8B;=E8=8A=B3=\r\n;;;\r\nEND:VCARD\r\n');
    expect(components(prop(card, 'N'), 5)).toEqual(['王', '芳', '', '', '']);
  });

  it('decodes each property in its CHARSET, and invalid UTF-8 without one as Windows-1252', () => {
    const bytes = concat(
      'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:',
      hex('4dfc6c6c6572'),
      ';Hans\r\nFN;CHARSET=GBK:',
      hex('cdf586b4'),
      '\r\nORG;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63\r\nNOTE:',
      hex('8096'),
      '\r\nTITLE;CHARSET=windows-1252:',
      hex('80'),
      '\r\nEND:VCARD\r\n',
    );
    const [event] = parseBytes(bytes);
    if (event?.kind !== 'card') throw new Error('no card');
    expect(components(prop(event.card, 'N'))[0]).toBe('Müller');
    expect(textValue(prop(event.card, 'FN'))).toBe('王喆');
    expect(textValue(prop(event.card, 'ORG'))).toBe('山田');
    expect(textValue(prop(event.card, 'NOTE'))).toBe('€–');
    expect(textValue(prop(event.card, 'TITLE'))).toBe('€');
  });

  it('reads groups, bare, repeated, listed and quoted parameters', () => {
    const card = onlyCard(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'item1.EMAIL;type=INTERNET;type=pref:a@x.example',
        'item1.X-ABLabel:Büro',
        'TEL;CELL;PREF:+40 1',
        'TEL;TYPE="work,voice";PREF=1:+40 2',
        'ADR;LABEL="Street 1: back; door, left";GEO="geo:1,2":;;Street 1;City;;;',
        'END:VCARD',
      ].join('\r\n'),
    );
    const [email, label, cell, work, adr] = card.properties;
    expect(email).toMatchObject({ group: 'item1', name: 'EMAIL', params: [{ name: 'TYPE', values: ['INTERNET'] }, { name: 'TYPE', values: ['pref'] }] });
    expect(label).toMatchObject({ group: 'item1', name: 'X-ABLABEL', value: 'Büro' });
    expect(cell?.params).toEqual([{ name: 'TYPE', values: ['CELL'] }, { name: 'TYPE', values: ['PREF'] }]);
    expect(work?.params).toEqual([{ name: 'TYPE', values: ['work,voice'] }, { name: 'PREF', values: ['1'] }]);
    expect(adr?.params[0]).toEqual({ name: 'LABEL', values: ['Street 1: back; door, left'] });
    expect(adr?.params[1]).toEqual({ name: 'GEO', values: ['geo:1,2'] });
    expect(components(adr ?? prop(card, 'ADR'), 7).slice(2, 4)).toEqual(['Street 1', 'City']);
  });

  it('undoes escapes and unfolds lines folded with a space or a tab', () => {
    const card = onlyCard('BEGIN:VCARD\nVERSION:3.0\nNOTE:a\\nb\\Nc\\,d\\;e\\\\f\n  g\n\th\nURL:https\\://x.example\nEND:VCARD\n');
    expect(textValue(prop(card, 'NOTE'))).toBe('a\nb\nc,d;e\\f gh');
    expect(textValue(prop(card, 'URL'))).toBe('https://x.example');
  });

  it('reads a 2.1 base64 PHOTO folded and ended by a blank line, and a 4.0 data: URI', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).toString('base64');
    const v21 = onlyCard(`BEGIN:VCARD\r\nVERSION:2.1\r\nN:A;B\r\nPHOTO;ENCODING=BASE64;JPEG:${jpeg.slice(0, 8)}\r\n ${jpeg.slice(8)}\r\n\r\nNOTE:after\r\nEND:VCARD\r\n`);
    const draft21 = vcardToDraft(v21).draft;
    expect(draft21.photo?.mime).toBe('image/jpeg');
    expect([...(draft21.photo?.bytes ?? [])]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(draft21.fields.description).toBe('after');
    const v40 = onlyCard(`BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nPHOTO:data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64')}\r\nEND:VCARD\r\n`);
    expect(vcardToDraft(v40).draft.photo).toEqual({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mime: 'image/png' });
  });

  it('skips garbage between cards and reports cards without END:VCARD', () => {
    const events = parseVcardText(
      ['junk line', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:One', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Two', 'END:VCARD', 'more junk: here', '', 'BEGIN:VCARD', 'FN:Three'].join('\r\n'),
    );
    expect(events).toEqual([
      { kind: 'failure', line: 2, message: 'no END:VCARD before the next BEGIN:VCARD' },
      expect.objectContaining({ kind: 'card', line: 5 }),
      { kind: 'failure', line: 11, message: 'the file ends before END:VCARD' },
    ]);
    expect(textValue(prop(cards(events)[0]?.card ?? { version: '3.0', properties: [] }, 'FN'))).toBe('Two');
  });

  it('caps the properties of a card with 100,000 EMAIL lines, and Kontor takes 50 of them', () => {
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Many;Mails;;;'];
    for (let i = 0; i < 100_000; i++) lines.push(`EMAIL:user${i}@many.example`);
    lines.push('END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Next', 'END:VCARD');
    const events = parseVcardText(lines.join('\r\n'));
    const [big, next] = cards(events);
    expect(big?.card.properties).toHaveLength(1000);
    expect(big?.warnings).toEqual([{ property: 'EMAIL', message: 'more than 1000 properties: the rest left out' }]);
    const mapped = vcardToDraft(big?.card ?? { version: '3.0', properties: [] });
    expect(mapped.draft.emails).toHaveLength(50);
    expect(mapped.extras).toHaveLength(949);
    expect(next?.card.properties.map(textValue)).toEqual(['Next']);
  });

  it('refuses a card over the size cap without buffering it, and reads the next', () => {
    const megabyteNote = `NOTE:${'x'.repeat(1024 * 1024 - 100)}\r\n`;
    async function* chunks(): AsyncGenerator<string> {
      yield 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge\r\n';
      for (let i = 0; i < 12; i++) yield megabyteNote;
      yield 'END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Small\r\nEND:VCARD\r\n';
    }
    return collect(parseVcardStream(chunks())).then((events) => {
      expect(events[0]).toEqual({ kind: 'failure', line: 1, message: 'the card is larger than 10 MB' });
      expect(events[1]).toMatchObject({ kind: 'card', line: 17 });
    });
  });

  it('streams a 50 MB PHOTO through with flat memory, leaving the photo out and keeping the card', async () => {
    const chunk = 'A'.repeat(64 * 1024);
    const chunks = Math.ceil((50 * 1024 * 1024) / chunk.length);
    let peak = 0;
    const base = process.memoryUsage();
    const baseline = base.heapUsed + base.arrayBuffers;
    async function* source(): AsyncGenerator<string> {
      yield 'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Big;Photo;;;\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/';
      for (let i = 0; i < chunks; i++) {
        yield chunk;
        if (i % 16 === 0) {
          const m = process.memoryUsage();
          peak = Math.max(peak, m.heapUsed + m.arrayBuffers - baseline);
        }
      }
      yield '\r\n\r\nEMAIL;WORK:big.photo@example.example\r\nEND:VCARD\r\n';
    }
    const events = await collect(parseVcardStream(source()));
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event?.kind !== 'card') throw new Error('no card');
    expect(event.warnings).toEqual([{ property: 'PHOTO', message: 'PHOTO larger than 5 MB: left out' }]);
    const { draft } = vcardToDraft(event.card);
    expect(draft.photo).toBeNull();
    expect(draft.emails.map((e) => e.value)).toEqual(['big.photo@example.example']);
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('vCard values as Kontor values', () => {
  const withLines = (...lines: string[]) => vcardToDraft(onlyCard(['BEGIN:VCARD', 'VERSION:4.0', 'N:Doe;Jane;;;', ...lines, 'END:VCARD'].join('\r\n')));

  it('reads every birthday form, reports a bad date and keeps a text birthday as an extra', () => {
    expect(withLines('BDAY:19750314').draft.fields.birthday).toBe('1975-03-14');
    expect(withLines('BDAY:1975-03-14T00:00:00Z').draft.fields.birthday).toBe('1975-03-14');
    expect(withLines('BDAY:--04-12').draft.fields.birthday).toBe('--04-12');
    expect(withLines('BDAY:--0412').draft.fields.birthday).toBe('--04-12');
    expect(withLines('BDAY:1975-13-45').draft.problems).toEqual([expect.objectContaining({ column: 'BDAY', code: 'birthday' })]);
    const text = withLines('BDAY;VALUE=text:circa 1800');
    expect(text.draft.problems).toEqual([]);
    expect(text.extras.map((p) => p.name)).toEqual(['BDAY']);
  });

  it('maps name prefixes to salutations and keeps other prefixes and suffixes in the name', () => {
    expect(withLines().draft.fields).toEqual({ firstName: 'Jane', lastName: 'Doe' });
    const mapped = vcardToDraft(onlyCard('BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Hans;Peter;Herr;Jr.\r\nEND:VCARD\r\n')).draft.fields;
    expect(mapped).toEqual({ salutation: 'mr', firstName: 'Hans Peter', lastName: 'Müller Jr.' });
    const other = vcardToDraft(onlyCard('BEGIN:VCARD\r\nVERSION:3.0\r\nN:Huber;Franz;;Dipl.-Ing.;\r\nEND:VCARD\r\n')).draft.fields;
    expect(other).toEqual({ firstName: 'Dipl.-Ing. Franz', lastName: 'Huber' });
    expect(vcardToDraft(onlyCard('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only Display\r\nEND:VCARD\r\n')).draft.fields).toEqual({ lastName: 'Only Display' });
  });

  it('takes the most preferred point as primary and labels by TYPE', () => {
    const { draft } = withLines('TEL;TYPE=work,fax;PREF=2:+1 1', 'TEL;TYPE=cell;PREF=1:+1 2', 'TEL;VALUE=uri:tel:+49-491-555-0142;ext=42', 'EMAIL;TYPE=x-custom:a@b.example');
    expect(draft.phones).toEqual([
      { label: 'fax', value: '+1 1', primary: false },
      { label: 'mobile', value: '+1 2', primary: true },
      { label: '', value: '+49 491 555 0142 ext. 42', primary: false },
    ]);
    expect(draft.emails).toEqual([{ label: 'other', value: 'a@b.example', primary: false }]);
  });
});
