import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import type { Account } from '@kontor/contract/accounts';
import type { Money } from '@kontor/contract/deals';
import { formatNumber, formatSums, nonZero } from '../../lib/format';
import { ErrorState } from '../../components/States';
import { useMyRights } from '../auth/permissions';
import { RecordSection } from '../records/RecordSection';
import { useHierarchySummary } from '../activity-board/api';

function Figure({ label, value, children, testId }: { label: string; value: string; children?: ReactNode; testId: string }) {
  return (
    <div data-testid={testId}>
      <div className="k-field-label">{label}</div>
      <Text size="lg" fw={650} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {children}
    </div>
  );
}

/** Values per currency, largest first (never added across currencies). */
function Values({ sums }: { sums: Money[] }) {
  const { t } = useTranslation();
  const shown = nonZero(sums).length > 0;
  return (
    <Text size="sm" fw={shown ? 600 : undefined} c={shown ? 'gray.8' : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {shown ? formatSums(sums) : t('deals.noSum')}
    </Text>
  );
}

/**
 * The member accounts roll-up on a parent account: members and levels below it, and the contacts, open and won deals
 * (with their values per currency) of the whole hierarchy, counting only what the reader may see. Nothing without members.
 */
export function HierarchySummary({ account }: { account: Account }) {
  const { t } = useTranslation();
  const rights = useMyRights();
  const hasMembers = account.memberCount > 0;
  const summary = useHierarchySummary(account.id, hasMembers);
  if (!hasMembers) return null;
  const s = summary.data;
  return (
    <RecordSection title={t('accountHierarchy.title')} testId="hierarchy-summary">
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : !s ? (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} h={44} />
          ))}
        </SimpleGrid>
      ) : (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('accountHierarchy.hint', { count: s.levels })}
          </Text>
          <SimpleGrid cols={{ base: 2, md: rights.can('deals', 'view') ? 4 : 2 }} spacing="md" verticalSpacing="sm">
            <Figure label={t('accountHierarchy.members')} value={formatNumber(s.memberCount)} testId="hierarchy-members">
              <Text size="xs" c="dimmed">
                {t('accountHierarchy.levels', { count: s.levels - 1, formatted: formatNumber(s.levels - 1) })}
              </Text>
            </Figure>
            {rights.can('contacts', 'view') ? <Figure label={t('accountHierarchy.contacts')} value={formatNumber(s.contactCount)} testId="hierarchy-contacts" /> : null}
            {rights.can('deals', 'view') ? (
              <>
                <Figure label={t('accountHierarchy.openDeals')} value={formatNumber(s.openDeals.count)} testId="hierarchy-open">
                  <Values sums={s.openDeals.value} />
                </Figure>
                <Figure label={t('accountHierarchy.wonDeals')} value={formatNumber(s.wonDeals.count)} testId="hierarchy-won">
                  <Values sums={s.wonDeals.value} />
                </Figure>
              </>
            ) : null}
          </SimpleGrid>
        </Stack>
      )}
    </RecordSection>
  );
}
