import type { TFunction } from 'i18next';
import type { QueryClient } from '@tanstack/react-query';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { notifyError } from '../../lib/errors';
import { recordKeys, restoreRecord, type RecordModule } from './api';

/** After a delete: a toast with "Undo" that restores the record from the recycle bin. */
export function showUndoToast(opts: { t: TFunction; qc: QueryClient; module: RecordModule; id: string; name: string; onRestored: () => void }) {
  const { t, qc, module, id, name, onRestored } = opts;
  const toastId = `deleted-${module}-${id}`;
  const undo = async () => {
    notifications.hide(toastId);
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
  };
  notifications.show({
    id: toastId,
    autoClose: 10_000,
    withCloseButton: true,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{t('delete.done', { name })}</Text>
        <Button size="compact-sm" variant="light" onClick={() => void undo()} data-testid="undo-delete">
          {t('delete.undo')}
        </Button>
      </Group>
    ),
  });
}
