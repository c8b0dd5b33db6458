import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Module } from '@kontor/contract/custom-fields';
import { emptyFilter, filterSchema, type Filter, type View, type viewCreateSchema, type viewUpdateSchema } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound, versionConflict, fieldError, refused, type FieldError } from '../../errors.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { toApiId } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { catalogOf, columnKeysOf } from './field-catalog.ts';
import { compileFilter } from './filter-sql.ts';
import { listSortColumns } from './sort-columns.ts';
import { systemColumns, systemViewId, systemViewsOf } from './system-views.ts';
import { defaultViewId, deleteView, insertView, setDefaultViewId, updateView, usableViewRow, usableViewRows, type ViewRow, type ViewValues } from './views.repository.ts';

type ViewCreate = z.output<typeof viewCreateSchema>;
type ViewUpdate = z.output<typeof viewUpdateSchema>;

/** What a list needs of a view: its filter and sort. */
export interface UsableView {
  filter: Filter;
  sort: string[];
  /** The columns it shows (empty: the module's default columns). */
  columns: string[];
}

const SYSTEM = /^system\.(.+)$/;
const MAX_VIEWS_PER_USER = 200;

function presentRow(actor: Actor, r: ViewRow, defaultId: string | null): View {
  return {
    id: toApiId(r.id),
    module: r.module as Module,
    kind: r.shared === 1 ? 'shared' : 'personal',
    systemKey: null,
    name: r.name,
    filter: parseJsonColumn(r.filter, filterSchema, emptyFilter),
    sort: JSON.parse(r.sort) as string[],
    columns: JSON.parse(r.columns) as string[],
    columnWidths: JSON.parse(r.column_widths) as Record<string, number>,
    pageSize: r.page_size,
    owner: { id: toApiId(r.owner_id), name: r.owner_name ?? '' },
    isDefault: defaultId === toApiId(r.id),
    editable: r.owner_id === actor.id || actor.isAdmin,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The views a user may use in a module: system views first, then shared and personal ones by name. */
export async function listViews(db: Kysely<DB>, actor: Actor, module: Module): Promise<{ data: View[]; defaultViewId: string }> {
  assertCan(actor, 'view', module);
  const now = new Date();
  const [rows, chosen] = await Promise.all([usableViewRows(db, actor.id, module), defaultViewId(db, actor.id, module)]);
  const ids = new Set([...systemViewsOf(module).map((v) => systemViewId(v.key)), ...rows.map((r) => toApiId(r.id))]);
  const defaultId = chosen && ids.has(chosen) ? chosen : systemViewId('all');
  const system = systemViewsOf(module).map(
    (v): View => ({
      id: systemViewId(v.key),
      module,
      kind: 'system',
      systemKey: v.key,
      name: v.key,
      filter: v.filter(now),
      sort: v.sort,
      columns: systemColumns(module),
      columnWidths: {},
      pageSize: 50,
      owner: null,
      isDefault: defaultId === systemViewId(v.key),
      editable: false,
      version: 1,
      createdAt: null,
      updatedAt: null,
    }),
  );
  const saved = rows.map((r) => presentRow(actor, r, defaultId));
  return { data: [...system, ...saved.filter((v) => v.kind === 'shared'), ...saved.filter((v) => v.kind === 'personal')], defaultViewId: defaultId };
}

/** The filter and sort of a view the actor may use in `module`; 400 on `view` for any other id. */
export async function findUsableView(db: Kysely<DB>, actor: Actor, module: Module, id: string): Promise<UsableView> {
  const key = SYSTEM.exec(id)?.[1];
  if (key !== undefined) {
    const v = systemViewsOf(module).find((s) => s.key === key);
    if (!v) throw invalid({ view: fieldError('unknown_view', {}, `unknown view; system views of ${module}: ${systemViewsOf(module).map((s) => systemViewId(s.key)).join(', ')}`) });
    return { filter: v.filter(new Date()), sort: v.sort, columns: systemColumns(module) };
  }
  const row = /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? await usableViewRow(db, actor.id, Number(id)) : undefined;
  if (!row || row.module !== module) throw invalid({ view: fieldError('unknown_view', {}, `no view ${id} of ${module} that you may use (GET /api/v1/views?module=${module} lists them)`) });
  return { filter: parseJsonColumn(row.filter, filterSchema, emptyFilter), sort: JSON.parse(row.sort) as string[], columns: JSON.parse(row.columns) as string[] };
}

/** Checks a view's filter, sort and columns against the module (400s name what is allowed). */
async function checkSettings(db: Kysely<DB>, actor: Actor, module: Module, v: { filter?: Filter; sort?: string[]; columns?: string[]; columnWidths?: Record<string, number> }): Promise<void> {
  if (v.filter) compileFilter({ db, actor }, await catalogOf(db, module), v.filter);
  const errors: Record<string, FieldError> = {};
  const sortKeys = Object.keys(listSortColumns(actor, module));
  v.sort?.forEach((s, i) => {
    if (!sortKeys.includes(s.replace(/^-/, ''))) errors[`sort.${i}`] = fieldError('sort_field', { allowed: sortKeys.join(', ') });
  });
  if (v.sort && new Set(v.sort.map((s) => s.replace(/^-/, ''))).size !== v.sort.length) errors.sort = fieldError('sort_key_twice');
  const columns = v.columns || v.columnWidths ? await columnKeysOf(db, module) : [];
  v.columns?.forEach((c, i) => {
    if (!columns.includes(c)) errors[`columns.${i}`] = fieldError('unknown_column', { column: c, allowed: columns.join(', ') });
  });
  if (v.columns && new Set(v.columns).size !== v.columns.length) errors.columns = fieldError('column_twice');
  for (const c of Object.keys(v.columnWidths ?? {})) if (!columns.includes(c)) errors[`columnWidths.${c}`] = fieldError('not_a_column');
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

async function ownView(db: Kysely<DB>, actor: Actor, id: number): Promise<ViewRow> {
  const row = await usableViewRow(db, actor.id, id);
  if (!row) throw notFound('view');
  if (row.owner_id !== actor.id && !actor.isAdmin) throw refused('forbidden', 'view_owner');
  return row;
}

export async function createView(db: Kysely<DB>, actor: Actor, input: ViewCreate): Promise<View> {
  assertCan(actor, 'view', input.module);
  await checkSettings(db, actor, input.module, input);
  if ((await usableViewRows(db, actor.id, input.module)).filter((r) => r.owner_id === actor.id).length >= MAX_VIEWS_PER_USER) {
    throw refused('unprocessable', 'views_limit', { max: MAX_VIEWS_PER_USER });
  }
  const id = await insertView(db, input.module, actor.id, {
    name: input.name,
    shared: input.shared ? 1 : 0,
    filter: JSON.stringify(input.filter),
    sort: JSON.stringify(input.sort),
    columns: JSON.stringify(input.columns),
    column_widths: JSON.stringify(input.columnWidths),
    page_size: input.pageSize,
  });
  return getView(db, actor, id);
}

export async function getView(db: Kysely<DB>, actor: Actor, id: number): Promise<View> {
  const row = await usableViewRow(db, actor.id, id);
  if (!row) throw notFound('view');
  return presentRow(actor, row, await defaultViewId(db, actor.id, row.module as Module));
}

export async function changeView(db: Kysely<DB>, actor: Actor, id: number, input: ViewUpdate): Promise<View> {
  const row = await ownView(db, actor, id);
  await checkSettings(db, actor, row.module as Module, input);
  const set: Partial<ViewValues> = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.shared !== undefined && { shared: input.shared ? 1 : 0 }),
    ...(input.filter !== undefined && { filter: JSON.stringify(input.filter) }),
    ...(input.sort !== undefined && { sort: JSON.stringify(input.sort) }),
    ...(input.columns !== undefined && { columns: JSON.stringify(input.columns) }),
    ...(input.columnWidths !== undefined && { column_widths: JSON.stringify(input.columnWidths) }),
    ...(input.pageSize !== undefined && { page_size: input.pageSize }),
  };
  if (!(await updateView(db, id, input.version, set))) throw versionConflict(row.version);
  return getView(db, actor, id);
}

export async function removeView(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  await ownView(db, actor, id);
  await deleteView(db, id);
}

/** Sets (or with null clears) the actor's default view of a module. */
export async function chooseDefaultView(db: Kysely<DB>, actor: Actor, module: Module, viewId: string | null): Promise<void> {
  assertCan(actor, 'view', module);
  if (viewId !== null) await findUsableView(db, actor, module, viewId);
  await setDefaultViewId(db, actor.id, module, viewId);
}
