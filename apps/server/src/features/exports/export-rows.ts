import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CustomFieldDefinition, Module } from '@kontor/contract/custom-fields';
import { personName } from '@kontor/contract/person-name';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { joinableRecord, visibleRecords } from '../records/visible-records.ts';
import { afterKeyset, keysetPage, orderTerms, sortValueSelections, type MultiKeyset } from '../records/multi-keyset.ts';
import { splitTagNames, tagNamesColumn } from '../tags/record-tags.ts';
import { dealExists } from '../deals/deals.repository.ts';
import type { Cell } from './cell-guard.ts';
import type { ColumnKind, StandardColumn } from './export-columns.ts';

/**
 * The rows of an export (SQL lives here): a walk over the selected, visible records in keyset pages of the view's
 * sort, selecting only what the chosen columns need: the row's own columns, the owner's name, the visible account,
 * parent, contact, deal or lead name (a hidden one is left empty, never named), tags, the custom fields' JSON.
 * Values come out typed for the writers: numbers as numbers, booleans as booleans, dates and moments as ISO text,
 * lists joined by "; ".
 */

export const EXPORT_PAGE_SIZE = 2000;

export type Row = Record<string, unknown>;
export interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
}
/** A value the query selects, under an alias shared by the columns that read it. */
export type Source = (ctx: Ctx) => RawBuilder<unknown>;
export interface ColumnSql {
  sql: Record<string, Source>;
  read: (row: Row) => Cell;
}

/** A column the walk fills: a standard one by key, or a custom field by its definition. */
export type ExportSource = { key: string; custom?: undefined } | { key: string; custom: CustomFieldDefinition };

// ---- value conversion -------------------------------------------------------------------------------------------

export const text = (v: unknown): Cell => (v == null ? null : typeof v === 'string' ? v : String(v));
export const num = (v: unknown): Cell => {
  if (v == null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};
export const bool = (v: unknown): Cell => (v == null ? null : v === true || v === 1 || v === '1' || v === 't' || v === 'true');
const byKind: Record<ColumnKind, (v: unknown) => Cell> = { text, number: num, boolean: bool, date: text, datetime: text };
const joinList = (items: readonly string[]): Cell => (items.length ? items.join('; ') : null);
/** A person's name as every other place writes it (`personName`: "Anna Schmidt", "李丹"); empty is no value. */
export const personCell = (first: unknown, last: unknown): Cell => {
  const part = (v: unknown) => (typeof v === 'string' ? v : null);
  return personName({ firstName: part(first), lastName: part(last) }) || null;
};

// ---- sources ------------------------------------------------------------------------------------------------------

export const own = (module: Module, column: string): Source => () => sql.ref(`${module}.${column}`);
/** A column of the row itself, under the alias `v_<column>`. */
export function plain(module: Module, column: string, kind: ColumnKind = 'text'): ColumnSql {
  const alias = `v_${column}`;
  return { sql: { [alias]: own(module, column) }, read: (r) => byKind[kind](r[alias]) };
}

const ownerName = (module: Module): ColumnSql => ({
  sql: { v_owner_name: () => sql`(select u.name from users u where u.id = ${sql.ref(`${module}.owner_id`)})` },
  read: (r) => text(r.v_owner_name),
});

export const contactTypeName = (module: 'accounts' | 'contacts'): ColumnSql => ({
  sql: { v_contact_type: () => sql`(select ct.name from contact_types ct where ct.id = ${sql.ref(`${module}.contact_type_id`)})` },
  read: (r) => text(r.v_contact_type),
});

const tags = (module: Module): ColumnSql => ({
  sql: { v_tags: ({ db }) => tagNamesColumn(db, module) },
  read: (r) => joinList(splitTagNames(typeof r.v_tags === 'string' ? r.v_tags : null)),
});

/** The name of a linked record, only when the reader may see it (live and visible); empty otherwise. */
export function linkedName(module: Module, column: string, target: 'accounts' | 'deals', alias: string): ColumnSql {
  const key = `v_${alias}`;
  return {
    sql: { [key]: ({ actor }) => sql`(select l.name from ${sql.table(target)} l where l.id = ${sql.ref(`${module}.${column}`)} and ${joinableRecord(actor, target, 'l')})` },
    read: (r) => text(r[key]),
  };
}
/** A linked person's name parts (only when the reader may see them), written by `personCell`. */
export function linkedPerson(module: Module, column: string, target: 'contacts' | 'leads', alias: string): ColumnSql {
  const part = (name: 'first_name' | 'last_name'): Source => ({ actor }) =>
    sql`(select l.${sql.ref(name)} from ${sql.table(target)} l where l.id = ${sql.ref(`${module}.${column}`)} and ${joinableRecord(actor, target, 'l')})`;
  const [first, last] = [`v_${alias}_first`, `v_${alias}_last`];
  return { sql: { [first]: part('first_name'), [last]: part('last_name') }, read: (r) => personCell(r[first], r[last]) };
}

const fullName = (module: 'contacts' | 'leads'): ColumnSql => ({
  sql: { v_first_name: own(module, 'first_name'), v_last_name: own(module, 'last_name') },
  read: (r) => personCell(r.v_first_name, r.v_last_name),
});

const datetime = (module: Module, column: string) => plain(module, column, 'datetime');

// ---- per module ---------------------------------------------------------------------------------------------------

const accounts: Record<StandardColumn<'accounts'>, ColumnSql> = {
  name: plain('accounts', 'name'),
  primaryEmail: plain('accounts', 'primary_email'),
  primaryPhone: plain('accounts', 'primary_phone'),
  website: plain('accounts', 'website'),
  phone: plain('accounts', 'phone'),
  billingCity: plain('accounts', 'billing_city'),
  billingCountry: plain('accounts', 'billing_country'),
  industry: plain('accounts', 'industry'),
  accountType: plain('accounts', 'account_type'),
  rating: plain('accounts', 'rating'),
  employees: plain('accounts', 'employees', 'number'),
  annualRevenue: plain('accounts', 'annual_revenue', 'number'),
  owner: ownerName('accounts'),
  contactType: contactTypeName('accounts'),
  tags: tags('accounts'),
  parentAccountName: {
    sql: {
      v_parent_name: ({ actor }) =>
        sql`(select p.name from accounts p where p.id = accounts.parent_account_id and ${joinableRecord(actor, 'accounts', 'p')})`,
    },
    read: (r) => text(r.v_parent_name),
  },
  isCustomer: {
    sql: { v_is_customer: ({ actor }) => sql`(case when ${dealExists(actor, 'accounts', 'won')} then 1 else 0 end)` },
    read: (r) => bool(r.v_is_customer),
  },
  createdAt: datetime('accounts', 'created_at'),
  updatedAt: datetime('accounts', 'updated_at'),
};

const contacts: Record<StandardColumn<'contacts'>, ColumnSql> = {
  fullName: fullName('contacts'),
  salutation: plain('contacts', 'salutation'),
  firstName: plain('contacts', 'first_name'),
  lastName: plain('contacts', 'last_name'),
  accountName: linkedName('contacts', 'account_id', 'accounts', 'account_name'),
  position: plain('contacts', 'position'),
  department: plain('contacts', 'department'),
  primaryEmail: plain('contacts', 'primary_email'),
  primaryPhone: plain('contacts', 'primary_phone'),
  emailOptOut: plain('contacts', 'email_opt_out', 'boolean'),
  owner: ownerName('contacts'),
  contactType: contactTypeName('contacts'),
  tags: tags('contacts'),
  createdAt: datetime('contacts', 'created_at'),
  updatedAt: datetime('contacts', 'updated_at'),
};

const deals: Record<StandardColumn<'deals'>, ColumnSql> = {
  name: plain('deals', 'name'),
  accountName: linkedName('deals', 'account_id', 'accounts', 'account_name'),
  contactName: linkedPerson('deals', 'contact_id', 'contacts', 'contact_name'),
  amount: plain('deals', 'amount', 'number'),
  currency: plain('deals', 'currency'),
  pipelineName: {
    sql: { v_pipeline_name: () => sql`(select p.name from pipelines p where p.id = deals.pipeline_id)` },
    read: (r) => text(r.v_pipeline_name),
  },
  stageName: {
    sql: { v_stage_name: () => sql`(select s.name from pipeline_stages s where s.id = deals.stage_id)` },
    read: (r) => text(r.v_stage_name),
  },
  probability: {
    sql: { v_probability: () => sql`(select s.probability from pipeline_stages s where s.id = deals.stage_id)` },
    read: (r) => num(r.v_probability),
  },
  status: plain('deals', 'status'),
  lostReason: plain('deals', 'lost_reason'),
  expectedCloseDate: plain('deals', 'expected_close_date', 'date'),
  closedAt: datetime('deals', 'closed_at'),
  owner: ownerName('deals'),
  tags: tags('deals'),
  createdAt: datetime('deals', 'created_at'),
  updatedAt: datetime('deals', 'updated_at'),
};

const leads: Record<StandardColumn<'leads'>, ColumnSql> = {
  fullName: fullName('leads'),
  firstName: plain('leads', 'first_name'),
  lastName: plain('leads', 'last_name'),
  company: plain('leads', 'company'),
  email: plain('leads', 'email'),
  phone: plain('leads', 'phone'),
  position: plain('leads', 'position'),
  source: plain('leads', 'source'),
  status: plain('leads', 'status'),
  owner: ownerName('leads'),
  tags: tags('leads'),
  convertedAt: datetime('leads', 'converted_at'),
  createdAt: datetime('leads', 'created_at'),
  updatedAt: datetime('leads', 'updated_at'),
};

const activities: Record<StandardColumn<'activities'>, ColumnSql> = {
  subject: plain('activities', 'subject'),
  type: plain('activities', 'type'),
  scheduledAt: datetime('activities', 'scheduled_at'),
  dueAt: datetime('activities', 'due_at'),
  startAt: datetime('activities', 'start_at'),
  endAt: datetime('activities', 'end_at'),
  durationMinutes: plain('activities', 'duration_minutes', 'number'),
  allDay: plain('activities', 'all_day', 'boolean'),
  location: plain('activities', 'location'),
  outcome: plain('activities', 'outcome'),
  done: plain('activities', 'done', 'boolean'),
  doneAt: datetime('activities', 'done_at'),
  account: linkedName('activities', 'account_id', 'accounts', 'account_name'),
  contact: linkedPerson('activities', 'contact_id', 'contacts', 'contact_name'),
  deal: linkedName('activities', 'deal_id', 'deals', 'deal_name'),
  lead: linkedPerson('activities', 'lead_id', 'leads', 'lead_name'),
  owner: ownerName('activities'),
  tags: tags('activities'),
  createdAt: datetime('activities', 'created_at'),
  updatedAt: datetime('activities', 'updated_at'),
};

const standard: { [M in Module]: Record<StandardColumn<M>, ColumnSql> } = { accounts, contacts, deals, leads, activities };

/** Whether the module's export can fill this standard column. */
export const hasStandardColumn = (module: Module, key: string): boolean => Object.hasOwn(standard[module], key);

// ---- custom fields ------------------------------------------------------------------------------------------------

/** A custom field's value as its definition types it; a value of another shape is written as text. */
export function customCell(def: CustomFieldDefinition, value: unknown): Cell {
  if (value == null || value === '') return null;
  if (Array.isArray(value)) return joinList(value.map(String));
  switch (def.type) {
    case 'number':
    case 'currency':
      return typeof value === 'number' ? value : text(value);
    case 'checkbox':
      return typeof value === 'boolean' ? value : text(value);
    default:
      return text(value);
  }
}

export function parseCustom(v: unknown): Record<string, unknown> {
  if (typeof v !== 'string' || v === '') return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// ---- the walk -----------------------------------------------------------------------------------------------------

export interface ExportWalk {
  module: Module;
  /** Which records: the selection's condition on the module's table (visibility is added here). */
  where: RawBuilder<boolean>;
  keyset: MultiKeyset;
  columns: readonly ExportSource[];
}

/** The rows, page by page, each row one cell per column in order. Pulled: the next page is read when asked for. */
export async function* exportRowPages(db: Kysely<DB>, actor: Actor, walk: ExportWalk, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<Cell[][]> {
  const table = standard[walk.module] as Record<string, ColumnSql>;
  const selections = new Map<string, Source>();
  const readers: Array<(row: Row, custom: Record<string, unknown>) => Cell> = [];
  let needsCustom = false;
  for (const c of walk.columns) {
    if (c.custom) {
      const def = c.custom;
      needsCustom = true;
      readers.push((_row, custom) => customCell(def, custom[def.key]));
      continue;
    }
    const spec = table[c.key];
    if (!spec) throw new Error(`no export column ${walk.module}.${c.key}`);
    for (const [alias, source] of Object.entries(spec.sql)) selections.set(alias, source);
    readers.push((row) => spec.read(row));
  }
  if (needsCustom) selections.set('v_custom_fields', own(walk.module, 'custom_fields'));
  for await (const rows of selectedRowPages(db, actor, walk, selections, pageSize)) {
    yield rows.map((row) => {
      const custom = needsCustom ? parseCustom(row.v_custom_fields) : {};
      return readers.map((read) => read(row, custom));
    });
  }
}

/**
 * The selected, visible records in keyset pages of the walk's order, each row its `id` and the given selections
 * under their aliases. Pulled: the next page is read when asked for. Shared by both layouts and the vCard export.
 */
export async function* selectedRowPages(
  db: Kysely<DB>,
  actor: Actor,
  walk: Pick<ExportWalk, 'module' | 'where' | 'keyset'>,
  selections: ReadonlyMap<string, Source>,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Array<Row & { id: number }>> {
  const ctx: Ctx = { db, actor };
  const k = walk.keyset;
  const base = visibleRecords(db, actor, walk.module)
    .where(walk.where)
    .select([sql.ref(`${walk.module}.id`).as('id'), ...[...selections].map(([alias, source]) => source(ctx).as(alias)), ...sortValueSelections(k)]);
  const ordered = orderTerms(k).reduce((qb, t) => qb.orderBy(t.expr, t.direction), base);

  let cursor: string | null = null;
  do {
    const query = cursor ? ordered.where(afterKeyset(k, cursor)) : ordered;
    const rows = (await query.limit(pageSize + 1).execute()) as Array<Row & { id: number }>;
    const page = keysetPage(rows, pageSize, k);
    cursor = page.nextCursor;
    yield page.rows;
  } while (cursor);
}

/** How many records the walk will write (for a job's total and the XLSX row limit). */
export async function countExportRows(db: Kysely<DB>, actor: Actor, module: Module, where: RawBuilder<boolean>): Promise<number> {
  const r = await visibleRecords(db, actor, module)
    .where(where)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
