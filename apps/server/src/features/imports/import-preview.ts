import type { Kysely } from 'kysely';
import type { ImportModule, ImportPreview, ImportPreviewRow, ImportProblem } from '@kontor/contract/imports';
import type { DB } from '../../db/schema.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { csvRecord } from '../exports/csv-writer.ts';
import { eventOrigin } from '../timeline/timeline-events.ts';
import { entriesOf, rowWriterFor } from './import-run.ts';
import type { ImportEntry } from './import-entries.ts';
import { importRowOr404 } from './imports.service.ts';
import { SourceError } from './readers/source.ts';
import { fileRefusal } from './import-scan.ts';

/**
 * The preview (issue #15): the first rows stored for real in a transaction that is rolled back, so what it shows (the
 * values as stored, which rows would be duplicates, which fail and why) is what the import will do, and nothing stays.
 */

const fieldLabels: Record<string, string> = {
  firstName: 'First name', lastName: 'Last name', name: 'Name', salutation: 'Salutation', position: 'Position', department: 'Department',
  birthday: 'Birthday', description: 'Description', accountId: 'Account', parentAccountId: 'Parent account', emails: 'E-mails', phones: 'Phones',
  websites: 'Websites', addresses: 'Addresses', tags: 'Tags', ownerId: 'Owner', contactType: 'Contact type', company: 'Company', email: 'E-mail', phone: 'Phone',
};

const previewOrder = ['salutation', 'firstName', 'lastName', 'name', 'company', 'position', 'department', 'emails', 'email', 'phones', 'phone', 'websites', 'addresses'];

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(display).filter(Boolean).join('\n');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('value' in v) return `${String(v.value)}${v.label ? ` (${String(v.label)}${v.primary ? ', primary' : ''})` : ''}`;
    const parts = ['street', 'postalCode', 'city', 'region', 'country'].map((k) => v[k]).filter((p) => typeof p === 'string' && p !== '');
    if (parts.length) return `${parts.join(', ')}${v.label ? ` (${String(v.label)})` : ''}`;
    return Object.entries(v).map(([k, x]) => `${k}: ${display(x)}`).join('; ');
  }
  return String(value);
}

export async function previewImport(db: Kysely<DB>, actor: Actor, id: number, limit: number): Promise<ImportPreview> {
  const row = await importRowOr404(db, actor, id);
  assertCan(actor, 'import', row.module as ImportModule);
  const writer = await rowWriterFor(db, actor, row, true);
  const rows: ImportPreviewRow[] = [];
  const keys = new Set<string>();
  // The file is read before the transaction opens: on SQLite the transaction holds the one connection.
  const entries: ImportEntry[] = [];
  try {
    for await (const entry of await entriesOf(db, row)) {
      entries.push(entry);
      if (entries.length >= limit) break;
    }
  } catch (err) {
    if (err instanceof SourceError) throw fileRefusal(err);
    throw err;
  }
  const trx = await db.startTransaction().execute();
  try {
    await eventOrigin.run({ import: { id: String(id), fileName: row.file_name } }, async () => {
      const results = await writer.write(trx, entries);
      entries.forEach((entry, n) => {
        const r = results[n];
        if (!r) return;
        // Names of linked records as the importer sees them, not ids.
        const values: Record<string, string> = {};
        const input = r.input ?? (entry.problem ? {} : { ...entry.draft.fields });
        for (const [k, v] of Object.entries(input)) {
          if (k === 'accountId' || k === 'parentAccountId' || k === 'ownerId' || k === 'contactType') continue;
          const text = display(v);
          if (text) {
            values[k] = text;
            keys.add(k);
          }
        }
        if (!entry.problem && entry.draft.company?.name) {
          values.company = entry.draft.company.name;
          keys.add('company');
        }
        const match = r.match ? { id: toApiId(r.match.id), name: r.match.name ?? '', reason: r.match.reason } : null;
        rows.push({ line: entry.line, outcome: r.outcome, values, problems: r.problems, match });
      });
    });
  } finally {
    await trx.rollback().execute();
  }
  // Names first, then who they are and how to reach them; the rest in the file's order.
  const rank = (k: string) => {
    const i = previewOrder.indexOf(k);
    return i === -1 ? previewOrder.length : i;
  };
  const ordered = [...keys].sort((a, b) => rank(a) - rank(b));
  return { rows, fields: ordered.map((key) => ({ key, label: fieldLabels[key] ?? key })) };
}

/** The report of an import as CSV: every row reported, in file order. */
export async function* importReportCsv(db: Kysely<DB>, actor: Actor, id: number): AsyncGenerator<string> {
  await importRowOr404(db, actor, id);
  yield '\uFEFF';
  yield csvRecord(['Line', 'Column', 'Outcome', 'Code', 'Message'], ',');
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('import_problems').selectAll().where('import_id', '=', id).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    yield page.map((p) => csvRecord([p.line, p.column_name, p.outcome, p.code, p.message], ',')).join('');
  }
}

export async function listProblems(db: Kysely<DB>, actor: Actor, id: number, limit: number, cursor?: string): Promise<{ data: ImportProblem[]; nextCursor: string | null }> {
  await importRowOr404(db, actor, id);
  let q = db.selectFrom('import_problems').selectAll().where('import_id', '=', id).orderBy('id').limit(limit + 1);
  if (cursor) q = q.where('id', '>', Number(cursor));
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return {
    data: page.map((p) => ({ line: p.line, column: p.column_name, code: p.code, message: p.message, outcome: p.outcome === 'skipped' || p.outcome === 'warning' ? p.outcome : 'failed' })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null,
  };
}
