import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/open.ts';
import { seedScale } from '../apps/server/src/cli/seed-scale.ts';
import type { Target } from './raw.ts';

/**
 * A small seeded data set for a benchmark's smoke test, on the engine the environment selects (DATABASE_URL: a fresh
 * schema there; else a temporary SQLite directory), and how to remove it.
 */
export async function seededTarget(prefix: string, scale: number): Promise<{ target: Target; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL || null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kontor-${prefix}-`));
  const schema = url ? `${prefix.replace(/\W/g, '_')}_${crypto.randomBytes(6).toString('hex')}` : null;
  const admin = url ? new pg.Client({ connectionString: url }) : null;
  if (admin && schema) {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
  }
  const database = await openDatabase(loadConfig({}, { dataDir, databaseUrl: url, databaseSchema: schema, logLevel: 'silent' }));
  await seedScale(database, { scale, postgres: url ? { url, schema } : undefined });
  await database.close();
  const target: Target = url ? { engine: 'postgres', url, schema } : { engine: 'sqlite', dataDir };
  const cleanup = async () => {
    if (admin && schema) {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { target, cleanup };
}
