import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { Module } from '@kontor/contract/custom-fields';
import { filterSchema, type Filter } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import { foldText } from '../../db/dialect.ts';
import { unletteredKey } from '../../db/sort-keys.ts';
import { fieldErrorMap, fieldErrorOfIssue, type FieldError } from '@kontor/contract/field-errors';
import { invalid, fieldError } from '../../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { multiKeysetFor, type MultiKeyset } from '../records/multi-keyset.ts';
import { descriptorOf } from '../records/registry.ts';
import { catalogOf } from './field-catalog.ts';
import { compileFilter } from './filter-sql.ts';
import { findUsableView } from './views.service.ts';
import { listSortColumns } from './sort-columns.ts';

/** What every record list accepts on top of its quick filters (the contract's `viewListParams`, `sort`, `letter`). */
export interface ListViewParams {
  view?: string;
  filter?: string | Filter;
  sort?: string;
  letter?: string;
}

/** A list's view, filter and A-Z letter as one condition, and its order as a keyset. */
export interface ListView {
  where: RawBuilder<boolean> | null;
  keyset: MultiKeyset;
}

/** `filter` as the query string carries it: JSON of the contract's `filterSchema`; a 400 on `filter.*` otherwise. */
export function parseFilterParam(raw: string | Filter | undefined): Filter | null {
  if (raw === undefined || raw === '') return null;
  let json: unknown = raw;
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw);
    } catch {
      throw invalid({ filter: fieldError('filter_json') });
    }
  }
  const parsed = filterSchema.safeParse(json, { error: fieldErrorMap });
  if (!parsed.success) throw invalid(Object.fromEntries(flatIssues(parsed.error.issues, ['filter'])), 'The filter is not valid.');
  return parsed.data;
}

/** zod's issues as field errors; for "a condition or a group" the branch that came closest says what is wrong. */
function flatIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): Array<[string, FieldError]> {
  return issues.flatMap((i): Array<[string, FieldError]> => {
    const path = [...prefix, ...i.path];
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      const closest = [...i.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      return flatIssues(closest, path);
    }
    return [[path.map(String).join('.'), fieldErrorOfIssue(i)]];
  });
}

/**
 * The A-Z index on a name's sort key (contract `sort-key.ts`: folded, Chinese names led by their pinyin): a letter of
 * any script (folded: "Ä" files under "a"), `0-9`, or `#` for everything that starts with neither a Latin letter nor
 * a digit (`UNLETTERED_KEY_RANGES`).
 */
export function letterWhere(column: string, letter: string): RawBuilder<boolean> {
  const col = sql.ref(column);
  if (letter === '0-9') return sql<boolean>`(${col} >= '0' and ${col} < ':')`;
  if (letter === '#') return unletteredKey(col);
  const l = foldText(letter).slice(0, 1) || letter;
  const next = String.fromCodePoint((l.codePointAt(0) ?? 0) + 1);
  return sql<boolean>`(${col} >= ${l} and ${col} < ${next})`;
}

const and = (parts: Array<RawBuilder<boolean> | null>): RawBuilder<boolean> | null => {
  const kept = parts.filter((p): p is RawBuilder<boolean> => p !== null);
  return kept.length === 0 ? null : kept.length === 1 ? (kept[0] ?? null) : sql<boolean>`(${sql.join(kept, sql` and `)})`;
};

/**
 * Resolves a list request's view (saved or system), inline filter, letter and sort. The view's filter and the
 * inline one combine by AND; an explicit `sort` wins over the view's. Unknown views, fields, operators and sort keys
 * are 400s naming what is allowed.
 */
export async function resolveListView(db: Kysely<DB>, actor: Actor, module: Module, q: ListViewParams, opts: { unindexed?: boolean } = {}): Promise<ListView> {
  const d = descriptorOf(module);
  const ctx = { db, actor };
  const view = q.view ? await findUsableView(db, actor, module, q.view) : null;
  const inline = parseFilterParam(q.filter);
  // The catalogue (custom field definitions) only when there is a filter to check: a plain list reads nothing more.
  const catalog = view || inline ? await catalogOf(db, module) : null;
  const where = and([
    view && catalog ? compileFilter(ctx, catalog, view.filter, 'view.filter') : null,
    inline && catalog ? compileFilter(ctx, catalog, inline) : null,
    q.letter ? letterWhere(d.sortKeyColumn, q.letter) : null,
  ]);
  const columns = listSortColumns(actor, module);
  const sort = q.sort ?? (view && view.sort.length > 0 ? view.sort.join(',') : d.defaultSort);
  const bad = sort.split(',').find((s) => !(s.replace(/^-/, '') in columns));
  if (bad !== undefined) throw invalid({ sort: fieldError('sort_field', { allowed: Object.keys(columns).join(', ') }) });
  return { where, keyset: multiKeysetFor(sort, columns, `${module}.id`, opts) };
}
