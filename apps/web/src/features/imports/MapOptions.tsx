import { useTranslation } from 'react-i18next';
import { Checkbox, Group, Paper, Select, SimpleGrid, Stack, TagsInput, Text, Title } from '@mantine/core';
import { dateOrders, dedupeMatchers, dedupeModes, type DedupeMatcher, type Import, type ImportOptionsInput } from '@kontor/contract/imports';
import { useContactTypeOptions, useTags } from '../../lib/reference';
import { useAssignableOwners } from '../auth/permissions';
import { regionOptions } from './regions';

interface Props {
  imp: Import;
  options: ImportOptionsInput;
  onChange: (patch: Partial<ImportOptionsInput>) => void;
}

const isOneOf = <T extends string>(list: readonly T[], v: string | null): v is T => v !== null && (list as readonly string[]).includes(v);

/** The import's options: defaults for what the file does not say, what a duplicate is and what happens to it, phones, dates. */
export function MapOptions({ imp, options, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const owners = useAssignableOwners();
  const tags = useTags();
  const contactTypes = useContactTypeOptions();
  const defaults = options.defaults ?? {};
  const dedupe = options.dedupe ?? { mode: 'skip', matchOn: ['email'] };
  const matchOn = dedupe.matchOn ?? ['email'];
  const hasContactType = imp.module === 'contacts' || imp.module === 'accounts';
  const matchers = dedupeMatchers.filter((m) => m !== 'name_account' || imp.module !== 'accounts');

  const setDefaults = (patch: Partial<NonNullable<ImportOptionsInput['defaults']>>) => onChange({ defaults: { ...defaults, ...patch } });
  const toggleMatcher = (m: DedupeMatcher, on: boolean) => {
    const next = on ? [...new Set([...matchOn, m])] : matchOn.filter((x) => x !== m);
    onChange({ dedupe: { ...dedupe, matchOn: next } });
  };

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="import-options">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} fz="md">
            {t('imports.options.defaultsTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('imports.options.defaultsHint')}
          </Text>
          <Select
            label={t('imports.options.owner')}
            placeholder={t('imports.options.ownerMe')}
            data={owners.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
            value={defaults.ownerId ?? null}
            onChange={(v) => setDefaults({ ownerId: v })}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="import-default-owner"
          />
          <TagsInput
            label={t('imports.options.tags')}
            description={t('imports.options.tagsHint')}
            data={(tags.data ?? []).map((tag) => tag.name)}
            value={defaults.tags ?? []}
            onChange={(v) => setDefaults({ tags: v })}
            maxTags={50}
            clearable
            data-testid="import-default-tags"
          />
          {hasContactType ? (
            <Select
              label={t('imports.options.contactType')}
              placeholder={t('common.none')}
              data={contactTypes(t)}
              value={defaults.contactType ?? null}
              onChange={(v) => setDefaults({ contactType: v })}
              clearable
              data-testid="import-default-contact-type"
            />
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} fz="md">
            {t('imports.options.duplicatesTitle')}
          </Title>
          <Select
            label={t('imports.options.dedupeMode')}
            data={dedupeModes.map((m) => ({ value: m, label: t(`imports.options.modes.${m}`) }))}
            value={dedupe.mode ?? 'skip'}
            onChange={(v) => isOneOf(dedupeModes, v) && onChange({ dedupe: { ...dedupe, mode: v } })}
            allowDeselect={false}
            data-testid="import-dedupe-mode"
          />
          <Checkbox.Group label={t('imports.options.matchOn')} value={matchOn} data-testid="import-match-on">
            <Group gap="md" mt={4}>
              {matchers.map((m) => (
                <Checkbox key={m} value={m} label={t(`imports.options.matchers.${m}`)} onChange={(e) => toggleMatcher(m, e.currentTarget.checked)} disabled={dedupe.mode === 'create'} />
              ))}
            </Group>
          </Checkbox.Group>
          <Text size="xs" c="dimmed">
            {t('imports.options.inFileHint')}
          </Text>
          <Group grow gap="sm" align="flex-start">
            <Select
              label={t('imports.options.region')}
              description={t('imports.options.regionHint')}
              placeholder={t('imports.options.regionNone')}
              data={regionOptions(i18n.language)}
              value={options.region ?? null}
              onChange={(v) => onChange({ region: v })}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="import-region"
            />
            <Select
              label={t('imports.options.dateOrder')}
              description={t('imports.options.dateOrderHint')}
              data={dateOrders.map((d) => ({ value: d, label: t(`imports.options.dateOrders.${d}`) }))}
              value={options.dateOrder ?? 'auto'}
              onChange={(v) => isOneOf(dateOrders, v) && onChange({ dateOrder: v })}
              allowDeselect={false}
              data-testid="import-date-order"
            />
          </Group>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
