import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/**
 * Deals (issue #9): pipelines with ordered stages, and deals as a record module like accounts and contacts
 * (owner, restriction, soft delete, version). Indexes serve the deal list, the board (open deals of a stage, newest
 * change first), an account's and a contact's deals with their sums, and the recycle bin.
 * A default pipeline with Pipedrive's stages is created so a deal always has somewhere to go.
 */
export function dealsSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  const now = `'${new Date().toISOString()}'`;
  return [
    `create table pipelines (id ${t.pk}, name text not null, position integer not null default 0, is_default integer not null default 0,
      created_at text not null, updated_at text not null, version integer not null default 1)`,
    `create table pipeline_stages (id ${t.pk}, pipeline_id integer not null references pipelines(id), name text not null,
      position integer not null, probability integer not null default 0)`,
    `create index pipeline_stages_pipeline on pipeline_stages (pipeline_id, position)`,
    `create table deals (id ${t.pk}, name text not null, name_sort text not null, amount ${t.real}, currency text not null,
      pipeline_id integer not null references pipelines(id), stage_id integer not null references pipeline_stages(id),
      status text not null default 'open', lost_reason text, expected_close_date text, closed_at text,
      account_id integer references accounts(id), contact_id integer references contacts(id), owner_id integer references users(id),
      description text, custom_fields text not null default '{}', restricted integer not null default 0, photo_file_id integer,
      deleted_at text, deleted_by integer references users(id),
      created_at text not null, created_by integer references users(id), updated_at text not null, updated_by integer references users(id),
      version integer not null default 1)`,
    `create index deals_name on deals (name_sort, id) where deleted_at is null`,
    `create index deals_board on deals (stage_id, status, updated_at, id) where deleted_at is null`,
    // The board's column totals read only this index (count and sum per stage and currency, visibility columns included).
    `create index deals_stage_totals on deals (pipeline_id, status, stage_id, currency, amount, owner_id, restricted) where deleted_at is null`,
    `create index deals_account on deals (account_id, status) where deleted_at is null`,
    `create index deals_contact on deals (contact_id, status) where deleted_at is null`,
    `create index deals_owner on deals (owner_id, id) where deleted_at is null`,
    `create index deals_deleted on deals (deleted_at) where deleted_at is not null`,
    ...(engine === 'postgres' ? [`create index deals_name_trgm on deals using gin (name_sort public.gin_trgm_ops)`] : []),
    `insert into pipelines (name, position, is_default, created_at, updated_at) values ('Sales pipeline', 0, 1, ${now}, ${now})`,
    ...[
      ['Qualified', 10],
      ['Contact made', 20],
      ['Demo scheduled', 40],
      ['Proposal made', 60],
      ['Negotiations started', 80],
    ].map(([name, p], i) => `insert into pipeline_stages (pipeline_id, name, position, probability) select id, '${name}', ${i}, ${p} from pipelines where is_default = 1`),
  ];
}
