import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCsvRecords } from './import-check.ts';
import { companyAt, importHeaders, readSummary, rowAt, writeImportData, type ImportDataSummary } from './import-data.ts';

// The import benchmark trusts the generator's summary to judge what an import stored: these tests recount it from the
// written file with an independent CSV parser.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-import-data-'));
const file = path.join(dir, 'contacts.csv');
const spec = { rows: 6000, seed: 7 };
let summary: ImportDataSummary;
let records: string[][];

/** RFC 4180: quoted fields with doubled quotes and line breaks; CRLF or LF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  summary = await writeImportData(file, spec);
  records = parseCsv(fs.readFileSync(file, 'utf8'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('import benchmark data', () => {
  it('writes Outlook headers and one record per row, as the summary and the record counter say', async () => {
    expect(records[0]).toEqual([...importHeaders]);
    expect(records.length).toBe(spec.rows + 1);
    expect(records.every((r) => r.length === importHeaders.length)).toBe(true);
    expect(await countCsvRecords(file)).toBe(spec.rows + 1);
    expect(summary.bytes).toBe(fs.statSync(file).size);
    expect(readSummary(file, spec)).toEqual(summary);
    expect(readSummary(file, { ...spec, rows: spec.rows + 1 })).toBeNull();
  });

  it('counts in-file duplicates, companies and tags as a recount of the file finds them', () => {
    const rows = records.slice(1);
    const seenRow = new Set<string>();
    const seenEmail = new Map<string, string>();
    let exact = 0;
    let upper = 0;
    const originals: string[][] = [];
    for (const r of rows) {
      const key = JSON.stringify(r);
      const email = r[4] ?? '';
      const earlier = seenEmail.get(email.toLowerCase());
      if (seenRow.has(key)) exact++;
      else if (earlier !== undefined) {
        expect(email).not.toBe(earlier);
        expect(email).toBe(earlier.toUpperCase());
        expect((r[5] ?? '').toUpperCase()).toBe(r[5]);
        upper++;
      } else originals.push(r);
      seenRow.add(key);
      if (earlier === undefined) seenEmail.set(email.toLowerCase(), email);
    }
    expect(exact).toBe(summary.duplicatesExact);
    expect(upper).toBe(summary.duplicatesUpperCase);
    expect(exact).toBeGreaterThan(spec.rows * 0.005);
    expect(upper).toBeGreaterThan(spec.rows * 0.002);
    expect(originals.length).toBe(summary.expectedContacts);
    // Whatever the import matches duplicates on, originals never match each other.
    const distinct = (f: (r: string[]) => string) => new Set(originals.map(f)).size;
    expect(distinct((r) => (r[5] ?? '').toLowerCase())).toBe(originals.length);
    expect(new Set(originals.flatMap((r) => [r[6], r[7]].map((p) => (p ?? '').replace(/\D/g, '')))).size).toBe(2 * originals.length);
    expect(distinct((r) => `${r[0]}|${r[1]}|${r[2]}`.toLowerCase())).toBe(originals.length);
    expect(new Set(rows.map((r) => (r[2] ?? '').toLowerCase().replace(/\s+/g, ''))).size).toBe(summary.distinctCompanies);
    expect(summary.distinctCompanies).toBe(spec.rows / 4);
    expect(originals.filter((r) => r[12]).length).toBe(summary.taggedContacts);
    expect(originals.reduce((a, r) => a + (r[12] ? (r[12] ?? '').split(';').length : 0), 0)).toBe(summary.tagAssignments);
    expect(new Set(rows.flatMap((r) => (r[12] ? (r[12] ?? '').split(';') : []))).size).toBeLessThanOrEqual(30);
    expect(rows.every((r) => (r[12] ? (r[12] ?? '').split(';').length : 0) <= 3)).toBe(true);
  });

  it('writes a two-line note with commas and quotes every 50th row, and accents and Han characters', () => {
    const noted = records.slice(1).filter((r) => r[13]);
    expect(noted.length).toBeGreaterThanOrEqual(summary.notes);
    for (const r of noted) expect(r[13]).toMatch(/^[^\n]*,[^\n]*"[^\n]*\n[^\n]*"/);
    expect(records[50]?.[13]).toContain('\n');
    const companies = records.slice(1).map((r) => r[2] ?? '');
    expect(companies.some((c) => /[\u4e00-\u9fff]/.test(c))).toBe(true);
    expect(companies.some((c) => /[äöüșțăâî]/i.test(c))).toBe(true);
  });

  it('is deterministic, and rowAt recomputes any row as written', async () => {
    const again = path.join(dir, 'again.csv');
    await writeImportData(again, spec);
    expect(sha(again)).toBe(sha(file));
    await writeImportData(again, { ...spec, seed: 8 });
    expect(sha(again)).not.toBe(sha(file));
    for (const i of [0, 1, 49, 777, 4321, spec.rows - 1]) expect(rowAt(i, spec)).toEqual(records[i + 1]);
  });

  it('names companies and their domains uniquely, ignoring case, spaces and accents, beyond one million rows', () => {
    const names = new Set<string>();
    const domains = new Set<string>();
    const count = 300_000;
    for (let c = 0; c < count; c++) {
      const company = companyAt(c, 1);
      names.add(company.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ''));
      domains.add(company.domain);
    }
    expect(names.size).toBe(count);
    expect(domains.size).toBe(count);
  });
});
