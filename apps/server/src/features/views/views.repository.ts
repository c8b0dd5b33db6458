import type { Kysely, Selectable } from 'kysely';
import type { Module } from '@kontor/contract/custom-fields';
import type { DB, ViewsTable } from '../../db/schema.ts';
import { nowIso } from '../../lib/time.ts';
import { upsertPreference } from '../preferences/preferences.repository.ts';

export type ViewRow = Selectable<ViewsTable> & { owner_name: string | null };

const withOwner = (db: Kysely<DB>) => db.selectFrom('views').leftJoin('users as u', 'u.id', 'views.owner_id').selectAll('views').select('u.name as owner_name');

/** The saved views a user may use in a module: their own and the shared ones, by name. */
export async function usableViewRows(db: Kysely<DB>, userId: number, module: Module): Promise<ViewRow[]> {
  return withOwner(db)
    .where('views.module', '=', module)
    .where((eb) => eb.or([eb('views.owner_id', '=', userId), eb('views.shared', '=', 1)]))
    .orderBy('views.name')
    .orderBy('views.id')
    .execute();
}

/** One saved view the user may use (their own or shared); undefined otherwise. */
export async function usableViewRow(db: Kysely<DB>, userId: number, id: number): Promise<ViewRow | undefined> {
  return withOwner(db)
    .where('views.id', '=', id)
    .where((eb) => eb.or([eb('views.owner_id', '=', userId), eb('views.shared', '=', 1)]))
    .executeTakeFirst();
}

export interface ViewValues {
  name: string;
  shared: number;
  filter: string;
  sort: string;
  columns: string;
  column_widths: string;
  page_size: number;
}

export async function insertView(db: Kysely<DB>, module: Module, ownerId: number, v: ViewValues): Promise<number> {
  const at = nowIso();
  const row = await db
    .insertInto('views')
    .values({ module, owner_id: ownerId, ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a view while its version is still `version`; answers whether it did. */
export async function updateView(db: Kysely<DB>, id: number, version: number, v: Partial<ViewValues>): Promise<boolean> {
  const res = await db
    .updateTable('views')
    .set({ ...v, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteView(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('views').where('id', '=', id).execute();
}

const defaultKey = (module: Module) => `defaultView.${module}`;

export async function defaultViewId(db: Kysely<DB>, userId: number, module: Module): Promise<string | null> {
  const row = await db.selectFrom('user_preferences').select('value').where('user_id', '=', userId).where('key', '=', defaultKey(module)).executeTakeFirst();
  return row ? (JSON.parse(row.value) as string | null) : null;
}

export async function setDefaultViewId(db: Kysely<DB>, userId: number, module: Module, viewId: string | null): Promise<void> {
  await upsertPreference(db, userId, defaultKey(module), JSON.stringify(viewId));
}

/** A user opened a record: Unread and Recently viewed read this. */
export async function recordVisit(db: Kysely<DB>, userId: number, module: Module, recordId: number): Promise<void> {
  const visited_at = nowIso();
  await db
    .insertInto('record_visits')
    .values({ user_id: userId, module, record_id: recordId, visited_at })
    .onConflict((oc) => oc.columns(['user_id', 'module', 'record_id']).doUpdateSet({ visited_at }))
    .execute();
}
