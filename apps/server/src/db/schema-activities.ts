import type { Generated } from 'kysely';
import type { Flag, Stamped, Timestamp } from './schema.ts';

/**
 * The tables of issue #10 (migration 009): activities and leads (record modules), notes and attachments on records,
 * the timeline, custom links and per-user preferences. `DB` in schema.ts lists them with the others.
 */

/** The columns every record table has for the machinery (owner, restriction, recycle bin, stamps, version). */
interface RecordColumns extends Stamped {
  owner_id: number | null;
  custom_fields: string;
  restricted: Generated<Flag>;
  photo_file_id: Generated<number | null>;
  deleted_at: Generated<Timestamp | null>;
  deleted_by: Generated<number | null>;
}

export interface ActivitiesTable extends RecordColumns {
  id: Generated<number>;
  type: string;
  subject: string;
  subject_sort: string;
  due_at: Timestamp | null;
  start_at: Timestamp | null;
  end_at: Timestamp | null;
  duration_minutes: number | null;
  all_day: Generated<Flag>;
  location: string | null;
  outcome: string | null;
  description: string | null;
  done: Generated<Flag>;
  done_at: Timestamp | null;
  /** When it happens: the start of a meeting or call, the due time of a task (the order of every activity list). */
  scheduled_at: Timestamp | null;
  account_id: number | null;
  contact_id: number | null;
  deal_id: number | null;
  lead_id: number | null;
}

export interface ActivityParticipantsTable {
  activity_id: number;
  user_id: number;
}

export interface LeadsTable extends RecordColumns {
  id: Generated<number>;
  first_name: string | null;
  last_name: string;
  name_sort: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  /** Migration 012: the phone in E.164 form when it can be read. */
  phone_e164: Generated<string | null>;
  position: string | null;
  source: string | null;
  status: string;
  description: string | null;
  converted_at: Timestamp | null;
  converted_contact_id: number | null;
  converted_account_id: number | null;
  converted_deal_id: number | null;
}

export interface NotesTable {
  id: Generated<number>;
  module: string;
  record_id: number;
  body: string;
  body_text: string;
  mentions: Generated<string>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
  version: Generated<number>;
}

export interface AttachmentsTable {
  id: Generated<number>;
  module: string;
  record_id: number;
  name: string;
  mime: string;
  size: number;
  /** `database` (attachment_chunks) or `folder` (storage_key under the storage folder). */
  storage: string;
  storage_key: string | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface AttachmentChunksTable {
  attachment_id: number;
  seq: number;
  data: Buffer;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  kind: string;
  /** The record whose visibility governs the event. */
  module: string;
  record_id: number;
  /** The note, attachment or activity the event is about, when it is not the record itself. */
  item_type: string | null;
  item_id: number | null;
  account_id: number | null;
  contact_id: number | null;
  deal_id: number | null;
  lead_id: number | null;
  details: string;
}

export interface CustomLinksTable {
  id: Generated<number>;
  module: string;
  label: string;
  url_template: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserPreferencesTable {
  user_id: number;
  key: string;
  value: string;
  updated_at: Timestamp;
}
