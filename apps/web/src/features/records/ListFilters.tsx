import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, CloseButton, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useContactTypeOptions, useTags, userOptions, useUsers } from '../../lib/reference';
import { hasFilters, LETTERS, type ListSearch } from './search';

interface Props {
  search: ListSearch;
  onChange: (patch: Partial<ListSearch>) => void;
}

/** Name box and quick filters (contact type, tag, owner). */
export function ListFilters({ search, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const typeOptions = useContactTypeOptions();
  const tags = useTags();
  const users = useUsers();

  useEffect(() => {
    if ((debounced || undefined) !== search.q) onChange({ q: debounced || undefined });
    // only react to typing, not to URL changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  // filters cleared elsewhere (empty state, back button): follow the URL
  const [seenQ, setSeenQ] = useState(search.q);
  if (seenQ !== search.q) {
    setSeenQ(search.q);
    if (!search.q) setQ('');
  }

  return (
    <Group gap="xs" wrap="wrap" align="flex-end">
      <TextInput
        aria-label={t('list.search')}
        placeholder={t('list.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        rightSection={q ? <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setQ('')} /> : null}
        w={240}
        data-testid="list-search"
      />
      <Select
        aria-label={t('fields.contactType')}
        placeholder={t('fields.contactType')}
        data={typeOptions(t)}
        value={search.contactType ?? null}
        onChange={(v) => onChange({ contactType: v ?? undefined })}
        clearable
        w={150}
        data-testid="filter-contact-type"
      />
      <Select
        aria-label={t('fields.tags')}
        placeholder={t('list.tag')}
        data={(tags.data ?? []).map((tg) => tg.name)}
        value={search.tag ?? null}
        onChange={(v) => onChange({ tag: v ?? undefined })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        w={150}
        data-testid="filter-tag"
      />
      <Select
        aria-label={t('fields.owner')}
        placeholder={t('fields.owner')}
        data={userOptions(users.data, search.ownerId)}
        value={search.ownerId ?? null}
        onChange={(v) => onChange({ ownerId: v ?? undefined })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        w={170}
        data-testid="filter-owner"
      />
      {hasFilters(search) ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => {
            setQ('');
            onChange({ q: undefined, letter: undefined, contactType: undefined, tag: undefined, ownerId: undefined });
          }}
          data-testid="clear-filters"
        >
          {t('list.clearFilters')}
        </Button>
      ) : null}
    </Group>
  );
}

export function LetterIndex({ value, onChange }: { value?: string; onChange: (letter: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <div className="k-letters" role="toolbar" aria-label={t('list.letterIndex')} data-testid="letter-index">
      <button type="button" className="k-letter" data-active={!value} onClick={() => onChange(undefined)} aria-pressed={!value}>
        {t('list.all')}
      </button>
      {LETTERS.map((l) => (
        <button
          key={l}
          type="button"
          className="k-letter"
          data-active={value === l}
          aria-pressed={value === l}
          onClick={() => onChange(value === l ? undefined : l)}
          title={l === '#' ? t('list.otherLetters') : l}
          data-testid={`letter-${l === '#' ? 'other' : l}`}
        >
          {l}
        </button>
      ))}
    </div>
  );
}
