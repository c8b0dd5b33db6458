import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';

export interface TestDatabase extends Database {
  config: Config;
  /** Closes the connection and removes the database (temp SQLite directory or PostgreSQL schema). */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, on the engine the environment selects:
 * DATABASE_URL set -> a new schema in that PostgreSQL database; unset -> a new SQLite file in a temp directory.
 */
export async function createTestDatabase(overrides: Partial<Config> = {}): Promise<TestDatabase> {
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
  const database = await openDatabase(config);
  return {
    ...database,
    config,
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
