import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/**
 * Imports (issue #15).
 *
 * - `imports`: one row per uploaded file: what was detected (format, encoding, delimiter, sheets, layout, headers and
 *   sample values), the mapping and options the user chose, its state, and its outcome counts. `rows_done` is the
 *   checkpoint: the number of source entries (rows, cards, problems) whose outcome is committed. It is written in the
 *   same transaction as the records of its chunk, so a process killed mid-import resumes after the last committed
 *   chunk: no row is lost or stored twice.
 * - `import_file_chunks`: the uploaded file in ~1 MB chunks (a restarted job reads it again from the database).
 * - `import_items`: every record an import created or updated (with the values it replaced), so the import can be
 *   undone as a whole.
 * - `import_problems`: every row reported (line, column, code, message; failed or skipped), for the report.
 * - `import_source_ids`: a record's id in the system a file came from (Zoho `Record Id`, Salesforce `Id`, ...), per
 *   module: a contacts file links to the accounts imported before it, and re-importing a file updates.
 * - `import_templates`: saved mappings (columns by header name).
 *
 * And indexes for matching duplicates by e-mail and by normalised phone on any contact point (not only the primary).
 */
export function importsSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  return [
    `create table imports (id ${t.pk}, user_id integer not null references users(id), module text not null,
      file_name text not null, file_size ${t.bigint} not null, format text not null, encoding text, delimiter text,
      sheets text not null default '[]', sheet text, layout text, headers text not null default '[]', samples text not null default '[]',
      mapping text not null default '[]', options text not null default '{}', status text not null, dry_run integer not null default 0,
      job_id integer references jobs(id) on delete set null, rows_done integer not null default 0, total_rows integer,
      created integer not null default 0, updated integer not null default 0, skipped integer not null default 0,
      failed integer not null default 0, accounts_created integer not null default 0, error text,
      created_at text not null, started_at text, finished_at text, undone_at text)`,
    `create index imports_user on imports (user_id, id)`,
    `create table import_file_chunks (import_id integer not null references imports(id) on delete cascade, seq integer not null,
      data ${t.blob} not null, primary key (import_id, seq))`,
    `create table import_items (import_id integer not null references imports(id) on delete cascade, module text not null,
      record_id integer not null, action text not null, before text, primary key (import_id, module, record_id))`,
    `create index import_items_record on import_items (module, record_id)`,
    `create table import_problems (id ${t.pk}, import_id integer not null references imports(id) on delete cascade,
      line integer not null, column_name text, code text not null, message text not null, outcome text not null)`,
    `create index import_problems_import on import_problems (import_id, id)`,
    `create table import_source_ids (module text not null, source_id text not null, record_id integer not null,
      import_id integer references imports(id) on delete set null, primary key (module, source_id))`,
    `create index import_source_ids_record on import_source_ids (module, record_id)`,
    `create table import_templates (id ${t.pk}, user_id integer not null references users(id), module text not null,
      name text not null, columns text not null, options text not null default '{}', created_at text not null)`,
    `create unique index import_templates_name on import_templates (user_id, module, name)`,
    `create index contact_points_email on contact_points (module, lower(value)) where kind = 'emails'`,
    `create index contact_points_e164 on contact_points (module, e164) where kind = 'phones' and e164 is not null`,
  ];
}
