import { useTranslation } from 'react-i18next';
import { Select } from '@mantine/core';
import { formatNumber } from '../../lib/format';
import { NOT_CONTACTED_CHOICES } from './search';

/** "Not contacted in N days" (Pipedrive): accounts without a completed activity in that many days, or none ever. */
export function NotContactedFilter({ value, onChange, testId = 'filter-not-contacted' }: { value: string | undefined; onChange: (days: string | undefined) => void; testId?: string }) {
  const { t } = useTranslation();
  const choices: number[] = [...NOT_CONTACTED_CHOICES];
  if (value && !choices.includes(Number(value))) choices.push(Number(value));
  return (
    <Select
      aria-label={t('activityBoard.notContacted.label')}
      placeholder={t('activityBoard.notContacted.placeholder')}
      data={choices.sort((a, b) => a - b).map((d) => ({ value: String(d), label: t('activityBoard.notContacted.option', { count: d, formatted: formatNumber(d) }) }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      clearable
      w={230}
      data-testid={testId}
    />
  );
}
