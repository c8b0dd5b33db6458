import type { Config } from '../config.ts';
import { createDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

/** Opens the configured database and brings it up to date: what the server and every CLI command do first. */
export async function openDatabase(config: Config): Promise<Database> {
  const database = createDatabase(config);
  await migrate(database);
  return database;
}
