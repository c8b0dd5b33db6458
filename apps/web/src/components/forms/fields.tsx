import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Input, NumberInput, Select, TagsInput, Text } from '@mantine/core';
import { picklists, type PicklistName } from '@kontor/contract/picklists';
import { monthNames } from '../../lib/format';
import { useContactTypeOptions, useTags, userOptions, useUsers } from '../../lib/reference';
import { useAssignableOwners } from '../../features/auth/permissions';

interface BaseProps<V> {
  label: string;
  value: V;
  onChange: (v: V) => void;
  error?: string;
  testId?: string;
  disabled?: boolean;
  description?: string;
}

export function PicklistSelect({ name, ...p }: BaseProps<string | null> & { name: PicklistName }) {
  const { t } = useTranslation();
  const data = picklists[name].map((v) => ({ value: v, label: t(`picklist.${name}.${v}`) }));
  return (
    <Select
      label={p.label}
      data={data}
      value={p.value}
      onChange={p.onChange}
      error={p.error}
      clearable
      searchable={data.length > 8}
      nothingFoundMessage={t('common.nothingFound')}
      placeholder={t('common.choose')}
      data-testid={p.testId}
      disabled={p.disabled}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Only the owners the user may assign (the current owner stays listed, so editing other fields keeps it). */
export function OwnerSelect(p: BaseProps<string | null>) {
  const { t } = useTranslation();
  const users = useUsers();
  const assignable = useAssignableOwners();
  const current = users.data?.find((u) => u.id === p.value);
  const list = current && !assignable.users.some((u) => u.id === current.id) ? [current, ...assignable.users] : assignable.users;
  return (
    <Select
      label={p.label}
      data={userOptions(list, p.value)}
      value={p.value}
      onChange={p.onChange}
      error={p.error}
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('common.nothingFound')}
      data-testid={p.testId}
      disabled={p.disabled}
      description={p.description}
      // a hint (why it is locked) goes below, so the input lines up with its neighbour's
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}

export function ContactTypeSelect(p: BaseProps<string | null>) {
  const { t } = useTranslation();
  const typeOptions = useContactTypeOptions();
  return (
    <Select
      label={p.label}
      data={typeOptions(t)}
      value={p.value}
      onChange={p.onChange}
      error={p.error}
      clearable
      placeholder={t('common.choose')}
      data-testid={p.testId}
      disabled={p.disabled}
    />
  );
}

export function TagsField(p: BaseProps<string[]>) {
  const { t } = useTranslation();
  const tags = useTags();
  return (
    <TagsInput
      label={p.label}
      description={p.description ?? t('tags.inputHint')}
      data={(tags.data ?? []).map((tg) => tg.name)}
      value={p.value}
      onChange={p.onChange}
      error={p.error}
      clearable
      maxTags={50}
      splitChars={[',']}
      acceptValueOnBlur
      data-testid={p.testId}
      disabled={p.disabled}
    />
  );
}

/** Birthday: month and day, year optional. Value: '' | 'YYYY-MM-DD' | '--MM-DD'. */
export function BirthdayInput(p: BaseProps<string>) {
  const { t } = useTranslation();
  const hintId = useId();
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.value);
  const partial = /^--(\d{2})-(\d{2})$/.exec(p.value);
  const year = full?.[1] ?? '';
  const month = full?.[2] ?? partial?.[1] ?? '';
  const day = full?.[3] ?? partial?.[2] ?? '';
  const emit = (y: string, m: string, d: string) => {
    if (!m && !d && !y) return p.onChange('');
    const mm = m || '01';
    const dd = d || '01';
    p.onChange(y ? `${y.padStart(4, '0')}-${mm}-${dd}` : `--${mm}-${dd}`);
  };
  const months = monthNames().map((name, i) => ({ value: String(i + 1).padStart(2, '0'), label: name }));
  const days = Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0'));
  return (
    <div role="group" aria-label={p.label} aria-describedby={hintId} data-testid={p.testId}>
      <Input.Label display="block" mb={4}>
        {p.label}
      </Input.Label>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Select aria-label={t('birthday.day')} placeholder={t('birthday.day')} data={days} value={day || null} onChange={(v) => emit(year, month, v ?? '')} w={84} data-testid="birthday-day" clearable={false} disabled={p.disabled} />
        <Select aria-label={t('birthday.month')} placeholder={t('birthday.month')} data={months} value={month || null} onChange={(v) => emit(year, v ?? '', day)} style={{ flex: 1 }} data-testid="birthday-month" disabled={p.disabled} />
        <NumberInput
          aria-label={t('birthday.year')}
          placeholder={t('birthday.yearOptional')}
          value={year === '' ? '' : Number(year)}
          onChange={(v) => emit(v === '' ? '' : String(v), month, day)}
          min={1800}
          max={new Date().getFullYear()}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=""
          hideControls
          w={104}
          data-testid="birthday-year"
          disabled={p.disabled}
        />
      </Group>
      {p.error ? (
        <Text id={hintId} size="xs" c="red" mt={4}>
          {p.error}
        </Text>
      ) : (
        <Text id={hintId} size="xs" c="dimmed" mt={4}>
          {t('birthday.hint')}
        </Text>
      )}
    </div>
  );
}
