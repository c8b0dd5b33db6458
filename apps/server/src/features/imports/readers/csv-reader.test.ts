/**
 * The CSV reader against the real-world files in ../shared/fixtures/real (README there): each file's encoding,
 * delimiter, header, rows and the values that must survive verbatim; and the same result whatever the chunking.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesSource, fileSource } from './byte-sources.ts';
import { openCsv } from './csv-reader.ts';
import { isProblem, type OpenedTable, type SourceProblem, type SourceRow } from './source.ts';

const fixtures = fileURLToPath(new URL('../../../../../../../shared/fixtures/real/', import.meta.url));

interface ReadTable {
  table: OpenedTable;
  rows: SourceRow[];
  problems: SourceProblem[];
}

async function readFixture(name: string): Promise<ReadTable> {
  const table = await openCsv(fileSource(fixtures + name), { fileName: name });
  return { table, ...(await readAll(table)) };
}

async function readAll(table: OpenedTable): Promise<{ rows: SourceRow[]; problems: SourceProblem[] }> {
  const rows: SourceRow[] = [];
  const problems: SourceProblem[] = [];
  for await (const item of table.rows()) {
    if (isProblem(item)) problems.push(item);
    else rows.push(item);
  }
  return { rows, problems };
}

/** The value of the column `header` (its first occurrence) in the row whose column `keyHeader` is `key`. */
function cell(read: ReadTable, keyHeader: string, key: string, header: string): unknown {
  const keyIndex = read.table.headers.indexOf(keyHeader);
  const index = read.table.headers.indexOf(header);
  expect(keyIndex, keyHeader).toBeGreaterThanOrEqual(0);
  expect(index, header).toBeGreaterThanOrEqual(0);
  const row = read.rows.find((r) => r.cells[keyIndex] === key);
  expect(row, `${keyHeader} = ${key}`).toBeDefined();
  return row?.cells[index];
}

function allCells(read: ReadTable): unknown[] {
  return read.rows.flatMap((row) => row.cells);
}

interface Expected {
  file: string;
  encoding: string;
  delimiter: string;
  headers: number;
  rows: number;
  firstHeader: string;
  /** Values some cell must hold exactly. */
  cells: string[];
}

const expectations: Expected[] = [
  {
    file: 'outlook_en_2016_contacts.csv',
    encoding: 'windows-1252',
    delimiter: ',',
    headers: 92,
    rows: 12,
    firstHeader: 'Title',
    cells: ['Voß', 'Muñoz Ortega', 'Bjørnstad', "O'Neill", 'Jr.', 'Étienne', '12, rue de l’Épée', 'PRIYA.R@LumenDynamics.example', '3/14/1975', '0/0/00'],
  },
  {
    file: 'outlook_de_kontakte_excel_semikolon.csv',
    encoding: 'windows-1252',
    delimiter: ';',
    headers: 92,
    rows: 10,
    firstHeader: 'Anrede',
    cells: ['Weiß', 'Krüger', 'Özdemir', 'Klaus-Dieter', 'Hotel Zur Post; Inh. F. Kaiser', 'MÜLLER & SÖHNE MASCHINENBAU AG', '07.09.1968'],
  },
  {
    file: 'google_contacts_export.csv',
    encoding: 'utf-8',
    delimiter: ',',
    headers: 38,
    rows: 10,
    firstHeader: 'First Name',
    cells: ['Ștefan', 'Țurcanu', '王', '伟', '深圳星河电子有限公司', 'Bucureşti', 'ELENA.VASILESCU@agroverde.example', 'CS-0042', '--05-17', 'Carpathia Soft SRL '],
  },
  {
    file: 'zoho_crm_accounts_export.csv',
    encoding: 'utf-8',
    delimiter: ',',
    headers: 26,
    rows: 8,
    firstHeader: 'Record Id',
    cells: ['上海华信贸易有限公司', 'Societatea Ștefănescu & Fiii SRL', 'Rio Verde Agrícola Ltda.', '38500000', '240', 'zcrm_5725767000001234001'],
  },
  {
    file: 'zoho_crm_contacts_export.csv',
    encoding: 'utf-8',
    delimiter: ',',
    headers: 37,
    rows: 12,
    firstHeader: 'Record Id',
    cells: ['Wójcik', '刘', '海燕', 'Ștefănescu-Pop', 'Asked about "cold chain" add-on, see email 2025-01-14.'],
  },
  {
    file: 'salesforce_dataloader_contacts.csv',
    encoding: 'utf-8',
    delimiter: ',',
    headers: 23,
    rows: 10,
    firstHeader: 'ID',
    cells: ['fiona.macleod+crm@kestrel-aero.example', '佐藤', '健太', 'Hrițcu', 'Lupașcu', 'Hangar 3, Cranfield Airfield\nWharley End', '"Hanko" needed on all contracts.', '1969-08-14'],
  },
  {
    file: 'hubspot_contacts_export.csv',
    encoding: 'utf-8',
    delimiter: ',',
    headers: 18,
    rows: 10,
    firstHeader: 'Record ID',
    cells: ['Järvinen', 'Inês', 'João', "D'Amico", 'Ben.Carter@Brightwave.example'],
  },
  {
    file: 'pipedrive_people_export.csv',
    encoding: 'utf-8',
    delimiter: ',',
    headers: 23,
    rows: 10,
    firstHeader: 'Person - ID',
    cells: ['Vinařství Horák s.r.o.', 'Alpenglühen Reisen GmbH', 'Lindqvist & Berg AB', 'NADIA@LINDQVIST-BERG.EXAMPLE', '+420 519 555 101, +420 519 555 102'],
  },
  {
    file: 'gbk_excel_contacts_zh.csv',
    encoding: 'gbk',
    delimiter: ',',
    headers: 8,
    rows: 10,
    firstHeader: '姓名',
    cells: ['王喆', '李堃', 'LI.KUN@HUAXIN-TECH.EXAMPLE', '北京市海淀区中关村大街１号', '重要客户,年会邀请', '欧阳晨', '周一至周五联系，周末勿扰'],
  },
  {
    file: 'excel_unicode_text_utf16le.txt',
    encoding: 'utf-16le',
    delimiter: '\t',
    headers: 8,
    rows: 10,
    firstHeader: 'First Name',
    cells: ['Łukasz', 'Παπαδόπουλος', 'Dvořáková', 'İstanbul', '山田', '花子', 'حداد', 'Nguyễn Thị', 'Deliveries:\nback door only 🚚', 'Hẹn gặp "tuần sau"'],
  },
];

describe('CSV reader on real exports', () => {
  for (const expected of expectations) {
    it(`reads ${expected.file}`, async () => {
      const read = await readFixture(expected.file);
      expect(read.table).toMatchObject({ kind: 'table', format: 'csv', encoding: expected.encoding, delimiter: expected.delimiter });
      expect(read.table.headers).toHaveLength(expected.headers);
      expect(read.table.headers[0]).toBe(expected.firstHeader);
      expect(read.problems).toEqual([]);
      expect(read.rows).toHaveLength(expected.rows);
      for (const row of read.rows) expect(row.cells).toHaveLength(expected.headers);
      const cells = allCells(read);
      for (const value of expected.cells) expect(cells, value).toContain(value);
      // A CSV types nothing; an empty cell is null.
      for (const value of cells) expect(value === null || (typeof value === 'string' && value !== '')).toBe(true);
    });
  }

  it('keeps Outlook notes with their CRLF line breaks, cp1252 punctuation and an empty middle line', async () => {
    const read = await readFixture('outlook_en_2016_contacts.csv');
    expect(cell(read, 'First Name', 'Eleanor', 'Notes')).toBe(
      'Met at Hannover Messe 2023.\r\nPrefers e-mail; calls only Tue–Thu.\r\nBudget cycle starts in “Q3”.',
    );
    expect(cell(read, 'First Name', 'Andrés', 'Notes')).toBe('Asked for the price list in "EUR €" – send PDF.');
    expect(cell(read, 'First Name', 'Annika', 'Notes')).toBe('Line 1\r\n\r\nLine 3 (after an empty line)');
    expect(cell(read, 'First Name', 'Katharina', 'Last Name')).toBe('Voß');
    // Outlook stops a row after `Sensitivity` unless `Web Page` is set: the missing cells are null, not an error.
    expect(cell(read, 'First Name', 'Priya', 'Web Page')).toBeNull();
    expect(cell(read, 'First Name', 'Priya', 'E-mail Address')).toBe('PRIYA.R@LumenDynamics.example');
    // A record's line is the physical line it starts on: Eleanor's note spans lines 2-4.
    expect(read.rows.slice(0, 2).map((row) => row.line)).toEqual([2, 5]);
  });

  it('reads the German Excel file with LF inside cells and the „…“ quotes', async () => {
    const read = await readFixture('outlook_de_kontakte_excel_semikolon.csv');
    expect(cell(read, 'Vorname', 'Sabine', 'Notizen')).toBe('Rückruf erbeten.\nAnsprechpartnerin für die Ausschreibung „Brot 2025“.');
    expect(cell(read, 'Vorname', 'Franz', 'Firma')).toBe('Hotel Zur Post; Inh. F. Kaiser');
    expect(read.table.headers).toContain('Straße geschäftlich');
    expect(read.table.headers).toContain('Telefon für Hörbehinderte');
  });

  it('reads the hand-edited file: unterminated quote on line 8 reported, lines 9-12 read, blank lines skipped', async () => {
    const read = await readFixture('messy_contacts.csv');
    expect(read.table.encoding).toBe('utf-8');
    expect(read.table.delimiter).toBe(',');
    expect(read.table.headers).toEqual(['Name', 'Email', 'Email', 'Company', 'Phone', 'Notes', '', '']);
    expect(read.problems).toEqual([expect.objectContaining({ line: 8, code: 'unterminated_quote' })]);
    expect(read.rows.map((row) => row.line)).toEqual([2, 4, 5, 6, 9, 10, 12]);
    expect(read.rows.map((row) => row.cells[0])).toEqual([
      'Petra Novak',
      'Marek Dvořák',
      'Olga Ivanova',
      'Hugo Lefebvre',
      'Petra Nováková',
      'Kaspars Ozols',
      'Rui Tavares',
    ]);
    expect(cell(read, 'Name', 'Olga Ivanova', 'Notes')).toBe('=HYPERLINK("http://evil.example/x","Click me")');
    expect(cell(read, 'Name', 'Hugo Lefebvre', 'Notes')).toBe('Stock "Grand Cru" reserved');
    expect(cell(read, 'Name', 'Petra Novak', 'Email')).toBe('petra.novak@sumava-glass.example');
    expect(read.rows[0]?.cells[2]).toBe('p.novak@privat-mail.example');
    // Problems come in line order among the rows.
    const order: number[] = [];
    for await (const item of read.table.rows()) order.push(item.line);
    expect(order).toEqual([2, 4, 5, 6, 8, 9, 10, 12]);
  });

  it('reads the 5,000-row Outlook file with distinct e-mails and multi-line notes', async () => {
    const read = await readFixture('outlook_en_5000_rows.csv');
    expect(read.table.encoding).toBe('windows-1252');
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(5000);
    const email = read.table.headers.indexOf('E-mail Address');
    const emails = read.rows.map((row) => row.cells[email]);
    expect(new Set(emails).size).toBe(5000);
    expect(emails).toContain('user00001@bulk-2.example');
    expect(emails).toContain('user05000@bulk-1.example');
    const notes = read.table.headers.indexOf('Notes');
    const multiLine = read.rows.filter((row) => String(row.cells[notes] ?? '').includes('\r\n'));
    expect(multiLine.length).toBe(100);
    // Lines keep counting across the multi-line notes: the file has 5,101 physical lines and the last row (the 5,000th,
    // a 50th row) spans its last two.
    expect(read.rows.at(-1)?.line).toBe(5100);
    expect(read.rows.at(-2)?.line).toBe(5099);
  });

  it('can read the rows again from the start (a restarted import job re-opens them)', async () => {
    const read = await readFixture('zoho_crm_contacts_export.csv');
    const again = await readAll(read.table);
    expect(again.rows).toEqual(read.rows);
  });

  it('gives the same result whatever the chunking (1 and 7 bytes: boundaries inside characters and CRLF)', async () => {
    const files = [...expectations.map((e) => e.file), 'messy_contacts.csv'];
    for (const name of files) {
      const bytes = readFileSync(fixtures + name);
      const whole = await openCsv(bytesSource(bytes), { fileName: name });
      const wholeRead = await readAll(whole);
      for (const chunkSize of [1, 7]) {
        const chunked = await openCsv(bytesSource(bytes, chunkSize), { fileName: name });
        expect({ encoding: chunked.encoding, delimiter: chunked.delimiter, headers: chunked.headers }, `${name} / ${chunkSize}`).toEqual({
          encoding: whole.encoding,
          delimiter: whole.delimiter,
          headers: whole.headers,
        });
        expect(await readAll(chunked), `${name} / ${chunkSize}`).toEqual(wholeRead);
      }
    }
  });
});
