import { z } from 'zod';
import { idSchema, userRefSchema, versionSchema, nameText } from './common.ts';
import { modules } from './custom-fields.ts';
import { fieldCode } from './field-errors.ts';

/**
 * List views (issue #13): filters, multi-column sort, visible columns and page size per module, personal or shared,
 * plus the system views every user has. Every record list (`GET /api/v1/{module}`) takes a `view` id and/or an inline
 * `filter` (this file's `filterSchema` as JSON), `sort` (up to three keys, `-` for descending) and `cursor`.
 */

// ---- filters -----------------------------------------------------------------------------------------------------

/** Every operator; which ones a field offers follows from its type (`operatorsByType`). */
export const filterOperators = [
  'is',
  'isNot',
  'contains',
  'notContains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'inLast',
  'notInLast',
  'before',
  'after',
  'anyOf',
  'noneOf',
] as const;
export type FilterOperator = (typeof filterOperators)[number];

/**
 * What a filterable field holds, as the filter sees it. `user`: a user id, or `me` / `myTeam` (the reader and the
 * users below them in the role hierarchy). `tags`: tag names. `exists`: a related-record condition that is true or not
 * (`is` true/false), such as "has an open deal".
 */
export const filterFieldTypes = ['text', 'number', 'date', 'datetime', 'boolean', 'picklist', 'multiselect', 'user', 'reference', 'tags'] as const;
export type FilterFieldType = (typeof filterFieldTypes)[number];

const emptiness = ['isEmpty', 'isNotEmpty'] as const;
export const operatorsByType: Record<FilterFieldType, readonly FilterOperator[]> = {
  text: ['is', 'isNot', 'contains', 'notContains', 'startsWith', 'anyOf', 'noneOf', ...emptiness],
  number: ['is', 'isNot', 'gt', 'gte', 'lt', 'lte', 'between', ...emptiness],
  date: ['is', 'before', 'after', 'between', 'inLast', 'notInLast', ...emptiness],
  datetime: ['is', 'before', 'after', 'between', 'inLast', 'notInLast', ...emptiness],
  boolean: ['is'],
  picklist: ['is', 'isNot', 'anyOf', 'noneOf', ...emptiness],
  multiselect: ['anyOf', 'noneOf', ...emptiness],
  user: ['is', 'isNot', 'anyOf', 'noneOf', ...emptiness],
  reference: ['is', 'isNot', 'anyOf', 'noneOf', ...emptiness],
  tags: ['anyOf', 'noneOf', ...emptiness],
};

/** Operators that take no value, and those that take a list (`between`: exactly two). */
export const valuelessOperators: readonly FilterOperator[] = ['isEmpty', 'isNotEmpty'];
export const listOperators: readonly FilterOperator[] = ['anyOf', 'noneOf', 'between'];

const NUL = new RegExp(String.fromCharCode(0));
const scalar = z.union([
  z.string().max(500).refine((v) => !NUL.test(v), fieldCode('nul')),
  z.number().finite(),
  z.boolean(),
]);
export type FilterScalar = z.infer<typeof scalar>;
export const filterValueSchema = z.union([scalar, z.array(scalar).max(500, fieldCode('max_values')), z.null()]);
export type FilterValue = z.infer<typeof filterValueSchema>;

/** One condition: a field, an operator and (unless the operator needs none) a value. */
export const filterConditionSchema = z
  .object({
    field: z.string().min(1).max(80),
    op: z.enum(filterOperators),
    value: filterValueSchema.optional(),
  })
  .strict();
export type FilterCondition = z.infer<typeof filterConditionSchema>;

export const filterMatch = ['all', 'any'] as const;
/** A group of conditions joined by AND (`all`) or OR (`any`). */
export const filterSubgroupSchema = z
  .object({ match: z.enum(filterMatch), conditions: z.array(filterConditionSchema).max(20, fieldCode('max_conditions')) })
  .strict();
export type FilterSubgroup = z.infer<typeof filterSubgroupSchema>;

/** The whole filter: conditions and groups of conditions (one level of nesting: "A and (B or C)"). */
export const filterSchema = z
  .object({
    match: z.enum(filterMatch).default('all'),
    conditions: z.array(z.union([filterConditionSchema, filterSubgroupSchema])).max(20, fieldCode('max_conditions')),
  })
  .strict();
export type Filter = z.infer<typeof filterSchema>;
export type FilterInput = z.input<typeof filterSchema>;
export const isSubgroup = (c: FilterCondition | FilterSubgroup): c is FilterSubgroup => 'conditions' in c;
export const emptyFilter: Filter = { match: 'all', conditions: [] };

/** A field the filter of a module offers (`GET /api/v1/views/fields?module=`). */
export const filterFieldSchema = z.object({
  key: z.string(),
  /** Custom fields carry their label; standard fields are labelled by the web app from `key`. */
  label: z.string().nullable(),
  type: z.enum(filterFieldTypes),
  operators: z.array(z.enum(filterOperators)),
  /** Picklist and multiselect options. */
  options: z.array(z.string()).optional(),
  /** For `reference`: the module (or `contact_types`, `pipeline_stages`, `pipelines`) an id points at. */
  references: z.string().optional(),
  custom: z.boolean(),
  /** The field can be a list column (and be exported); sort keys are in `sortable`. */
  sortable: z.boolean(),
});
export type FilterField = z.infer<typeof filterFieldSchema>;
export const filterFieldsResponseSchema = z.object({ fields: z.array(filterFieldSchema), columns: z.array(z.string()), defaultColumns: z.array(z.string()) });
export type FilterFieldsResponse = z.infer<typeof filterFieldsResponseSchema>;

// ---- list parameters shared by every record list ------------------------------------------------------------------

/** At most three sort keys, comma-separated, `-` for descending: `lastName,-createdAt`. */
export const MAX_SORT_KEYS = 3;
export function sortListParam(fields: readonly string[]) {
  return z
    .string()
    .max(200)
    .superRefine((s, ctx) => {
      const keys = s.split(',').map((k) => k.trim().replace(/^-/, ''));
      const bad = keys.find((k) => !(fields as readonly string[]).includes(k));
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: fieldCode('sort_field'), params: { allowed: fields.join(', ') } });
      else if (keys.length > MAX_SORT_KEYS) ctx.addIssue({ code: 'custom', message: fieldCode('max_sort_keys'), params: { max: MAX_SORT_KEYS } });
      else if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: fieldCode('sort_key_twice') });
    });
}

/** A view id: a saved view's id, or `system.<key>`. */
export const viewIdSchema = z.union([idSchema, z.string().regex(/^system\.[a-z-]{1,40}$/, fieldCode('view_id'))]);

/** What every record list accepts besides its own quick filters: a view, an inline filter (JSON), the A-Z index. */
export const viewListParams = {
  view: viewIdSchema.optional(),
  /** `filterSchema` as JSON; combined with the view's filter by AND. */
  filter: z.string().max(20_000).optional(),
};

/** The A-Z index: a letter (any script, folded), `0-9` or `#` (everything else). */
export const letterParam = z
  .string()
  .max(3)
  .refine((v) => v === '#' || v === '0-9' || /^\p{L}$/u.test(v), fieldCode('letter'))
  .optional();

// ---- views -------------------------------------------------------------------------------------------------------

export const systemViewKeys = ['all', 'mine', 'new-this-week', 'new-last-week', 'unread', 'recently-viewed', 'customers'] as const;
export type SystemViewKey = (typeof systemViewKeys)[number];
export const viewKinds = ['system', 'personal', 'shared'] as const;
export const viewModules = modules;

export const MAX_VIEW_COLUMNS = 40;
const columnKey = z.string().min(1).max(80);
export const viewSettingsShape = {
  filter: filterSchema.default(emptyFilter),
  sort: z.array(z.string().max(80)).max(MAX_SORT_KEYS).default([]),
  columns: z.array(columnKey).max(MAX_VIEW_COLUMNS).default([]),
  /** Column widths in px chosen by resizing. */
  columnWidths: z.record(columnKey, z.number().int().min(40).max(1200)).default({}),
  pageSize: z.number().int().min(10).max(200).default(50),
};

export const viewSchema = z.object({
  /** A saved view's id or `system.<key>`. */
  id: z.string(),
  module: z.enum(modules),
  kind: z.enum(viewKinds),
  /** System views: their key (the web app names them in the user's language). */
  systemKey: z.enum(systemViewKeys).nullable(),
  name: z.string(),
  filter: filterSchema,
  sort: z.array(z.string()),
  columns: z.array(z.string()),
  columnWidths: z.record(z.string(), z.number()),
  pageSize: z.number().int(),
  owner: userRefSchema,
  /** The reader's default view for this module. */
  isDefault: z.boolean(),
  /** The reader may change or delete it (its owner, or an administrator for shared views). */
  editable: z.boolean(),
  version: z.number().int(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type View = z.infer<typeof viewSchema>;

export const viewCreateSchema = z
  .object({
    module: z.enum(modules),
    name: nameText(100),
    shared: z.boolean().default(false),
    ...viewSettingsShape,
  })
  .strict();
export type ViewCreate = z.input<typeof viewCreateSchema>;
export const viewUpdateSchema = z
  .object({
    name: nameText(100).optional(),
    shared: z.boolean().optional(),
    filter: filterSchema.optional(),
    sort: viewSettingsShape.sort.unwrap().optional(),
    columns: viewSettingsShape.columns.unwrap().optional(),
    columnWidths: viewSettingsShape.columnWidths.unwrap().optional(),
    pageSize: viewSettingsShape.pageSize.unwrap().optional(),
    version: versionSchema,
  })
  .strict();
export type ViewUpdate = z.input<typeof viewUpdateSchema>;
export const viewListQuerySchema = z.object({ module: z.enum(modules) }).strict();
export const viewListResponseSchema = z.object({ data: z.array(viewSchema), defaultViewId: z.string() });
export const defaultViewSchema = z.object({ viewId: viewIdSchema.nullable() }).strict();

// ---- mass actions and jobs ---------------------------------------------------------------------------------------

/** Which records a mass action or an export takes: the ids picked, or the whole filtered result of a list. */
export const selectionSchema = z.union([
  z.object({ ids: z.array(idSchema).min(1).max(1000, fieldCode('max_ids')) }).strict(),
  z
    .object({
      all: z.literal(true),
      view: viewIdSchema.optional(),
      filter: filterSchema.optional(),
      q: z.string().trim().max(100).optional(),
      letter: letterParam,
    })
    .strict(),
]);
export type Selection = z.infer<typeof selectionSchema>;

export const bulkActions = ['delete', 'transferOwner', 'updateField', 'addTags', 'removeTags', 'setContactType'] as const;
export type BulkAction = (typeof bulkActions)[number];
const tagList = z.array(z.string().trim().min(1).max(50)).min(1).max(20);
export const bulkRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('delete'), selection: selectionSchema }).strict(),
  z.object({ action: z.literal('transferOwner'), selection: selectionSchema, ownerId: idSchema }).strict(),
  z.object({ action: z.literal('updateField'), selection: selectionSchema, field: z.string().min(1).max(80), value: filterValueSchema }).strict(),
  z.object({ action: z.literal('addTags'), selection: selectionSchema, tags: tagList }).strict(),
  z.object({ action: z.literal('removeTags'), selection: selectionSchema, tags: tagList }).strict(),
  z.object({ action: z.literal('setContactType'), selection: selectionSchema, contactTypeId: idSchema.nullable() }).strict(),
]);
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const jobKinds = ['bulk', 'export', 'import', 'import_undo'] as const;
export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];
/** A record a job left alone, and why (`forbidden`: the user may not change it; `not_found`: gone meanwhile). */
export const jobSkipSchema = z.object({ id: z.string(), name: z.string().nullable(), code: z.string(), message: z.string() });
export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(jobKinds),
  module: z.enum(modules),
  /** The mass action, or the export format. */
  action: z.string(),
  status: z.enum(jobStatuses),
  total: z.number().int().nullable(),
  processed: z.number().int(),
  succeeded: z.number().int(),
  skipped: z.number().int(),
  /** The first skipped records with their reasons (at most 100; `skipped` counts them all). */
  skips: z.array(jobSkipSchema),
  error: z.string().nullable(),
  /** Exports: where the finished file is. */
  downloadUrl: z.string().nullable(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Seconds left at the current pace, while running. */
  etaSeconds: z.number().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

// ---- export ------------------------------------------------------------------------------------------------------

/** `vcf`: vCard 4.0, accounts (`KIND:org` cards) and contacts only (issue #15). */
export const exportFormats = ['csv', 'xlsx', 'vcf'] as const;
/**
 * `columns`: the chosen list columns (issue #13). `full`: every field, custom field, tag and contact point in a layout
 * an import maps back by itself (issue #15; docs/API.md "Export").
 */
export const exportLayouts = ['columns', 'full'] as const;
export type ExportLayout = (typeof exportLayouts)[number];
export const csvDelimiters = { comma: ',', semicolon: ';', tab: '\t' } as const;
export const exportOptionsShape = {
  format: z.enum(exportFormats).default('csv'),
  layout: z.enum(exportLayouts).default('columns'),
  delimiter: z.enum(['comma', 'semicolon', 'tab']).default('comma'),
  /** A UTF-8 byte order mark, for Excel on Windows. */
  bom: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Columns to export in order, comma-separated (default: the view's columns). */
  columns: z.string().max(4000).optional(),
};
/** `GET /api/v1/{module}/export`: streams the view's rows as a file. */
export const exportQuerySchema = z
  .object({ ...exportOptionsShape, ...viewListParams, sort: z.string().max(200).optional(), q: z.string().trim().max(100).optional(), letter: letterParam })
  .strict();
/** `POST /api/v1/{module}/export`: the same as a job, for large sets. */
export const exportJobRequestSchema = z
  .object({
    selection: selectionSchema,
    format: z.enum(exportFormats).default('csv'),
    layout: z.enum(exportLayouts).default('columns'),
    delimiter: z.enum(['comma', 'semicolon', 'tab']).default('comma'),
    bom: z.boolean().default(false),
    columns: z.array(columnKey).max(MAX_VIEW_COLUMNS).optional(),
    sort: z.string().max(200).optional(),
  })
  .strict();

// ---- columns -----------------------------------------------------------------------------------------------------

/**
 * The columns a list (and an export, and a print) can show, by list-item key; custom fields add `customFields.<key>`.
 * `defaultListColumns` are what a list shows without a view choosing; `columnSortKeys` the sort key behind a column.
 */
export const listColumns = {
  accounts: ['name', 'primaryEmail', 'primaryPhone', 'website', 'phone', 'billingCity', 'billingCountry', 'industry', 'accountType', 'rating', 'employees', 'annualRevenue', 'owner', 'contactType', 'tags', 'parentAccountName', 'isCustomer', 'createdAt', 'updatedAt'],
  contacts: ['fullName', 'salutation', 'firstName', 'lastName', 'accountName', 'position', 'department', 'primaryEmail', 'primaryPhone', 'emailOptOut', 'owner', 'contactType', 'tags', 'createdAt', 'updatedAt'],
  deals: ['name', 'accountName', 'contactName', 'amount', 'currency', 'pipelineName', 'stageName', 'probability', 'status', 'lostReason', 'expectedCloseDate', 'closedAt', 'owner', 'tags', 'createdAt', 'updatedAt'],
  leads: ['fullName', 'firstName', 'lastName', 'company', 'email', 'phone', 'position', 'source', 'status', 'owner', 'tags', 'convertedAt', 'createdAt', 'updatedAt'],
  activities: ['subject', 'type', 'scheduledAt', 'dueAt', 'startAt', 'endAt', 'durationMinutes', 'allDay', 'location', 'outcome', 'done', 'doneAt', 'account', 'contact', 'deal', 'lead', 'owner', 'tags', 'createdAt', 'updatedAt'],
} as const satisfies Record<(typeof modules)[number], readonly string[]>;
export const defaultListColumns = {
  accounts: ['name', 'primaryEmail', 'primaryPhone', 'website', 'billingCity', 'industry', 'accountType', 'owner', 'contactType', 'tags'],
  contacts: ['fullName', 'accountName', 'position', 'primaryEmail', 'primaryPhone', 'owner', 'contactType', 'tags'],
  deals: ['name', 'accountName', 'amount', 'stageName', 'status', 'expectedCloseDate', 'owner', 'tags'],
  leads: ['fullName', 'company', 'email', 'phone', 'status', 'source', 'owner', 'createdAt', 'tags'],
  activities: ['subject', 'type', 'scheduledAt', 'done', 'account', 'contact', 'owner'],
} as const satisfies Record<(typeof modules)[number], readonly string[]>;
export const columnSortKeys: Record<(typeof modules)[number], Record<string, string>> = {
  accounts: { name: 'name', createdAt: 'createdAt', updatedAt: 'updatedAt', employees: 'employees', annualRevenue: 'annualRevenue', industry: 'industry', accountType: 'accountType', website: 'website', phone: 'phone' },
  contacts: { fullName: 'lastName', lastName: 'lastName', firstName: 'firstName', position: 'position', department: 'department', createdAt: 'createdAt', updatedAt: 'updatedAt' },
  deals: { name: 'name', amount: 'amount', expectedCloseDate: 'expectedCloseDate', createdAt: 'createdAt', updatedAt: 'updatedAt' },
  leads: { fullName: 'name', createdAt: 'createdAt', updatedAt: 'updatedAt' },
  activities: { subject: 'subject', scheduledAt: 'scheduledAt', doneAt: 'doneAt', createdAt: 'createdAt', updatedAt: 'updatedAt' },
};

/**
 * A list's query string: its own parameters plus the view parameters; any other parameter is a 400 that names the
 * allowed ones (a misspelt `?createdAfter=` must not silently answer everything).
 */
export function listQuerySchema<S extends z.ZodRawShape>(shape: S) {
  const full = { ...shape, ...viewListParams, letter: letterParam };
  const allowed = Object.keys(full).sort().join(', ');
  return z.strictObject(full, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown parameter ${iss.keys.join(', ')}; a list takes: ${allowed} (filter any field with filter=)` : undefined),
  });
}
