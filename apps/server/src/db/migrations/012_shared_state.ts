import type { Engine } from '../database.ts';

/**
 * State every server process must share (issue #11: one worker per core, several machines):
 * - `config_generation`: one counter, bumped by every change to who someone is or what the configuration says
 *   (users, roles, profiles, settings, sessions, tokens, custom fields). Each process reads it once per API request
 *   and drops its cached actors, settings and definitions when it moved (features/cache/config-cache.ts).
 * - `rate_limit_hits`: the API rate limit's per-minute counts, which each process adds its own hits to four times a
 *   second (features/auth/rate-limit.ts).
 */
export function sharedStateSchema(engine: Engine): string[] {
  const big = engine === 'postgres' ? 'bigint' : 'integer';
  return [
    `create table config_generation (id integer primary key, value ${big} not null)`,
    `insert into config_generation (id, value) values (1, 0)`,
    `create table rate_limit_hits (key text primary key, window_start ${big} not null, count integer not null)`,
  ];
}
