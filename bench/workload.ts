import type { BenchContext } from './context.ts';
import type { Client } from './http.ts';
import type { RawDb, RawRow } from './raw.ts';

/**
 * A named workload: one user-visible operation, as the HTTP request(s) the web app or an API client makes, and the
 * same data fetched or written directly on the engine (the raw floor). The list is in workloads.ts.
 */
export interface Workload {
  name: string;
  description: string;
  kind: 'read' | 'write';
  /** The target for p95 over HTTP, one client, on SQLite at 1M contacts. */
  targetP95Ms?: number;
  /** A target for p50 instead (same conditions). */
  targetP50Ms?: number;
  /** Share of the 32-client mixed workload (reads add up to 80, writes to 20). */
  mixWeight?: number;
  http(c: Client, ctx: BenchContext, i: number, pool?: Array<{ id: number; version: number }>): Promise<unknown>;
  raw(db: RawDb, ctx: BenchContext, i: number): Promise<unknown>;
  /** Why the data set cannot serve this workload (e.g. seeded before deals existed); it is then skipped. */
  unavailable?(ctx: BenchContext): string | null;
}

/** What a write answers that the workloads keep: the new version. */
export interface Saved {
  id: string;
  version: number;
}

export const at = <T>(list: T[], i: number): T => {
  const v = list[i % list.length];
  if (v === undefined) throw new Error('empty sample list: is the data set seeded?');
  return v;
};

/** The tag names of a page of records in one more query (what the list's joined tag column costs). */
export const pageTags = async (db: RawDb, module: 'contacts' | 'deals', rows: RawRow[]) =>
  db.all(`select rt.record_id, t.name from record_tags rt join tags t on t.id = rt.tag_id where rt.module = '${module}' and ${db.inIds('rt.record_id')}`, [
    db.idsParam(rows.map((r) => Number(r.id))),
  ]);

/** The raw floor of an account page: the record, its contact points, counts, and the first page of its contacts and members. */
export async function accountPageRaw(db: RawDb, id: number, pageSize: number): Promise<RawRow[]> {
  await db.all(`select * from accounts where id = ?`, [id]);
  await db.all(`select * from contact_points where module = 'accounts' and record_id = ? order by kind, position`, [id]);
  await db.all(`select count(*) as n from contacts where account_id = ? and deleted_at is null`, [id]);
  await db.all(`select count(*) as n from accounts where parent_account_id = ? and deleted_at is null`, [id]);
  await db.all(`select * from contacts where account_id = ? and deleted_at is null order by sort_name, id limit ${pageSize + 1}`, [id]);
  return db.all(`select * from accounts where parent_account_id = ? and deleted_at is null order by name_sort, id limit ${pageSize + 1}`, [id]);
}
