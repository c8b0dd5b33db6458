import type { TFunction } from 'i18next';
import type { QueryClient } from '@tanstack/react-query';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { notifyError } from '../../lib/errors';
import { recordKeys, restoreRecord, type RecordModule } from './api';
import { undoToasts } from './undo-toasts';

let seq = 0;

interface UndoOptions {
  /** The list it belongs to (one undo per list at a time): a module, or `deals-board`. */
  list: string;
  recordId: string;
  message: string;
  undoLabel: string;
  color?: string;
  /** The page it is offered on; leaving it closes the undo (default: where the user is now). */
  path?: string;
  testId?: string;
  onUndo: () => Promise<void>;
}

/**
 * A toast with "Undo". It closes at once when Undo is clicked (a second click does nothing), when a newer undo for the
 * same list supersedes it, when the record is restored or purged elsewhere, and when the user leaves the page.
 */
export function showUndo({ list, recordId, message, undoLabel, color, path, testId = 'undo', onUndo }: UndoOptions): void {
  seq += 1;
  const toastId = `undo-${list}-${recordId}-${seq}`;
  const undo = () => {
    if (undoToasts.claim(toastId)) void onUndo();
  };
  undoToasts.add({ toastId, list, recordId, path: path ?? window.location.pathname });
  notifications.show({
    id: toastId,
    color,
    autoClose: 10_000,
    withCloseButton: true,
    onClose: () => undoToasts.closed(toastId),
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="undo-toast">
        <Text size="sm">{message}</Text>
        <Button size="compact-sm" variant="light" onClick={undo} data-testid={testId}>
          {undoLabel}
        </Button>
      </Group>
    ),
  });
}

/** After a delete: an undo toast that restores the record from the recycle bin. `path`: the page the delete returns to. */
export function showUndoToast(opts: { t: TFunction; qc: QueryClient; module: RecordModule; id: string; name: string; path?: string; onRestored: () => void }) {
  const { t, qc, module, id, name, path, onRestored } = opts;
  showUndo({
    list: module,
    recordId: id,
    message: t('delete.done', { name }),
    undoLabel: t('delete.undo'),
    path,
    testId: 'undo-delete',
    onUndo: async () => {
      try {
        await restoreRecord(module, id);
        await qc.invalidateQueries({ queryKey: recordKeys.module(module) });
        void qc.invalidateQueries({ queryKey: ['recycle-bin'] });
        // an account's contacts come back with it; a deal counts again in its account's and contact's sums
        if (module === 'accounts' || module === 'deals') void qc.invalidateQueries({ queryKey: recordKeys.module('contacts') });
        if (module === 'deals') void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
        notifications.show({ color: 'teal', message: t('delete.restored', { name }), autoClose: 3000 });
        onRestored();
      } catch (e) {
        notifyError(t, e);
      }
    },
  });
}
