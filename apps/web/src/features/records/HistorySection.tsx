import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconLock, IconLockOpen, IconShare, IconShareOff, IconUserShare, type Icon } from '@tabler/icons-react';
import type { RecordHistoryEntry } from '@kontor/contract/audit';
import { formatDateTime } from '../../lib/format';
import { roleLabel, useRoles } from '../../lib/reference';
import { ErrorState } from '../../components/States';
import type { RecordModule } from './api';
import { useRecordHistory } from './history';
import { historySentence } from './history-text';
import { RecordSection } from './RecordSection';

/** Entries shown before "Show all". */
const FIRST = 5;

const icons: Record<RecordHistoryEntry['action'], Icon> = {
  'record.owner_change': IconUserShare,
  'record.share': IconShare,
  'record.unshare': IconShareOff,
  'record.restrict': IconLock,
};

/** "History" on a record page: who changed the owner, shared the record or restricted it, and when (newest first). */
export function HistorySection({ module, id }: { module: RecordModule; id: string }) {
  const { t } = useTranslation();
  const history = useRecordHistory(module, id);
  const roles = useRoles();
  const [all, setAll] = useState(false);
  const roleName = (roleId: string) => {
    const role = roles.data?.find((r) => r.id === roleId);
    return role ? roleLabel(t, role.name) : null;
  };
  const list = history.data ?? [];
  const shown = all ? list : list.slice(0, FIRST);
  return (
    <RecordSection title={t('history.title')} testId="section-history" count={list.length || undefined}>
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="history-empty">
          {history.isPending ? t('common.loading') : t('history.empty')}
        </Text>
      ) : (
        <Stack gap={0} data-testid="history-list">
          {shown.map((e, i) => {
            const Icon = e.action === 'record.restrict' && !Array.isArray(e.details.restrictedTo) ? IconLockOpen : icons[e.action];
            return (
              <Group key={e.id} gap={10} wrap="nowrap" align="flex-start" py={7} style={{ borderTop: i ? '1px solid var(--mantine-color-gray-2)' : undefined }} data-testid="history-entry">
                <Icon size={16} stroke={1.6} color="var(--mantine-color-gray-6)" style={{ flex: 'none', marginTop: 2 }} />
                <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {historySentence(t, e, roleName)}
                  <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {' · '}
                    {formatDateTime(e.at)}
                  </Text>
                </Text>
              </Group>
            );
          })}
          {list.length > FIRST ? (
            <Group justify="center" pt={6}>
              <Button size="xs" variant="subtle" onClick={() => setAll(!all)} data-testid="history-toggle">
                {all ? t('history.showFewer') : t('history.showAll', { n: list.length })}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </RecordSection>
  );
}
