/**
 * A merge is set-based (issue #16: 3 contacts with 100 related records each in < 100 ms at 1M contacts): its statement
 * count does not grow with the related rows, and on SQLite every statement reads through an index (no table is scanned
 * but the few rows that resolve the caller and the settings). The plans are those of a database without statistics,
 * which SQLite plans as large tables; a tiny test database after ANALYZE would rightly scan everything.
 */
import { describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import { useHarness } from '../../../test/harness.ts';
import { makeAccount, makeActivity, makeContact, makeDeal, makeNote } from '../../../test/factories.ts';

const { h, admin } = useHarness();

async function recordWith(module: DuplicateModule, related: number): Promise<string> {
  const id = (module === 'contacts' ? await makeContact(admin) : await makeAccount(admin)).id;
  const link = module === 'contacts' ? { contactId: id } : { accountId: id };
  for (let i = 0; i < related; i++) {
    await makeDeal(admin, link);
    await makeActivity(admin, link);
    await makeNote(admin, link);
  }
  return id;
}

async function mergeStatements(module: DuplicateModule, related: number): Promise<string[]> {
  const [a, b, c] = [await recordWith(module, related), await recordWith(module, related), await recordWith(module, related)];
  let status = 0;
  const statements = await h.database.recordStatements(async () => {
    status = (await admin.post(`/api/v1/${module}/merge`, { survivorId: a, mergedIds: [b, c] })).statusCode;
  });
  expect(status).toBe(200);
  return statements;
}

/** Reads of whole small tables that are no part of the merge: resolving the caller (users, roles) and the settings. */
const configTables = /^SCAN (users|roles|settings|custom_field_defs)\b/;

describe.each(['contacts', 'accounts'] as const)('a merge of three %s', (module) => {
  it('runs as many statements with 5 related records of each kind per record as with 1', async () => {
    const one = await mergeStatements(module, 1);
    const five = await mergeStatements(module, 5);
    expect(five.length).toBe(one.length);
    expect(one.length).toBeLessThan(60);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))('reads every table through an index (SQLite plans)', async () => {
    const statements = await mergeStatements(module, 2);
    const scans: string[] = [];
    for (const statement of statements) {
      // The plan does not depend on the values (each parameter bound to null).
      const params = new Array<null>((statement.match(/\?/g) ?? []).length).fill(null);
      const plan = await h.database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${statement}`, params));
      for (const { detail } of plan.rows) if (/^SCAN /.test(detail) && !/json_each|CONSTANT ROW|SUBQUERY|VALUES CLAUSE/.test(detail) && !configTables.test(detail)) scans.push(`${detail} <= ${statement.slice(0, 160)}`);
    }
    expect(scans).toEqual([]);
  });
});
