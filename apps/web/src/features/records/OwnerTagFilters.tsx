import { useTranslation } from 'react-i18next';
import { Select } from '@mantine/core';
import { useTags, userOptions, useUsers } from '../../lib/reference';

interface Props {
  ownerId: string | undefined;
  tag: string | undefined;
  onChange: (patch: { ownerId?: string; tag?: string }) => void;
  /** Prefix of the test ids: `${prefix}-owner`, `${prefix}-tag`. */
  testIdPrefix: string;
}

/** The tag and owner pickers every record list and the deal board filter by. */
export function OwnerTagFilters({ ownerId, tag, onChange, testIdPrefix }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  const users = useUsers();
  return (
    <>
      <Select
        aria-label={t('fields.tags')}
        placeholder={t('list.tag')}
        data={(tags.data ?? []).map((tg) => tg.name)}
        value={tag ?? null}
        onChange={(v) => onChange({ tag: v ?? undefined })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        w={140}
        data-testid={`${testIdPrefix}-tag`}
      />
      <Select
        aria-label={t('fields.owner')}
        placeholder={t('fields.owner')}
        data={userOptions(users.data, ownerId)}
        value={ownerId ?? null}
        onChange={(v) => onChange({ ownerId: v ?? undefined })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        w={160}
        data-testid={`${testIdPrefix}-owner`}
      />
    </>
  );
}
