import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/**
 * Duplicates and merges (issue #16).
 *
 * - `duplicate_keys`: each live contact's and account's blocking keys (`e:` e-mail, `p:` E.164 phone, `w:` website
 *   domain, `a:`/`d:` name sounds within an account or an e-mail domain, `n:` company name), stored as a 52-bit hash
 *   of the key's text (an integer index is a third of the size; a collision only adds a candidate that scoring drops).
 *   Two records are compared only when they share a key, so nothing compares all pairs.
 * - `duplicate_pending`: records whose keys must be recomputed. Triggers on the records and their contact points add to
 *   it, whatever wrote; the driver recomputes them before every commit (features/duplicates/duplicate-sync.ts), as
 *   it does for the search documents.
 * - `duplicate_pairs`: pairs that scored at least the threshold, with their reasons (JSON); `duplicate_clusters` and
 *   `duplicate_members`: the connected groups of those pairs, kept current from the same hook.
 * - `duplicate_dismissals`: pairs marked "not a duplicate" (never suggested again).
 * - `merges`: each merge, with what undoing it needs (the records and related rows as they were), for 30 days.
 * - `merged_into_id` on contacts and accounts: a merged record stays as a tombstone (deleted, not in the recycle bin);
 *   its id answers with a redirect to the survivor.
 */
export const duplicateModules = ['contacts', 'accounts'] as const;

const recordColumns: Record<(typeof duplicateModules)[number], string[]> = {
  contacts: ['first_name', 'last_name', 'account_id', 'deleted_at', 'merged_into_id'],
  accounts: ['name', 'deleted_at', 'merged_into_id'],
};
const pointKinds = `'emails', 'phones', 'websites'`;
const moduleList = duplicateModules.map((m) => `'${m}'`).join(', ');

function sqliteTriggers(): string[] {
  const mark = (m: string, id: string) => `insert or ignore into duplicate_pending (module, record_id) values ('${m}', ${id});`;
  const markPoint = (row: string) =>
    `insert or ignore into duplicate_pending (module, record_id) select ${row}.module, ${row}.record_id where ${row}.module in (${moduleList}) and ${row}.kind in (${pointKinds});`;
  return [
    ...duplicateModules.flatMap((m) => [
      `create trigger ${m}_dup_ai after insert on ${m} begin ${mark(m, 'new.id')} end`,
      `create trigger ${m}_dup_au after update of ${recordColumns[m].join(', ')} on ${m} begin ${mark(m, 'new.id')} end`,
      `create trigger ${m}_dup_ad after delete on ${m} begin ${mark(m, 'old.id')} end`,
    ]),
    `create trigger contact_points_dup_ai after insert on contact_points begin ${markPoint('new')} end`,
    `create trigger contact_points_dup_au after update on contact_points begin ${markPoint('old')} ${markPoint('new')} end`,
    `create trigger contact_points_dup_ad after delete on contact_points begin ${markPoint('old')} end`,
  ];
}

function postgresTriggers(): string[] {
  const insert = `insert into duplicate_pending (module, record_id)`;
  const fn = (name: string, body: string) => `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`;
  return [
    fn('duplicate_mark_record', `if tg_op = 'DELETE' then ${insert} values (tg_argv[0], old.id) on conflict do nothing;
      else ${insert} values (tg_argv[0], new.id) on conflict do nothing; end if;`),
    fn('duplicate_mark_point', `if tg_op <> 'INSERT' and old.module in (${moduleList}) and old.kind in (${pointKinds}) then ${insert} values (old.module, old.record_id) on conflict do nothing; end if;
      if tg_op <> 'DELETE' and new.module in (${moduleList}) and new.kind in (${pointKinds}) then ${insert} values (new.module, new.record_id) on conflict do nothing; end if;`),
    ...duplicateModules.flatMap((m) => [
      `create trigger ${m}_dup_ai after insert on ${m} for each row execute function duplicate_mark_record('${m}')`,
      `create trigger ${m}_dup_au after update of ${recordColumns[m].join(', ')} on ${m} for each row execute function duplicate_mark_record('${m}')`,
      `create trigger ${m}_dup_ad after delete on ${m} for each row execute function duplicate_mark_record('${m}')`,
    ]),
    `create trigger contact_points_dup after insert or update or delete on contact_points for each row execute function duplicate_mark_point()`,
  ];
}

/**
 * Migration 013's trigger on an account's name queued every deal of the account, the recycle bin's too, so no index
 * served it (`deals_account` is on live deals only): every account rename, delete or merge scanned all deals (44 ms at
 * 1M). Deals in the recycle bin have no search document (their restore queues them), so only live ones are queued now.
 */
function accountNameTrigger(pg: boolean): string[] {
  const live = `from deals where account_id = new.id and deleted_at is null`;
  return pg
    ? [
        `create or replace function search_mark_account_name() returns trigger language plpgsql as $$ begin
          insert into search_pending (module, record_id) select 'contacts', id from contacts where account_id = new.id on conflict do nothing;
          insert into search_pending (module, record_id) select 'deals', id ${live} on conflict do nothing;
          return null; end $$`,
      ]
    : [
        `drop trigger accounts_name_search_au`,
        `create trigger accounts_name_search_au after update of name, deleted_at on accounts begin
           insert or ignore into search_pending (module, record_id) select 'contacts', id from contacts where account_id = new.id;
           insert or ignore into search_pending (module, record_id) select 'deals', id ${live}; end`,
      ];
}

export function duplicatesSchema(engine: Engine): string[] {
  const pg = engine === 'postgres';
  const t = columnTypes(engine);
  const noRowid = pg ? '' : ' without rowid';
  return [
    `alter table contacts add column merged_into_id integer`,
    `alter table accounts add column merged_into_id integer`,
    `create table duplicate_keys (module text not null, key ${t.bigint} not null, record_id integer not null, primary key (module, key, record_id))${noRowid}`,
    `create index duplicate_keys_record on duplicate_keys (module, record_id)`,
    `create table duplicate_pending (module text not null, record_id integer not null, primary key (module, record_id))${noRowid}`,
    `create table duplicate_pairs (module text not null, low_id integer not null, high_id integer not null, score integer not null,
      reasons text not null, primary key (module, low_id, high_id))${noRowid}`,
    `create index duplicate_pairs_high on duplicate_pairs (module, high_id)`,
    `create table duplicate_clusters (id ${t.pk}, module text not null, score integer not null, size integer not null, updated_at text not null)`,
    `create index duplicate_clusters_order on duplicate_clusters (module, score, id)`,
    `create table duplicate_members (module text not null, record_id integer not null, cluster_id integer not null, primary key (module, record_id))${noRowid}`,
    `create index duplicate_members_cluster on duplicate_members (cluster_id)`,
    `create table duplicate_dismissals (module text not null, low_id integer not null, high_id integer not null,
      created_by integer, created_at text not null, primary key (module, low_id, high_id))${noRowid}`,
    `create table merges (id ${t.pk}, module text not null, survivor_id integer not null, merged_ids text not null,
      snapshot text not null, created_by integer, created_at text not null, undone_at text, undone_by integer)`,
    `create index merges_survivor on merges (module, survivor_id, id)`,
    ...(pg ? postgresTriggers() : sqliteTriggers()),
    ...accountNameTrigger(pg),
    // Every live record gets its keys and pairs when this migration commits (the driver works through the queue).
    ...duplicateModules.map((m) => `insert into duplicate_pending (module, record_id) select '${m}', id from ${m} where deleted_at is null`),
  ];
}
