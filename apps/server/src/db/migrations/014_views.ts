import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/**
 * List views (issue #13):
 * - `views`: saved views per module, personal (owner_id, shared = 0) or shared with everyone (shared = 1); filter,
 *   sort, columns and widths as JSON text. A user's default view per module is a user preference.
 * - `record_visits`: when a user last opened a record, for the Unread and Recently viewed system views. One row per
 *   user and record; Unread reads it by primary key, Recently viewed by (user, module, visited_at).
 */
export function viewsSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  return [
    `create table views (id ${t.pk}, module text not null, name text not null, owner_id integer not null references users(id),
      shared integer not null default 0, filter text not null, sort text not null, columns text not null, column_widths text not null,
      page_size integer not null, version integer not null default 1, created_at text not null, updated_at text not null)`,
    `create index views_owner on views (owner_id, module)`,
    `create index views_shared on views (module, shared)`,
    `create table record_visits (user_id integer not null references users(id), module text not null, record_id integer not null,
      visited_at text not null, primary key (user_id, module, record_id))${engine === 'sqlite' ? ' without rowid' : ''}`,
    `create index record_visits_recent on record_visits (user_id, module, visited_at)`,
  ];
}
