import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Zip, ZipDeflate, ZipPassThrough, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxChunks } from '../../exports/xlsx-writer.ts';
import { bytesSource, fileSource } from './byte-sources.ts';
import { isProblem, type ByteSource, type SourceRow } from './source.ts';
import { openXlsx } from './xlsx-reader.ts';

const fixtures = fileURLToPath(new URL('../../../../../../../shared/fixtures/real/', import.meta.url));
const workbookFile = `${fixtures}conturi_si_contacte_ro.xlsx`;

async function rowsOf(source: ByteSource, sheet: string | null = null): Promise<{ headers: string[]; rows: SourceRow[]; sheets: Array<{ name: string; hidden: boolean }>; sheet: string | null }> {
  const table = await openXlsx(source, { fileName: 'book.xlsx', sheet });
  const rows: SourceRow[] = [];
  for await (const row of table.rows()) if (!isProblem(row)) rows.push(row);
  return { headers: table.headers, rows, sheets: table.sheets, sheet: table.sheet };
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A small workbook written by hand: sheet1 hidden, sheet2 visible with a hidden column and every cell type. */
function handMadeWorkbook(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      `<workbook ${NS}><workbookPr date1904="1"/><sheets><sheet name="Secret" sheetId="1" state="hidden" r:id="rId1"/><sheet name="Data" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(
      `<styleSheet ${NS}><numFmts><numFmt numFmtId="170" formatCode="[$-418]dd&quot;.&quot;mm&quot;.&quot;yyyy"/><numFmt numFmtId="171" formatCode="#,##0.00 &quot;days&quot;"/></numFmts>` +
        '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="22"/><xf numFmtId="20"/></cellXfs></styleSheet>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<sst ${NS}><si><t>Name</t></si><si><t>Secret id</t></si><si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text</t></r><rPh><t>ふりがな</t></rPh></si><si><t>Born</t></si></sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden sheet</t></is></c></row></sheetData></worksheet>`),
    'xl/worksheets/sheet2.xml': strToU8(
      `<worksheet ${NS}><cols><col min="2" max="2" hidden="1"/></cols><sheetData>` +
        '<row r="2"/>' +
        '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>3</v></c><c r="D3" t="inlineStr"><is><t>Flag</t></is></c><c r="E3" t="inlineStr"><is><t>Amount</t></is></c><c r="F3" t="inlineStr"><is><t>At</t></is></c><c r="G3" t="inlineStr"><is><t>Time</t></is></c></row>' +
        '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5"><v>999</v></c><c r="C5" s="1"><v>0</v></c><c r="D5" t="b"><v>0</v></c><c r="E5" s="2"><v>12.5</v></c><c r="F5" s="3"><v>1.5</v></c><c r="G5" s="4"><v>0.5625</v></c></row>' +
        '<row r="6"><c r="B6"><v>1</v></c></row>' +
        '<row r="8"><c r="C8" t="e"><v>#N/A</v></c><c t="str"><f>1=1</f><v>TRUE text</v></c><c><v>0.30000000000000004</v></c></row>' +
        '</sheetData></worksheet>',
    ),
  });
}

describe('openXlsx', () => {
  it('reads the Romanian fixture: numbers, dates, booleans, text postal codes, a phone stored as a number, a cached formula', async () => {
    const accounts = await rowsOf(fileSource(workbookFile));
    expect(accounts.sheet).toBe('Conturi');
    expect(accounts.sheets).toEqual([
      { name: 'Conturi', hidden: false },
      { name: 'Persoane de contact', hidden: false },
    ]);
    expect(accounts.headers).toContain('Cifră de afaceri (RON)');
    expect(accounts.rows).toHaveLength(6);
    const moldova = accounts.rows[0];
    expect(moldova?.line).toBe(2);
    const col = (name: string): number => accounts.headers.indexOf(name);
    expect(moldova?.cells[col('Cifră de afaceri (RON)')]).toBe(5234500.75);
    expect(moldova?.cells[col('Nr. angajați')]).toBe(48);
    expect(moldova?.cells[col('Data înființării')]).toEqual({ date: '2012-05-14' });
    expect(moldova?.cells[col('Cod poștal')]).toBe('700547');

    const contacts = await rowsOf(fileSource(workbookFile), 'Persoane de contact');
    expect(contacts.rows).toHaveLength(9);
    const c = (name: string): number => contacts.headers.indexOf(name);
    const andrei = contacts.rows.find((r) => r.cells[c('Prenume')] === 'Andrei');
    expect(andrei?.cells[c('Nume complet')]).toBe('Andrei Munteanu');
    expect(andrei?.cells[c('Data nașterii')]).toEqual({ date: '1980-07-05' });
    expect(andrei?.cells[c('Ultimul contact')]).toEqual({ date: '2025-02-27T14:30:00' });
    expect(andrei?.cells[c('Acord marketing')]).toBe(true);
    expect(contacts.rows.find((r) => r.cells[c('Prenume')] === 'Irina')?.cells[c('Acord marketing')]).toBe(false);
    const phone = contacts.rows.find((r) => r.cells[c('Prenume')] === 'Bogdan')?.cells[c('Telefon')];
    expect(phone).toBe(40256555112);
    expect(String(phone)).toBe('40256555112');
    expect(contacts.rows.find((r) => r.cells[c('Prenume')] === 'Ilinca')?.cells[c('Cont')]).toBeNull();
  });

  it('gives the same rows whatever the chunk size', async () => {
    const bytes = readFileSync(workbookFile);
    const whole = await rowsOf(fileSource(workbookFile), 'Persoane de contact');
    expect(await rowsOf(bytesSource(bytes, 7), 'Persoane de contact')).toEqual(whole);
  });

  it('refuses a sheet that does not exist', async () => {
    await expect(openXlsx(fileSource(workbookFile), { fileName: 'x.xlsx', sheet: 'Nope' })).rejects.toMatchObject({ code: 'no_such_sheet' });
  });

  it('skips hidden sheets and hidden columns, places cells by reference and types them by style', async () => {
    const book = await rowsOf(bytesSource(handMadeWorkbook(), 13));
    expect(book.sheets).toEqual([
      { name: 'Secret', hidden: true },
      { name: 'Data', hidden: false },
    ]);
    expect(book.sheet).toBe('Data');
    expect(book.headers).toEqual(['Name', 'Born', 'Flag', 'Amount', 'At', 'Time']);
    expect(book.rows).toEqual([
      // 1904 dates: serial 0 is 1904-01-01; a custom date format with a locale and quoted dots; a number format with "days" is no date.
      { line: 5, cells: ['Rich text', { date: '1904-01-01' }, false, 12.5, { date: '1904-01-02T12:00:00' }, '13:30:00'] },
      { line: 8, cells: [null, null, 'TRUE text', 0.30000000000000004, null, null] },
    ]);
    const hidden = await rowsOf(bytesSource(handMadeWorkbook()), 'Secret');
    expect(hidden.headers).toEqual(['hidden sheet']);
  });

  it('reads back what our own XLSX export writes', async () => {
    const columns = [
      { label: 'Name', kind: 'text' as const },
      { label: 'Employees', kind: 'number' as const },
      { label: 'Active', kind: 'boolean' as const },
      { label: 'Founded', kind: 'date' as const },
      { label: 'Updated', kind: 'datetime' as const },
    ];
    async function* pages(): AsyncGenerator<Array<Array<string | number | boolean | null>>> {
      yield [
        ['Smith & Söhne <GmbH>', 85, true, '2012-05-14', '2025-02-27T14:30:00.000Z'],
        ['=cmd', 40256555112, false, null, null],
      ];
      yield [['  spaced  ', null, null, '1999-09-01', null]];
    }
    const parts: Uint8Array[] = [];
    for await (const chunk of xlsxChunks('Contacts', columns, pages())) parts.push(chunk);
    const book = await rowsOf(bytesSource(Buffer.concat(parts), 1000));
    expect(book.sheet).toBe('Contacts');
    expect(book.headers).toEqual(['Name', 'Employees', 'Active', 'Founded', 'Updated']);
    expect(book.rows).toEqual([
      { line: 2, cells: ['Smith & Söhne <GmbH>', 85, true, { date: '2012-05-14' }, { date: '2025-02-27T14:30:00' }] },
      { line: 3, cells: ["'=cmd", 40256555112, false, null, null] },
      { line: 4, cells: ['  spaced  ', null, null, { date: '1999-09-01' }, null] },
    ]);
  });

  it('refuses a zip bomb disguised as XLSX quickly, without inflating it', async () => {
    const bomb = await zipBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await expect(openXlsx(bytesSource(bomb, 64 * 1024), { fileName: 'bomb.xlsx' })).rejects.toMatchObject({ code: 'zip_bomb' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);

  it('refuses truncated, encrypted and non-zip files as malformed', async () => {
    const bytes = readFileSync(workbookFile);
    await expect(openXlsx(bytesSource(bytes.subarray(0, Math.floor(bytes.length / 2))), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'zip_malformed' });
    await expect(openXlsx(bytesSource(bytes.subarray(0, 6000)), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'zip_malformed' });
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(openXlsx(bytesSource(cfb), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'zip_malformed' });
    await expect(openXlsx(bytesSource(strToU8('Name,Email\nA,b@c.example\n')), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'zip_malformed' });
    const encrypted = Uint8Array.from(bytes);
    encrypted[6] = (encrypted[6] ?? 0) | 1;
    await expect(openXlsx(bytesSource(encrypted), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'zip_malformed' });
    await expect(openXlsx(bytesSource(zipSync({ 'hello.txt': strToU8('hi') })), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code: 'zip_malformed' });
  });
});

/** A ZIP entry whose deflated pages are given ready-made (so a 512 MB bomb is built in a second, not deflated). */
class Predeflated extends ZipPassThrough {
  constructor(name: string) {
    super(name);
    this.compression = 8;
  }

  pushDeflated(deflated: Uint8Array<ArrayBuffer>, rawLength: number, crc: number, final: boolean): void {
    this.size += rawLength;
    if (final) this.crc = crc;
    this.ondata(null, deflated, final);
  }
}

/** A workbook whose sheet inflates to 512 MB of tiny elements (valid XML, so only the zip's caps can stop it). */
async function zipBomb(): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, text] of Object.entries(zipParts())) {
    const entry = new ZipDeflate(name);
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  const sheet = new Predeflated('xl/worksheets/sheet1.xml');
  zip.add(sheet);
  const flush = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const head = Buffer.from(`<worksheet ${NS}><sheetData>`);
  const page = Buffer.from('<x/>'.repeat(4 * 1024 * 1024));
  const tail = Buffer.from('</sheetData></worksheet>');
  const pageDeflated = new Uint8Array(deflateRawSync(page, flush));
  let crc = crc32(head);
  sheet.pushDeflated(new Uint8Array(deflateRawSync(head, flush)), head.length, crc, false);
  for (let i = 0; i < 32; i++) {
    crc = crc32(page, crc);
    sheet.pushDeflated(pageDeflated, page.length, crc, false);
  }
  crc = crc32(tail, crc);
  sheet.pushDeflated(new Uint8Array(deflateRawSync(tail, { level: 9, finishFlush: constants.Z_FINISH })), tail.length, crc, true);
  zip.end();
  return Buffer.concat(parts);
}

/** The parts a one-sheet workbook needs besides its sheet. */
function zipParts(): Record<string, string> {
  return {
    'xl/workbook.xml': `<workbook ${NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  };
}
