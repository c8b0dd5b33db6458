import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ListResponse } from '@kontor/contract/common';
import { useHarness, type TestClient } from '../../test/harness.ts';
import { makeContact } from '../../test/factories.ts';
import { EXACT_COUNT_LIMIT, isUnfiltered } from './record-count.repository.ts';

const { h, admin } = useHarness();

const totalOf = async (c: TestClient, query: string) => {
  const res = await c.get(`/api/v1/contacts?limit=1&count=true${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const { total, totalApproximate, totalAtLeast } = res.json<ListResponse<unknown>>();
  return { total, totalApproximate, totalAtLeast };
};

/** Contacts straight into the table (the API would take minutes for ten thousand). */
async function insertContacts(count: number, ownerId: number, lastName: string) {
  const now = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, i) => ({ first_name: `Bulk${i}`, last_name: lastName, sort_name: `${lastName.toLowerCase()} bulk${i}`, owner_id: ownerId, custom_fields: '{}', created_at: now, updated_at: now }));
  for (let i = 0; i < rows.length; i += 500) await h.database.db.insertInto('contacts').values(rows.slice(i, i + 500)).execute();
}

describe('list totals', () => {
  it('tells filters from paging and presentation parameters', () => {
    expect(isUnfiltered({ sort: 'name', limit: 50, cursor: 'x', count: true, tz: 'UTC', customer: false, q: undefined })).toBe(true);
    expect(isUnfiltered({ sort: 'name', limit: 50, ownerId: '3' })).toBe(false);
    expect(isUnfiltered({ limit: 50, withOpenDeals: true })).toBe(false);
  });

  it('are exact up to the limit, then an estimate for readers who see everything and a lower bound for the others', async () => {
    const sales = await h.client('sales');
    await makeContact(sales, { lastName: 'Counted' });
    await makeContact(admin, { lastName: 'Counted', restrictedTo: [] });
    expect(await totalOf(admin, '')).toEqual({ total: 2 });
    expect(await totalOf(sales, '')).toEqual({ total: 1 });

    await insertContacts(EXACT_COUNT_LIMIT, Number(admin.userId), 'Bulk');
    const all = EXACT_COUNT_LIMIT + 2;
    // Filtered totals stay exact, whatever their size.
    expect(await totalOf(admin, '&letter=B')).toEqual({ total: EXACT_COUNT_LIMIT });
    expect(await totalOf(sales, `&ownerId=${sales.userId}`)).toEqual({ total: 1 });
    // A restricted reader never learns the table's size: "more than 10,000".
    expect(await totalOf(sales, '')).toEqual({ total: EXACT_COUNT_LIMIT, totalApproximate: true, totalAtLeast: true });
    // An administrator gets the planner's estimate once the engine has statistics (before, the same lower bound).
    const before = await totalOf(admin, '');
    expect(before.totalApproximate).toBe(true);
    await sql`analyze contacts`.execute(h.database.db);
    const estimate = await totalOf(admin, '');
    expect(estimate.totalApproximate).toBe(true);
    expect(estimate.totalAtLeast).toBeUndefined();
    expect(estimate.total).toBeGreaterThan(all * 0.9);
    expect(estimate.total).toBeLessThan(all * 1.1);
    expect(await totalOf(sales, '')).toEqual({ total: EXACT_COUNT_LIMIT, totalApproximate: true, totalAtLeast: true });

    // A filtered total past the limit: counted on SQLite; PostgreSQL's planner estimates it ("about N").
    await insertContacts(100, Number(admin.userId), 'Bulkier');
    await sql`analyze contacts`.execute(h.database.db);
    const filtered = await totalOf(admin, '&letter=B');
    if (h.database.engine === 'sqlite') expect(filtered).toEqual({ total: EXACT_COUNT_LIMIT + 100 });
    else {
      expect(filtered.totalApproximate).toBe(true);
      expect(filtered.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
      expect(filtered.total).toBeLessThan((EXACT_COUNT_LIMIT + 100) * 1.5);
    }
  });
});
