import type { Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

/** The tables of issue #13 (migrations 014-015): saved views, record visits, background jobs and their files. `DB` in schema.ts lists them with the others. */

/** Migration 015: background jobs (mass actions, exports) and the files they write. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  module: string;
  action: string;
  user_id: number;
  status: string;
  payload: Generated<string>;
  total: number | null;
  processed: Generated<number>;
  succeeded: Generated<number>;
  skipped: Generated<number>;
  /** The first skipped records with their reasons, as JSON. */
  skips: Generated<string>;
  error: string | null;
  attempts: Generated<number>;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
}

export interface JobFileChunksTable {
  job_id: number;
  seq: number;
  data: Buffer;
}

export interface ViewsTable {
  id: Generated<number>;
  module: string;
  name: string;
  owner_id: number;
  shared: number;
  filter: string;
  sort: string;
  columns: string;
  column_widths: string;
  page_size: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface RecordVisitsTable {
  user_id: number;
  module: string;
  record_id: number;
  visited_at: string;
}
