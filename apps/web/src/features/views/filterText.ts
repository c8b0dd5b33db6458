import type { i18n as I18n, TFunction } from 'i18next';
import type { Module } from '@kontor/contract/custom-fields';
import { isSubgroup, valuelessOperators, type Filter, type FilterCondition, type FilterField, type FilterScalar } from '@kontor/contract/views';
import { formatDate, formatNumber } from '../../lib/format';
import { fieldLabel, operatorLabel, optionLabel } from './labels';
import { fixedOptions, referencedModule, type useReferenceOptions } from './references';

export interface TextContext {
  t: TFunction;
  i18n: I18n;
  module: Module;
  fields: FilterField[];
  refs: ReturnType<typeof useReferenceOptions>;
  /** `module:id` -> record name. */
  names: Map<string, string>;
}

/** A field the catalogue does not know (any more): show its key, typed as text. */
export const unknownField = (key: string): FilterField => ({ key, label: key, type: 'text', operators: [], custom: false, sortable: false });

export function findField(fields: FilterField[], key: string): FilterField | undefined {
  return fields.find((f) => f.key === key);
}

function scalarText(ctx: TextContext, field: FilterField, v: FilterScalar): string {
  const { t, i18n, module } = ctx;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return formatNumber(v, 6);
  if (field.type === 'date' || field.type === 'datetime') return formatDate(v);
  if (field.type === 'picklist' || field.type === 'multiselect') return optionLabel(t, i18n, module, field, v);
  const fixed = fixedOptions(field, ctx.refs);
  if (fixed) return fixed.find((o) => o.value === v)?.label ?? ctx.refs.allUsers.get(v) ?? `#${v}`;
  const target = referencedModule(field);
  if (target) return ctx.names.get(`${target}:${v}`) ?? `#${v}`;
  return v;
}

/** "Industry is Software", "Created in the last 7 days", "Amount between 1,000 and 5,000". */
export function conditionText(ctx: TextContext, c: FilterCondition): { field: string; op: string; value: string } {
  const field = findField(ctx.fields, c.field) ?? unknownField(c.field);
  const name = fieldLabel(ctx.t, ctx.i18n, ctx.module, field);
  const op = operatorLabel(ctx.t, c.op, field.type);
  if (valuelessOperators.includes(c.op)) return { field: name, op, value: '' };
  const v = c.value;
  if (c.op === 'inLast' || c.op === 'notInLast') return { field: name, op, value: ctx.t('views.filter.dayCount', { count: typeof v === 'number' ? v : 0 }) };
  if (c.op === 'between' && Array.isArray(v)) {
    const [a, b] = v;
    return { field: name, op, value: ctx.t('views.filter.range', { from: a === undefined ? '' : scalarText(ctx, field, a), to: b === undefined ? '' : scalarText(ctx, field, b) }) };
  }
  const list = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  return { field: name, op, value: list.map((x) => scalarText(ctx, field, x)).join(', ') };
}

export const conditionLine = (ctx: TextContext, c: FilterCondition): string => {
  const p = conditionText(ctx, c);
  return [p.field, p.op, p.value].filter(Boolean).join(' ');
};

/** The whole filter as one line (for titles and the print header). */
export function filterLine(ctx: TextContext, f: Filter): string {
  const joiner = f.match === 'all' ? ` ${ctx.t('views.filter.and')} ` : ` ${ctx.t('views.filter.or')} `;
  return f.conditions
    .map((c) => (isSubgroup(c) ? `(${c.conditions.map((x) => conditionLine(ctx, x)).join(c.match === 'all' ? ` ${ctx.t('views.filter.and')} ` : ` ${ctx.t('views.filter.or')} `)})` : conditionLine(ctx, c)))
    .join(joiner);
}

/** The ids of records a filter names, to look their names up. */
export function referencedRecords(fields: FilterField[], ...filters: (Filter | null | undefined)[]): { module: Module; id: string }[] {
  const out = new Map<string, { module: Module; id: string }>();
  const visit = (c: FilterCondition) => {
    const field = findField(fields, c.field);
    const target = field ? referencedModule(field) : null;
    if (!target) return;
    const values = Array.isArray(c.value) ? c.value : c.value === null || c.value === undefined ? [] : [c.value];
    for (const v of values) if (typeof v === 'string' || typeof v === 'number') out.set(`${target}:${v}`, { module: target, id: String(v) });
  };
  for (const f of filters) for (const c of f?.conditions ?? []) (isSubgroup(c) ? c.conditions : [c]).forEach(visit);
  return [...out.values()];
}
