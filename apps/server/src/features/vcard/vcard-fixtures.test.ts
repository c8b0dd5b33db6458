import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../imports/readers/byte-sources.ts';
import { isProblem, type SourceProblem } from '../imports/readers/source.ts';
import { openVcard, type VcardSourceRecord } from '../imports/readers/vcard-reader.ts';
import { textValue } from './vcard-model.ts';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/real/', import.meta.url));

async function readFixture(name: string, chunkSize?: number): Promise<{ records: VcardSourceRecord[]; problems: SourceProblem[] }> {
  const opened = await openVcard(bytesSource(readFileSync(`${fixtures}${name}`), chunkSize), { fileName: name });
  const records: VcardSourceRecord[] = [];
  const problems: SourceProblem[] = [];
  for await (const r of opened.records()) {
    if (isProblem(r)) problems.push(r);
    else records.push(r as VcardSourceRecord);
  }
  return { records, problems };
}

/** Accounts as the README counts them: company cards and contacts' companies, compared trimmed, spaces collapsed, case folded. */
function accountNames(records: VcardSourceRecord[]): Set<string> {
  const names = records.map((r) => (r.module === 'accounts' ? String(r.draft.fields.name) : r.draft.company?.name ?? ''));
  return new Set(names.map((n) => n.trim().replace(/\s+/g, ' ').toLowerCase()).filter((n) => n !== ''));
}

const contactNamed = (records: VcardSourceRecord[], lastName: string) => {
  const found = records.find((r) => r.module === 'contacts' && r.draft.fields.lastName === lastName);
  if (!found) throw new Error(`no contact ${lastName}`);
  return found;
};

/** Width and height of a baseline or progressive JPEG from its SOF marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    const length = ((bytes[i + 2] ?? 0) << 8) + (bytes[i + 3] ?? 0);
    if (marker === 0xc0 || marker === 0xc2) return { height: ((bytes[i + 5] ?? 0) << 8) + (bytes[i + 6] ?? 0), width: ((bytes[i + 7] ?? 0) << 8) + (bytes[i + 8] ?? 0) };
    i += 2 + length;
  }
  return null;
}

describe('vCard fixtures', () => {
  it('reads the Android 2.1 export: quoted-printable across soft breaks, bare params, nickname, photo', async () => {
    // 7-byte chunks put chunk boundaries inside QP escapes, UTF-8 sequences and CRLFs.
    for (const chunkSize of [undefined, 7]) {
      const { records, problems } = await readFixture('android_contacts_v21.vcf', chunkSize);
      expect(problems).toEqual([]);
      expect(records.filter((r) => r.module === 'contacts')).toHaveLength(8);
      expect(accountNames(records)).toEqual(new Set(['杭州云帆网络科技有限公司', 'delta dunării turism srl', 'transilvania it solutions srl', 'redwood freight lines']));
      expect(records.map((r) => r.line)).toEqual([1, 13, 28, 40, 65, 76, 83, 89]);

      const wang = contactNamed(records, '王');
      expect(wang.draft.fields).toMatchObject({ firstName: '芳', position: '市场总监', birthday: '1986-02-11' });
      expect(wang.draft.company?.name).toBe('杭州云帆网络科技有限公司');
      expect(wang.draft.emails).toEqual([{ label: 'work', value: 'wang.fang@yunfan-tech.example', primary: true }]);

      const ioana = contactNamed(records, 'Stănescu');
      expect(ioana.draft.phones.find((p) => p.primary)).toEqual({ label: 'mobile', value: '+40 744 555 101', primary: true });
      expect(ioana.draft.fields.description).toBe('Preferă SMS.\nClient din 2019.');
      expect(ioana.draft.addresses[0]).toMatchObject({ street: 'Str. Isaccei 17', city: 'Tulcea', postalCode: '820011', country: 'România' });

      const cristian = contactNamed(records, 'Mureșan-Vlădoianu');
      expect(cristian.draft.fields).toMatchObject({ firstName: 'Cristian-Alexandru Ioan', department: 'Infrastructură' });
      expect(cristian.draft.company?.name).toBe('Transilvania IT Solutions SRL');

      const carter = contactNamed(records, 'Carter');
      expect(carter.draft.fields.description).toBe('Night shift; call after 6pm; gate code 4411');
      const photo = carter.draft.photo;
      expect(photo?.mime).toBe('image/jpeg');
      expect([...(photo?.bytes.subarray(0, 2) ?? [])]).toEqual([0xff, 0xd8]);
      expect(jpegSize(photo?.bytes ?? new Uint8Array())).toEqual({ width: 40, height: 40 });

      const zhang = contactNamed(records, '张');
      expect(zhang.nicknames).toEqual(['小张']);
      expect(zhang.extras.map((p) => p.name)).toEqual(['X-ANDROID-CUSTOM']);

      expect(contactNamed(records, 'Taxi Cluj Non-Stop').draft.fields.firstName).toBeUndefined();
    }
  });

  it('reads the Apple 3.0 export: grouped labels, company card, omitted year, photos', async () => {
    const { records, problems } = await readFixture('apple_contacts_v30.vcf');
    expect(problems).toEqual([]);
    expect(records.filter((r) => r.module === 'contacts')).toHaveLength(5);
    const companies = records.filter((r) => r.module === 'accounts');
    expect(companies.map((r) => r.draft.fields.name)).toEqual(['Lindenhof Bio-Molkerei eG']);
    expect(accountNames(records)).toEqual(new Set(['lindenhof bio-molkerei eg', 'pacific pearl trading ltd.', 'horizon craft srl']));
    expect([...(companies[0]?.draft.photo?.bytes.subarray(0, 2) ?? [])]).toEqual([0xff, 0xd8]);

    const huber = contactNamed(records, 'Huber');
    expect(huber.draft.fields).toMatchObject({ firstName: 'Anna Maria', department: 'Qualitätssicherung' });
    expect(huber.draft.emails[0]).toEqual({ label: 'Büro', value: 'a.huber@lindenhof-molkerei.example', primary: true });
    expect(huber.draft.fields.description).toBe('Zuständig für Bio-Zertifizierung (DE-ÖKO-006), Audits jeweils im Mai; vor Besuchen bitte Hygieneschulung nachweisen.\nVertretung: Sarah O\'Brien.');
    expect(jpegSize(huber.draft.photo?.bytes ?? new Uint8Array())).toEqual({ width: 48, height: 48 });

    const sarah = contactNamed(records, "O'Brien");
    expect(sarah.draft.websites).toEqual([{ label: 'website', value: 'https://lindenhof-molkerei.example/team/sarah', primary: true }]);
    expect(contactNamed(records, '李').draft.fields.firstName).toBe('明');
    expect(contactNamed(records, '李').draft.emails[0]?.label).toBe('other');
    expect(contactNamed(records, 'Constantinescu').draft.fields.birthday).toBe('--11-23');
    expect(contactNamed(records, 'Moreau').draft.company).toBeNull();
    expect(huber.draft.sourceId).toBe('6F1C1D2E-3B4A-4C5D-8E9F-0A1B2C3D4E02');
  });

  it('reads the 4.0 file: KIND:org, ALTID alternatives, tel: URIs with extension, escaped components', async () => {
    const { records, problems } = await readFixture('contacts_v40.vcf', 5);
    expect(problems).toEqual([]);
    expect(records.filter((r) => r.module === 'contacts')).toHaveLength(4);
    expect(records.filter((r) => r.module === 'accounts').map((r) => r.draft.fields.name)).toEqual(['Nordwind Energie AG']);
    expect(accountNames(records)).toEqual(new Set(['nordwind energie ag', 'carpați consult srl']));

    const zhao = contactNamed(records, '赵');
    expect(zhao.draft.fields).toMatchObject({ firstName: '敏', birthday: '--04-12' });
    const kept = zhao.extras.filter((p) => p.name === 'FN' || p.name === 'N').map(textValue);
    expect(kept).toEqual(['Zhao Min', 'Zhao;Min;;;']);
    expect(zhao.extras.map((p) => p.name)).toEqual(expect.arrayContaining(['GENDER', 'LANG']));

    const hendrik = contactNamed(records, 'de Vries');
    expect(hendrik.draft.phones[0]).toEqual({ label: 'work', value: '+49 491 555 0142 ext. 42', primary: true });
    expect(hendrik.draft.fields.description).toBe('Spricht Niederländisch, Deutsch, Englisch.\nBevorzugt Termine vormittags, nicht freitags.');

    const andreea = contactNamed(records, 'Rusu');
    expect(andreea.draft.addresses[0]).toMatchObject({ street: 'Bulevardul Eroilor 15, ap. 4', city: 'Brașov', label: 'work' });
    expect(andreea.draft.tags).toEqual(['Parteneri', 'Brașov']);
    expect(contactNamed(records, 'Fontaine').draft.company).toBeNull();
  });
});

describe('openVcard', () => {
  const open = (bytes: Uint8Array) => openVcard(bytesSource(bytes, 3), { fileName: 'x.vcf' });

  it('reads UTF-16 with a byte order mark and UTF-8 with one', async () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiß;Jürgen;;;\r\nEND:VCARD\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    for (const [bytes, encoding] of [[utf16, 'utf-16le'], [utf8, 'utf-8']] as const) {
      const opened = await open(bytes);
      expect(opened.encoding).toBe(encoding);
      const all = [];
      for await (const r of opened.records()) all.push(r);
      expect(all).toEqual([expect.objectContaining({ line: 1, module: 'contacts', draft: expect.objectContaining({ fields: { firstName: 'Jürgen', lastName: 'Weiß' } }) })]);
    }
  });

  it('refuses an empty file and a file without cards, and reports unreadable cards as bad_card', async () => {
    await expect(open(Buffer.from(' \r\n'))).rejects.toMatchObject({ code: 'empty_file' });
    await expect(open(Buffer.from('name,email\r\n'))).rejects.toMatchObject({ code: 'unknown_format' });
    const opened = await open(Buffer.from('BEGIN:VCARD\r\nFN:Cut\r\nBEGIN:VCARD\r\nFN:Whole\r\nEND:VCARD\r\n'));
    const all = [];
    for await (const r of opened.records()) all.push(r);
    expect(all).toEqual([{ line: 1, code: 'bad_card', message: 'no END:VCARD before the next BEGIN:VCARD' }, expect.objectContaining({ line: 3, module: 'contacts' })]);
  });
});
