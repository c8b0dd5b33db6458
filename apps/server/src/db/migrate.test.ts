import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { migrate, migrations } from './migrate.ts';

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const d of opened) await d.dispose();
});

describe('migrations', () => {
  it('migrate an empty database of the selected engine, and are safe to run twice', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const applied = await database.db.selectFrom('kontor_migrations').select('id').orderBy('id').execute();
    expect(applied.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    expect(await migrate(database)).toEqual([]);
    expect(await Promise.all([migrate(database), migrate(database)])).toEqual([[], []]);
    for (const table of ['users', 'accounts', 'contacts', 'contact_points', 'tags', 'record_tags', 'custom_field_defs', 'files', 'sessions', 'api_tokens']) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db);
      expect(Number(r.rows[0]?.n)).toBeGreaterThanOrEqual(0);
    }
  });
});
