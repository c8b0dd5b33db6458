import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import type { Settings } from '@kontor/contract/settings';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { refKeys, useCustomFields, useSettings } from '../../lib/reference';
import { ErrorState, PageSkeleton } from '../../components/States';
import { accountCardFields, contactCardFields } from '../records/field-values';
import { isCardField } from '../records/sidebar-fields';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

export function BusinessCardSettings() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <AdminOnly right="settings">
      <SettingsIntro>{t('settings.businessCard.intro')}</SettingsIntro>
      {settings.isPending ? <PageSkeleton /> : settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : (
        <Stack gap="md">
          <CardEditor key={`a-${settings.data.businessCard.accounts.join()}`} module="accounts" settings={settings.data} />
          <CardEditor key={`c-${settings.data.businessCard.contacts.join()}`} module="contacts" settings={settings.data} />
        </Stack>
      )}
    </AdminOnly>
  );
}

/** The modules with a business card (a deal's page has none: its header shows what matters). */
type CardModule = keyof Settings['businessCard'];

function CardEditor({ module, settings }: { module: CardModule; settings: Settings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const defs = useCustomFields(module).data ?? [];
  // Contact points and the contact type have their own place on a record page, never the card (issue #14).
  const stored = settings.businessCard[module].filter(isCardField);
  const [value, setValue] = useState<string[]>(stored);
  const [busy, setBusy] = useState(false);
  const label = (key: string) => t(`fields.${key === 'ownerId' ? 'owner' : key === 'accountId' ? 'account' : key === 'parentAccountId' ? 'parentAccount' : key}`);
  const data = [
    ...(module === 'accounts' ? accountCardFields : contactCardFields).filter(isCardField).map((k) => ({ value: k, label: label(k) })),
    ...defs.map((d) => ({ value: `customFields.${d.key}`, label: d.label })),
  ];
  for (const k of value) if (!data.some((d) => d.value === k)) data.push({ value: k, label: k });
  const save = async () => {
    setBusy(true);
    try {
      const next = await api.put<Settings>('/settings', { ...settings, businessCard: { ...settings.businessCard, [module]: value } });
      qc.setQueryData(refKeys.settings, next);
      notifySuccess(t('common.saved'));
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
    }
  };
  const dirty = JSON.stringify(value) !== JSON.stringify(stored);
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={650} size="sm" mb="xs">{t(`nav.${module}`)}</Text>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <MultiSelect
          style={{ flex: 1 }}
          label={t('settings.businessCard.fields')}
          description={t('settings.businessCard.max')}
          data={data}
          value={value}
          onChange={setValue}
          maxValues={5}
          searchable
          data-testid={`business-card-${module}`}
        />
        <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid={`business-card-save-${module}`}>{t('common.save')}</Button>
      </Group>
    </Paper>
  );
}
