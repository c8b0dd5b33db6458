import type { Config } from '../config.ts';
import { createDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

/**
 * Opens the configured database and brings it up to date: what the server and every CLI command do first. Workers
 * forked by `kontor serve` skip the migrations (`migrate: false`): their primary applied them before forking.
 */
export async function openDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  const database = createDatabase(config);
  if (opts.migrate !== false) await migrate(database);
  return database;
}
