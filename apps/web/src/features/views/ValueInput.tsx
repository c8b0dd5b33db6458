import { useTranslation } from 'react-i18next';
import { Group, MultiSelect, NumberInput, SegmentedControl, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { LazyDatePickerInput as DatePickerInput } from '../../components/LazyDatePickerInput';
import type { Module } from '@kontor/contract/custom-fields';
import { listOperators, valuelessOperators, type FilterField, type FilterOperator, type FilterScalar, type FilterValue } from '@kontor/contract/views';
import { useTags } from '../../lib/reference';
import { optionLabel } from './labels';
import { fixedOptions, RecordPicker, referencedModule, useReferenceOptions } from './references';
import { useCloseAfterPick } from './dropdown';

interface Props {
  module: Module;
  field: FilterField;
  op: FilterOperator;
  value: FilterValue | undefined;
  onChange: (v: FilterValue | undefined) => void;
  /** Names of records the value already mentions. */
  known: Map<string, string>;
  /** The label above the input (the field's name in the mass "update field" form). */
  label?: string;
  /** Dropdowns in a portal (in a dialog); by default they stay inside the filter popover, which closes on outside clicks. */
  portal?: boolean;
}

const inPopover = { withinPortal: false } as const;
/** A list stays open while values are picked: open it upwards so it never covers the form's buttons. */
const listUpInPopover = { withinPortal: false, position: 'top' } as const;
const asList = (v: FilterValue | undefined): FilterScalar[] => (Array.isArray(v) ? v : v === null || v === undefined || v === '' ? [] : [v]);
const asStrings = (v: FilterValue | undefined): string[] => asList(v).map(String);
const single = (v: FilterValue | undefined): FilterScalar | undefined => (Array.isArray(v) ? v[0] : v === null ? undefined : v);
const numberOrUndefined = (v: string | number): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : v === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : undefined);
const isoDay = (v: FilterScalar | undefined): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);

/** Does the operator take a value, and is the one given complete? */
export function valueComplete(field: FilterField, op: FilterOperator, value: FilterValue | undefined): boolean {
  if (valuelessOperators.includes(op)) return true;
  if (op === 'between') return Array.isArray(value) && value.length === 2 && value.every((x) => x !== '' && x !== null);
  if (listOperators.includes(op)) return Array.isArray(value) && value.length > 0;
  if (op === 'inLast' || op === 'notInLast') return typeof value === 'number' && Number.isInteger(value) && value > 0;
  if (field.type === 'boolean') return typeof value === 'boolean';
  return value !== undefined && value !== null && value !== '';
}

/** The value part of a condition, by the field's type and the operator: text, number, date, yes/no, options, users, records, tags. */
export function ValueInput({ module, field, op, value, onChange, known, label, portal }: Props) {
  const { t, i18n } = useTranslation();
  const refs = useReferenceOptions();
  const tags = useTags();
  const aria = label ?? t('views.filter.value');
  const inPortal = portal ? undefined : inPopover;
  const listUp = portal ? undefined : listUpInPopover;
  const dropdown = useCloseAfterPick(Boolean(portal));
  const pickList = (v: string[]) => {
    dropdown.picked();
    onChange(v);
  };
  if (valuelessOperators.includes(op)) return null;
  const multiple = op === 'anyOf' || op === 'noneOf';
  const testId = 'filter-value';

  if (op === 'inLast' || op === 'notInLast') {
    return (
      <NumberInput
        label={label}
        aria-label={aria}
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(numberOrUndefined(v))}
        min={1}
        max={3650}
        allowDecimal={false}
        rightSection={<Text size="xs" c="dimmed" pr={6}>{t('views.filter.days')}</Text>}
        rightSectionWidth={56}
        data-testid={testId}
      />
    );
  }

  switch (field.type) {
    case 'number': {
      if (op === 'between') {
        const [a, b] = asList(value);
        const set = (i: 0 | 1, v: string | number) => {
          const next: [FilterScalar, FilterScalar] = [typeof a === 'number' ? a : '', typeof b === 'number' ? b : ''];
          next[i] = numberOrUndefined(v) ?? '';
          onChange(next);
        };
        return (
          <Group gap={6} grow wrap="nowrap">
            <NumberInput aria-label={t('views.filter.from')} placeholder={t('views.filter.from')} value={typeof a === 'number' ? a : ''} onChange={(v) => set(0, v)} data-testid={testId} />
            <NumberInput aria-label={t('views.filter.to')} placeholder={t('views.filter.to')} value={typeof b === 'number' ? b : ''} onChange={(v) => set(1, v)} data-testid="filter-value-to" />
          </Group>
        );
      }
      const v = single(value);
      return <NumberInput label={label} aria-label={aria} value={typeof v === 'number' ? v : ''} onChange={(x) => onChange(numberOrUndefined(x))} data-testid={testId} />;
    }
    case 'date':
    case 'datetime': {
      if (op === 'between') {
        const [a, b] = asList(value);
        return (
          <DatePickerInput
            type="range"
            label={label}
            aria-label={aria}
            placeholder={t('views.filter.pickRange')}
            value={[isoDay(a), isoDay(b)]}
            onChange={([from, to]) => onChange(from && to ? [from.slice(0, 10), to.slice(0, 10)] : from ? [from.slice(0, 10), ''] : undefined)}
            valueFormat="D MMM YYYY"
            popoverProps={inPortal}
            data-testid={testId}
          />
        );
      }
      return (
        <DatePickerInput
          label={label}
          aria-label={aria}
          placeholder={t('views.filter.pickDate')}
          value={isoDay(single(value))}
          onChange={(d) => onChange(d ? d.slice(0, 10) : undefined)}
          valueFormat="D MMM YYYY"
          popoverProps={inPortal}
          clearable
          data-testid={testId}
        />
      );
    }
    case 'boolean':
      return (
        <SegmentedControl
          aria-label={aria}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(v) => onChange(v === 'yes')}
          data={[
            { value: 'yes', label: t('common.yes') },
            { value: 'no', label: t('common.no') },
          ]}
          data-testid={testId}
        />
      );
    case 'tags':
      return (
        <MultiSelect
          {...dropdown.props}
          label={label}
          aria-label={aria}
          placeholder={t('views.filter.pickTags')}
          data={[...new Set([...(tags.data ?? []).map((tg) => tg.name), ...asStrings(value)])]}
          value={asStrings(value)}
          onChange={pickList}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={listUp}
          data-testid={testId}
        />
      );
    case 'picklist':
    case 'multiselect': {
      const data = (field.options ?? []).map((o) => ({ value: o, label: optionLabel(t, i18n, module, field, o) }));
      return multiple || field.type === 'multiselect' ? (
        <MultiSelect {...dropdown.props} label={label} aria-label={aria} data={data} value={asStrings(value)} onChange={pickList} searchable comboboxProps={listUp} placeholder={t('common.choose')} data-testid={testId} />
      ) : (
        <Select label={label} aria-label={aria} data={data} value={single(value)?.toString() ?? null} onChange={(v) => onChange(v ?? undefined)} searchable comboboxProps={inPortal} placeholder={t('common.choose')} data-testid={testId} />
      );
    }
    case 'user':
    case 'reference': {
      const fixed = fixedOptions(field, refs);
      if (fixed) {
        const data = fixed;
        return multiple ? (
          <MultiSelect {...dropdown.props} label={label} aria-label={aria} data={data} value={asStrings(value)} onChange={pickList} searchable comboboxProps={listUp} placeholder={t('common.choose')} data-testid={testId} />
        ) : (
          <Select label={label} aria-label={aria} data={data} value={single(value)?.toString() ?? null} onChange={(v) => onChange(v ?? undefined)} searchable comboboxProps={inPortal} placeholder={t('common.choose')} data-testid={testId} />
        );
      }
      const target = referencedModule(field);
      if (target) {
        return <RecordPicker module={target} label={label} ariaLabel={aria} multiple={multiple} value={value} onChange={(v) => onChange(v ?? undefined)} known={known} />;
      }
      return <TextInput label={label} aria-label={aria} value={String(single(value) ?? '')} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId} />;
    }
    default: {
      if (multiple) {
        return <TagsInput {...dropdown.props} label={label} aria-label={aria} placeholder={t('views.filter.typeValues')} value={asStrings(value)} onChange={pickList} comboboxProps={listUp} data-testid={testId} />;
      }
      const v = single(value);
      return <TextInput label={label} aria-label={aria} value={v === undefined ? '' : String(v)} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId} />;
    }
  }
}
