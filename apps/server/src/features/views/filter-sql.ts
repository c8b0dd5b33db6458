import { sql, type RawBuilder } from 'kysely';
import { isSubgroup, listOperators, valuelessOperators, type Filter, type FilterCondition, type FilterOperator, type FilterValue } from '@kontor/contract/views';
import { MAX_INT } from '@kontor/contract/common';
import { isSqlite, likeEscape } from '../../db/dialect.ts';
import { invalid, fieldError, type FieldError } from '../../errors.ts';
import type { CatalogField } from './field-catalog.ts';
import { numberCompare, type CheckedValue, type FilterContext } from './related-fields.ts';

/**
 * A filter (conditions, AND/OR groups) to one SQL condition over the module's table. Every condition is checked
 * against the module's catalogue first: an unknown field, an operator the field's type does not offer, or a value
 * of the wrong shape is a 400 naming what is allowed, and nothing reaches the database.
 */

type Errors = Record<string, FieldError>;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[1-9][0-9]{0,9}$/;
const MAX_DAYS = 36_500;

const list = (v: FilterValue | undefined): Array<string | number | boolean> | null => (Array.isArray(v) ? v : null);

/** One scalar of the field's type, or what is wrong with it. */
function checkScalar(f: CatalogField, op: FilterOperator, v: string | number | boolean): { ok: string | number | boolean } | { error: FieldError } {
  switch (f.type) {
    case 'text':
      return typeof v === 'boolean' ? { error: fieldError('invalid', {}, 'must be text') } : { ok: String(v) };
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) && Math.abs(n) <= 1e15 ? { ok: n } : { error: fieldError('number') };
    }
    case 'date':
    case 'datetime': {
      if (typeof v !== 'string') return { error: fieldError('date') };
      if (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return { ok: v };
      if (f.type === 'datetime' && INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && op !== 'is') return { ok: new Date(v).toISOString() };
      return { error: fieldError('date') };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { ok: v } : v === 'true' || v === 'false' ? { ok: v === 'true' } : { error: fieldError('boolean') };
    case 'picklist':
    case 'multiselect':
      return typeof v === 'string' && (f.options ?? []).includes(v) ? { ok: v } : { error: fieldError('one_of', { allowed: (f.options ?? []).join(', ') }) };
    case 'user':
      return typeof v === 'string' && (v === 'me' || v === 'myTeam' || (ID.test(v) && Number(v) <= MAX_INT)) ? { ok: v } : { error: fieldError('user_value') };
    case 'reference':
      return typeof v === 'string' && ID.test(v) && Number(v) <= MAX_INT ? { ok: v } : { error: fieldError('record_id') };
    case 'tags':
      return typeof v === 'string' && v.trim() !== '' && v.length <= 50 ? { ok: v.trim() } : { error: fieldError('tag_value') };
  }
}

/** The condition's value checked for its field and operator; errors go to `errors[path]`. */
function checkValue(f: CatalogField, c: FilterCondition, path: string, errors: Errors): CheckedValue {
  const v = c.value;
  if (valuelessOperators.includes(c.op)) {
    if (v !== undefined && v !== null) errors[`${path}.value`] = fieldError('no_value', { op: c.op });
    return null;
  }
  if (c.op === 'inLast' || c.op === 'notInLast') {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) errors[`${path}.value`] = fieldError('days_range', { max: MAX_DAYS });
    return n;
  }
  if (listOperators.includes(c.op)) {
    const values = list(v);
    if (!values || values.length === 0) {
      errors[`${path}.value`] = fieldError(c.op === 'between' ? 'two_values' : 'value_list');
      return null;
    }
    if (c.op === 'between' && values.length !== 2) {
      errors[`${path}.value`] = fieldError('two_values');
      return null;
    }
    const out: Array<string | number> = [];
    for (const [i, item] of values.entries()) {
      const r = checkScalar(f, c.op, item);
      if ('error' in r) errors[`${path}.value.${i}`] = r.error;
      else out.push(typeof r.ok === 'boolean' ? Number(r.ok) : r.ok);
    }
    return out;
  }
  if (v === undefined || v === null || Array.isArray(v)) {
    errors[`${path}.value`] = fieldError('value_required');
    return null;
  }
  const r = checkScalar(f, c.op, v);
  if ('error' in r) {
    errors[`${path}.value`] = r.error;
    return null;
  }
  return r.ok;
}

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const dayStart = (d: string): string => `${d}T00:00:00.000Z`;
const isDay = (v: unknown): v is string => typeof v === 'string' && DATE.test(v);
const not = (c: RawBuilder<boolean>) => sql<boolean>`not ${c}`;
const orNull = (e: RawBuilder<unknown>, c: RawBuilder<boolean>) => sql<boolean>`(${e} is null or ${c})`;

function textCondition(ctx: FilterContext, e: RawBuilder<unknown>, op: FilterOperator, value: CheckedValue): RawBuilder<boolean> {
  const like = (pattern: string) => (isSqlite(ctx.db) ? sql<boolean>`${e} like ${pattern} escape '\\'` : sql<boolean>`${e} ilike ${pattern} escape '\\'`);
  const equals = (v: string | number) => (isSqlite(ctx.db) ? sql<boolean>`${e} = ${String(v)} collate nocase` : sql<boolean>`lower(${e}) = lower(${String(v)})`);
  const s = String(value ?? '');
  const values = Array.isArray(value) ? value : [];
  const anyOf = () => sql<boolean>`(${sql.join(values.map(equals), sql` or `)})`;
  switch (op) {
    case 'is':
      return equals(s);
    case 'isNot':
      return orNull(e, not(equals(s)));
    case 'contains':
      return like(`%${likeEscape(s)}%`);
    case 'notContains':
      return orNull(e, not(like(`%${likeEscape(s)}%`)));
    case 'startsWith':
      return like(`${likeEscape(s)}%`);
    case 'anyOf':
      return anyOf();
    case 'noneOf':
      return orNull(e, not(anyOf()));
    default:
      return emptiness(e, op, true);
  }
}

function emptiness(e: RawBuilder<unknown>, op: FilterOperator, text: boolean): RawBuilder<boolean> {
  const empty = text ? sql<boolean>`(${e} is null or ${e} = '')` : sql<boolean>`${e} is null`;
  return op === 'isEmpty' ? empty : not(empty);
}

function dateCondition(f: CatalogField, e: RawBuilder<unknown>, op: FilterOperator, value: CheckedValue): RawBuilder<boolean> {
  const timed = f.type === 'datetime';
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  // A day of a datetime field is [day 00:00, next day 00:00) UTC; an instant is itself.
  const from = (v: unknown) => (timed && isDay(v) ? dayStart(v) : String(v));
  const until = (v: unknown) => (timed && isDay(v) ? dayStart(nextDay(v)) : timed ? String(v) : nextDay(String(v)));
  switch (op) {
    case 'is':
      return timed ? sql<boolean>`(${e} >= ${from(value)} and ${e} < ${until(value)})` : sql<boolean>`${e} = ${String(value)}`;
    case 'before':
      return sql<boolean>`${e} < ${from(value)}`;
    case 'after':
      return timed && !isDay(value) ? sql<boolean>`${e} > ${String(value)}` : sql<boolean>`${e} >= ${until(value)}`;
    case 'between': {
      const [a, b] = Array.isArray(value) ? value : [];
      return timed && !isDay(b) ? sql<boolean>`(${e} >= ${from(a)} and ${e} <= ${String(b)})` : sql<boolean>`(${e} >= ${from(a)} and ${e} < ${until(b)})`;
    }
    case 'inLast':
    case 'notInLast': {
      const days = Number(value);
      const start = timed ? new Date(now.getTime() - days * 86_400_000).toISOString() : new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
      const end = timed ? now.toISOString() : today;
      const within = sql<boolean>`(${e} >= ${start} and ${e} <= ${end})`;
      return op === 'inLast' ? within : orNull(e, not(within));
    }
    default:
      return emptiness(e, op, true);
  }
}

function idsOf(ctx: FilterContext, value: CheckedValue): number[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => (v === 'me' ? [ctx.actor.id] : v === 'myTeam' ? ctx.actor.ownerIds : [Number(v)]));
}

function conditionSql(ctx: FilterContext, f: CatalogField, op: FilterOperator, value: CheckedValue): RawBuilder<boolean> {
  if (f.related) return f.related.condition(ctx, op, value);
  if (!f.value) throw new Error(`field ${f.key} has neither a value nor a condition`);
  const e = f.value(ctx.db);
  switch (f.type) {
    case 'text':
      return textCondition(ctx, e, op, value);
    case 'number':
      if (op === 'isEmpty' || op === 'isNotEmpty') return emptiness(e, op, false);
      return op === 'isNot' ? orNull(e, numberCompare(e, op, value)) : numberCompare(e, op, value);
    case 'date':
    case 'datetime':
      return dateCondition(f, e, op, value);
    case 'boolean':
      return value ? sql<boolean>`${e} = 1` : sql<boolean>`(${e} is null or ${e} = 0)`;
    case 'picklist':
    case 'multiselect':
    case 'user':
    case 'reference':
    case 'tags': {
      if (op === 'isEmpty' || op === 'isNotEmpty') return emptiness(e, op, f.type === 'picklist' || f.type === 'multiselect');
      const values = f.type === 'user' || f.type === 'reference' ? idsOf(ctx, value) : (Array.isArray(value) ? value : [value]).map(String);
      const inList = values.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${e} in (${sql.join(values)})`;
      return op === 'is' || op === 'anyOf' ? inList : orNull(e, not(inList));
    }
  }
}

/**
 * The filter as one condition (null: no conditions). `path` prefixes error keys (`filter`, `view.filter`).
 * Throws 400 with every problem found, each naming what is allowed.
 */
export function compileFilter(ctx: FilterContext, catalog: Map<string, CatalogField>, filter: Filter, path = 'filter'): RawBuilder<boolean> | null {
  const errors: Errors = {};
  const allowedFields = [...catalog.keys()].join(', ');
  const one = (c: FilterCondition, p: string): RawBuilder<boolean> | null => {
    const f = catalog.get(c.field);
    if (!f) {
      errors[`${p}.field`] = fieldError('unknown_filter_field', { field: c.field, allowed: allowedFields });
      return null;
    }
    if (!f.operators.includes(c.op)) {
      errors[`${p}.op`] = fieldError('operator', { op: c.op, field: c.field, allowed: f.operators.join(', ') });
      return null;
    }
    const value = checkValue(f, c, p, errors);
    return Object.keys(errors).some((k) => k.startsWith(`${p}.`)) ? null : conditionSql(ctx, f, c.op, value);
  };
  const join = (parts: Array<RawBuilder<boolean> | null>, match: 'all' | 'any'): RawBuilder<boolean> | null => {
    const kept = parts.filter((p): p is RawBuilder<boolean> => p !== null);
    if (kept.length === 0) return null;
    return sql<boolean>`(${sql.join(kept, match === 'all' ? sql` and ` : sql` or `)})`;
  };
  const parts = filter.conditions.map((c, i) =>
    isSubgroup(c) ? join(c.conditions.map((cc, j) => one(cc, `${path}.conditions.${i}.conditions.${j}`)), c.match) : one(c, `${path}.conditions.${i}`),
  );
  if (Object.keys(errors).length > 0) throw invalid(errors, 'The filter is not valid: see the fields for what each condition allows.');
  return join(parts, filter.match);
}
