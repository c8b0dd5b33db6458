import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListResponse } from '@kontor/contract/common';
import type { AccountListItem } from '@kontor/contract/accounts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createDatabase } from '../db/database.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { createApiToken } from '../features/auth/api-tokens.ts';
import { insertUser } from '../features/users/users.service.ts';
import type { FastifyInstance } from 'fastify';

const url = process.env.DATABASE_URL;

/**
 * Read routing needs PostgreSQL. A second schema stands in for the replica: it holds different rows, so every
 * answer shows which side served it. (A real streaming replica was measured by hand: docs/SCALING.md.)
 */
describe.skipIf(!url)('read replica routing (PostgreSQL)', () => {
  let primary: TestDatabase;
  let app: FastifyInstance;
  const replicaSchema = `r_${crypto.randomBytes(6).toString('hex')}`;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    primary = await createTestDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ${replicaSchema}`);
    await c.end();
    const replica = await openDatabase(loadConfig({}, { databaseUrl: url ?? null, databaseSchema: replicaSchema }));
    // The same users on both sides (ids match), and one account only the "replica" has.
    for (const db of [primary.db, replica.db]) {
      for (const [email, role] of [['writer@example.com', 'admin'], ['reader@example.com', 'admin']] as const) {
        await insertUser(db, { email, name: email, password: 'routing-password', role, locale: 'en' });
      }
    }
    await replica.db.insertInto('accounts').values({ name: 'Only On Replica', name_sort: 'only on replica', custom_fields: '{}', created_at: 'x', updated_at: 'x' }).execute();
    await replica.close();
    const config = { ...primary.config, databaseReadUrl: url ?? null, databaseReadSchema: replicaSchema, readYourWritesMs: 60_000 };
    const routed = createDatabase(config);
    app = await buildApp(config, routed);
    app.addHook('onClose', async () => routed.close());
    for (const email of ['writer@example.com', 'reader@example.com']) {
      const user = await primary.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      tokens[email] = (await createApiToken(primary.db, user.id, 't')).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await primary?.dispose();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${replicaSchema} cascade`);
    await c.end();
  });

  const get = (email: string, path: string, cookie?: string) =>
    app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${tokens[email]}`, ...(cookie && { cookie }) } });
  const names = async (email: string, cookie?: string) => (await get(email, '/api/v1/accounts', cookie)).json<ListResponse<AccountListItem>>().data.map((a) => a.name);

  it('serves lists from the replica, and a writer from the primary until the window ends', async () => {
    expect(await names('writer@example.com')).toEqual(['Only On Replica']);
    const created = await app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { authorization: `Bearer ${tokens['writer@example.com']}` }, payload: { name: 'Just Written' } });
    expect(created.statusCode).toBe(201);
    const cookie = created.cookies.find((c) => c.name === 'kontor_rw');
    expect(cookie?.httpOnly).toBe(true);
    expect(await names('writer@example.com')).toEqual(['Just Written']);
    expect(await names('reader@example.com')).toEqual(['Only On Replica']);
    // The cookie carries the write to another process: a reader presenting it reads the primary too.
    expect(await names('reader@example.com', `kontor_rw=${cookie?.value}`)).toEqual(['Just Written']);
    // Detail pages always read the primary.
    const id = created.json<{ id: string }>().id;
    expect((await get('reader@example.com', `/api/v1/accounts/${id}`)).statusCode).toBe(200);
  });
});
