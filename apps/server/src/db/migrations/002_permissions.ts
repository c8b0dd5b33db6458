import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

const now = () => new Date().toISOString();

const all = ['view', 'create', 'edit', 'share', 'delete', 'export', 'import'];
const rights = (modules: string[], admin: string[]) => JSON.stringify({ modules: { accounts: modules, contacts: modules }, admin });

/** Profiles (rights), roles (hierarchy), sharing, restricted access, audit log and login throttling. */
export function permissionsSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  const ts = now();
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    `create table profiles (id ${t.pk}, key text not null unique, name text not null, builtin integer not null default 0,
      rights text not null, created_at text not null, updated_at text not null, version integer not null default 1)`,
    `insert into profiles (key, name, builtin, rights, created_at, updated_at) values
      ('administrator', 'Administrator', 1, ${q(rights(all, ['users', 'fields', 'settings']))}, '${ts}', '${ts}'),
      ('sales_manager', 'Sales manager', 1, ${q(rights(all, []))}, '${ts}', '${ts}'),
      ('salesperson', 'Salesperson', 1, ${q(rights(['view', 'create', 'edit', 'share', 'delete', 'export'], []))}, '${ts}', '${ts}'),
      ('read_only', 'Read-only', 1, ${q(rights(['view'], []))}, '${ts}', '${ts}')`,
    `create table roles (id ${t.pk}, key text not null unique, name text not null, parent_id integer references roles(id),
      builtin integer not null default 0, created_at text not null, updated_at text not null, version integer not null default 1)`,
    `insert into roles (key, name, builtin, created_at, updated_at) values ('admin', 'Administrator', 1, '${ts}', '${ts}')`,
    `insert into roles (key, name, parent_id, builtin, created_at, updated_at) select 'manager', 'Sales manager', id, 1, '${ts}', '${ts}' from roles where key = 'admin'`,
    `insert into roles (key, name, parent_id, builtin, created_at, updated_at) select 'sales', 'Salesperson', id, 1, '${ts}', '${ts}' from roles where key = 'manager'`,
    `insert into roles (key, name, parent_id, builtin, created_at, updated_at) select 'readonly', 'Read-only', id, 1, '${ts}', '${ts}' from roles where key = 'manager'`,
    `alter table users add column profile_id integer references profiles(id)`,
    `update users set profile_id = (select id from profiles where key = case users.role
        when 'admin' then 'administrator' when 'manager' then 'sales_manager' when 'sales' then 'salesperson' else 'read_only' end)`,
    `alter table accounts add column restricted integer not null default 0`,
    `alter table contacts add column restricted integer not null default 0`,
    `create table record_access (module text not null, record_id integer not null, user_id integer not null references users(id),
      primary key (module, record_id, user_id))`,
    `create index record_access_user on record_access (user_id, module, record_id)`,
    `create table record_shares (id ${t.pk}, module text not null, record_id integer not null,
      user_id integer references users(id), role_id integer references roles(id), access text not null,
      created_at text not null, created_by integer references users(id))`,
    `create index record_shares_record on record_shares (module, record_id)`,
    `create index record_shares_user on record_shares (user_id, module, record_id)`,
    `create index record_shares_role on record_shares (role_id, module, record_id)`,
    `create table audit_log (id ${t.pk}, at text not null, actor_id integer references users(id), action text not null,
      target_type text, target_id text, details text not null default '{}', ip text)`,
    `create index audit_log_at on audit_log (at, id)`,
    `create table login_failures (key text primary key, count integer not null, window_start text not null)`,
    `alter table api_tokens add column scope text not null default 'write'`,
  ];
}
