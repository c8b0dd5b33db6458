import { z } from 'zod';
import { idSchema } from './common.ts';
import { recordTagsInput } from './tags.ts';
import { fieldCode } from './field-errors.ts';

/**
 * Import (issue #15): a file goes in as a draft import (format, encoding, sheets, headers and a suggested mapping are
 * detected), the user adjusts the mapping and options, previews, then runs it as a background job. The shapes here are
 * shared by the server, the web wizard and the CLI.
 */

export const importModules = ['accounts', 'contacts', 'leads', 'deals'] as const;
export type ImportModule = (typeof importModules)[number];

export const importFormats = ['csv', 'xlsx', 'xml', 'vcard'] as const;
export type ImportFormat = (typeof importFormats)[number];

/**
 * What a column maps to. One string per target, so a mapping is a plain list:
 * - `field:<apiName>`: a standard field of the module (`field:firstName`, `field:industry`, `field:birthday`);
 * - `fullName`: a whole person's name, split into first and last name (contacts, leads);
 * - `email:<label>`, `phone:<label>`, `website:<label>`: a contact point with that label (`email:work`, `phone:mobile`);
 *   a cell may hold several values (`a@x.example ::: b@x.example`, `+1 555, +1 556`); `* ` before a label marks primary;
 * - `address:<label>:<part>`: part of an address (`street`, `city`, `region`, `postalCode`, `country`, `full`);
 * - `email#<n>:value` with `email#<n>:label` (and `phone#…`, `website#…`, `address#<n>:<part|label>`): numbered column
 *   groups whose label is in a column of its own (Google's `E-mail 1 - Label` / `E-mail 1 - Value`; Kontor's export);
 * - `company`: the account's name (contacts, deals, leads' company), `companySourceId`: the account's id in the source;
 * - `parent`: the parent account's name (accounts), `parentSourceId`: its id in the source;
 * - `primaryContact`: accounts: a contact's full name to create in the account (Dynamics' "Primary Contact");
 * - `sourceId`: the record's id in the source system (re-importing updates instead of duplicating);
 * - `tags`: tag names (split on `;`, `,` or ` ::: `), `owner`: a user's e-mail or name, `contactType`: its name;
 * - `custom:<key>`: a custom field.
 * `null` ignores the column.
 */
export const importTargetPattern =
  /^(field:[a-zA-Z]{1,40}|fullName|(email|phone|website):[\p{L}\p{N} _.-]{0,50}|address:[\p{L}\p{N} _.-]{0,50}:(street|city|region|postalCode|country|full)|(email|phone|website)#[1-9][0-9]?:(value|label)|address#[1-9][0-9]?:(label|street|city|region|postalCode|country|full)|company|companySourceId|parent|parentSourceId|primaryContact|sourceId|tags|owner|contactType|custom:[a-z][a-z0-9_]{0,49})$/u;
export const importTargetSchema = z.string().max(120).regex(importTargetPattern, fieldCode('unknown_import_target'));

/** A target the wizard offers, with the label it shows (English; the web app translates by `group` and `key`). */
export const importTargetOptionSchema = z.object({
  target: z.string(),
  group: z.enum(['field', 'name', 'email', 'phone', 'website', 'address', 'link', 'meta', 'custom']),
  label: z.string(),
});
export type ImportTargetOption = z.infer<typeof importTargetOptionSchema>;

export const dedupeModes = ['skip', 'update_empty', 'update_overwrite', 'create'] as const;
export type DedupeMode = (typeof dedupeModes)[number];
export const dedupeMatchers = ['email', 'phone', 'name_account'] as const;
export type DedupeMatcher = (typeof dedupeMatchers)[number];

/** How dates written with two numbers first are read (`03/04/2020`); `auto` guesses from the file's dates and headers. */
export const dateOrders = ['auto', 'dmy', 'mdy', 'ymd'] as const;

const regionSchema = z.string().regex(/^[A-Z]{2}$/, fieldCode('country_code'));

export const importColumnMappingSchema = z.object({
  column: z.number().int().min(0).max(16383),
  target: importTargetSchema.nullable(),
});
export type ImportColumnMapping = z.infer<typeof importColumnMappingSchema>;

export const importOptionsSchema = z
  .object({
    /** Applied where the file names none. */
    defaults: z
      .object({
        ownerId: idSchema.nullable().optional(),
        tags: recordTagsInput.optional(),
        contactType: idSchema.nullable().optional(),
      })
      .strict()
      .default({}),
    dedupe: z
      .object({
        mode: z.enum(dedupeModes).default('skip'),
        matchOn: z.array(z.enum(dedupeMatchers)).max(3).default(['email']),
      })
      .strict()
      .default({ mode: 'skip', matchOn: ['email'] }),
    /** Default country for national phone numbers (`0171 …` in a German file). */
    region: regionSchema.nullable().optional(),
    dateOrder: z.enum(dateOrders).default('auto'),
    /** XLSX: the sheet to read (default: the first visible one). */
    sheet: z.string().max(100).nullable().optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

export const importMappingSchema = z.array(importColumnMappingSchema).max(2000);

/** `PATCH /imports/{id}`: the mapping and the options, before the import runs. */
export const importUpdateSchema = z
  .object({ mapping: importMappingSchema.optional(), options: importOptionsSchema.optional(), templateId: idSchema.nullable().optional() })
  .strict();
export type ImportUpdate = z.input<typeof importUpdateSchema>;

/** `POST /imports/{id}/start`: run it (a dry run reads, converts and matches every row but writes nothing). */
export const importStartSchema = z.object({ dryRun: z.boolean().default(false) }).strict();

export const importStatuses = ['draft', 'queued', 'running', 'done', 'failed', 'cancelled', 'undoing', 'undone'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const importCountsSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Accounts the company column created. */
  accountsCreated: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** A row that was not imported as it stands: its line in the file, the column, and why. */
export const importProblemSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  /**
   * `skipped` rows are duplicates left alone; `failed` rows could not be read or stored; a `warning` is about a row that
   * was stored all the same (an owner the file names who is not a user here: the record went to the default owner).
   */
  outcome: z.enum(['failed', 'skipped', 'warning']),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importColumnSchema = z.object({
  column: z.number().int(),
  header: z.string(),
  /** The first non-empty values, as read. */
  samples: z.array(z.string()),
  target: z.string().nullable(),
});

export const importSchema = z.object({
  id: z.string(),
  module: z.enum(importModules),
  fileName: z.string(),
  fileSize: z.number().int(),
  format: z.enum(importFormats),
  /** What was detected: `utf-8`, `utf-16le`, `windows-1252`, `gbk`, …; null for XLSX. */
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  /** A known export layout the headers were recognised as (`outlook`, `google`, `zoho`, …), or null. */
  layout: z.string().nullable(),
  columns: z.array(importColumnSchema),
  options: importOptionsSchema,
  status: z.enum(importStatuses),
  dryRun: z.boolean(),
  counts: importCountsSchema,
  /** Progress of a running import. */
  progress: z
    .object({ processed: z.number().int(), total: z.number().int().nullable(), rowsPerSecond: z.number().nullable(), etaSeconds: z.number().nullable() })
    .nullable(),
  error: z.string().nullable(),
  user: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
  /** Whether the caller may undo it now (finished, not a dry run, not undone, by them or an administrator). */
  canUndo: z.boolean(),
});
export type Import = z.infer<typeof importSchema>;

/** `GET /imports/{id}/targets`: what the columns may map to for the import's module. */
export const importTargetsSchema = z.object({ data: z.array(importTargetOptionSchema) });

/** A row of the preview: what would be stored (as the record's create input would carry it) or why not. */
export const importPreviewRowSchema = z.object({
  line: z.number().int(),
  outcome: z.enum(['create', 'update', 'skip', 'fail']),
  /** The values as they will be stored: field -> display text (contact points as `value (label)` lines). */
  values: z.record(z.string(), z.string()),
  problems: z.array(importProblemSchema),
  /** The record an update or skip matched, when the reader may see it. */
  match: z.object({ id: z.string(), name: z.string(), reason: z.enum(['source_id', ...dedupeMatchers, 'in_file']) }).nullable(),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRowSchema>;
export const importPreviewSchema = z.object({ rows: z.array(importPreviewRowSchema), fields: z.array(z.object({ key: z.string(), label: z.string() })) });
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** A saved mapping (template) for a module: columns by header name, so it applies to any file with those headers. */
export const importTemplateInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    module: z.enum(importModules),
    columns: z.array(z.object({ header: z.string().max(500), target: importTargetSchema.nullable() })).max(2000),
    options: importOptionsSchema.optional(),
  })
  .strict();
export const importTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  module: z.enum(importModules),
  columns: z.array(z.object({ header: z.string(), target: z.string().nullable() })),
  options: importOptionsSchema,
  createdAt: z.string(),
});
export type ImportTemplate = z.infer<typeof importTemplateSchema>;

/** Upload limit for one import file. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;

/** `POST /imports?module=…` (the file is the multipart part `file`). */
export const importCreateQuerySchema = z.object({ module: z.enum(importModules) }).strict();
/** `GET /imports`: the history, newest first. */
export const importListQuerySchema = z
  .object({
    module: z.enum(importModules).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    // an id: hostile values beyond PostgreSQL's integer are refused here, not by the database
    cursor: idSchema.optional(),
  })
  .strict();
/** `GET /imports/{id}/problems`. */
export const importProblemsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: idSchema.optional(),
  })
  .strict();
/** `POST /imports/{id}/preview`. */
export const importPreviewRequestSchema = z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict();
export const importListSchema = z.object({ data: z.array(importSchema), nextCursor: z.string().nullable() });
export const importProblemListSchema = z.object({ data: z.array(importProblemSchema), nextCursor: z.string().nullable() });
export const importTemplateListSchema = z.object({ data: z.array(importTemplateSchema) });
export const importTemplateQuerySchema = z.object({ module: z.enum(importModules).optional() }).strict();
