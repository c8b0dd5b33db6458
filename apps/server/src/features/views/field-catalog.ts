import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CustomFieldDefinition, CustomFieldType, Module } from '@kontor/contract/custom-fields';
import { columnSortKeys, defaultListColumns, listColumns, operatorsByType, type FilterField, type FilterFieldType, type FilterFieldsResponse, type FilterOperator } from '@kontor/contract/views';
import type { DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { FieldDescriptor } from '../records/descriptor.ts';
import { descriptorOf } from '../records/registry.ts';
import { relatedFields, type RelatedField } from './related-fields.ts';

/**
 * What a module's filter offers (issue #13): every standard field of its descriptor, every custom field, the tags,
 * and the related-record conditions of `related-fields.ts`. Filters, views, mass actions and exports read this one
 * catalogue, so an unknown field or operator is refused the same way everywhere.
 */
export interface CatalogField extends FilterField {
  /** A field stored on the row: its value as SQL over the module's table. */
  value?: (db: Kysely<DB>) => RawBuilder<unknown>;
  /** A field that is a condition itself (tags, related records). */
  related?: RelatedField;
}

const typeOfField = (f: FieldDescriptor): FilterFieldType => {
  switch (f.type) {
    case 'longtext':
      return 'text';
    case 'integer':
      return 'number';
    case 'picklist':
      return f.options ? 'picklist' : 'text';
    case 'reference':
      return f.references === 'users' ? 'user' : 'reference';
    default:
      return f.type;
  }
};

const customType: Record<CustomFieldType, FilterFieldType> = {
  text: 'text',
  longtext: 'text',
  url: 'text',
  email: 'text',
  phone: 'text',
  number: 'number',
  currency: 'number',
  date: 'date',
  checkbox: 'boolean',
  picklist: 'picklist',
  multiselect: 'multiselect',
};

/** A custom field's value on the row: text on both engines, a number for number fields. */
export function customFieldValue(db: Kysely<DB>, module: Module, key: string, type: FilterFieldType): RawBuilder<unknown> {
  const col = sql.ref(`${module}.custom_fields`);
  const k = sql.lit(key);
  if (isSqlite(db)) return sql`json_extract(${col}, ${sql.lit(`$.${key}`)})`;
  if (type === 'number') return sql`(case when jsonb_typeof(${col}::jsonb -> ${k}) = 'number' then (${col}::jsonb ->> ${k})::double precision end)`;
  if (type === 'boolean') return sql`(case (${col}::jsonb -> ${k}) when 'true'::jsonb then 1 when 'false'::jsonb then 0 end)`;
  return sql`(${col}::jsonb ->> ${k})`;
}

function standardFields(module: Module): CatalogField[] {
  const d = descriptorOf(module);
  const sortable = new Set(Object.keys(d.sortColumns));
  return Object.entries(d.fields).map(([key, f]): CatalogField => {
    const type = typeOfField(f);
    const references = f.references ?? (key === 'stageId' ? 'pipeline_stages' : key === 'pipelineId' ? 'pipelines' : undefined);
    return {
      key,
      label: null,
      type,
      operators: [...operatorsByType[type]],
      ...(f.options && { options: [...f.options] }),
      ...(references && { references }),
      custom: false,
      sortable: sortable.has(key),
      value: () => sql.ref(f.column),
    };
  });
}

/** Row columns a filter offers that the descriptor does not list as editable fields (kept by the machinery). */
const rowFields: Partial<Record<Module, Record<string, { column: string; type: FilterFieldType }>>> = {
  accounts: {
    primaryEmail: { column: 'accounts.primary_email', type: 'text' },
    primaryPhone: { column: 'accounts.primary_phone', type: 'text' },
    lastActivityAt: { column: 'accounts.last_activity_at', type: 'datetime' },
    nextActivityAt: { column: 'accounts.next_activity_at', type: 'datetime' },
  },
  contacts: {
    primaryEmail: { column: 'contacts.primary_email', type: 'text' },
    primaryPhone: { column: 'contacts.primary_phone', type: 'text' },
  },
  activities: { scheduledAt: { column: 'activities.scheduled_at', type: 'datetime' } },
};

const extraRowFields = (module: Module): CatalogField[] =>
  Object.entries(rowFields[module] ?? {}).map(([key, f]) => ({
    key,
    label: null,
    type: f.type,
    operators: [...operatorsByType[f.type]],
    custom: false,
    sortable: key in descriptorOf(module).sortColumns,
    value: () => sql.ref(f.column),
  }));

const stampFields = (module: Module): CatalogField[] =>
  (['createdBy', 'updatedBy'] as const).map((key) => ({
    key,
    label: null,
    type: 'user',
    operators: [...operatorsByType.user],
    references: 'users',
    custom: false,
    sortable: false,
    value: () => sql.ref(`${module}.${key === 'createdBy' ? 'created_by' : 'updated_by'}`),
  }));

/** A multiselect custom field holds a JSON array: "any of" / "none of" test its elements. */
function multiselectCondition(module: Module, key: string): RelatedField['condition'] {
  return ({ db }, op, value) => {
    const col = sql.ref(`${module}.custom_fields`);
    const values = Array.isArray(value) ? value.map(String) : [];
    const from = isSqlite(db)
      ? sql`json_each(${col}, ${sql.lit(`$.${key}`)}) as j`
      : sql`jsonb_array_elements_text(case when jsonb_typeof(${col}::jsonb -> ${sql.lit(key)}) = 'array' then ${col}::jsonb -> ${sql.lit(key)} else '[]'::jsonb end) as j(v)`;
    const element = isSqlite(db) ? sql`j.value` : sql`j.v`;
    const any = sql<boolean>`exists (select 1 from ${from} where ${element} in (${sql.join(values)}))`;
    const has = sql<boolean>`exists (select 1 from ${from})`;
    if (op === 'isEmpty') return sql<boolean>`not ${has}`;
    if (op === 'isNotEmpty') return has;
    return op === 'anyOf' ? any : sql<boolean>`not ${any}`;
  };
}

function customFields(db: Kysely<DB>, module: Module, defs: CustomFieldDefinition[]): CatalogField[] {
  return defs.map((def) => {
    const type = customType[def.type];
    const field: FilterField = { key: `customFields.${def.key}`, label: def.label, type, operators: [...operatorsByType[type]], ...(def.options.length > 0 && { options: def.options }), custom: true, sortable: false };
    if (type === 'multiselect') return { ...field, related: { field, condition: multiselectCondition(module, def.key) } };
    return {
      key: `customFields.${def.key}`,
      label: def.label,
      type,
      operators: [...operatorsByType[type]],
      ...(def.options.length > 0 && { options: def.options }),
      custom: true,
      sortable: false,
      value: (d: Kysely<DB>) => customFieldValue(d, module, def.key, type),
    };
  });
}

/** The module's filter fields, custom fields included (from the configuration cache: no statement once warm). */
export async function catalogOf(db: Kysely<DB>, module: Module): Promise<Map<string, CatalogField>> {
  const defs = await listCustomFields(db, module);
  const related = relatedFields(module).map((r): CatalogField => ({ ...r.field, related: r }));
  const all = [...standardFields(module), ...extraRowFields(module), ...stampFields(module), ...related, ...customFields(db, module, defs)];
  return new Map(all.map((f) => [f.key, f]));
}

/** `GET /api/v1/views/fields?module=`: the filter fields, the list columns and the default columns. */
export async function filterFields(db: Kysely<DB>, module: Module): Promise<FilterFieldsResponse> {
  const catalog = await catalogOf(db, module);
  const fields = [...catalog.values()].map(({ value: _v, related: _r, ...f }) => f);
  const custom = fields.filter((f) => f.custom).map((f) => f.key);
  return { fields, columns: [...listColumns[module], ...custom], defaultColumns: [...defaultListColumns[module]] };
}

/** Column keys a list or export of the module may name. */
export async function columnKeysOf(db: Kysely<DB>, module: Module): Promise<string[]> {
  return (await filterFields(db, module)).columns;
}

export const sortKeyOfColumn = (module: Module, column: string): string | undefined => columnSortKeys[module][column];
export type { FilterOperator };
