import type { Engine } from '../database.ts';

/**
 * Search (issue #12): one document per searchable record, kept in step with every write by the database itself.
 *
 * - `search_documents`: the record's searchable text, folded (`foldForSearch`) and split into the fields a query
 *   can name (name, company, position, email, phone, website, city, tag), each padded with spaces so word edges
 *   are plain substrings (" emma patel "). Display columns (title, e-mail, phone, account) answer a hit without
 *   reading the record.
 * - `search_pending`: records whose document must be rebuilt. Triggers on the records, their contact points, tags
 *   and account names add to it, whatever wrote (a form, an import, a merge, raw SQL); the driver rebuilds the
 *   documents before every commit (features/search/sync.ts), so a document changes in its record's transaction.
 * - `search_words`: the distinct words of names, companies, cities and tags, for similar spellings (`~`).
 * - SQLite: one contentless FTS5 trigram table per module, its rowid the record's id (rows deleted by it), so a
 *   list filter reads record ids from the index alone. PostgreSQL: one pg_trgm GIN index per module over all
 *   fields (`searchBodySql`), each field rechecked on the candidates.
 *
 * The lists' fragment filter moves onto these documents, so migration 005's name indexes go.
 */
export const searchModules = ['contacts', 'accounts', 'leads', 'deals'] as const;
export const searchFieldColumns = ['name', 'company', 'position', 'email', 'phone', 'website', 'city', 'tag'] as const;

/** Every field of a document in one text (PostgreSQL's trigram index is on exactly this expression). */
export const searchBodySql = (alias: string) => searchFieldColumns.map((c) => `${alias}.${c}`).join(` || ' ' || `);

/** The columns a record's document reads, per module: an update of one of them queues the record. */
const documentColumns: Record<(typeof searchModules)[number], string[]> = {
  contacts: ['first_name', 'last_name', 'position', 'department', 'primary_email', 'primary_phone', 'account_id', 'owner_id', 'deleted_at'],
  accounts: ['name', 'account_number', 'ticker_symbol', 'website', 'phone', 'fax', 'billing_city', 'shipping_city', 'primary_email', 'primary_phone', 'owner_id', 'deleted_at'],
  leads: ['first_name', 'last_name', 'company', 'position', 'email', 'phone', 'owner_id', 'deleted_at'],
  deals: ['name', 'account_id', 'owner_id', 'deleted_at'],
};

const moduleList = searchModules.map((m) => `'${m}'`).join(', ');

function sqliteTriggers(): string[] {
  const mark = (module: string, id: string) => `insert or ignore into search_pending (module, record_id) values (${module}, ${id});`;
  const markPoint = (row: string) => `insert or ignore into search_pending (module, record_id) select ${row}.module, ${row}.record_id where ${row}.module in (${moduleList});`;
  return [
    ...searchModules.flatMap((m) => [
      `create trigger ${m}_search_ai after insert on ${m} begin ${mark(`'${m}'`, 'new.id')} end`,
      `create trigger ${m}_search_au after update of ${documentColumns[m].join(', ')} on ${m} begin ${mark(`'${m}'`, 'new.id')} end`,
      `create trigger ${m}_search_ad after delete on ${m} begin ${mark(`'${m}'`, 'old.id')} end`,
    ]),
    ...['contact_points', 'record_tags'].flatMap((t) => [
      `create trigger ${t}_search_ai after insert on ${t} begin ${markPoint('new')} end`,
      `create trigger ${t}_search_au after update on ${t} begin ${markPoint('old')} ${markPoint('new')} end`,
      `create trigger ${t}_search_ad after delete on ${t} begin ${markPoint('old')} end`,
    ]),
    `create trigger tags_search_au after update of name on tags begin
       insert or ignore into search_pending (module, record_id) select module, record_id from record_tags where tag_id = new.id and module in (${moduleList}); end`,
    `create trigger accounts_name_search_au after update of name, deleted_at on accounts begin
       insert or ignore into search_pending (module, record_id) select 'contacts', id from contacts where account_id = new.id;
       insert or ignore into search_pending (module, record_id) select 'deals', id from deals where account_id = new.id; end`,
  ];
}

function postgresTriggers(): string[] {
  const fn = (name: string, body: string) => `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`;
  const insert = `insert into search_pending (module, record_id)`;
  return [
    fn('search_mark_record', `if tg_op = 'DELETE' then ${insert} values (tg_argv[0], old.id) on conflict do nothing;
      else ${insert} values (tg_argv[0], new.id) on conflict do nothing; end if;`),
    fn('search_mark_point', `if tg_op <> 'INSERT' and old.module in (${moduleList}) then ${insert} values (old.module, old.record_id) on conflict do nothing; end if;
      if tg_op <> 'DELETE' and new.module in (${moduleList}) then ${insert} values (new.module, new.record_id) on conflict do nothing; end if;`),
    fn('search_mark_tag', `${insert} select module, record_id from record_tags where tag_id = new.id and module in (${moduleList}) on conflict do nothing;`),
    fn('search_mark_account_name', `${insert} select 'contacts', id from contacts where account_id = new.id on conflict do nothing;
      ${insert} select 'deals', id from deals where account_id = new.id on conflict do nothing;`),
    ...searchModules.flatMap((m) => [
      `create trigger ${m}_search_ai after insert on ${m} for each row execute function search_mark_record('${m}')`,
      `create trigger ${m}_search_au after update of ${documentColumns[m].join(', ')} on ${m} for each row execute function search_mark_record('${m}')`,
      `create trigger ${m}_search_ad after delete on ${m} for each row execute function search_mark_record('${m}')`,
    ]),
    ...['contact_points', 'record_tags'].map((t) => `create trigger ${t}_search after insert or update or delete on ${t} for each row execute function search_mark_point()`),
    `create trigger tags_search_au after update of name on tags for each row execute function search_mark_tag()`,
    `create trigger accounts_name_search_au after update of name, deleted_at on accounts for each row execute function search_mark_account_name()`,
  ];
}

export function searchSchema(engine: Engine): string[] {
  const pg = engine === 'postgres';
  const fields = searchFieldColumns.map((c) => `${c} text not null default ''`).join(', ');
  return [
    `create table search_documents (id ${pg ? 'bigint generated by default as identity primary key' : 'integer primary key'},
      module text not null, record_id integer not null, owner_id integer, title text not null, display_email text,
      display_phone text, account_id integer, company_name text, updated_at text not null, ${fields})`,
    `create unique index search_documents_record on search_documents (module, record_id)`,
    `create table search_pending (module text not null, record_id integer not null, primary key (module, record_id))${pg ? '' : ' without rowid'}`,
    `create table search_words (id ${pg ? 'integer generated by default as identity primary key' : 'integer primary key autoincrement'}, word text not null unique)`,
    ...(pg
      ? [
          ...searchModules.map((m) => `create index search_documents_${m}_trgm on search_documents using gin ((${searchBodySql('search_documents')}) public.gin_trgm_ops) where module = '${m}'`),
          ...postgresTriggers(),
          `drop index if exists contacts_name_trgm`,
          `drop index if exists contacts_email_trgm`,
          `drop index if exists accounts_name_trgm`,
          `drop index if exists deals_name_trgm`,
          `drop index if exists leads_name_trgm`,
          `drop index if exists leads_email_trgm`,
        ]
      : [
          // Migration 005's name indexes (their triggers share our trigger names, so they go first).
          ...['contacts', 'accounts'].flatMap((t) => ['ai', 'ad', 'au'].map((k) => `drop trigger if exists ${t}_search_${k}`).concat(`drop table if exists ${t}_search`)),
          ...searchModules.map((m) => `create virtual table search_fts_${m} using fts5(${searchFieldColumns.join(', ')}, content='', contentless_delete=1, tokenize='trigram')`),
          ...sqliteTriggers(),
        ]),
    // Every record present gets its document when this migration commits (the driver rebuilds what is pending).
    ...searchModules.map((m) => `insert into search_pending (module, record_id) select '${m}', id from ${m} where deleted_at is null`),
  ];
}
