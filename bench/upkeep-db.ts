import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { DB } from '../apps/server/src/db/schema.ts';
import type { Target } from './raw.ts';

/**
 * A Kysely on the target built exactly as `createDatabase` (apps/server/src/db/database.ts) builds the server's, with
 * one difference: no before-commit hook (db/commit-hooks.ts), so a transaction commits without rebuilding the search
 * documents it queued. The triggers still queue them in `search_pending`; the caller deletes those rows. Same
 * pragmas, `begin immediate`, statement cache and pool as the server's, so the hook is the only thing measured.
 */
export function kyselyWithoutSearchUpkeep(t: Target): Kysely<DB> {
  if (t.engine === 'postgres') {
    const options = ['-c jit=off', ...(t.schema ? [`-c search_path=${t.schema}`] : [])].join(' ');
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 10, options }) }) });
  }
  const file = path.join(t.dataDir ?? '', 'kontor.sqlite');
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('cache_size = -65536');
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** The server's prepared-statement cache (database.ts), so neither side pays SQLite's prepare per statement. */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): SQLite.Statement {
      const hit = cache.get(source);
      if (hit && !hit.busy) return hit;
      const stmt = sqlite.prepare(source);
      if (!hit) {
        if (cache.size >= max) cache.clear();
        cache.set(source, stmt);
      }
      return stmt;
    },
  };
}
