import type { Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

/** The tables of the search index (issue #12, migration 013). `DB` in schema.ts lists them with the others. */

/** One searchable record (migration 013): display columns, then the folded, space-padded fields. */
export interface SearchDocumentsTable {
  id: Generated<number>;
  module: string;
  record_id: number;
  owner_id: number | null;
  title: string;
  display_email: string | null;
  display_phone: string | null;
  account_id: number | null;
  company_name: string | null;
  updated_at: Timestamp;
  name: string;
  company: string;
  position: string;
  email: string;
  phone: string;
  website: string;
  city: string;
  tag: string;
}

export interface SearchPendingTable {
  module: string;
  record_id: number;
}

export interface SearchWordsTable {
  id: Generated<number>;
  word: string;
}
