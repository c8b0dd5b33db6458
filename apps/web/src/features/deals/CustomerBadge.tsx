import { useTranslation } from 'react-i18next';
import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { IconRosetteDiscountCheck } from '@tabler/icons-react';
import type { DealSummary, Money } from '@kontor/contract/deals';
import { formatMoney, nonZero } from '../../lib/format';

/** Pipedrive's customer: an account with at least one won deal. Shown under the account's name. */
export function CustomerBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('deals.customerHint')}>
      <Badge mt={8} mx={4} size="sm" variant="filled" color="teal" leftSection={<IconRosetteDiscountCheck size={13} />} styles={{ label: { textTransform: 'none' } }} data-testid="customer-badge">
        {t('deals.customer')}
      </Badge>
    </Tooltip>
  );
}

/** The compact marker in a list row: a teal seal, named by its tooltip and label. */
export function CustomerMark() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('deals.customerHint')} withinPortal>
      <IconRosetteDiscountCheck size={16} stroke={1.8} color="var(--mantine-color-teal-7)" style={{ flex: 'none' }} role="img" aria-label={t('deals.customer')} data-testid="customer-mark" />
    </Tooltip>
  );
}

function Sums({ sums: all, testId }: { sums: Money[]; testId: string }) {
  const { t } = useTranslation();
  const sums = nonZero(all);
  if (!sums.length)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('deals.noSum')}
      </Text>
    );
  return (
    <Stack gap={0} data-testid={testId}>
      {sums.map((s) => (
        <Text key={s.currency} size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMoney(s.amount, s.currency)}
        </Text>
      ))}
    </Stack>
  );
}

/** Won and open deal value of an account, per currency (sums never mix currencies). */
export function DealSums({ summary }: { summary: DealSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap={10} data-testid="deal-sums">
      <div>
        <div className="k-field-label">{t('deals.wonValue')}</div>
        <Sums sums={summary.wonDealsValue} testId="won-sum" />
      </div>
      <div>
        <div className="k-field-label">{t('deals.openValue', { count: summary.openDealCount })}</div>
        <Sums sums={summary.openDealsValue} testId="open-sum" />
      </div>
    </Stack>
  );
}
