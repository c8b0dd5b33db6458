/**
 * The CSV reader against hostile and broken input (issue #15 "How it is checked"): BOM, semicolons, Windows-1252,
 * broken quotes, duplicate headers, empty files, a huge line streamed with flat memory, chunk boundaries anywhere.
 */
import { describe, expect, it } from 'vitest';
import { bytesSource } from './byte-sources.ts';
import { openCsv, type CsvLimits } from './csv-reader.ts';
import { CsvTokenizer, type CsvToken } from './csv-tokenizer.ts';
import { isProblem, SourceError, type ByteSource, type OpenedTable, type SourceProblem, type SourceRow } from './source.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function read(bytes: Uint8Array, fileName = 'file.csv', limits?: CsvLimits, chunkSize?: number) {
  const table = await openCsv(bytesSource(bytes, chunkSize), { fileName }, limits);
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

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await openCsv(bytesSource(bytes), { fileName: 'file.csv' });
  } catch (error) {
    if (error instanceof SourceError) return error.code;
    throw error;
  }
  return 'opened';
}

describe('CSV reader: file-level pitfalls', () => {
  it('refuses an empty file, a file with only a BOM and one with only blank lines', async () => {
    expect(await refusal(new Uint8Array(0))).toBe('empty_file');
    expect(await refusal(Uint8Array.of(0xef, 0xbb, 0xbf))).toBe('empty_file');
    expect(await refusal(Uint8Array.of(0xff, 0xfe))).toBe('empty_file');
    expect(await refusal(utf8('\r\n  \r\n\t\n\n'))).toBe('empty_file');
  });

  it('refuses a header whose quote never closes', async () => {
    expect(await refusal(utf8('"Name,Email\r\nAnna,anna@x.example\r\n'))).toBe('no_header');
  });

  it('opens a header-only file with no rows', async () => {
    const { table, rows, problems } = await read(utf8('Name,Email\r\n'));
    expect(table.headers).toEqual(['Name', 'Email']);
    expect(rows).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('strips the BOM and trims header cells; duplicate and empty header names are kept in place', async () => {
    const { table, rows } = await read(utf8('\uFEFF Name ,Email,Email,,\r\nAnna,a@x.example,b@x.example,,\r\n'));
    expect(table.encoding).toBe('utf-8');
    expect(table.headers).toEqual(['Name', 'Email', 'Email', '', '']);
    expect(rows).toEqual([{ line: 2, cells: ['Anna', 'a@x.example', 'b@x.example', null, null] }]);
  });

  it('finds semicolons even when the values hold commas', async () => {
    const { table, rows } = await read(utf8('Name;Street;City\r\nAnna;"Hauptstr. 1; Hof";Köln\r\nBen;Weg 2, links;Bonn\r\n'));
    expect(table.delimiter).toBe(';');
    expect(rows.map((row) => row.cells)).toEqual([
      ['Anna', 'Hauptstr. 1; Hof', 'Köln'],
      ['Ben', 'Weg 2, links', 'Bonn'],
    ]);
  });

  it('finds TAB (preferred for .tsv) and pipes', async () => {
    const tsv = await read(utf8('Name\tNote\r\nAnna\tone, two, three\r\n'), 'people.tsv');
    expect(tsv.table.delimiter).toBe('\t');
    expect(tsv.rows[0]?.cells).toEqual(['Anna', 'one, two, three']);
    const piped = await read(utf8('Name|Email|Phone\nAnna|a@x.example|1\nBen|b@x.example|2\n'));
    expect(piped.table.delimiter).toBe('|');
    expect(piped.rows).toHaveLength(2);
  });

  it('reads Windows-1252 bytes as Windows-1252', async () => {
    const bytes = Uint8Array.from(Buffer.from('Name,Note\r\nKatharina Voß,"Tue\x96Thu, \x93Q3\x94 \x80"\r\n', 'latin1'));
    const { table, rows } = await read(bytes);
    expect(table.encoding).toBe('windows-1252');
    expect(rows[0]?.cells).toEqual(['Katharina Voß', 'Tue–Thu, “Q3” €']);
  });

  it('reads UTF-16BE with BOM as TAB-separated', async () => {
    const le = Buffer.from('Name\tCity\r\nAnna\tİstanbul 🚚\r\n', 'utf16le');
    const be = Uint8Array.of(0xfe, 0xff, ...Uint8Array.from(le).map((_, i, all) => all[i % 2 === 0 ? i + 1 : i - 1] ?? 0));
    const { table, rows } = await read(be, 'export.txt');
    expect(table).toMatchObject({ encoding: 'utf-16be', delimiter: '\t', headers: ['Name', 'City'] });
    expect(rows[0]?.cells).toEqual(['Anna', 'İstanbul 🚚']);
  });

  it('decodes stray invalid bytes in a UTF-8 file as U+FFFD and reads on', async () => {
    // The sample (first 64 KB) is valid UTF-8; the bad byte comes later.
    const filler = 'Anna,anna@x.example\r\n'.repeat(4000);
    const bytes = Uint8Array.of(...utf8(`Name,Email\r\n${filler}`), 0x42, 0xff, 0x6e, 0x2c, 0x62, 0x0d, 0x0a, ...utf8('Cem,c@x.example\r\n'));
    const { table, rows, problems } = await read(bytes);
    expect(table.encoding).toBe('utf-8');
    expect(problems).toEqual([]);
    expect(rows.at(-2)?.cells).toEqual(['B\uFFFDn', 'b']);
    expect(rows.at(-1)?.cells).toEqual(['Cem', 'c@x.example']);
  });
});

describe('CSV reader: records', () => {
  it('handles RFC 4180 quoting, doubled quotes, embedded line breaks and every line end', async () => {
    const text = 'Name,Note,Tags\r\n"Anna","She said ""hi""",a\r\n"Ben","one\r\ntwo\nthree",b\nCem,,c\rDan,"x",""\r\n';
    const { rows } = await read(utf8(text));
    expect(rows).toEqual([
      { line: 2, cells: ['Anna', 'She said "hi"', 'a'] },
      { line: 3, cells: ['Ben', 'one\r\ntwo\nthree', 'b'] },
      { line: 6, cells: ['Cem', null, 'c'] },
      { line: 7, cells: ['Dan', 'x', null] },
    ]);
  });

  it('keeps every cell as text (a CSV types nothing) and text after a closing quote as written', async () => {
    const { rows } = await read(utf8('Zip,Amount,Flag,Odd\n0042,1.50,true,"abc"def\n'));
    expect(rows[0]?.cells).toEqual(['0042', '1.50', 'true', 'abcdef']);
  });

  it('skips blank, whitespace-only and delimiter-only lines without reporting them', async () => {
    const { rows, problems } = await read(utf8('\r\nName,Email\r\n\r\n   \r\nAnna,a@x\r\n,,\r\n\t\r\nBen,b@x\r\n\r\n'));
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 5, cells: ['Anna', 'a@x'] },
      { line: 8, cells: ['Ben', 'b@x'] },
    ]);
  });

  it('pads short rows with null, drops extra empty cells, reports extra cells with content', async () => {
    const { rows, problems } = await read(utf8('A,B,C\r\n1\r\n1,2,3,,  ,\r\n1,2,3,4\r\n5,6,7\r\n'));
    expect(rows).toEqual([
      { line: 2, cells: ['1', null, null] },
      { line: 3, cells: ['1', '2', '3'] },
      { line: 5, cells: ['5', '6', '7'] },
    ]);
    expect(problems).toEqual([expect.objectContaining({ line: 4, code: 'too_many_columns' })]);
  });

  it('reports a quote that never closes and reads on at the next line', async () => {
    const { rows, problems } = await read(utf8('Name,Email\r\nAnna,"a@x\r\nBen,b@x\r\nCem,c@x\r\n'));
    expect(problems).toEqual([expect.objectContaining({ line: 2, code: 'unterminated_quote' })]);
    expect(rows).toEqual([
      { line: 3, cells: ['Ben', 'b@x'] },
      { line: 4, cells: ['Cem', 'c@x'] },
    ]);
  });

  it('resumes after the line the broken quote opened on when the record started earlier', async () => {
    const { rows, problems } = await read(utf8('Name,Note,Email\r\nAnna,"two\r\nlines","a@x\r\nBen,,b@x\r\n'));
    expect(problems).toEqual([expect.objectContaining({ line: 2, code: 'unterminated_quote' })]);
    expect(rows).toEqual([{ line: 4, cells: ['Ben', null, 'b@x'] }]);
  });

  it('gives up on an open quote after the look-ahead even if a stray quote closes it much later', async () => {
    const lines = ['Name,Email', 'Anna,"a@x'];
    for (let i = 0; i < 30; i++) lines.push(`P${i},p${i}@x`);
    lines.push('Zed,z"ed@x');
    const limits: CsvLimits = { maxRecordChars: 1_000_000, maxQuotedLines: 5 };
    const { rows, problems } = await read(utf8(`${lines.join('\n')}\n`), 'file.csv', limits);
    expect(problems).toEqual([expect.objectContaining({ line: 2, code: 'unterminated_quote' })]);
    expect(rows).toHaveLength(31);
    expect(rows[0]).toEqual({ line: 3, cells: ['P0', 'p0@x'] });
    expect(rows.at(-1)).toEqual({ line: 33, cells: ['Zed', 'z"ed@x'] });
  });

  it('reports a row over the length limit and reads the rows after it', async () => {
    const limits: CsvLimits = { maxRecordChars: 50, maxQuotedLines: 10_000 };
    const long = 'x'.repeat(200);
    const text = `A,B\r\nok,1\r\n${long},"multi\r\nline"\r\nnext,2\r\n"${long}\r\nafter,3\r\n`;
    for (const chunkSize of [1, 7, 1 << 16]) {
      const { rows, problems } = await read(utf8(text), 'file.csv', limits, chunkSize);
      expect(problems.map((p) => [p.line, p.code])).toEqual([
        [3, 'row_too_long'],
        [6, 'row_too_long'],
      ]);
      expect(rows).toEqual([
        { line: 2, cells: ['ok', '1'] },
        { line: 5, cells: ['next', '2'] },
        { line: 7, cells: ['after', '3'] },
      ]);
    }
  });
});

describe('CSV reader: streaming', () => {
  it('gives the same rows whatever the chunking (inside multi-byte characters, CRLF and doubled quotes)', async () => {
    const text = 'Name,Note,City\r\n"Ștefan","a ""b"" c\r\nd 🚚",Bucureşti\r\n\r\n王喆,"x",北京\rÉlo,,"""q"""\n';
    const bytes = utf8(text);
    const whole = await read(bytes);
    expect(whole.rows).toHaveLength(3);
    for (const chunkSize of [1, 2, 3, 5, 7]) {
      const chunked = await read(bytes, 'file.csv', undefined, chunkSize);
      expect(chunked.rows, `chunks of ${chunkSize}`).toEqual(whole.rows);
    }
  });

  it('streams a 50 MB line through with flat memory and reads the rows after it', async () => {
    // 256 KB chunks, as fileSource reads a file.
    const chunk = new Uint8Array(256 * 1024).fill(0x78); // 'x'
    const peak = { heap: 0, rss: 0 };
    const measure = () => {
      const now = process.memoryUsage();
      peak.heap = Math.max(peak.heap, now.heapUsed);
      peak.rss = Math.max(peak.rss, now.rss);
    };
    const source: ByteSource = async function* hugeLine() {
      yield utf8('Name,Email\r\nAnna,a@x\r\nBig,');
      // Measured as the reader asks for each chunk: while it is inside the line.
      for (let i = 0; i < 200; i++) {
        measure();
        yield chunk;
      }
      measure();
      yield utf8('\r\nBen,b@x\r\nCem,c@x\r\n');
    };
    const table = await openCsv(source, { fileName: 'huge.csv' });
    const before = process.memoryUsage();
    peak.heap = before.heapUsed;
    peak.rss = before.rss;
    const items: (SourceRow | SourceProblem)[] = [];
    for await (const item of table.rows()) items.push(item);
    expect(items).toEqual([
      { line: 2, cells: ['Anna', 'a@x'] },
      expect.objectContaining({ line: 3, code: 'row_too_long' }),
      { line: 4, cells: ['Ben', 'b@x'] },
      { line: 5, cells: ['Cem', 'c@x'] },
    ]);
    // Keeping the line would take 50 MB at least (more as a string being built); the reader keeps about 2 MB, the rest
    // is garbage not yet collected.
    expect(peak.heap - before.heapUsed).toBeLessThan(32 * 1024 * 1024);
    expect(peak.rss - before.rss).toBeLessThan(48 * 1024 * 1024);
  });

  it('tokenizes seeded random text the same whatever the chunking, limits included', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ['a', 'b', ',', ',', '"', '"', '\r', '\n', '\r\n', ' ', 'é', '🚚'];
    const tokenize = (text: string, chunkSizes: number[], limits: CsvLimits): CsvToken[] => {
      const tokenizer = new CsvTokenizer(',', limits);
      const tokens: CsvToken[] = [];
      const drain = () => {
        for (let token = tokenizer.next(); token !== null; token = tokenizer.next()) tokens.push(token);
      };
      for (let at = 0, k = 0; at < text.length; k++) {
        const size = chunkSizes[k % chunkSizes.length] ?? 1;
        tokenizer.push(text.slice(at, at + size));
        at += size;
        drain();
      }
      tokenizer.end();
      drain();
      return tokens;
    };
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const length = Math.floor(random() * 100);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      const limits: CsvLimits =
        random() < 0.5
          ? { maxRecordChars: 1 + Math.floor(random() * 30), maxQuotedLines: Math.floor(random() * 4) }
          : { maxRecordChars: 1_000_000, maxQuotedLines: 10_000 };
      const whole = tokenize(text, [text.length || 1], limits);
      for (const chunkSizes of [[1], [3, 1], [7]]) {
        expect(tokenize(text, chunkSizes, limits), JSON.stringify({ text, limits, chunkSizes })).toEqual(whole);
      }
    }
  });
});
