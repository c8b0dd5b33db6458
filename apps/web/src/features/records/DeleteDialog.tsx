import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

export type ContactsChoice = 'detach' | 'delete';

interface Props {
  opened: boolean;
  onClose: () => void;
  name: string;
  /** Contacts of an account: the user must choose to detach or delete them. */
  contactCount?: number;
  onConfirm: (choice: ContactsChoice | undefined) => Promise<void>;
}

/** "Move to the recycle bin?" — for an account with contacts, also "detach or delete them?" (never decided silently). */
export function DeleteDialog({ opened, onClose, name, contactCount = 0, onConfirm }: Props) {
  const { t } = useTranslation();
  const [count, setCount] = useState(contactCount);
  const [choice, setChoice] = useState<ContactsChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsChoice = count > 0;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(needsChoice ? (choice ?? undefined) : undefined);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'account_has_contacts') {
        setCount(Number(e.details.contactCount ?? 1));
        setChoice(null);
      } else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('delete.title')} centered size="md" data-testid="delete-dialog">
      <Stack gap="md">
        <Text size="sm">{t('delete.text', { name })}</Text>
        {needsChoice ? (
          <Radio.Group
            value={choice}
            onChange={(v) => setChoice(v === 'delete' ? 'delete' : 'detach')}
            label={t('delete.contactsQuestion', { count })}
            required
          >
            <Stack gap="xs" mt="xs">
              <Radio value="detach" label={t('delete.detach', { count })} description={t('delete.detachHint')} data-testid="delete-detach" />
              <Radio value="delete" label={t('delete.deleteToo', { count })} description={t('delete.deleteTooHint')} data-testid="delete-contacts-too" />
            </Stack>
          </Radio.Group>
        ) : null}
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={busy} disabled={needsChoice && !choice} data-testid="delete-confirm">
            {t('delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
