import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/**
 * Background jobs (issue #13): mass actions and exports too big to finish inside a request.
 *
 * - `jobs`: one row per job. The runner of every server process claims the oldest `queued` job atomically, runs it
 *   (one at a time per process), writes its progress (`total`, `processed`, `succeeded`, `skipped`, the first 100
 *   skipped records with their reasons in `skips`), beats `heartbeat_at` while it runs, and marks it done, failed
 *   (`error`: a message, never a stack) or leaves it cancelled. A `running` job whose heartbeat stopped (its process
 *   died) is queued again; `attempts` counts the claims, so a job that kills its process every time is given up.
 *   `payload` is the job's input as JSON (the handler parses it); an export's file is described by `file_*`.
 * - `job_file_chunks`: the file a job wrote, in ~1 MB chunks, so writing and downloading stream.
 *
 * And one change to migration 013's search upkeep, for mass owner transfers (`searchOwnerTriggers`).
 */
export function jobsSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  return [
    `create table jobs (id ${t.pk}, kind text not null, module text not null, action text not null,
      user_id integer not null references users(id), status text not null, payload text not null default '{}',
      total integer, processed integer not null default 0, succeeded integer not null default 0, skipped integer not null default 0,
      skips text not null default '[]', error text, attempts integer not null default 0,
      file_name text, file_mime text, file_size ${t.bigint},
      created_at text not null, started_at text, finished_at text, heartbeat_at text)`,
    `create index jobs_status on jobs (status, created_at)`,
    `create index jobs_user on jobs (user_id, created_at)`,
    `create table job_file_chunks (job_id integer not null references jobs(id) on delete cascade, seq integer not null, data ${t.blob} not null,
      primary key (job_id, seq))`,
    ...searchOwnerTriggers(engine),
  ];
}

/** Migration 013's lists of the columns each search document reads, without `owner_id`. */
const documentColumnsButOwner = {
  contacts: ['first_name', 'last_name', 'position', 'department', 'primary_email', 'primary_phone', 'account_id', 'deleted_at'],
  accounts: ['name', 'account_number', 'ticker_symbol', 'website', 'phone', 'fax', 'billing_city', 'shipping_city', 'primary_email', 'primary_phone', 'deleted_at'],
  leads: ['first_name', 'last_name', 'company', 'position', 'email', 'phone', 'deleted_at'],
  deals: ['name', 'account_id', 'deleted_at'],
} as const;

/**
 * A change of owner no longer queues a record's search document for a rebuild: the owner is the one thing of the
 * record a document holds as it is (`search_documents.owner_id`, for "my records first"), so a trigger copies it into
 * the document at once. A document is rebuilt, as before, when any other column it reads changes. Why: a mass owner
 * transfer rebuilt every moved record's whole document before each commit (two thirds of its time: 100,000 contacts
 * took ~11 s instead of ~3 s on SQLite). A record without a document yet (created in the same transaction, or
 * deleted) is not touched: its queued rebuild reads the owner from the row.
 */
function searchOwnerTriggers(engine: Engine): string[] {
  const modules = Object.keys(documentColumnsButOwner) as Array<keyof typeof documentColumnsButOwner>;
  if (engine === 'postgres') {
    return [
      `create function search_set_owner() returns trigger language plpgsql as $$ begin
        update search_documents set owner_id = new.owner_id where module = tg_argv[0] and record_id = new.id; return null; end $$`,
      ...modules.flatMap((m) => [
        `drop trigger ${m}_search_au on ${m}`,
        `create trigger ${m}_search_au after update of ${documentColumnsButOwner[m].join(', ')} on ${m} for each row execute function search_mark_record('${m}')`,
        `create trigger ${m}_search_owner_au after update of owner_id on ${m} for each row when (old.owner_id is distinct from new.owner_id) execute function search_set_owner('${m}')`,
      ]),
    ];
  }
  return modules.flatMap((m) => [
    `drop trigger ${m}_search_au`,
    `create trigger ${m}_search_au after update of ${documentColumnsButOwner[m].join(', ')} on ${m} begin
       insert or ignore into search_pending (module, record_id) values ('${m}', new.id); end`,
    `create trigger ${m}_search_owner_au after update of owner_id on ${m} when old.owner_id is not new.owner_id begin
       update search_documents set owner_id = new.owner_id where module = '${m}' and record_id = new.id; end`,
  ]);
}
