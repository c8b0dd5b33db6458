import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesSource, fileSource } from './byte-sources.ts';
import { isProblem, type ByteSource, type SourceRow } from './source.ts';
import { openXml } from './xml-reader.ts';

const fixtures = fileURLToPath(new URL('../../../../../../../shared/fixtures/real/', import.meta.url));
const dynamicsFile = `${fixtures}dynamics365_accounts_import.xml`;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function read(source: ByteSource, sheet: string | null = null): Promise<{ headers: string[]; rows: SourceRow[]; sheets: Array<{ name: string; hidden: boolean }>; sheet: string | null }> {
  const table = await openXml(source, { fileName: 'file.xml', sheet });
  const rows: SourceRow[] = [];
  for await (const row of table.rows()) if (!isProblem(row)) rows.push(row);
  return { headers: table.headers, rows, sheets: table.sheets, sheet: table.sheet };
}

describe('openXml: SpreadsheetML 2003', () => {
  it('reads the Dynamics 365 fixture: sparse cells by ss:Index, numbers, entities and line breaks', async () => {
    const book = await read(fileSource(dynamicsFile));
    expect(book.sheets).toEqual([{ name: 'Account', hidden: false }]);
    expect(book.headers).toHaveLength(16);
    expect(book.rows).toHaveLength(8);
    const col = (name: string): number => book.headers.indexOf(name);
    const byName = (name: string): SourceRow | undefined => book.rows.find((r) => r.cells[0] === name);
    const kingfisher = byName('Kingfisher Marine Supplies Ltd');
    expect(kingfisher?.line).toBe(2);
    expect(kingfisher?.cells[col('Number of Employees')]).toBe(85);
    expect(kingfisher?.cells[col('Parent Account')]).toBeNull();
    expect(kingfisher?.cells[col('Description')]).toBe('Chandlery & rigging supplies.\nKey account since 2019.');
    expect(byName('Kingfisher Marine Supplies (Ireland) Ltd')?.cells[col('Parent Account')]).toBe('Kingfisher Marine Supplies Ltd');
    const smith = byName('Smith & Söhne Feinkost OHG');
    expect(smith?.cells[col('Annual Revenue')]).toBe(780000.5);
    expect(smith?.cells[col('Email')]).toBe('greta@smith-soehne.example');
    const ostrava = byName('Ostrava Steel Components a.s.');
    expect(ostrava?.cells[col('Email')]).toBeNull();
    expect(ostrava?.cells[col('Website')]).toBe('https://ostrava-steel.example');
    expect(ostrava?.cells[col('Address 1: State/Province')]).toBeNull();
    expect(ostrava?.cells[col('Address 1: ZIP/Postal Code')]).toBe('702 00');
    expect(byName('北辰精密机械（苏州）有限公司')?.cells[col('Primary Contact')]).toBe('刘洋');
    expect(byName('Agenția Nordică de Turism SRL')?.cells[col('Primary Contact')]).toBeNull();
    // Any chunking gives the same table.
    expect(await read(bytesSource(readFileSync(dynamicsFile), 5))).toEqual(book);
  });

  const workbook = (body: string): Uint8Array =>
    utf8(`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">${body}</Workbook>`);
  const hiddenOptions = '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>';
  const book = workbook(
    `<Worksheet ss:Name="Lookup"><Table><Row><Cell><Data ss:Type="String">secret</Data></Cell></Row></Table>${hiddenOptions}</Worksheet>` +
      '<Worksheet ss:Name="People"><Table><Column ss:Index="2" ss:Hidden="1"/>' +
      '<Row ss:Index="2"><Cell><Data ss:Type="String">Name</Data></Cell><Cell><Data ss:Type="String">Guid</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">Born</Data></Cell><Cell><Data ss:Type="String">Active</Data></Cell></Row>' +
      '<Row><Cell><Data ss:Type="String"><B>Ana</B> Pop</Data><Comment><ss:Data>not a value</ss:Data></Comment></Cell><Cell><Data ss:Type="String">123-abc</Data></Cell>' +
      '<Cell><Data ss:Type="DateTime">1980-07-05T00:00:00.000</Data></Cell><Cell ss:Index="5"><Data ss:Type="Boolean">1</Data></Cell></Row>' +
      '<Row/><Row ss:Index="6"><Cell ss:Index="3"><Data ss:Type="DateTime">2025-02-27T14:30:00.000</Data></Cell><Cell><Data ss:Type="Error">#N/A</Data></Cell></Row>' +
      '</Table></Worksheet>',
  );

  it('skips hidden sheets and columns, follows ss:Index and MergeAcross, types dates and booleans', async () => {
    const read1 = await read(bytesSource(book, 9));
    expect(read1.sheets).toEqual([
      { name: 'Lookup', hidden: true },
      { name: 'People', hidden: false },
    ]);
    expect(read1.sheet).toBe('People');
    expect(read1.headers).toEqual(['Name', 'Born', '', 'Active']);
    expect(read1.rows).toEqual([
      { line: 3, cells: ['Ana Pop', { date: '1980-07-05' }, null, true] },
      { line: 6, cells: [null, { date: '2025-02-27T14:30:00' }, null, null] },
    ]);
    expect((await read(bytesSource(book), 'Lookup')).headers).toEqual(['secret']);
    await expect(openXml(bytesSource(book), { fileName: 'x.xml', sheet: 'Nope' })).rejects.toMatchObject({ code: 'no_such_sheet' });
  });
});

describe('openXml: Kontor XML and flat record lists', () => {
  const kontor = `<?xml version="1.0" encoding="UTF-8"?>
<kontor module="contacts" version="1">
  <contact id="c-1">
    <firstName>Ana</firstName>
    <lastName>Pop</lastName>
    <email label="work">ana@firma.example</email>
    <email label="home">ana@acasa.example</email>
    <email label="work" primary="true">a.pop@firma.example</email>
    <address label="work"><street>Str. Lungă 1</street><city>Iași</city></address>
    <tag>VIP</tag><tag>Client</tag>
  </contact>
  <contact>
    <firstName>Ion</firstName>
    <phone label="mobile">+40 744 555 101</phone>
    <notes><![CDATA[a < b]]>&#10;line 2</notes>
  </contact>
</kontor>`;

  it('takes the union of the records fields as headers, labels and groups included', async () => {
    for (const size of [1, 64, 100_000]) {
      const table = await read(bytesSource(utf8(kontor), size));
      expect(table.headers).toEqual(['id', 'firstName', 'lastName', 'email (work)', 'email (home)', 'address (work): street', 'address (work): city', 'tag', 'phone (mobile)', 'notes']);
      expect(table.rows).toEqual([
        { line: 1, cells: ['c-1', 'Ana', 'Pop', 'a.pop@firma.example ::: ana@firma.example', 'ana@acasa.example', 'Str. Lungă 1', 'Iași', 'VIP ::: Client', null, null] },
        { line: 2, cells: [null, 'Ion', null, null, null, null, null, null, '+40 744 555 101', 'a < b\nline 2'] },
      ]);
    }
  });

  it('reads flat lists of attributes, of child elements under a wrapper, and of plain values', async () => {
    const attributes = await read(bytesSource(utf8('<rows><row id="1" name="A &amp; B"/><row id="2" city="Cluj"/></rows>')));
    expect(attributes.headers).toEqual(['id', 'name', 'city']);
    expect(attributes.rows.map((r) => r.cells)).toEqual([
      ['1', 'A & B', null],
      ['2', null, 'Cluj'],
    ]);
    const wrapped = await read(bytesSource(utf8('<response><contacts><contact><name>X</name></contact><contact><name>Y</name><mail>y@e.example</mail></contact></contacts></response>')));
    expect(wrapped.headers).toEqual(['name', 'mail']);
    expect(wrapped.rows.map((r) => r.cells)).toEqual([
      ['X', null],
      ['Y', 'y@e.example'],
    ]);
    const plain = await read(bytesSource(utf8('<emails><email>a@e.example</email><email>b@e.example</email></emails>')));
    expect(plain.headers).toEqual(['email']);
    expect(plain.rows.map((r) => r.cells)).toEqual([['a@e.example'], ['b@e.example']]);
    await expect(openXml(bytesSource(utf8('<empty/>')), { fileName: 'x.xml' })).rejects.toMatchObject({ code: 'no_header' });
  });
});

describe('openXml: hostile files', () => {
  it('refuses billion laughs quickly, expanding nothing', async () => {
    let entities = '';
    for (let i = 1; i < 10; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    const laughs = utf8(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><lolz>&lol9;</lolz>`);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await expect(openXml(bytesSource(laughs), { fileName: 'lol.xml' })).rejects.toMatchObject({ code: 'xml_entities' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses external entities without fetching or reading them', async () => {
    const xxe = utf8('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY ext SYSTEM "http://127.0.0.1:1/x">]><r><row><a>&xxe;</a></row></r>');
    await expect(openXml(bytesSource(xxe, 3), { fileName: 'x.xml' })).rejects.toMatchObject({ code: 'xml_entities' });
    await expect(openXml(bytesSource(utf8('<r><row><a>&xxe;</a></row></r>')), { fileName: 'x.xml' })).rejects.toMatchObject({ code: 'xml_malformed' });
  });
});
