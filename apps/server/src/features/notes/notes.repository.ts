import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, NotesTable } from '../../db/schema.ts';

export type NoteRow = Selectable<NotesTable>;

export async function insertNote(db: Kysely<DB>, row: Insertable<NotesTable>): Promise<number> {
  return (await db.insertInto('notes').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A note by id, whoever asks: the service answers 404 unless the actor sees the record it sits on. */
export const findNote = (db: Kysely<DB>, id: number): Promise<NoteRow | undefined> => db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();

/** Changes the note only while its version is still `version`; answers whether it did. */
export async function updateNoteVersioned(db: Kysely<DB>, id: number, version: number, set: Pick<NoteRow, 'body' | 'body_text' | 'mentions' | 'updated_at' | 'updated_by'>): Promise<boolean> {
  const res = await db.updateTable('notes').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteNoteRow(db: Kysely<DB>, id: number, version?: number): Promise<boolean> {
  let q = db.deleteFrom('notes').where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numDeletedRows) === 1;
}

/** Of `ids`, the users that exist and are active: the ones a note may mention. */
export async function activeUserIds(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}
