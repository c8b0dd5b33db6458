import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ListResponse } from '@kontor/contract/common';
import type { ContactListItem } from '@kontor/contract/contacts';
import { api, ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { useBusy } from '../../lib/useBusy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { moveContact } from '../contacts/api';
import { addExistingContact } from './api';

interface Props {
  opened: boolean;
  onClose: () => void;
  account: { id: string; name: string };
  onAdded: () => void;
}

/** Search contacts and attach one; a contact that has another account is refused with "Move it here" offered. */
export function AddExistingContactModal({ opened, onClose, account, onAdded }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<ContactListItem | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy, run: runBusy } = useBusy();
  const q = chosen && debounced === chosen.fullName ? '' : debounced;
  const results = useQuery({
    queryKey: ['contacts', 'search', q],
    queryFn: () => api.get<ListResponse<ContactListItem>>('/contacts', { q: q || undefined, limit: 20 }),
    enabled: opened,
  });
  const rows = results.data?.data ?? [];
  const options = rows.map((c) => ({ value: c.id, label: c.fullName, account: c.accountName }));
  if (chosen && !options.some((o) => o.value === chosen.id)) options.unshift({ value: chosen.id, label: chosen.fullName, account: chosen.accountName });

  const close = () => {
    setChosen(null);
    setConflict(false);
    setError(null);
    setSearch('');
    onClose();
  };
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    await runBusy(async () => {
      await fn();
      onAdded();
      close();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'contact_has_account') setConflict(true);
      else setError(errorMessage(t, e));
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('accounts.addExistingTitle', { name: account.name })} size="md" centered data-testid="add-existing-modal">
      <Stack gap="md">
        <Select
          label={t('fields.contact')}
          placeholder={t('common.searchToChoose')}
          data={options}
          value={chosen?.id ?? null}
          onChange={(id) => {
            setConflict(false);
            setChosen(rows.find((r) => r.id === id) ?? (chosen?.id === id ? chosen : null));
          }}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.nothingFound')}
          renderOption={({ option }) => {
            const acc = options.find((o) => o.value === option.value)?.account;
            return (
              <div>
                <Text size="sm">{option.label}</Text>
                {acc ? (
                  <Text size="xs" c="dimmed">
                    {acc}
                  </Text>
                ) : null}
              </div>
            );
          }}
          data-testid="add-existing-select"
          autoFocus
        />
        {conflict && chosen ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('errors.contact_has_account_title')} data-testid="contact-has-account">
            <Stack gap="xs" align="flex-start">
              <span>{t('accounts.contactHasAccount', { name: chosen.fullName, account: chosen.accountName ?? '' })}</span>
              <Button size="xs" color="orange" onClick={() => void run(() => moveContact(chosen.id, account.id, chosen.version))} loading={busy} data-testid="move-here">
                {t('accounts.moveHere')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        <ModalActions
          gap="xs"
          onCancel={close}
          label={t('accounts.addContact')}
          onConfirm={() => chosen && void run(() => addExistingContact(account.id, chosen.id))}
          busy={busy && !conflict}
          disabled={!chosen || conflict}
          testId="add-existing-confirm"
        />
      </Stack>
    </Modal>
  );
}
