import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ListResponse } from '@kontor/contract/common';
import { api, type QueryValue } from '../../lib/api';

interface Props<T> {
  module: 'accounts' | 'contacts' | 'deals';
  label: string;
  value: string | null;
  /** Name of the currently chosen record, so it shows before any search. */
  valueLabel: string | null;
  /** The chosen record's row comes along when it was found by a search. */
  onChange: (id: string | null, label: string | null, row?: T) => void;
  /** More filters for the search (contacts of one account). */
  params?: Record<string, QueryValue>;
  error?: string;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
  description?: string;
  /** Ids that may not be chosen (the record itself as its own parent). */
  exclude?: string[];
  itemLabel: (row: T) => string;
  autoFocus?: boolean;
}

/** A select that searches records on the server (`GET /accounts?q=`) as the user types. */
export function RecordSearchSelect<T extends { id: string }>(p: Props<T>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const q = debounced === p.valueLabel ? '' : debounced;
  const results = useQuery({
    queryKey: [p.module, 'search', q, p.params ?? {}],
    queryFn: () => api.get<ListResponse<T>>(`/${p.module}`, { ...p.params, q: q || undefined, limit: 20 }),
    staleTime: 10_000,
  });
  const options = (results.data?.data ?? []).filter((r) => !p.exclude?.includes(r.id)).map((r) => ({ value: r.id, label: p.itemLabel(r) }));
  if (p.value && p.valueLabel && !options.some((o) => o.value === p.value)) options.unshift({ value: p.value, label: p.valueLabel });
  return (
    <Select
      label={p.label}
      description={p.description}
      placeholder={p.placeholder ?? t('common.searchToChoose')}
      data={options}
      value={p.value}
      onChange={(id, option) => p.onChange(id, option?.label ?? null, results.data?.data.find((r) => r.id === id))}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.nothingFound')}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      error={p.error}
      disabled={p.disabled}
      data-testid={p.testId}
      autoFocus={p.autoFocus}
    />
  );
}
