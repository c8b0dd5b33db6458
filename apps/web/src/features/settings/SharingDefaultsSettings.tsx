import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { modules } from '@kontor/contract/custom-fields';
import { orgDefaults, type OrgDefaults } from '@kontor/contract/permissions';
import type { Settings } from '@kontor/contract/settings';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/errors';
import { refKeys, useSettings } from '../../lib/reference';
import { recordKeys } from '../records/api';
import { ErrorState, PageSkeleton } from '../../components/States';
import { AdminOnly, SettingsIntro } from './SettingsLayout';

export function SharingDefaultsSettings() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <AdminOnly right="settings">
      <SettingsIntro>{t('settings.sharing.intro')}</SettingsIntro>
      {settings.isPending ? <PageSkeleton /> : settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : (
        <DefaultsEditor key={JSON.stringify(settings.data.orgDefaults)} settings={settings.data} />
      )}
    </AdminOnly>
  );
}

function DefaultsEditor({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [value, setValue] = useState<OrgDefaults>(settings.orgDefaults);
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(value) !== JSON.stringify(settings.orgDefaults);
  const save = async () => {
    setBusy(true);
    try {
      qc.setQueryData(refKeys.settings, await api.put<Settings>('/settings', { ...settings, orgDefaults: value }));
      // what everyone sees changes with the defaults
      for (const m of modules) void qc.invalidateQueries({ queryKey: recordKeys.module(m) });
      notifySuccess(t('common.saved'));
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {modules.map((m) => (
          <Paper key={m} withBorder radius="md" p="md" data-testid={`org-default-${m}`}>
            <Radio.Group label={<Text fw={650} size="sm" span>{t(`nav.${m}`)}</Text>} value={value[m]} onChange={(v) => setValue({ ...value, [m]: orgDefaults.find((d) => d === v) ?? value[m] })}>
              <Stack gap={12} mt="sm">
                {orgDefaults.map((d) => (
                  <Radio key={d} value={d} label={t(`settings.sharing.${d}`)} description={t(`settings.sharing.${d}Hint`)} data-testid={`org-default-${m}-${d}`} />
                ))}
              </Stack>
            </Radio.Group>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">{t('settings.sharing.always')}</Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" disabled={!dirty} onClick={() => setValue(settings.orgDefaults)}>{t('settings.profiles.reset')}</Button>
        <Button disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="org-defaults-save">{t('common.save')}</Button>
      </Group>
    </Stack>
  );
}
