import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Stack, Text } from '@mantine/core';
import type { AccountListItem } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import { errorMessage } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { RecordSearchSelect } from '../../components/forms/RecordSearchSelect';
import { recordKeys } from '../records/api';
import { moveContact } from './api';

/** The explicit move of a contact to another account (or to none). */
export function MoveContactModal({ contact, opened, onClose }: { contact: Contact; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [target, setTarget] = useState<{ id: string | null; name: string | null }>({ id: null, name: null });
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);

  const move = async (accountId: string | null) => {
    setError(null);
    await run(async () => {
      const saved = await moveContact(contact.id, accountId, contact.version);
      qc.setQueryData(recordKeys.detail('contacts', saved.id), saved);
      void qc.invalidateQueries({ queryKey: recordKeys.module('accounts') });
      void qc.invalidateQueries({ queryKey: recordKeys.lists('contacts') });
      onClose();
    }, (e) => setError(errorMessage(t, e)));
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('contacts.moveTitle', { name: contact.fullName })} centered size="md" data-testid="move-modal">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {contact.accountName ? t('contacts.moveCurrent', { account: contact.accountName }) : t('contacts.moveNone')}
        </Text>
        <RecordSearchSelect<AccountListItem>
          module="accounts"
          label={t('contacts.moveTo')}
          value={target.id}
          valueLabel={target.name}
          onChange={(id, name) => setTarget({ id, name })}
          exclude={contact.accountId ? [contact.accountId] : []}
          itemLabel={(a) => a.name}
          testId="move-target"
          autoFocus
        />
        <ErrorAlert error={error} />
        <ModalActions
          gap="xs"
          onCancel={onClose}
          label={t('contacts.move')}
          onConfirm={() => void move(target.id)}
          busy={busy && target.id !== null}
          disabled={!target.id}
          testId="move-confirm"
          leading={
            contact.accountId ? (
              <Button variant="subtle" color="red" onClick={() => void move(null)} loading={busy && target.id === null} data-testid="move-detach">
                {t('contacts.detach')}
              </Button>
            ) : null
          }
        />
      </Stack>
    </Modal>
  );
}
