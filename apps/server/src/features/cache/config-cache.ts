import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Process-local caches of configuration (resolved actors, settings, custom field definitions), correct across every
 * worker and machine that serves the same database (docs/ARCHITECTURE.md, "Caches across processes").
 *
 * One counter in the database (`config_generation`) moves with every change to users, roles, profiles, settings,
 * sessions, tokens or custom fields; the auth hook bumps it before the answer of such a write is sent. Each process
 * reads the counter once per API request (`syncConfigCache`, one primary-key read) and drops everything it cached
 * when the counter moved, so a change made in one worker is enforced by every other from its next request on.
 *
 * A store exists only for a database handle that is synced per request (the server's). Anything else (the CLI, a
 * transaction handle) gets no store, so `cachedConfig` then simply loads: nothing can read a value no one checks.
 */
interface Store {
  generation: number;
  values: Map<string, unknown>;
  listeners: Array<() => void>;
}

const stores = new WeakMap<Kysely<DB>, Store>();

async function readGeneration(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('config_generation').select('value').where('id', '=', 1).executeTakeFirst();
  return Number(row?.value ?? 0);
}

/** Called once per API request before anything cached is used; answers whether the caches were dropped. */
export async function syncConfigCache(db: Kysely<DB>): Promise<boolean> {
  const generation = await readGeneration(db);
  const store = stores.get(db);
  if (!store) {
    stores.set(db, { generation, values: new Map(), listeners: [] });
    return true;
  }
  if (store.generation === generation) return false;
  store.generation = generation;
  dropAll(store);
  return true;
}

function dropAll(store: Store): void {
  store.values.clear();
  for (const listener of store.listeners) listener();
}

/** Registers a process-local cache (such as the actor cache) to be cleared whenever the configuration changes. */
export function onConfigChange(db: Kysely<DB>, clear: () => void): void {
  let store = stores.get(db);
  if (!store) {
    store = { generation: Number.NaN, values: new Map(), listeners: [] };
    stores.set(db, store);
  }
  store.listeners.push(clear);
}

/** The cached value of `key`, loaded once per configuration generation; loads every time where no store is synced. */
export async function cachedConfig<T>(db: Kysely<DB>, key: string, load: () => Promise<T>): Promise<T> {
  const store = stores.get(db);
  if (!store || Number.isNaN(store.generation)) return load();
  if (store.values.has(key)) return store.values.get(key) as T;
  const generation = store.generation;
  const value = await load();
  if (store.generation === generation) store.values.set(key, value);
  return value;
}

/** A configuration change: every process drops its caches at its next request; this one at once. */
export async function bumpConfigGeneration(db: Kysely<DB>): Promise<void> {
  await db.updateTable('config_generation').set((eb) => ({ value: eb('value', '+', 1) })).where('id', '=', 1).execute();
  const store = stores.get(db);
  if (store) {
    store.generation = await readGeneration(db);
    dropAll(store);
  }
}
