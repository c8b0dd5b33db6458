import { isSubgroup, type Filter, type FilterCondition, type FilterScalar } from '@kontor/contract/views';
import { andFilters } from '../views/listState';

/**
 * The activities list's shortcuts (type, open or done) are conditions of the list's filter, not parameters of their
 * own: the filter builder shows them as chips, and saving a view, "all matching", export and print take them along.
 * A shortcut stands for the top-level `<field> is <value>` condition of a filter whose conditions all apply.
 */
const appliesToAll = (f: Filter) => f.match === 'all' || f.conditions.length <= 1;
const isShortcut = (field: string) => (c: Filter['conditions'][number]): c is FilterCondition => !isSubgroup(c) && c.field === field && c.op === 'is';

/** The value the shortcut on `field` shows, or undefined when the filter has no such condition. */
export function shortcutValue(filter: Filter, field: string): FilterScalar | undefined {
  if (!appliesToAll(filter)) return undefined;
  const value = filter.conditions.find(isShortcut(field))?.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/**
 * The filter with the shortcut on `field` set to `value` (replacing the field's `is` conditions) or removed
 * (`undefined`). Null when the condition cannot be added without a second level of groups ("any" over groups).
 */
export function withShortcut(filter: Filter, field: string, value: FilterScalar | undefined): Filter | null {
  const condition: FilterCondition[] = value === undefined ? [] : [{ field, op: 'is', value }];
  if (appliesToAll(filter)) return { match: 'all', conditions: [...filter.conditions.filter((c) => !isShortcut(field)(c)), ...condition] };
  if (!condition.length) return filter;
  return andFilters(filter, { match: 'all', conditions: condition });
}
