import crypto from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';
export type RawRow = Record<string, unknown>;

/**
 * The engine without Kontor: prepared statements on better-sqlite3 (same pragmas as the app) or named prepared
 * statements over one pg connection. SQL is written once with `?` placeholders.
 */
export interface RawDb {
  engine: Engine;
  all(sql: string, params?: unknown[]): Promise<RawRow[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** `id in (...)` for a list of ids passed as one parameter. */
  inIds(column: string): string;
  idsParam(ids: number[]): unknown;
  close(): Promise<void>;
}

export interface Target {
  engine: Engine;
  dataDir?: string;
  url?: string;
  schema?: string | null;
}

export async function openRaw(t: Target): Promise<RawDb> {
  if (t.engine === 'sqlite') {
    const db = new SQLite(path.join(t.dataDir ?? '', 'kontor.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('mmap_size = 1073741824');
    db.pragma('cache_size = -65536');
    const cache = new Map<string, SQLite.Statement>();
    const stmt = (sql: string) => {
      let s = cache.get(sql);
      if (!s) cache.set(sql, (s = db.prepare(sql)));
      return s;
    };
    return {
      engine: 'sqlite',
      all: async (sql, params = []) => stmt(sql).all(params) as RawRow[],
      run: async (sql, params = []) => void stmt(sql).run(params),
      inIds: (column) => `${column} in (select value from json_each(?))`,
      idsParam: (ids) => JSON.stringify(ids),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: t.url, options: t.schema ? `-c search_path=${t.schema}` : undefined });
  await client.connect();
  const names = new Map<string, { name: string; text: string }>();
  const prepared = (sql: string) => {
    let p = names.get(sql);
    if (!p) {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      names.set(sql, (p = { name: `q${crypto.createHash('md5').update(sql).digest('hex').slice(0, 12)}`, text }));
    }
    return p;
  };
  return {
    engine: 'postgres',
    all: async (sql, params = []) => (await client.query({ ...prepared(sql), values: params })).rows as RawRow[],
    run: async (sql, params = []) => void (await client.query({ ...prepared(sql), values: params })),
    inIds: (column) => `${column} = any(?::int[])`,
    idsParam: (ids) => ids,
    close: () => client.end(),
  };
}
