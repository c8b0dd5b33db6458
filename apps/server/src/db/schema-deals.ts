import type { Generated } from 'kysely';
import type { Flag, Stamped, Timestamp } from './schema.ts';

/** The tables of deals and pipelines (migration 008); `DB` in schema.ts lists them with the others. */

export interface PipelinesTable {
  id: Generated<number>;
  name: string;
  position: number;
  is_default: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PipelineStagesTable {
  id: Generated<number>;
  pipeline_id: number;
  name: string;
  position: number;
  probability: number;
}

export interface DealsTable extends Stamped {
  id: Generated<number>;
  name: string;
  name_sort: string;
  amount: number | null;
  currency: string;
  pipeline_id: number;
  stage_id: number;
  status: string;
  lost_reason: string | null;
  expected_close_date: string | null;
  closed_at: Timestamp | null;
  account_id: number | null;
  contact_id: number | null;
  owner_id: number | null;
  description: string | null;
  custom_fields: string;
  restricted: Generated<Flag>;
  deleted_at: Timestamp | null;
  deleted_by: number | null;
  /** Unused by deals (no photo); present so every record table has the columns the machinery reads. */
  photo_file_id: number | null;
}
