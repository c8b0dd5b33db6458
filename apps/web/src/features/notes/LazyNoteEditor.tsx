import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@mantine/core';

// The rich-text editor (tiptap, ProseMirror) is a chunk of its own, fetched when a note editor first shows (issue #14).
const Editor = lazy(() => import('./NoteEditor').then((m) => ({ default: m.NoteEditor })));

/** The note editor, loaded on first use; a placeholder of its height meanwhile. */
export function NoteEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense fallback={<Skeleton h={96} radius="sm" data-testid="note-editor-loading" />}>
      <Editor {...props} />
    </Suspense>
  );
}
