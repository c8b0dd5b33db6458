import fs from 'node:fs';
import { originalRow, rowKind, type ImportDataSummary } from './import-data.ts';
import { openRaw, type RawDb, type Target } from './raw.ts';

/** One thing a correct import must have stored, beside what the database holds. */
export interface CheckItem {
  what: string;
  expected: number | string;
  actual: number | string;
  ok: boolean;
}

export interface ImportCheck {
  ok: boolean;
  items: CheckItem[];
}

const count = async (raw: RawDb, sql: string, params: unknown[] = []) => Number((await raw.all(sql, params))[0]?.n ?? NaN);

/** Original rows spread over the file (every 1/n-th, the first original at or after it), for the record-level check. */
function sampleRows(summary: ImportDataSummary, n: number): number[] {
  const picked: number[] = [];
  for (let k = 0; k < n; k++) {
    let i = Math.floor((k * summary.rows) / n);
    while (i < summary.rows && rowKind(i, summary.seed).kind !== 'original') i++;
    if (i < summary.rows && !picked.includes(i)) picked.push(i);
  }
  return picked;
}

/**
 * What the import stored, against what the generator knows the file holds: live contacts = rows minus in-file
 * duplicates, accounts = distinct companies, two e-mails and two phones per contact, the tags, the import's own counts,
 * and sampled rows found by e-mail with their names and company. A fast import that stores the wrong thing fails here.
 */
export async function checkImport(target: Target, summary: ImportDataSummary, dedupe: 'skip' | 'update' = 'skip', samples = 25): Promise<ImportCheck> {
  const raw = await openRaw(target);
  const items: CheckItem[] = [];
  const expect = (what: string, expected: number | string, actual: number | string) => items.push({ what, expected, actual, ok: expected === actual });
  try {
    const contacts = await count(raw, 'select count(*) as n from contacts where deleted_at is null');
    expect('contacts', summary.expectedContacts, contacts);
    expect('accounts', summary.distinctCompanies, await count(raw, 'select count(*) as n from accounts where deleted_at is null'));
    expect('contact e-mails', 2 * summary.expectedContacts, await count(raw, `select count(*) as n from contact_points where module = 'contacts' and kind = 'emails'`));
    expect('contact phones', 2 * summary.expectedContacts, await count(raw, `select count(*) as n from contact_points where module = 'contacts' and kind = 'phones'`));
    expect('tagged contacts', summary.taggedContacts, await count(raw, `select count(distinct record_id) as n from record_tags where module = 'contacts'`));
    expect('tag assignments', summary.tagAssignments, await count(raw, `select count(*) as n from record_tags where module = 'contacts'`));
    const imports = await raw.all(`select status, created, updated, skipped, failed, accounts_created from imports order by id desc limit 1`).catch(() => null);
    const last = imports?.[0];
    if (last) {
      expect('import status', 'done', String(last.status));
      expect('import: created', summary.expectedContacts, Number(last.created));
      const duplicates = summary.duplicatesExact + summary.duplicatesUpperCase;
      // With update, a repeated row may count as an update or (nothing to change) as skipped.
      if (dedupe === 'skip') expect('import: skipped (in-file duplicates)', duplicates, Number(last.skipped));
      else expect('import: updated + skipped (in-file duplicates)', duplicates, Number(last.updated) + Number(last.skipped));
      expect('import: failed', 0, Number(last.failed));
      expect('import: accounts created', summary.distinctCompanies, Number(last.accounts_created));
    }
    let wrong = 0;
    const rows = sampleRows(summary, samples);
    for (const i of rows) {
      const [first, last_, company, , email] = originalRow(i, summary).fields;
      const found = await raw.all(
        `select c.first_name, c.last_name, a.name as account from contact_points p join contacts c on c.id = p.record_id left join accounts a on a.id = c.account_id
          where p.module = 'contacts' and p.kind = 'emails' and lower(p.value) = ? and c.deleted_at is null`,
        [email ?? ''],
      );
      const ok = found.length === 1 && found[0]?.first_name === first && found[0]?.last_name === last_ && found[0]?.account === company;
      if (!ok) {
        wrong++;
        if (wrong <= 3) items.push({ what: `row ${i + 2} (${email})`, expected: `${first} ${last_}, ${company}`, actual: found.length ? found.map((f) => `${String(f.first_name)} ${String(f.last_name)}, ${String(f.account)}`).join(' | ') : 'not found', ok: false });
      }
    }
    expect(`sampled rows found by e-mail with name and company`, rows.length, rows.length - wrong);
  } finally {
    await raw.close();
  }
  return { ok: items.every((i) => i.ok), items };
}

/**
 * CSV records in a file (a quoted field may span lines), read in chunks: the export's row count without holding it.
 * The header counts as a record.
 */
export async function countCsvRecords(file: string): Promise<number> {
  let records = 0;
  let quoted = false;
  let lineHasContent = false;
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    for (let k = 0; k < chunk.length; k++) {
      const ch = chunk.charCodeAt(k);
      // A doubled quote inside a quoted field closes and re-opens it at once: the toggling stays right.
      if (ch === 34) {
        quoted = !quoted;
        lineHasContent = true;
      } else if (quoted) continue;
      if (ch === 10) {
        if (lineHasContent) records++;
        lineHasContent = false;
      } else if (ch !== 13) lineHasContent = true;
    }
  }
  return lineHasContent ? records + 1 : records;
}
