import { useQueryClient } from '@tanstack/react-query';
import type { ItemModule, Note } from '@kontor/contract/notes';
import { parentFields } from '@kontor/contract/notes';
import { api } from '../../lib/api';
import { recordKeys, usePagedList } from '../records/api';

/** A record's notes, newest first, page by page (under the record's detail key, so reloading the record reloads them). */
export const notesKey = (module: ItemModule, id: string) => recordKeys.related(module, id, 'notes', {});

export function useNotes(module: ItemModule, id: string) {
  return usePagedList<Note>(notesKey(module, id), `/${module}/${id}/notes`, {});
}

export const createNote = (module: ItemModule, id: string, body: string) => api.post<Note>('/notes', { body, [parentFields[module]]: id });
export const updateNote = (note: Note, body: string) => api.patch<Note>(`/notes/${note.id}`, { body, version: note.version });
export const deleteNote = (note: Note) => api.delete(`/notes/${note.id}`, { version: note.version });

/** After a note changes: the record's notes and its timeline (which shows notes) load again. */
export function useNotesChanged(module: ItemModule, id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: notesKey(module, id) });
    void qc.invalidateQueries({ queryKey: [...recordKeys.detail(module, id), 'timeline'] });
  };
}
