import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { currentLocale } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import type { Conflict } from './useRecordPatch';

/** "Anna Schmidt changed Website and Employees at 3 Apr 2026, 14:32", with Reload and Keep mine and save. */
export function InlineConflict({ conflict, labelOf }: { conflict: Conflict; labelOf: (key: string) => string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const name = conflict.by ?? t('history.someone');
  const time = formatDateTime(conflict.at);
  const labels = [...new Set(conflict.changed.map(labelOf))];
  const fields = new Intl.ListFormat(currentLocale(), { style: 'long', type: 'conjunction' }).format(labels);
  return (
    <Alert color="orange" variant="light" mt={8} icon={<IconAlertTriangle size={18} />} title={t('errors.version_conflict_title')} role="alert" data-testid="inline-conflict">
      <Text size="sm" data-testid="inline-conflict-text">
        {labels.length ? t('inline.conflictChanged', { name, fields, time }) : t('inline.conflictChangedRecord', { name, time })}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('inline.conflictHint')}
      </Text>
      <Group gap={8} mt={10}>
        <Button size="xs" variant="default" onClick={conflict.reload} disabled={busy} data-testid="inline-conflict-reload">
          {t('inline.reload')}
        </Button>
        <Button
          size="xs"
          color="orange"
          loading={busy}
          onClick={() => {
            setBusy(true);
            void conflict.keepMine().finally(() => setBusy(false));
          }}
          data-testid="inline-conflict-keep"
        >
          {t('inline.keepMine')}
        </Button>
      </Group>
    </Alert>
  );
}
