import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createDatabase } from '../db/database.ts';
import { seedScale } from './seed-scale.ts';
import { copyTo } from './copy-to.ts';

// copy-to moves a SQLite instance to PostgreSQL, so this test needs a PostgreSQL server: it runs when DATABASE_URL is set
// (CI runs the suite once with it) and is skipped, with this reason, on the SQLite-only run.
const url = process.env.DATABASE_URL || null;
const schema = `c_${crypto.randomBytes(6).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-copy-'));
let admin: pg.Client;

describe.skipIf(!url)('copy-to postgres (needs DATABASE_URL: skipped without PostgreSQL)', () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url ?? '' });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const source = await openDatabase(loadConfig({}, { dataDir, databaseUrl: null, logLevel: 'silent' }));
    await seedScale(source, { scale: 300 });
    await source.db.insertInto('files').values({ content: Buffer.from([0, 1, 2, 255]), mime: 'image/webp', size: 4, width: 1, height: 1, created_at: new Date().toISOString(), created_by: null }).execute();
    await source.close();
  });
  afterAll(async () => {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every table, keeps ids, resets sequences and verifies counts and checksums', async () => {
    const checks = await copyTo({ sqliteFile: path.join(dataDir, 'kontor.sqlite'), targetUrl: url ?? '', targetSchema: schema });
    expect(checks.every((c) => c.ok)).toBe(true);
    const byTable = new Map(checks.map((c) => [c.table, c]));
    expect(byTable.get('contacts')?.targetRows).toBe(300);
    expect(byTable.get('contact_points')?.targetRows).toBe(300 * 4 + 75 * 3);
    expect(byTable.get('files')?.targetRows).toBe(1);
    expect(byTable.get('roles')?.targetRows).toBeGreaterThan(4);
    // The identity sequences continue after the copied ids: a new row gets the next id.
    const target = createDatabase({ dataDir: '', databaseUrl: url, databaseSchema: schema });
    const max = await target.db.selectFrom('tags').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    const row = await target.db.insertInto('tags').values({ name: 'after copy', name_key: 'after copy', color: '#000000', created_at: 'x', updated_at: 'x' }).returning('id').executeTakeFirstOrThrow();
    expect(row.id).toBe(Number(max.m) + 1);
    const parent = await target.db.selectFrom('accounts').select('parent_account_id').where('parent_account_id', 'is not', null).executeTakeFirst();
    expect(parent).toBeDefined();
    await target.close();
  });

  it('refuses a target that already holds data', async () => {
    await expect(copyTo({ sqliteFile: path.join(dataDir, 'kontor.sqlite'), targetUrl: url ?? '', targetSchema: schema })).rejects.toThrow(/not empty/);
  });
});
