import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueries, useQuery } from '@tanstack/react-query';
import { MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modules, type Module } from '@kontor/contract/custom-fields';
import type { ListResponse } from '@kontor/contract/common';
import type { FilterField, FilterScalar } from '@kontor/contract/views';
import { api } from '../../lib/api';
import { contactTypeLabel, useContactTypes, useUsers } from '../../lib/reference';
import { useCurrentUser } from '../auth/session';
import { usePipelines } from '../deals/api';
import { pipelineLabel, stageLabel } from '../deals/labels';
import { recordKeys } from '../records/api';

/** The record module a reference field points at, if it points at records. */
export function referencedModule(field: Pick<FilterField, 'references'>): Module | null {
  const r = field.references;
  return r && (modules as readonly string[]).includes(r) ? (r as Module) : null;
}

/** A record's name as lists show it: accounts and deals by name, people by full name, activities by subject. */
export function recordName(row: unknown): string {
  if (row === null || typeof row !== 'object') return '';
  const r = row as { name?: unknown; fullName?: unknown; subject?: unknown };
  const v = r.fullName ?? r.name ?? r.subject;
  return typeof v === 'string' ? v : '';
}

export interface Option {
  value: string;
  label: string;
}

/** Names of the records a filter mentions by id (one detail read per id, cached; hidden records stay unnamed). */
export function useRecordNames(refs: { module: Module; id: string }[]): Map<string, string> {
  const results = useQueries({
    queries: refs.map((r) => ({
      queryKey: recordKeys.detail(r.module, r.id),
      queryFn: () => api.get<unknown>(`/${r.module}/${r.id}`),
      staleTime: 60_000,
      retry: false,
    })),
  });
  return useMemo(() => {
    const m = new Map<string, string>();
    refs.forEach((r, i) => {
      const name = recordName(results[i]?.data);
      if (name) m.set(`${r.module}:${r.id}`, name);
    });
    return m;
  }, [refs, results]);
}

/** Options of the small reference lists (users with "Me" / "My team", contact types, pipelines, stages). */
export function useReferenceOptions() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const types = useContactTypes();
  const pipelines = usePipelines();
  return useMemo(() => {
    const userOptions: Option[] = [
      { value: 'me', label: t('views.values.me') },
      { value: 'myTeam', label: t('views.values.myTeam') },
      ...(users.data ?? []).filter((u) => u.active || u.id === me.id).map((u) => ({ value: u.id, label: u.name })),
    ];
    const typeOptions: Option[] = (types.data ?? []).map((c) => ({ value: c.id, label: contactTypeLabel(t, c.name) }));
    const pipelineOptions: Option[] = (pipelines.data ?? []).map((p) => ({ value: p.id, label: pipelineLabel(t, p.name) }));
    const stageOptions: Option[] = (pipelines.data ?? []).flatMap((p) =>
      p.stages.map((s) => ({ value: s.id, label: (pipelines.data?.length ?? 0) > 1 ? `${stageLabel(t, s.name)} (${pipelineLabel(t, p.name)})` : stageLabel(t, s.name) })),
    );
    const allUsers = new Map((users.data ?? []).map((u) => [u.id, u.name]));
    return { userOptions, typeOptions, pipelineOptions, stageOptions, allUsers };
  }, [t, me.id, users.data, types.data, pipelines.data]);
}

/** The fixed options of a user, contact type, pipeline or stage field; null for fields that point at records. */
export function fixedOptions(field: Pick<FilterField, 'type' | 'references'>, refs: ReturnType<typeof useReferenceOptions>): Option[] | null {
  if (field.type === 'user' || field.references === 'users') return refs.userOptions;
  if (field.references === 'contact_types') return refs.typeOptions;
  if (field.references === 'pipelines') return refs.pipelineOptions;
  if (field.references === 'pipeline_stages') return refs.stageOptions;
  return null;
}

function useRecordSearch(module: Module, search: string) {
  const [q] = useDebouncedValue(search, 250);
  return useQuery({
    queryKey: [module, 'picker', q],
    queryFn: () => api.get<ListResponse<{ id: string }>>(`/${module}`, { q: q || undefined, limit: 20 }),
    staleTime: 30_000,
  });
}

interface PickerProps {
  module: Module;
  label?: string;
  ariaLabel: string;
  multiple: boolean;
  value: FilterScalar | FilterScalar[] | null | undefined;
  onChange: (v: string | string[] | null) => void;
  /** Names already known for the chosen ids. */
  known: Map<string, string>;
}

/** The server searched already: show its answer as it is. */
const passThrough: OptionsFilter = ({ options }) => options;

/** Picks one or more records of a module by typing part of the name. */
export function RecordPicker({ module, label, ariaLabel, multiple, value, onChange, known }: PickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useRecordSearch(module, search);
  const chosen = (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).map(String);
  const [picked, setPicked] = useState<Map<string, string>>(() => new Map());
  const data = useMemo(() => {
    const out = new Map<string, string>();
    for (const id of chosen) out.set(id, picked.get(id) ?? known.get(`${module}:${id}`) ?? `#${id}`);
    for (const row of found.data?.data ?? []) if (!out.has(row.id)) out.set(row.id, recordName(row) || `#${row.id}`);
    return [...out].map(([v, l]) => ({ value: v, label: l }));
  }, [chosen, picked, known, module, found.data]);
  const remember = (ids: string[]) => {
    const next = new Map(picked);
    for (const id of ids) {
      const o = data.find((d) => d.value === id);
      if (o) next.set(id, o.label);
    }
    setPicked(next);
  };
  const common = {
    label,
    'aria-label': ariaLabel,
    placeholder: t('common.searchToChoose'),
    data,
    searchable: true,
    searchValue: search,
    onSearchChange: setSearch,
    filter: passThrough,
    nothingFoundMessage: found.isFetching ? t('common.loading') : t('common.nothingFound'),
    comboboxProps: multiple ? ({ withinPortal: false, position: 'top' } as const) : ({ withinPortal: false } as const),
    'data-testid': 'filter-value',
  } as const;
  return multiple ? (
    <MultiSelect
      {...common}
      value={chosen}
      onChange={(ids) => {
        remember(ids);
        onChange(ids);
      }}
    />
  ) : (
    <Select
      {...common}
      value={chosen[0] ?? null}
      onChange={(id) => {
        if (id) remember([id]);
        onChange(id);
      }}
      clearable
    />
  );
}
