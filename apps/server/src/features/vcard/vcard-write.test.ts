import { describe, expect, it } from 'vitest';
import { parseVcardText } from './vcard-parse.ts';
import { vcardToDraft, type CardMapping } from './vcard-to-draft.ts';
import { accountToVcard, contactToVcard, foldLine, type AccountForVcard, type ContactForVcard } from './vcard-write.ts';

const contact: ContactForVcard = {
  id: '42',
  salutation: 'dr',
  firstName: 'Anna Maria',
  lastName: "O'Neill Jr.",
  position: 'Leiterin; Qualität, Labor',
  department: 'Qualitätssicherung',
  birthday: '--11-23',
  description: 'Line one, with comma; and semicolon\nLine two \\ backslash. Ein sehr langer Satz mit Umlauten äöü und 中文字符 damit gefaltet wird.',
  tags: ['Key Customer', 'Clienți, VIP'],
  updatedAt: '2025-03-01T10:15:00.000Z',
  accountName: 'Lindenhof Bio-Molkerei eG',
  emails: [
    { label: 'Büro', value: 'a.huber@lindenhof.example', primary: true },
    { label: 'home', value: 'anna@familie.example', primary: false },
    { label: 'other', value: 'x@other.example', primary: false },
    { label: '', value: 'plain@other.example', primary: false },
  ],
  phones: [
    { label: 'mobile', value: '+49 151 5550 2231', primary: false },
    { label: 'work', value: '+49 8031 55501-31 ext. 4', primary: true },
    { label: 'fax', value: '+49 8031 55501-99', primary: false },
  ],
  websites: [{ label: 'website', value: 'https://lindenhof.example/team?a=1,b=2', primary: true }],
  addresses: [{ label: 'billing', street: 'Molkereiweg 3\nHof 2', city: 'Rosenheim', region: 'Bayern', postalCode: '83022', country: 'Deutschland', primary: true }],
};

function readBack(text: string): CardMapping {
  const events = parseVcardText(text);
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event?.kind !== 'card') throw new Error('not a card');
  return vcardToDraft(event.card);
}

describe('vCard writing', () => {
  it('folds at 75 octets without splitting a UTF-8 sequence', () => {
    const line = `NOTE:${'ä中'.repeat(40)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('FN:short')).toBe('FN:short');
  });

  for (const version of ['4.0', '3.0'] as const) {
    it(`writes a contact as vCard ${version} that reads back to the same record`, () => {
      const text = contactToVcard(contact, { version });
      expect(text.startsWith(`BEGIN:VCARD\r\nVERSION:${version}\r\n`)).toBe(true);
      expect(text.endsWith('END:VCARD\r\n')).toBe(true);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(text).toContain(version === '4.0' ? 'BDAY:--1123' : 'BDAY;X-APPLE-OMIT-YEAR=1604:1604-11-23');
      expect(text).toContain('UID:kontor:contacts:42');
      expect(text).toContain('REV:20250301T101500Z');

      const { module, draft } = readBack(text);
      expect(module).toBe('contacts');
      expect(draft.fields).toEqual({
        salutation: 'dr',
        firstName: 'Anna Maria',
        lastName: "O'Neill Jr.",
        position: contact.position,
        department: 'Qualitätssicherung',
        birthday: '--11-23',
        description: contact.description,
      });
      expect(draft.company).toEqual({ name: 'Lindenhof Bio-Molkerei eG', sourceId: null });
      expect(draft.emails).toEqual(contact.emails);
      expect(draft.phones).toEqual(contact.phones);
      expect(draft.websites).toEqual(contact.websites);
      expect(draft.addresses).toEqual(contact.addresses);
      expect(draft.tags).toEqual(contact.tags);
      expect(draft.sourceId).toBe('kontor:contacts:42');
      // Written again from what was read, the card is the same.
      const again: ContactForVcard = {
        ...contact,
        emails: draft.emails,
        phones: draft.phones,
        websites: draft.websites,
        addresses: draft.addresses.map(({ label, street, city, region, postalCode, country, primary }) => ({ label, street, city, region, postalCode, country, primary })),
      };
      expect(contactToVcard(again, { version })).toBe(text);
    });
  }

  it('writes a full date birthday in each version', () => {
    const dated = { ...contact, birthday: '1975-03-14' };
    expect(contactToVcard(dated)).toContain('BDAY:19750314\r\n');
    expect(contactToVcard(dated, { version: '3.0' })).toContain('BDAY:1975-03-14\r\n');
    expect(readBack(contactToVcard(dated)).draft.fields.birthday).toBe('1975-03-14');
  });

  it('writes the properties Kontor has no field for back unchanged, groups kept apart from its own labels', () => {
    const source = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;',
      'X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android.cursor.item/nickname;=E5=B0=8F=E5=BC=A0;=31;;;;;;;;;;;;;',
      'item1.IMPP;X-SERVICE-TYPE=Skype:skype:zhang.wei',
      'item1.X-ABLabel:Chat',
      'GENDER:M',
      'RELATED;TYPE=spouse:urn:uuid:0b6f0d2c-6a8e-4a57-9a4f-3c1e5d7b9a02',
      'END:VCARD',
    ].join('\r\n');
    const { extras, draft } = readBack(source);
    expect(extras.map((p) => p.name)).toEqual(['X-ANDROID-CUSTOM', 'IMPP', 'X-ABLABEL', 'GENDER', 'RELATED']);
    const written = contactToVcard({ ...contact, firstName: '伟', lastName: '张', emails: [{ label: 'Büro', value: 'z@x.example', primary: true }] }, { extras });
    expect(written).toContain('FN:张伟\r\n');
    expect(written).toContain('X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;小张;1;;;;;;;;;;;;;\r\n');
    expect(written).toContain('item1.IMPP;X-SERVICE-TYPE=Skype:skype:zhang.wei\r\nitem1.X-ABLABEL:Chat\r\n');
    expect(written).toContain('item2.EMAIL;PREF=1:z@x.example\r\nitem2.X-ABLabel:Büro\r\n');
    expect(written).toContain('RELATED;TYPE=spouse:urn:uuid:0b6f0d2c-6a8e-4a57-9a4f-3c1e5d7b9a02\r\n');
    const reread = readBack(written);
    expect(reread.nicknames).toEqual(['小张']);
    expect(reread.extras.map((p) => [p.group, p.name, p.value])).toEqual(extras.map((p) => [p.group, p.name, p.value]));
    expect(draft.fields.lastName).toBe('张');
  });

  it('writes an account as a company card that reads back as an account', () => {
    const account: AccountForVcard = {
      id: '7',
      name: 'Nordwind Energie AG',
      description: 'Windparks; Nordsee',
      tags: ['Energie'],
      updatedAt: '2025-03-02T08:00:00.000Z',
      emails: [{ label: 'work', value: 'info@nordwind.example', primary: true }],
      phones: [{ label: 'work', value: '+49 491 555 0100', primary: true }],
      websites: [{ label: '', value: 'https://nordwind.example', primary: true }],
      addresses: [],
      billingAddress: { street: 'Hafenstraße 21', city: 'Leer', region: '', postalCode: '26789', country: 'Deutschland' },
      shippingAddress: { street: '', city: '', region: '', postalCode: '', country: '' },
    };
    for (const version of ['4.0', '3.0'] as const) {
      const text = accountToVcard(account, { version, photo: { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), mime: 'image/jpeg' } });
      expect(text).toContain(version === '4.0' ? 'KIND:org\r\n' : 'X-ABShowAs:COMPANY\r\n');
      const { module, draft } = readBack(text);
      expect(module).toBe('accounts');
      expect(draft.fields).toEqual({ name: 'Nordwind Energie AG', description: 'Windparks; Nordsee' });
      expect(draft.addresses).toEqual([{ label: 'billing', street: 'Hafenstraße 21', city: 'Leer', region: '', postalCode: '26789', country: 'Deutschland', primary: false }]);
      expect(draft.photo).toEqual({ bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), mime: 'image/jpeg' });
      expect(draft.sourceId).toBe('kontor:accounts:7');
    }
  });
});
