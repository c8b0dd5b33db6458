import { sql, type Kysely, type Selectable } from 'kysely';
import type { SearchModule } from '@kontor/contract/search';
import { foldForSearch, phoneIndexDigits } from '@kontor/contract/search-query';
import type { DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { searchFieldColumns } from '../../db/migrations/013_search.ts';
import { nameFromColumns } from '../records/record-name.ts';
import { descriptorOf } from '../records/registry.ts';
import type { SearchSource } from './source.ts';
import { wordsOf } from './fuzzy.ts';

/**
 * Builds the search documents of records from what is stored, whoever may see them: the index holds every live
 * record, and visibility is applied when searching (search.repository.ts). This file therefore reads the record
 * tables directly (the lint rule's one exception besides the record machinery).
 */

type FieldColumn = (typeof searchFieldColumns)[number];
type Row = Record<string, string | number | null>;

/** A document as built, before it is stored: the display columns and the folded fields. */
export type SearchDocument = Pick<
  Selectable<DB['search_documents']>,
  'record_id' | 'owner_id' | 'title' | 'display_email' | 'display_phone' | 'account_id' | 'company_name' | 'updated_at'
> & { fields: Record<FieldColumn, string> };

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const nonEmpty = (values: string[]) => [...new Set(values.filter((v) => v !== ''))];
/** Values of one field joined so that neither a phrase nor a word edge spans two of them (queries never hold `|`). */
const padded = (values: string[]) => (values.length === 0 ? '' : ` ${values.join(' | ')} `);
const field = (values: string[]) => padded(nonEmpty(values.flatMap(foldedForms)));

/**
 * A value's searchable forms, remembered: cities, companies, tags and positions repeat across records, and a bulk
 * import folds tens of thousands of values (bounded; cleared when full).
 */
const folded = new Map<string, string[]>();
function foldedForms(value: string): string[] {
  let forms = folded.get(value);
  if (!forms) {
    forms = [foldForSearch(value), ...germanSpelling(value)];
    if (folded.size >= 50_000) folded.clear();
    folded.set(value, forms);
  }
  return forms;
}

/** German umlauts as typed without them (Müller -> mueller, Jäger -> jaeger), so both spellings find the record. */
const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };
function germanSpelling(value: string): string[] {
  return /[äöüÄÖÜ]/.test(value) ? [foldForSearch(value.replace(/[äöüÄÖÜ]/g, (c) => umlauts[c] ?? c))] : [];
}
const webText = (url: string) => url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');

interface Extras {
  accounts: Map<number, string>;
  points: Map<number, { kind: string; value: string; city: string }[]>;
  tags: Map<number, string[]>;
}

function documentOf(source: SearchSource, row: Row, extras: Extras): SearchDocument {
  const id = Number(row.id);
  const cols = (names: string[] | undefined) => (names ?? []).map((c) => text(row[c]));
  /** A field's own columns are one value ("emma patel", a phrase across first and last name); contact points are more. */
  const own = (names: string[] | undefined) => cols(names).filter((v) => v !== '').join(' ');
  const points = extras.points.get(id) ?? [];
  const byKind = new Map<string, string[]>();
  for (const p of points) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.kind === 'addresses' ? p.city : p.value]);
  const pointValues = (kind: string) => byKind.get(kind) ?? [];
  const accountId = source.accountColumn && row[source.accountColumn] != null ? Number(row[source.accountColumn]) : null;
  const accountName = accountId != null ? (extras.accounts.get(accountId) ?? '') : '';
  const f = source.fields;
  return {
    record_id: id,
    owner_id: row.owner_id == null ? null : Number(row.owner_id),
    title: nameFromColumns(source.title, row) || '-',
    display_email: source.displayEmail ? text(row[source.displayEmail]) || null : null,
    display_phone: source.displayPhone ? text(row[source.displayPhone]) || null : null,
    account_id: accountId,
    company_name: source.companyColumn ? text(row[source.companyColumn]) || null : null,
    updated_at: text(row.updated_at),
    fields: {
      name: field([nameFromColumns(f.name ?? [], row)]), // a person's name in its written order, so "李丹" is a phrase
      company: field([own(f.company), accountName]),
      position: field([own(f.position)]),
      email: field([...cols(f.email), ...pointValues('emails')]),
      phone: padded(nonEmpty([...cols(f.phone), ...pointValues('phones')].map((p) => phoneIndexDigits(p)))),
      website: field([...cols(f.website), ...pointValues('websites')].map(webText)),
      city: field([...cols(f.city), ...pointValues('addresses')]),
      tag: field(extras.tags.get(id) ?? []),
    },
  };
}

async function readExtras(db: Kysely<DB>, module: SearchModule, source: SearchSource, rows: Row[]): Promise<Extras> {
  const ids = rows.map((r) => Number(r.id));
  const accountIds = source.accountColumn ? nonEmpty(rows.map((r) => text(r[source.accountColumn ?? '']))).map(Number) : [];
  const accounts = accountIds.length
    ? await sql<{ id: number; name: string }>`select id, name from accounts where id in (${sql.join(accountIds)}) and deleted_at is null`.execute(db)
    : { rows: [] };
  const points = await db.selectFrom('contact_points').select(['record_id', 'kind', 'value', 'city']).where('module', '=', module).where('record_id', 'in', ids).execute();
  const tags = await db
    .selectFrom('record_tags')
    .innerJoin('tags', 'tags.id', 'record_tags.tag_id')
    .select(['record_tags.record_id', 'tags.name'])
    .where('record_tags.module', '=', module)
    .where('record_tags.record_id', 'in', ids)
    .execute();
  const byRecord = <T extends { record_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) {
      const items = map.get(item.record_id);
      if (items) items.push(item);
      else map.set(item.record_id, [item]);
    }
    return map;
  };
  return {
    accounts: new Map(accounts.rows.map((a) => [a.id, a.name])),
    points: byRecord(points),
    tags: new Map([...byRecord(tags)].map(([id, list]) => [id, list.map((t) => t.name)])),
  };
}

/** The documents of the live records among `ids` (missing and deleted ones have none). */
export async function buildDocuments(db: Kysely<DB>, module: SearchModule, ids: number[]): Promise<SearchDocument[]> {
  const source = descriptorOf(module).search;
  if (!source || ids.length === 0) return [];
  const columns = nonEmpty(['id', 'owner_id', 'updated_at', ...source.title, ...Object.values(source.fields).flat(), source.accountColumn ?? '', source.companyColumn ?? '', source.displayEmail ?? '', source.displayPhone ?? '']);
  const { rows } = await sql<Row>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(module)} where id in (${sql.join(ids)}) and deleted_at is null`.execute(db);
  if (rows.length === 0) return [];
  const extras = await readExtras(db, module, source, rows);
  return rows.map((row) => documentOf(source, row, extras));
}

/**
 * Replaces the documents of `ids` (of one module) with `documents`, in the caller's transaction: the old rows and
 * their index entries go, the new ones are written.
 * Answers the words of the new documents for the vocabulary.
 */
export async function replaceDocuments(db: Kysely<DB>, module: SearchModule, ids: number[], documents: SearchDocument[]): Promise<string[]> {
  const sqlite = isSqlite(db);
  const fts = sql.table(`search_fts_${module}`);
  // The module's FTS5 row is keyed by the record's id, so a list filter can read record ids from the index alone.
  const removed = await db.deleteFrom('search_documents').where('module', '=', module).where('record_id', 'in', ids).returning('record_id').execute();
  if (sqlite && removed.length > 0) await sql`delete from ${fts} where rowid in (${sql.join(removed.map((r) => r.record_id))})`.execute(db);
  if (documents.length === 0) return [];
  await db
    .insertInto('search_documents')
    .values(documents.map(({ fields, ...d }) => ({ module, ...d, ...fields })))
    .execute();
  if (sqlite) {
    const values = documents.map((d) => sql`(${d.record_id}, ${sql.join(searchFieldColumns.map((c) => d.fields[c]))})`);
    await sql`insert into ${fts} (rowid, ${sql.join(searchFieldColumns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(db);
  }
  const words = new Set<string>();
  for (const d of documents) for (const w of wordsOf(`${d.fields.name} ${d.fields.company} ${d.fields.city} ${d.fields.tag}`)) words.add(w);
  return [...words];
}
