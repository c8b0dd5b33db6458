import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ListResponse } from '@kontor/contract/common';
import type { ItemModule, Note, noteCreateSchema, noteUpdateSchema } from '@kontor/contract/notes';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound, versionConflict, fieldError, refused } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { can } from '../permissions/access.ts';
import { userNames } from '../records/references.ts';
import { assertVisibleParent, type VisibleParent } from '../records/visible-parent.ts';
import { recordEvent, type TimelineEventInput } from '../timeline/timeline-events.ts';
import { listItemRows, pageAfter, type ItemPage } from './item-parent.repository.ts';
import { isAuthorOrAbove, itemModuleOf, parentFromRef, parentOfItem, parentToWrite, type ItemParent } from './item-parent.ts';
import { cleanNoteHtml, excerpt, type CleanNote } from './note-html.ts';
import { mentionsOf, presentNote } from './notes.presenter.ts';
import { activeUserIds, deleteNoteRow, findNote, insertNote, updateNoteVersioned, type NoteRow } from './notes.repository.ts';

type NoteCreateIn = z.output<typeof noteCreateSchema>;
type NoteUpdateIn = z.output<typeof noteUpdateSchema>;

/**
 * Who may change a note: its author, users above the author and administrators, with the profile's edit right on
 * the record's module (a read-only profile changes nothing). Adding one needs edit access to the record itself.
 */
function noteAccess(actor: Actor, row: NoteRow): Note['access'] {
  const mine = can(actor, 'edit', itemModuleOf(row.module)) && isAuthorOrAbove(actor, row.created_by);
  return { edit: mine, delete: mine };
}

async function present(db: Kysely<DB>, actor: Actor, rows: NoteRow[]): Promise<Note[]> {
  const users = await userNames(db, rows.flatMap((r) => [r.created_by, r.updated_by, ...mentionsOf(r)]));
  return rows.map((r) => presentNote(r, { users, access: noteAccess(actor, r) }));
}

/**
 * Sanitises a body (note-html.ts) and keeps only mentions of users that exist and are active. Nothing left to read
 * (only a script, say) is a 400.
 */
async function cleanBody(db: Kysely<DB>, body: string): Promise<CleanNote> {
  const draft = cleanNoteHtml(body);
  const known = await activeUserIds(db, draft.mentionIds);
  const clean = cleanNoteHtml(draft.html, (id) => known.has(id));
  if (clean.text === '') throw invalid({ body: fieldError('note_empty') });
  return clean;
}

const noteEvent = (kind: 'note_added' | 'note_edited' | 'note_deleted', parent: ItemParent, noteId: number, text: string): TimelineEventInput => ({
  kind,
  module: parent.module,
  recordId: parent.id,
  context: parent.context,
  item: { type: 'note', id: noteId },
  details: { excerpt: excerpt(text) },
});

/** A note as the actor sees it (404 when it does not exist or its record is hidden); `edit` checks the edit right first. */
async function noteOr404(db: Kysely<DB>, actor: Actor, id: number, need: 'view' | 'edit' = 'view'): Promise<{ row: NoteRow; parent: ItemParent }> {
  const row = await findNote(db, id);
  if (!row) throw notFound('note');
  return { row, parent: await parentOfItem(db, actor, row, 'note', need) };
}

export async function getNote(db: Kysely<DB>, actor: Actor, id: number): Promise<Note> {
  const { row } = await noteOr404(db, actor, id);
  const [note] = await present(db, actor, [row]);
  if (!note) throw notFound('note');
  return note;
}

/** A record's notes, newest first (its visibility checked by the caller). */
export async function listNotes(db: Kysely<DB>, actor: Actor, parent: VisibleParent<ItemModule>, page: ItemPage): Promise<ListResponse<Note>> {
  const after = pageAfter(page);
  const { rows, nextCursor, total } = await listItemRows(db, 'notes', parent.module, parent.id, { ...page, after });
  return { data: await present(db, actor, rows), nextCursor, ...(total !== undefined && { total }) };
}

export const listNotesByRef = async (db: Kysely<DB>, actor: Actor, q: ItemPage & Parameters<typeof parentFromRef>[0]) => {
  const { module, id } = parentFromRef(q);
  pageAfter(q);
  return listNotes(db, actor, await assertVisibleParent(db, actor, module, id), q);
};

export async function createNote(db: Kysely<DB>, actor: Actor, input: NoteCreateIn): Promise<Note> {
  const target = parentFromRef(input);
  const parent = await parentToWrite(db, actor, target.module, target.id);
  const clean = await cleanBody(db, input.body);
  const now = nowIso();
  const id = await db.transaction().execute(async (trx) => {
    const noteId = await insertNote(trx, {
      module: parent.module,
      record_id: parent.id,
      body: clean.html,
      body_text: clean.text,
      mentions: JSON.stringify(clean.mentionIds),
      created_at: now,
      created_by: actor.id,
      updated_at: now,
      updated_by: actor.id,
    });
    await recordEvent(trx, actor, noteEvent('note_added', parent, noteId, clean.text));
    return noteId;
  });
  return getNote(db, actor, id);
}

/** A note the actor may change, or the reason they may not: no edit right (403), hidden (404), not theirs to change (403). */
async function changeableNote(db: Kysely<DB>, actor: Actor, id: number) {
  const found = await noteOr404(db, actor, id, 'edit');
  if (!noteAccess(actor, found.row).edit) throw refused('forbidden', 'note_author');
  return found;
}

export async function updateNote(db: Kysely<DB>, actor: Actor, id: number, input: NoteUpdateIn): Promise<Note> {
  const { row, parent } = await changeableNote(db, actor, id);
  if (row.version !== input.version) throw versionConflict(row.version);
  const clean = await cleanBody(db, input.body);
  await db.transaction().execute(async (trx) => {
    const set = { body: clean.html, body_text: clean.text, mentions: JSON.stringify(clean.mentionIds), updated_at: nowIso(), updated_by: actor.id };
    if (!(await updateNoteVersioned(trx, id, input.version, set))) throw versionConflict(row.version + 1);
    await recordEvent(trx, actor, noteEvent('note_edited', parent, id, clean.text));
  });
  return getNote(db, actor, id);
}

export async function deleteNote(db: Kysely<DB>, actor: Actor, id: number, version?: number): Promise<void> {
  const { row, parent } = await changeableNote(db, actor, id);
  if (version !== undefined && row.version !== version) throw versionConflict(row.version);
  await db.transaction().execute(async (trx) => {
    if (!(await deleteNoteRow(trx, id, version))) throw version === undefined ? notFound('note') : versionConflict(row.version + 1);
    await recordEvent(trx, actor, noteEvent('note_deleted', parent, id, row.body_text));
  });
}
