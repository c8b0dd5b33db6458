import { z } from 'zod';
import type { Note } from '@kontor/contract/notes';
import { toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { userRef } from '../records/references.ts';
import { itemModuleOf } from './item-parent.ts';
import type { NoteRow } from './notes.repository.ts';

const mentionIds = z.array(z.number().int());

/** The user ids a stored note mentions. */
export const mentionsOf = (row: Pick<NoteRow, 'mentions'>): number[] => parseJsonColumn(row.mentions, mentionIds, []);

export function presentNote(row: NoteRow, x: { users: Map<number, string>; access: Note['access'] }): Note {
  return {
    id: toApiId(row.id),
    module: itemModuleOf(row.module),
    recordId: toApiId(row.record_id),
    body: row.body,
    bodyText: row.body_text,
    mentions: mentionsOf(row).map((id) => ({ id: toApiId(id), name: x.users.get(id) ?? '' })),
    createdAt: row.created_at,
    createdBy: userRef(x.users, row.created_by),
    updatedAt: row.updated_at,
    updatedBy: userRef(x.users, row.updated_by),
    version: row.version,
    access: x.access,
  };
}
