import type { ReactNode } from 'react';
import type { i18n as I18n, TFunction } from 'i18next';
import type { Module, CustomFieldDefinition, CustomFieldValue } from '@kontor/contract/custom-fields';
import { columnSortKeys, type FilterField } from '@kontor/contract/views';
import type { Column, ColumnKind } from '../../components/DataTable';
import { TagList } from '../../components/Badges';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Muted } from '../records/cells';
import { customValue } from '../records/field-values';
import { optionLabel, standardFieldLabel } from './labels';

const CUSTOM = 'customFields.';
export const isCustomColumn = (key: string) => key.startsWith(CUSTOM);

function cell(row: object, key: string): unknown {
  return (row as Record<string, unknown>)[key];
}
function customCell(row: object, key: string): CustomFieldValue | undefined {
  const values = cell(row, 'customFields');
  if (values === null || typeof values !== 'object') return undefined;
  return (values as Record<string, CustomFieldValue>)[key];
}

/** A value of a standard list column no module renderer covers, shown by what the catalogue says it is. */
function plain(t: TFunction, i18n: I18n, module: Module, field: FilterField | undefined, v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return formatNumber(v, 2);
  if (Array.isArray(v)) return field?.type === 'tags' ? <TagList tags={v.map(String)} /> : v.map(String).join(', ');
  if (typeof v === 'object') {
    const name = (v as { name?: unknown }).name;
    return typeof name === 'string' ? name : null;
  }
  const s = String(v);
  if (field?.type === 'date') return formatDate(s);
  if (field?.type === 'datetime' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return formatDateTime(s);
  if (field && (field.type === 'picklist' || field.type === 'multiselect')) return optionLabel(t, i18n, module, field, s);
  return s;
}

/** The width a custom field's column needs, by its type. */
const customKinds: Record<CustomFieldDefinition['type'], ColumnKind> = {
  text: 'text', longtext: 'longText', number: 'number', currency: 'amount', date: 'date', checkbox: 'boolean', picklist: 'text', multiselect: 'tags',
  url: 'url', email: 'email', phone: 'phone',
};
/** The width a standard list value needs, by what the filter catalogue says it is. */
const fieldKinds: Record<FilterField['type'], ColumnKind> = {
  text: 'text', number: 'number', date: 'date', datetime: 'datetime', boolean: 'boolean', picklist: 'text', multiselect: 'tags', user: 'person',
  reference: 'longText', tags: 'tags',
};

export interface ColumnContext {
  t: TFunction;
  i18n: I18n;
  module: Module;
  fields: FilterField[];
  customDefs: CustomFieldDefinition[];
}

export function columnLabel(ctx: ColumnContext, key: string, moduleColumns: Pick<Column<unknown>, 'key' | 'header' | 'aliases'>[] = []): string {
  const own = moduleColumns.find((c) => c.key === key || c.aliases?.includes(key));
  if (own) return own.header;
  if (isCustomColumn(key)) {
    const k = key.slice(CUSTOM.length);
    return ctx.customDefs.find((d) => d.key === k)?.label ?? ctx.fields.find((f) => f.key === key)?.label ?? k;
  }
  const field = ctx.fields.find((f) => f.key === key);
  return field?.label ?? standardFieldLabel(ctx.t, ctx.i18n, ctx.module, key);
}

/** A column for a key the module's own renderers do not cover: custom fields by their type, other list values plainly. */
export function genericColumn<T extends object>(ctx: ColumnContext, key: string): Column<T> {
  const field = ctx.fields.find((f) => f.key === key);
  const numeric = field?.type === 'number';
  if (isCustomColumn(key)) {
    const k = key.slice(CUSTOM.length);
    const def = ctx.customDefs.find((d) => d.key === k);
    return {
      key,
      header: columnLabel(ctx, key),
      kind: def ? customKinds[def.type] : 'text',
      align: def?.type === 'number' || def?.type === 'currency' ? 'right' : undefined,
      render: (row) => <Muted>{customValue(ctx.t, def, customCell(row, k))}</Muted>,
    };
  }
  return {
    key,
    header: columnLabel(ctx, key),
    sortKey: columnSortKeys[ctx.module][key],
    kind: field ? fieldKinds[field.type] : 'text',
    align: numeric ? 'right' : undefined,
    render: (row) => <Muted>{plain(ctx.t, ctx.i18n, ctx.module, field, cell(row, key))}</Muted>,
  };
}

/**
 * The table's columns in the chosen order: the module's own renderers for standard columns (matched by key or alias),
 * generic ones for the rest. Narrow-screen hiding applies only to the module's default set, never to chosen columns.
 */
export function buildColumns<T extends object>(ctx: ColumnContext, keys: string[], moduleColumns: Column<T>[], chosen: boolean): Column<T>[] {
  return keys.map((key) => {
    const own = moduleColumns.find((c) => c.key === key || c.aliases?.includes(key));
    if (own) return { ...own, key, hideBelow: chosen ? undefined : own.hideBelow };
    return genericColumn<T>(ctx, key);
  });
}
