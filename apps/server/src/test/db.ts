import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createQueryId, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryId, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { loadConfig, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';

export interface TestDatabase extends Database {
  config: Config;
  /** Closes the connection and removes the database (temp SQLite directory or PostgreSQL schema). */
  dispose(): Promise<void>;
  /**
   * Runs `work` and answers the SQL of every statement the database executed meanwhile, in order (transaction
   * begin and commit are not statements of ours and are not counted): for tests that bound what a path costs.
   */
  recordStatements(work: () => Promise<unknown>): Promise<string[]>;
}

/** Notes each statement the database executes while recording (a statement counts once its result arrives). */
class StatementRecorder implements KyselyPlugin {
  private readonly nodes = new WeakMap<QueryId, RootOperationNode>();
  recorded: RootOperationNode[] | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recorded) this.nodes.set(args.queryId, args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const node = this.nodes.get(args.queryId);
    if (this.recorded && node) this.recorded.push(node);
    return args.result;
  }
}

/**
 * A fresh, migrated database for one test file, on the engine the environment selects:
 * DATABASE_URL set -> a new schema in that PostgreSQL database; unset -> a new SQLite file in a temp directory.
 */
export async function createTestDatabase(overrides: Partial<Config> = {}, opts: { migrateUntil?: string } = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL || null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-test-'));
  let schema: string | null = null;
  if (url) {
    schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  }
  // Tests make many requests from one address and change the database behind the app's back: the rate limit
  // and the actor cache are off unless a test turns them on.
  const config = loadConfig({}, { dataDir, databaseUrl: url, databaseSchema: schema, logLevel: 'silent', rateLimitPerMinute: 0, actorCacheMs: 0, ...overrides });
  // A data migration's test starts from the migrations before it (`migrateUntil`), then runs the rest itself.
  const opened = await openDatabase(config, { migrate: opts.migrateUntil === undefined });
  if (opts.migrateUntil !== undefined) await migrate(opened, { until: opts.migrateUntil });
  const recorder = new StatementRecorder();
  const db = opened.db.withPlugin(recorder);
  const database = { ...opened, db, readDb: opened.readDb === opened.db ? db : opened.readDb.withPlugin(recorder) };
  return {
    ...database,
    config,
    async recordStatements(work) {
      const nodes: RootOperationNode[] = [];
      recorder.recorded = nodes;
      try {
        await work();
      } finally {
        recorder.recorded = null;
      }
      return nodes.map((node) => db.getExecutor().compileQuery(node, createQueryId()).sql);
    },
    async dispose() {
      await database.close();
      if (url && schema) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
