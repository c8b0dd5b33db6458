import { useTranslation } from 'react-i18next';
import { Skeleton, Stack, Text } from '@mantine/core';
import type { ItemModule } from '@kontor/contract/notes';
import { notifyError } from '../../lib/errors';
import { ErrorState } from '../../components/States';
import { LoadMore } from './ItemActions';
import { RecordSection } from '../records/RecordSection';
import { createNote, useNotes, useNotesChanged } from './api';
import { NoteEditor } from './LazyNoteEditor';
import { NoteItem } from './NoteItem';

interface Props {
  module: ItemModule;
  id: string;
  /** May the user add notes (edit access to the record)? Editing and deleting follow each note's own `access`. */
  canWrite: boolean;
}

/** "Notes" on a record's page: a composer for those who may edit the record, then the notes, newest first. */
export function NotesSection({ module, id, canWrite }: Props) {
  const { t } = useTranslation();
  const notes = useNotes(module, id);
  const changed = useNotesChanged(module, id);
  const rows = notes.data?.pages.flatMap((p) => p.data) ?? [];

  const add = async (html: string) => {
    try {
      await createNote(module, id, html);
      changed();
      return true;
    } catch (e) {
      notifyError(t, e);
      return false;
    }
  };

  return (
    <RecordSection title={t('notes.title')} count={notes.isPending || notes.hasNextPage ? undefined : rows.length} testId="section-notes">
      {canWrite ? (
        <div style={{ marginBottom: 'var(--mantine-spacing-sm)' }}>
          <NoteEditor submitLabel={t('notes.add')} onSubmit={add} testIds={{ editor: 'note-editor', save: 'note-save' }} />
        </div>
      ) : null}
      {notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.isPending ? (
        <Stack gap="xs" aria-busy="true" data-testid="notes-loading">
          <Skeleton h={14} w="40%" />
          <Skeleton h={36} />
        </Stack>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="sm" data-testid="notes-empty">
          {canWrite ? t('notes.emptyWrite') : t('notes.empty')}
        </Text>
      ) : (
        <Stack gap={0} className="k-notes" data-testid="notes-list">
          {rows.map((n) => (
            <NoteItem key={n.id} note={n} onChanged={changed} />
          ))}
        </Stack>
      )}
      <LoadMore list={notes} />
    </RecordSection>
  );
}
