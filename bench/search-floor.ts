import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { searchRequestSchema, type SearchRequest } from '@kontor/contract/search';
import { benchUserEmail } from '../apps/server/src/cli/seed-scale.ts';
import type { DB } from '../apps/server/src/db/schema.ts';
import type { Actor } from '../apps/server/src/features/permissions/actor.ts';
import { loadActor } from '../apps/server/src/features/permissions/load-actor.ts';
import { search } from '../apps/server/src/features/search/search.service.ts';
import type { RawDb, RawRow, Target } from './raw.ts';

/** Who searches: the seeded salesperson the API tokens belong to (visibility applies), or the administrator. */
export type SearchActor = 'sales' | 'admin';

/**
 * The raw floor of a search: the very statements Kontor's search service runs for a request (its visibility rule,
 * rank queries and account names), captured by running the service in-process through a query log, then replayed
 * on the engine as prepared statements. So the floor gives the same answer with no HTTP, Fastify, Kysely or JS
 * ranking; the `~` vocabulary lookup is in-process JS and therefore not in it. A request is captured on its second
 * run, when the service's vocabulary is loaded, as in a warm server.
 */
export class SearchFloor {
  private readonly db: Kysely<DB>;
  private readonly log: CompiledQuery[] = [];
  private readonly actors = new Map<SearchActor, Promise<Actor>>();
  private readonly captured = new Map<string, Promise<CompiledQuery[][]>>();

  constructor(t: Target) {
    const dialect =
      t.engine === 'sqlite'
        ? new SqliteDialect({ database: new SQLite(path.join(t.dataDir ?? '', 'kontor.sqlite'), { readonly: true }) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1, options: ['-c jit=off', ...(t.schema ? [`-c search_path=${t.schema}`] : [])].join(' ') }) });
    this.db = new Kysely<DB>({ dialect, log: (e) => void (e.level === 'query' && this.log.push(e.query)) });
  }

  private actor(who: SearchActor): Promise<Actor> {
    let actor = this.actors.get(who);
    if (!actor) {
      actor = (async () => {
        const user = await this.db.selectFrom('users').selectAll().where('email', '=', benchUserEmail(who === 'admin' ? 0 : 5)).executeTakeFirstOrThrow();
        return loadActor(this.db, user, 'token', null);
      })();
      this.actors.set(who, actor);
    }
    return actor;
  }

  /** The statements of each request, captured once per key (a workload and its request list). */
  statements(key: string, who: SearchActor, requests: SearchRequest[]): Promise<CompiledQuery[][]> {
    let found = this.captured.get(key);
    if (!found) {
      found = (async () => {
        const actor = await this.actor(who);
        const out: CompiledQuery[][] = [];
        for (const request of requests) {
          const parsed = searchRequestSchema.parse(request);
          await search(this.db, actor, parsed);
          this.log.length = 0;
          await search(this.db, actor, parsed);
          out.push([...this.log]);
        }
        return out;
      })();
      this.captured.set(key, found);
    }
    return found;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Runs the captured statements of one request, one after another, as the service does; answers all their rows. */
export async function replay(db: RawDb, statements: CompiledQuery[]): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for (const q of statements) rows.push(...(await db.all(q.sql, [...q.parameters])));
  return rows;
}
