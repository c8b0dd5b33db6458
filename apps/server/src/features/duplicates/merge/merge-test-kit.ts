/** Helpers for the merge tests: what the database holds around a set of records, raw, to compare before and after. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../../db/schema.ts';
import type { TestClient } from '../../../test/harness.ts';

type Row = Record<string, unknown>;

const rows = async (db: Kysely<DB>, table: string, where: RawBuilder<unknown>, order = 'id'): Promise<Row[]> =>
  (await sql<Row>`select * from ${sql.table(table)} where ${where} order by ${sql.raw(order)}`.execute(db)).rows;

/**
 * Every row that belongs to or points at these records: their own rows, contact points, tags, restricted lists and
 * shares, and the deals, activities, notes, files, timeline entries, leads, contacts, member accounts and import source
 * ids linked to them.
 */
export async function rawState(db: Kysely<DB>, module: DuplicateModule, recordIds: readonly string[]): Promise<Record<string, Row[]>> {
  const ids = sql.join(recordIds.map(Number));
  const own = sql`module = ${module} and record_id in (${ids})`;
  const link = module === 'contacts' ? 'contact_id' : 'account_id';
  const out: Record<string, Row[]> = {
    records: await rows(db, module, sql`id in (${ids})`),
    contact_points: await rows(db, 'contact_points', own),
    record_tags: await rows(db, 'record_tags', own, 'record_id, tag_id'),
    record_access: await rows(db, 'record_access', own, 'record_id, user_id'),
    record_shares: await rows(db, 'record_shares', own),
    deals: await rows(db, 'deals', sql`${sql.ref(link)} in (${ids})`),
    activities: await rows(db, 'activities', sql`${sql.ref(link)} in (${ids})`),
    notes: await rows(db, 'notes', own),
    attachments: await rows(db, 'attachments', own),
    timeline: await rows(db, 'timeline_events', sql`(${own}) or ${sql.ref(link)} in (${ids})`),
    leads: await rows(db, 'leads', sql`${sql.ref(module === 'contacts' ? 'converted_contact_id' : 'converted_account_id')} in (${ids})`),
    import_source_ids: await rows(db, 'import_source_ids', own, 'source_id'),
  };
  if (module === 'accounts') {
    out.contacts = await rows(db, 'contacts', sql`account_id in (${ids}) or deleted_with_account_id in (${ids})`);
    out.members = await rows(db, 'accounts', sql`parent_account_id in (${ids})`);
  }
  return out;
}

/** The state with what an undo may differ in taken out: the survivor's version and stamps, and timeline entries written since `lastEventId`. */
export function comparable(state: Record<string, Row[]>, survivorId: string, lastEventId: number): Record<string, Row[]> {
  return {
    ...state,
    records: (state.records ?? []).map((r) => (String(r.id) === survivorId ? { ...r, version: 'v', updated_at: 't', updated_by: 'u' } : r)),
    timeline: (state.timeline ?? []).filter((e) => Number(e.id) <= lastEventId),
  };
}

export async function lastEventId(db: Kysely<DB>): Promise<number> {
  return Number((await sql<{ n: number | null }>`select max(id) as n from timeline_events`.execute(db)).rows[0]?.n ?? 0);
}

/** A record and its page as GET answers them, without what an undo may change (the survivor's version and stamps, the timeline). */
export async function answers(c: TestClient, module: DuplicateModule, id: string, survivor: boolean): Promise<Row> {
  const record = (await c.get(`/api/v1/${module}/${id}`)).json<Row>();
  const page = (await c.get(`/api/v1/${module}/${id}/page`)).json<Row>();
  const { timeline: _t, record: _r, ...lists } = page;
  const mask = (r: Row) => (survivor ? { ...r, version: 'v', updatedAt: 't', updatedBy: 'u' } : r);
  return { record: mask(record), lists };
}

export interface MergeAnswer {
  mergeId: string;
  record: Row & { id: string; version: number };
}

export async function merge(c: TestClient, module: DuplicateModule, body: Record<string, unknown>): Promise<MergeAnswer> {
  const res = await c.post(`/api/v1/${module}/merge`, body);
  if (res.statusCode !== 200) throw new Error(`merge: ${res.statusCode} ${res.body}`);
  return res.json<MergeAnswer>();
}

export interface ErrorAnswer {
  error: { code: string; fields?: Record<string, string>; details?: { reason?: string; fields?: Record<string, { code: string }>; blockers?: Array<Record<string, unknown>>; params?: Record<string, unknown>; survivorId?: string } };
}

export async function addSourceId(db: Kysely<DB>, module: DuplicateModule, sourceId: string, recordId: string): Promise<void> {
  await sql`insert into import_source_ids (module, source_id, record_id, import_id) values (${module}, ${sourceId}, ${Number(recordId)}, null)`.execute(db);
}
