import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '@kontor/contract/users';
import { buildApp } from '../app.ts';
import { createApiToken } from '../features/auth/api-tokens.ts';
import { insertUser } from '../features/users/users.service.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import type { Config } from '../config.ts';

export interface TestClient {
  userId: string;
  token: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  raw(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface Harness {
  app: FastifyInstance;
  database: TestDatabase;
  /** A user with this role (a built-in or custom role key; its default profile unless one is given) and a bearer-token client acting as them. */
  client(role?: Role | string, opts?: { profileId?: string }): Promise<TestClient>;
  close(): Promise<void>;
}

let seq = 0;

/** The real app over a fresh database of the selected engine; requests go through Fastify's inject (full HTTP pipeline). */
export async function createHarness(config: Partial<Config> = {}): Promise<Harness> {
  const database = await createTestDatabase(config);
  const app = await buildApp(database.config, database);
  await app.ready();
  return {
    app,
    database,
    async client(role: Role | string = 'admin', opts: { profileId?: string } = {}) {
      seq += 1;
      const user = await insertUser(database.db, {
        email: `user${seq}-${Date.now()}@example.com`,
        name: `Test ${role} ${seq}`,
        password: 'test-password-123',
        role,
        locale: 'en',
        ...(opts.profileId && { profileId: opts.profileId }),
      });
      const { token } = await createApiToken(database.db, user.id, 'test');
      const auth = { authorization: `Bearer ${token}` };
      const send = (method: InjectOptions['method'], url: string, body?: unknown) =>
        app.inject({ method, url, headers: auth, ...(body !== undefined && { payload: body as InjectOptions['payload'] }) });
      return {
        userId: String(user.id),
        token,
        get: (url) => send('GET', url),
        post: (url, body) => send('POST', url, body ?? {}),
        patch: (url, body) => send('PATCH', url, body),
        put: (url, body) => send('PUT', url, body),
        delete: (url) => send('DELETE', url),
        raw: (opts) => app.inject({ ...opts, headers: { ...auth, ...(opts.headers ?? {}) } }),
      };
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

/**
 * Registers beforeAll/afterAll for a test file: one harness (fresh database) and an admin client.
 * The returned objects forward to the instances created in beforeAll, so tests can use them directly.
 */
export function useHarness(): { h: Harness; admin: TestClient } {
  let harness: Harness | undefined;
  let adminClient: TestClient | undefined;
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useHarness: used before beforeAll ran');
    return v;
  };
  beforeAll(async () => {
    harness = await createHarness();
    adminClient = await harness.client('admin');
  });
  afterAll(async () => harness?.close());
  const h: Harness = {
    get app() {
      return need(harness).app;
    },
    get database() {
      return need(harness).database;
    },
    client: (role, opts) => need(harness).client(role, opts),
    close: () => need(harness).close(),
  };
  const admin: TestClient = {
    get userId() {
      return need(adminClient).userId;
    },
    get token() {
      return need(adminClient).token;
    },
    get: (url) => need(adminClient).get(url),
    post: (url, body) => need(adminClient).post(url, body),
    patch: (url, body) => need(adminClient).patch(url, body),
    put: (url, body) => need(adminClient).put(url, body),
    delete: (url) => need(adminClient).delete(url),
    raw: (opts) => need(adminClient).raw(opts),
  };
  return { h, admin };
}
