import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { withBeforeCommit, type BeforeCommit } from './commit-hooks.ts';
import { SearchSync } from '../features/search/sync.ts';
import { DuplicateSync } from '../features/duplicates/duplicate-sync.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /**
   * Where list and search reads may go: a PostgreSQL read replica (DATABASE_READ_URL), else the same as `db`.
   * Use it through `readerFor(request)` (plugins/read-routing.ts), which keeps a caller's own writes visible.
   */
  readDb: Kysely<DB>;
  engine: Engine;
  /** Where the data lives, for messages: the SQLite file or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

// int8 (counts, bigint columns) and numeric come back as numbers, as on SQLite: our values stay below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * What runs before each commit: the duplicate upkeep (features/duplicates/duplicate-sync.ts) and the search upkeep
 * (features/search/sync.ts). Only a benchmark turns it off, to
 * measure what it costs (bench/upkeep.ts); the documents of what it writes then stay queued in `search_pending`.
 */
export interface DatabaseOptions {
  searchUpkeep?: boolean;
}
function beforeCommitOf(opts: DatabaseOptions): BeforeCommit {
  if (opts.searchUpkeep === false) return async () => {};
  const search = new SearchSync().flush;
  const duplicates = new DuplicateSync().flush;
  // Duplicates first: a merge's tombstones and survivor are regrouped before the search documents are rebuilt.
  return async (db) => {
    await duplicates(db);
    await search(db);
  };
}

function postgres(url: string, schema: string | null, opts: DatabaseOptions): Kysely<DB> {
  // JIT compilation costs more than it saves on our short OLTP queries (140 of 415 ms of a 1M-row count).
  const options = ['-c jit=off', ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
  const dialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10, options }) });
  return new Kysely<DB>({ dialect: withBeforeCommit(dialect, beforeCommitOf(opts), 'begin') });
}

export function createDatabase(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'databaseSchema'> & Partial<Pick<Config, 'databaseReadUrl' | 'databaseReadSchema'>>,
  opts: DatabaseOptions = {},
): Database {
  if (config.databaseUrl) {
    const db = postgres(config.databaseUrl, config.databaseSchema, opts);
    const readDb = config.databaseReadUrl ? postgres(config.databaseReadUrl, config.databaseReadSchema ?? config.databaseSchema, opts) : db;
    const url = new URL(config.databaseUrl);
    url.password = '';
    const close = async () => {
      await db.destroy();
      if (readDb !== db) await readDb.destroy();
    };
    return { db, readDb, engine: 'postgres', location: url.toString(), close };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'kontor.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 1073741824');
  sqlite.pragma('cache_size = -65536');
  const dialect = new ImmediateSqliteDialect({ database: withStatementCache(sqlite) });
  const db = new Kysely<DB>({ dialect: withBeforeCommit(dialect, beforeCommitOf(opts), 'begin immediate') });
  return { db, readDb: db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Transactions take SQLite's write lock when they begin (`begin immediate`). With several processes on one file, a
 * deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another process committed in
 * between (its snapshot is stale and waiting cannot help); an immediate one waits its turn (busy_timeout) and then
 * reads current data. Our transactions exist to write, so nothing is lost by taking the lock first.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  // SqliteDialect keeps its settings private: keep our own reference for the driver.
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

/**
 * Kysely prepares every statement anew; on SQLite that costs 25-45 us a query, more than many queries take.
 * Our SQL strings repeat (parameters are bound), so prepared statements are kept, up to a bound; a statement
 * still busy (an open iterator) is never handed out twice.
 */
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
