import { useTranslation } from 'react-i18next';
import { Alert, Modal, Stack, Text } from '@mantine/core';
import type { Import } from '@kontor/contract/imports';
import { ModalActions } from '../../components/ModalActions';
import { formatNumber } from '../../lib/format';
import { describeError } from '../views/errors';

interface Props {
  imp: Import | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Undo the import?" naming what it removes and restores; records changed since are kept (the server reports them). */
export function UndoDialog({ imp, busy, error, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const created = imp?.counts.created ?? 0;
  const updated = imp?.counts.updated ?? 0;
  const module = imp?.module ?? 'contacts';
  return (
    <Modal opened={imp !== null} onClose={onClose} title={t('imports.undo.title')} centered size="md" data-testid="import-undo-dialog">
      <Stack gap="md">
        <Text size="sm" data-testid="import-undo-text">
          {t('imports.undo.text', { created: t(`imports.undo.records.${module}`, { count: created, formatted: formatNumber(created) }), file: imp?.fileName ?? '' })}
        </Text>
        {updated > 0 ? (
          <Text size="sm">{t('imports.undo.restores', { count: updated, formatted: formatNumber(updated) })}</Text>
        ) : null}
        {(imp?.counts.accountsCreated ?? 0) > 0 ? (
          <Text size="sm" c="dimmed">
            {t('imports.undo.accounts', { count: imp?.counts.accountsCreated ?? 0, formatted: formatNumber(imp?.counts.accountsCreated ?? 0) })}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('imports.undo.changedKept')}
        </Text>
        {error ? (
          <Alert color="red" role="alert">
            {describeError(t, error)}
          </Alert>
        ) : null}
        <ModalActions onCancel={onClose} label={t('imports.undo.confirm')} onConfirm={onConfirm} busy={busy} color="red" testId="import-undo-confirm" />
      </Stack>
    </Modal>
  );
}
