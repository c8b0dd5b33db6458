import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { ItemModule } from '@kontor/contract/notes';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';
import { linkColumnsOf, type TimelineContext } from '../timeline/timeline-events.ts';

export interface ParentRow {
  id: number;
  owner_id: number | null;
  restricted: number;
  account_id?: number | null;
  contact_id?: number | null;
  deal_id?: number | null;
  lead_id?: number | null;
}

/**
 * The live record a note or file sits on, if the actor may see it: what access checks need, and the link columns
 * (a contact's account, a deal's account and contact) that place the item's events in other records' timelines.
 */
export async function findParentRow(db: Kysely<DB>, actor: Actor, module: ItemModule, id: number): Promise<ParentRow | undefined> {
  const links = linkColumnsOf(module).map((c: keyof TimelineContext) => sql<number | null>`${sql.ref(c)}`.as(c));
  const qb = visibleRecords(db, actor, module) as unknown as SelectQueryBuilder<DB, 'accounts', object>;
  return qb.select(['id', 'owner_id', 'restricted']).select(links).where('id', '=', id).executeTakeFirst();
}

export interface ItemPage {
  limit: number;
  cursor?: string;
  count?: boolean;
}

/** The id a page continues after; a cursor this server did not issue is a 400 (checked before anything is read). */
export const pageAfter = (page: ItemPage): number | undefined => (page.cursor ? decodeCursor(page.cursor, 'integer').id : undefined);

/**
 * The notes or files of a record, newest first (ids grow with time), keyset paged on the id and served by the
 * (module, record_id, id) index; the total only when asked.
 */
export async function listItemRows<T extends 'notes' | 'attachments'>(db: Kysely<DB>, table: T, module: ItemModule, recordId: number, page: ItemPage & { after: number | undefined }) {
  const base = db.selectFrom(table as 'notes').where('module', '=', module).where('record_id', '=', recordId);
  let q = base.selectAll().orderBy('id', 'desc').limit(page.limit + 1);
  if (page.after !== undefined) q = q.where('id', '<', page.after);
  const [rows, total] = await Promise.all([
    q.execute(),
    page.count ? base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst().then((r) => Number(r?.n ?? 0)) : undefined,
  ]);
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor(last.id, last.id) : null;
  return { rows: kept as unknown as Array<Selectable<DB[T]>>, nextCursor, total };
}
