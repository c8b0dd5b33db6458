import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ActionIcon, Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { suggestedLabels, type ContactPointKind } from '@kontor/contract/contact-points';
import { rowKey, type AddressRow, type ContactPointRows, type PointRow } from '../../features/records/form-utils';

export function pointLabel(t: TFunction, kind: ContactPointKind, label: string): string {
  if (!label) return '';
  return (suggestedLabels[kind] as readonly string[]).includes(label) ? t(`labels.${kind}.${label}`) : label;
}

function labelOptions(t: TFunction, kind: ContactPointKind, current: string) {
  const opts = suggestedLabels[kind].map((l) => ({ value: l, label: t(`labels.${kind}.${l}`) }));
  if (current && !opts.some((o) => o.value === current)) opts.push({ value: current, label: current });
  return opts;
}

interface Props {
  value: ContactPointRows;
  onChange: (next: ContactPointRows) => void;
  errors: Record<string, string>;
}

type PointKind = 'emails' | 'phones' | 'websites';

/** Editors for e-mails, phones, websites and addresses: label, value, one primary per kind. */
export function ContactPointsEditor({ value, onChange, errors }: Props) {
  return (
    <Stack gap="lg">
      {(['emails', 'phones', 'websites'] as const).map((kind) => (
        <PointListEditor key={kind} kind={kind} rows={value[kind]} onChange={(rows) => onChange({ ...value, [kind]: rows })} errors={errors} />
      ))}
      <AddressListEditor rows={value.addresses} onChange={(rows) => onChange({ ...value, addresses: rows })} errors={errors} />
    </Stack>
  );
}

function setPrimary<R extends { key: string; primary: boolean }>(rows: R[], key: string): R[] {
  return rows.map((r) => ({ ...r, primary: r.key === key }));
}
function removeRow<R extends { key: string; primary: boolean }>(rows: R[], key: string): R[] {
  const next = rows.filter((r) => r.key !== key);
  if (next.length && !next.some((r) => r.primary)) return next.map((r, i) => ({ ...r, primary: i === 0 }));
  return next;
}

function SectionHeader({ title, onAdd, addLabel, testId }: { title: string; onAdd: () => void; addLabel: string; testId: string }) {
  return (
    <Group justify="space-between">
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} />} onClick={onAdd} data-testid={testId}>
        {addLabel}
      </Button>
    </Group>
  );
}

function PointListEditor({ kind, rows, onChange, errors }: { kind: PointKind; rows: PointRow[]; onChange: (rows: PointRow[]) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const add = () => onChange([...rows, { key: rowKey(), label: suggestedLabels[kind][0] ?? '', value: '', primary: rows.length === 0 }]);
  const update = (key: string, patch: Partial<PointRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const listError = errors[kind];
  return (
    <Stack gap={6} data-testid={`points-${kind}`}>
      <SectionHeader title={t(`points.${kind}`)} onAdd={add} addLabel={t(`points.add_${kind}`)} testId={`add-${kind}`} />
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`points.none_${kind}`)}
        </Text>
      ) : null}
      <Radio.Group value={rows.find((r) => r.primary)?.key ?? null} onChange={(k) => onChange(setPrimary(rows, k))} role="group" aria-label={t('points.primary')}>
        <Stack gap={6}>
          {rows.map((r, i) => (
            <Group key={r.key} gap={8} wrap="nowrap" align="flex-start">
              <Select
                aria-label={t('points.label')}
                data={labelOptions(t, kind, r.label)}
                value={r.label || null}
                onChange={(v) => update(r.key, { label: v ?? '' })}
                w={130}
                allowDeselect={false}
                data-testid={`${kind}-label-${i}`}
              />
              <TextInput
                aria-label={t(`points.value_${kind}`)}
                placeholder={t(`points.placeholder_${kind}`)}
                value={r.value}
                onChange={(e) => update(r.key, { value: e.currentTarget.value })}
                error={errors[`${kind}.${i}.value`] ?? errors[`${kind}.${i}`]}
                type={kind === 'emails' ? 'email' : kind === 'phones' ? 'tel' : 'url'}
                style={{ flex: 1 }}
                data-testid={`${kind}-value-${i}`}
              />
              <Tooltip label={t('points.primary')}>
                <Radio value={r.key} aria-label={t('points.makePrimary')} mt={8} data-testid={`${kind}-primary-${i}`} />
              </Tooltip>
              <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => onChange(removeRow(rows, r.key))} aria-label={t('common.remove')} data-testid={`${kind}-remove-${i}`}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      </Radio.Group>
      {listError ? (
        <Text size="xs" c="red">
          {listError}
        </Text>
      ) : null}
    </Stack>
  );
}

function AddressListEditor({ rows, onChange, errors }: { rows: AddressRow[]; onChange: (rows: AddressRow[]) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const add = () =>
    onChange([...rows, { key: rowKey(), label: 'work', street: '', city: '', region: '', postalCode: '', country: '', primary: rows.length === 0 }]);
  const update = (key: string, patch: Partial<AddressRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6} data-testid="points-addresses">
      <SectionHeader title={t('points.addresses')} onAdd={add} addLabel={t('points.add_addresses')} testId="add-addresses" />
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('points.none_addresses')}
        </Text>
      ) : null}
      <Radio.Group value={rows.find((r) => r.primary)?.key ?? null} onChange={(k) => onChange(setPrimary(rows, k))} role="group" aria-label={t('points.primary')}>
        <Stack gap="sm">
          {rows.map((r, i) => (
            <Paper key={r.key} withBorder p="sm" radius="sm">
              <Group gap={8} mb={8} wrap="nowrap">
                <Select aria-label={t('points.label')} data={labelOptions(t, 'addresses', r.label)} value={r.label || null} onChange={(v) => update(r.key, { label: v ?? '' })} w={140} allowDeselect={false} />
                <Radio value={r.key} label={t('points.primary')} />
                <div style={{ flex: 1 }} />
                <ActionIcon variant="subtle" color="gray" onClick={() => onChange(removeRow(rows, r.key))} aria-label={t('common.remove')}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              {errors[`addresses.${i}`] ? (
                <Text size="xs" c="red" mb={4}>
                  {errors[`addresses.${i}`]}
                </Text>
              ) : null}
              <AddressFields value={r} onChange={(patch) => update(r.key, patch)} errors={errors} prefix={`addresses.${i}`} />
            </Paper>
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}

export interface AddressValue {
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** Street, postal code + city, region, country. */
export function AddressFields({ value, onChange, errors, prefix }: { value: AddressValue; onChange: (patch: Partial<AddressValue>) => void; errors: Record<string, string>; prefix: string }) {
  const { t } = useTranslation();
  const field = (name: keyof AddressValue) => ({
    label: t(`address.${name}`),
    value: value[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange({ [name]: e.currentTarget.value }),
    error: errors[`${prefix}.${name}`],
    'data-testid': `${prefix}.${name}`,
  });
  return (
    <Stack gap={8}>
      <TextInput {...field('street')} />
      <Group gap={8} wrap="nowrap" align="flex-start">
        <TextInput {...field('postalCode')} w={130} />
        <TextInput {...field('city')} style={{ flex: 1 }} />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={8}>
        <TextInput {...field('region')} />
        <TextInput {...field('country')} />
      </SimpleGrid>
    </Stack>
  );
}
