import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { Note } from '@kontor/contract/notes';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { RecordAvatar } from '../../components/RecordAvatar';
import { deleteNote, updateNote } from './api';
import { DeleteItemButton, ItemIconButton } from './ItemActions';
import { NoteEditor } from './LazyNoteEditor';

/**
 * One note: author, time (and whether it was edited), the text as the server sanitised it; edit in place and delete
 * (after a confirmation) when the note's `access` allows.
 */
export function NoteItem({ note, onChanged }: { note: Note; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const author = note.createdBy?.name || t('notes.unknownAuthor');
  const edited = note.version > 1;

  const save = async (html: string) => {
    try {
      await updateNote(note, html);
      setEditing(false);
      onChanged();
      return true;
    } catch (e) {
      notifyError(t, e);
      return false;
    }
  };
  const remove = async () => {
    await deleteNote(note);
    onChanged();
  };

  return (
    <Group wrap="nowrap" align="flex-start" gap="sm" py="sm" className="k-note" data-testid="note-item" data-note-id={note.id}>
      <RecordAvatar name={author} photoUrl={null} size={30} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
          <Text size="sm" style={{ minWidth: 0 }} truncate>
            <Text span fw={600} size="sm">
              {author}
            </Text>
            <Text span size="xs" c="dimmed">
              {' · '}
              <time dateTime={note.createdAt} title={edited ? t('notes.editedAt', { time: formatDateTime(note.updatedAt), name: note.updatedBy?.name ?? '' }) : undefined}>
                {formatDateTime(note.createdAt)}
              </time>
              {edited ? ` · ${t('notes.edited')}` : ''}
            </Text>
          </Text>
          {!editing && (note.access.edit || note.access.delete) ? (
            <Group gap={2} wrap="nowrap">
              {note.access.edit ? (
                <ItemIconButton label={t('common.edit')} onClick={() => setEditing(true)} testId="note-edit">
                  <IconPencil size={15} />
                </ItemIconButton>
              ) : null}
              {note.access.delete ? (
                <DeleteItemButton label={t('common.delete')} title={t('notes.deleteTitle')} text={t('notes.deleteText')} testId="note-delete" onDelete={remove} />
              ) : null}
            </Group>
          ) : null}
        </Group>
        {editing ? (
          <NoteEditor
            initial={note.body}
            submitLabel={t('common.save')}
            onSubmit={save}
            onCancel={() => setEditing(false)}
            autoFocus
            testIds={{ editor: 'note-edit-editor', save: 'note-edit-save', cancel: 'note-edit-cancel' }}
          />
        ) : (
          // The body is HTML the server sanitised with an allow-list (no script, handler or unsafe link survives).
          <div className="k-note-body" data-testid="note-body" dangerouslySetInnerHTML={{ __html: note.body }} />
        )}
      </div>
    </Group>
  );
}
