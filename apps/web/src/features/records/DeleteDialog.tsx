import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal, Radio, Stack, Text } from '@mantine/core';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';

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
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const needsChoice = count > 0;

  const confirm = async () => {
    setError(null);
    await run(async () => {
      await onConfirm(needsChoice ? (choice ?? undefined) : undefined);
      onClose();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'account_has_contacts') {
        setCount(Number(e.details.contactCount ?? 1));
        setChoice(null);
      } else setError(errorMessage(t, e));
    });
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
        <ErrorAlert error={error} />
        <ModalActions gap="xs" onCancel={onClose} label={t('delete.confirm')} onConfirm={() => void confirm()} color="red" busy={busy} disabled={needsChoice && !choice} testId="delete-confirm" />
      </Stack>
    </Modal>
  );
}
