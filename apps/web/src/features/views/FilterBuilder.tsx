import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Button, Group, Popover, SegmentedControl, Select, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconFilterPlus, IconLock, IconPlus, IconX } from '@tabler/icons-react';
import type { Module } from '@kontor/contract/custom-fields';
import { isSubgroup, listOperators, operatorsByType, valuelessOperators, type Filter, type FilterCondition, type FilterField, type FilterOperator, type FilterSubgroup, type FilterValue } from '@kontor/contract/views';
import { conditionText, findField, referencedRecords, unknownField, type TextContext } from './filterText';
import { fieldLabel, operatorLabel } from './labels';
import { useRecordNames, useReferenceOptions } from './references';
import { valueComplete, ValueInput } from './ValueInput';

const MAX_CONDITIONS = 20;

export const operatorsOf = (field: FilterField): readonly FilterOperator[] => (field.operators.length ? field.operators : operatorsByType[field.type]);

/** A value kept across an operator change where it still fits (one value <-> a list). */
function adaptValue(value: FilterValue | undefined, op: FilterOperator): FilterValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (op === 'between' || op === 'inLast' || op === 'notInLast') return typeof value === 'number' && op !== 'between' ? value : undefined;
  if (listOperators.includes(op)) return Array.isArray(value) ? value : [value];
  return Array.isArray(value) ? value[0] : value;
}

/** The text context for chips: labels, options, user and record names. */
export function useTextContext(module: Module, fields: FilterField[], ...filters: (Filter | null | undefined)[]): TextContext {
  const { t, i18n } = useTranslation();
  const refs = useReferenceOptions();
  // by content, not identity: the filters are rebuilt from the URL on every render
  const key = JSON.stringify(filters);
  const wanted = useMemo(() => referencedRecords(fields, ...(JSON.parse(key) as (Filter | null)[])), [fields, key]);
  const names = useRecordNames(wanted);
  return { t, i18n, module, fields, refs, names };
}

interface ConditionFormProps {
  module: Module;
  fields: FilterField[];
  initial: FilterCondition | null;
  names: Map<string, string>;
  onApply: (c: FilterCondition) => void;
  onCancel: () => void;
  applyLabel: string;
}

/** Field, then operator, then value (by the field's type). */
function ConditionForm({ module, fields, initial, names, onApply, onCancel, applyLabel }: ConditionFormProps) {
  const { t, i18n } = useTranslation();
  const [fieldKey, setFieldKey] = useState<string | null>(initial?.field ?? null);
  const field = fieldKey ? (findField(fields, fieldKey) ?? unknownField(fieldKey)) : null;
  const [op, setOp] = useState<FilterOperator | null>(initial?.op ?? null);
  const [value, setValue] = useState<FilterValue | undefined>(initial?.value);
  const ops = field ? operatorsOf(field) : [];
  const complete = field !== null && op !== null && valueComplete(field, op, value);

  const fieldData = useMemo(() => {
    const item = (f: FilterField) => ({ value: f.key, label: fieldLabel(t, i18n, module, f) });
    const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
    const standard = fields.filter((f) => !f.custom).map(item).sort(byLabel);
    const custom = fields.filter((f) => f.custom).map(item).sort(byLabel);
    return custom.length ? [{ group: t('views.filter.standardFields'), items: standard }, { group: t('views.filter.customFields'), items: custom }] : standard;
  }, [fields, t, i18n, module]);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!complete || !field || !op) return;
        onApply({ field: field.key, op, ...(valuelessOperators.includes(op) ? {} : { value: value ?? null }) });
      }}
    >
      <Stack gap="xs">
        <Select
          label={t('views.filter.field')}
          placeholder={t('views.filter.chooseField')}
          data={fieldData}
          value={fieldKey}
          onChange={(k) => {
            setFieldKey(k);
            const f = k ? findField(fields, k) : undefined;
            setOp(f ? (operatorsOf(f)[0] ?? null) : null);
            setValue(undefined);
          }}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: false }}
          data-autofocus
          data-testid="filter-field"
        />
        {field ? (
          <Select
            label={t('views.filter.operator')}
            data={ops.map((o) => ({ value: o, label: operatorLabel(t, o, field.type) }))}
            value={op}
            onChange={(o) => {
              const next = (o as FilterOperator | null) ?? null;
              setOp(next);
              if (next) setValue(adaptValue(value, next));
            }}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            data-testid="filter-operator"
          />
        ) : null}
        {field && op ? <ValueInput module={module} field={field} op={op} value={value} onChange={setValue} known={names} /> : null}
        <Group justify="flex-end" gap="xs" mt={4}>
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="xs" disabled={!complete} data-testid="filter-apply">
            {applyLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A button that opens the condition form in a popover. */
function ConditionPopover({ target, ...form }: Omit<ConditionFormProps, 'onCancel' | 'onApply'> & { target: (open: () => void, opened: boolean) => ReactNode; onApply: (c: FilterCondition) => void }) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={340} shadow="md" trapFocus withinPortal>
      <Popover.Target>{target(() => setOpened((o) => !o), opened)}</Popover.Target>
      <Popover.Dropdown data-testid="filter-popover">
        {opened ? (
          <ConditionForm
            {...form}
            onCancel={() => setOpened(false)}
            onApply={(c) => {
              setOpened(false);
              form.onApply(c);
            }}
          />
        ) : null}
      </Popover.Dropdown>
    </Popover>
  );
}

function ConditionChip({ ctx, condition, onChange, onRemove, fields }: { ctx: TextContext; condition: FilterCondition; onChange: (c: FilterCondition) => void; onRemove: () => void; fields: FilterField[] }) {
  const { t } = useTranslation();
  const text = conditionText(ctx, condition);
  return (
    <span className="k-filter-chip" data-testid="filter-chip" data-field={condition.field}>
      <ConditionPopover
        module={ctx.module}
        fields={fields}
        initial={condition}
        names={ctx.names}
        onApply={onChange}
        applyLabel={t('common.save')}
        target={(open) => (
          <UnstyledButton className="k-filter-chip-body" onClick={open} title={t('views.filter.edit')}>
            <span className="k-filter-chip-field">{text.field}</span> <span className="k-filter-chip-op">{text.op}</span> {text.value ? <strong>{text.value}</strong> : null}
          </UnstyledButton>
        )}
      />
      <button type="button" className="k-filter-chip-remove" onClick={onRemove} aria-label={t('views.filter.remove', { field: text.field })} data-testid="filter-chip-remove">
        <IconX size={12} />
      </button>
    </span>
  );
}

function MatchToggle({ value, onChange, size = 'xs', testId }: { value: 'all' | 'any'; onChange: (m: 'all' | 'any') => void; size?: 'xs' | 'sm'; testId: string }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      value={value}
      onChange={(v) => onChange(v === 'any' ? 'any' : 'all')}
      data={[
        { value: 'all', label: t('views.filter.matchAll') },
        { value: 'any', label: t('views.filter.matchAny') },
      ]}
      aria-label={t('views.filter.match')}
      data-testid={testId}
    />
  );
}

interface Props {
  module: Module;
  fields: FilterField[];
  filter: Filter;
  onChange: (f: Filter) => void;
  /** A system view's own conditions: shown with a lock. */
  locked?: Filter | null;
  lockedBy?: string;
  /** The catalogue is still loading or failed: "+ Filter" waits. */
  disabled?: boolean;
}

/** Chips for the active conditions, "+ Filter" (field -> operator -> value), AND/OR and one level of groups. */
export function FilterBuilder({ module, fields, filter, onChange, locked, lockedBy, disabled }: Props) {
  const { t } = useTranslation();
  const ctx = useTextContext(module, fields, filter, locked);
  const set = (conditions: Filter['conditions'], match = filter.match) => onChange({ match, conditions });
  const replaceAt = (i: number, c: FilterCondition | FilterSubgroup | null) => set(c === null ? filter.conditions.filter((_, j) => j !== i) : filter.conditions.map((x, j) => (j === i ? c : x)));
  const full = filter.conditions.length >= MAX_CONDITIONS;
  const lockedConditions = locked ? locked.conditions.flatMap((c) => (isSubgroup(c) ? c.conditions : [c])) : [];

  return (
    <Group gap={6} wrap="wrap" align="center" data-testid="filter-builder">
      {lockedConditions.map((c, i) => {
        const p = conditionText(ctx, c);
        return (
          <Tooltip key={`locked-${i}`} label={t('views.filter.lockedBy', { view: lockedBy ?? '' })} withinPortal>
            <span className="k-filter-chip" data-locked="true" data-testid="filter-chip-locked">
              <span className="k-filter-chip-body">
                <IconLock size={12} style={{ marginRight: 4, verticalAlign: -1 }} />
                <span className="k-filter-chip-field">{p.field}</span> <span className="k-filter-chip-op">{p.op}</span> {p.value ? <strong>{p.value}</strong> : null}
              </span>
            </span>
          </Tooltip>
        );
      })}
      {filter.conditions.length > 1 ? <MatchToggle value={filter.match} onChange={(m) => set(filter.conditions, m)} testId="filter-match" /> : null}
      {filter.conditions.map((c, i) =>
        isSubgroup(c) ? (
          <span className="k-filter-group" key={i} data-testid="filter-group">
            <MatchToggle value={c.match} onChange={(m) => replaceAt(i, { ...c, match: m })} testId="filter-group-match" />
            {c.conditions.map((gc, j) => (
              <ConditionChip
                key={j}
                ctx={ctx}
                fields={fields}
                condition={gc}
                onChange={(next) => replaceAt(i, { ...c, conditions: c.conditions.map((x, k) => (k === j ? next : x)) })}
                onRemove={() => {
                  const rest = c.conditions.filter((_, k) => k !== j);
                  replaceAt(i, rest.length ? { ...c, conditions: rest } : null);
                }}
              />
            ))}
            {c.conditions.length < MAX_CONDITIONS ? (
              <ConditionPopover
                module={module}
                fields={fields}
                initial={null}
                names={ctx.names}
                applyLabel={t('views.filter.add')}
                onApply={(nc) => replaceAt(i, { ...c, conditions: [...c.conditions, nc] })}
                target={(open) => (
                  <ActionIcon variant="subtle" size="sm" onClick={open} aria-label={t('views.filter.addToGroup')} data-testid="filter-group-add">
                    <IconPlus size={14} />
                  </ActionIcon>
                )}
              />
            ) : null}
            <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => replaceAt(i, null)} aria-label={t('views.filter.removeGroup')} data-testid="filter-group-remove">
              <IconX size={14} />
            </ActionIcon>
          </span>
        ) : (
          <ConditionChip key={i} ctx={ctx} fields={fields} condition={c} onChange={(next) => replaceAt(i, next)} onRemove={() => replaceAt(i, null)} />
        ),
      )}
      {!full ? (
        <>
          <ConditionPopover
            module={module}
            fields={fields}
            initial={null}
            names={ctx.names}
            applyLabel={t('views.filter.add')}
            onApply={(c) => set([...filter.conditions, c])}
            target={(open) => (
              <Button variant="light" size="compact-sm" leftSection={<IconFilterPlus size={15} />} onClick={open} disabled={disabled} data-testid="filter-add">
                {t('views.filter.addFilter')}
              </Button>
            )}
          />
          {filter.conditions.length > 0 ? (
            <ConditionPopover
              module={module}
              fields={fields}
              initial={null}
              names={ctx.names}
              applyLabel={t('views.filter.add')}
              onApply={(c) => set([...filter.conditions, { match: filter.match === 'all' ? 'any' : 'all', conditions: [c] }])}
              target={(open) => (
                <Button variant="subtle" size="compact-sm" color="gray" onClick={open} disabled={disabled} data-testid="filter-add-group">
                  {filter.match === 'all' ? t('views.filter.addOrGroup') : t('views.filter.addAndGroup')}
                </Button>
              )}
            />
          ) : null}
        </>
      ) : (
        <Text size="xs" c="dimmed">
          {t('views.filter.full', { count: MAX_CONDITIONS })}
        </Text>
      )}
    </Group>
  );
}
