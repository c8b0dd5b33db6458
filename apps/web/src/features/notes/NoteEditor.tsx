import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, Button, Group, Text } from '@mantine/core';
import { Link, RichTextEditor } from '@mantine/tiptap';
import { useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import '@mantine/tiptap/styles.css';
import './notes.css';
import { useUserMentions } from './mentions';
import { matchesShortcut } from '../search/shortcuts';

interface Props {
  /** The note's HTML when editing one; empty for a new note. */
  initial?: string;
  submitLabel: string;
  /** Saves the HTML; answers whether it was saved (a new note's editor then empties). */
  onSubmit: (html: string) => Promise<boolean>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Test ids of the editing area and the save button. */
  testIds: { editor: string; save: string; cancel?: string };
}

/**
 * The note editor: bold, italic, underline, lists, links and @mentions of users, nothing the server would throw
 * away (no headings, no rules). Ctrl+Enter (⌘+Enter) saves.
 */
export function NoteEditor({ initial = '', submitLabel, onSubmit, onCancel, autoFocus, testIds }: Props) {
  const { t } = useTranslation();
  const { extension, popup } = useUserMentions();
  const [busy, setBusy] = useState(false);
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: false, horizontalRule: false, link: false }), Link.configure({ openOnClick: false }), extension],
    content: initial,
    autofocus: autoFocus ? 'end' : false,
    // the name goes on the editable element itself (the textbox), not on Mantine's wrapper, which has no role
    editorProps: { attributes: { 'aria-label': t('notes.editorLabel'), 'aria-multiline': 'true' } },
  });
  const empty = useEditorState({ editor, selector: (s) => s.editor?.isEmpty ?? true });

  const submit = async () => {
    if (!editor || empty || busy) return;
    setBusy(true);
    const saved = await onSubmit(editor.getHTML());
    setBusy(false);
    if (saved && !initial) editor.commands.clearContent(true);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (matchesShortcut('save', e)) {
      e.preventDefault();
      void submit();
    }
  };

  const labels = {
    boldControlLabel: t('notes.editor.bold'),
    italicControlLabel: t('notes.editor.italic'),
    underlineControlLabel: t('notes.editor.underline'),
    bulletListControlLabel: t('notes.editor.bulletList'),
    orderedListControlLabel: t('notes.editor.orderedList'),
    linkControlLabel: t('notes.editor.link'),
    unlinkControlLabel: t('notes.editor.unlink'),
    linkEditorInputLabel: t('notes.editor.linkAddress'),
    linkEditorInputPlaceholder: 'https://example.com',
    linkEditorExternalLink: t('notes.editor.linkExternal'),
    linkEditorInternalLink: t('notes.editor.linkInternal'),
    linkEditorSave: t('common.save'),
  };

  return (
    <Box onKeyDown={onKeyDown}>
      <RichTextEditor editor={editor} labels={labels} className="k-note-editor">
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.Underline />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <Box pos="relative">
          {empty ? (
            <Text size="sm" c="dimmed" className="k-note-placeholder" aria-hidden>
              {t('notes.placeholder')}
            </Text>
          ) : null}
          <RichTextEditor.Content data-testid={testIds.editor} />
        </Box>
      </RichTextEditor>
      <Group justify="space-between" mt={8} gap="xs">
        <Text size="xs" c="dimmed">
          {t('notes.hint')}
        </Text>
        <Group gap="xs">
          {onCancel ? (
            <Button size="xs" variant="default" onClick={onCancel} data-testid={testIds.cancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button size="xs" onClick={() => void submit()} loading={busy} disabled={empty} data-testid={testIds.save}>
            {submitLabel}
          </Button>
        </Group>
      </Group>
      {popup}
    </Box>
  );
}
