import type { Generated, Selectable } from 'kysely';
import type { Timestamp } from './schema.ts';

/** The tables of issue #15 (migration 020): imports, their files, items, problems, source ids and saved mappings. */

export interface ImportsTable {
  id: Generated<number>;
  user_id: number;
  module: string;
  file_name: string;
  file_size: number;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  /** JSON `[{ name, hidden }]`. */
  sheets: Generated<string>;
  sheet: string | null;
  layout: string | null;
  /** JSON: the header cells. */
  headers: Generated<string>;
  /** JSON: per column, the first non-empty values as text. */
  samples: Generated<string>;
  /** JSON: per column, its target or null. */
  mapping: Generated<string>;
  /** JSON `ImportOptions`. */
  options: Generated<string>;
  status: string;
  dry_run: Generated<number>;
  job_id: number | null;
  /** Source entries whose outcome is committed (the resume point). */
  rows_done: Generated<number>;
  total_rows: number | null;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  accounts_created: Generated<number>;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  undone_at: Timestamp | null;
}

export interface ImportFileChunksTable {
  import_id: number;
  seq: number;
  data: Buffer;
}

export interface ImportItemsTable {
  import_id: number;
  module: string;
  record_id: number;
  /** `created` or `updated`. */
  action: string;
  /** Updated records: JSON of the columns (and points, tags) the import replaced. */
  before: string | null;
}

export interface ImportProblemsTable {
  id: Generated<number>;
  import_id: number;
  line: number;
  column_name: string | null;
  code: string;
  message: string;
  outcome: string;
}

export interface ImportSourceIdsTable {
  module: string;
  source_id: string;
  record_id: number;
  import_id: number | null;
}

export interface ImportTemplatesTable {
  id: Generated<number>;
  user_id: number;
  module: string;
  name: string;
  columns: string;
  options: Generated<string>;
  created_at: Timestamp;
}

export type ImportRow = Selectable<ImportsTable>;
export type ImportTemplateRow = Selectable<ImportTemplatesTable>;
