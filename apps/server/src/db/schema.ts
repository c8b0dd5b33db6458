import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ActivitiesTable,
  ActivityParticipantsTable,
  AttachmentChunksTable,
  AttachmentsTable,
  CustomLinksTable,
  LeadsTable,
  NotesTable,
  TimelineEventsTable,
  UserPreferencesTable,
} from './schema-activities.ts';

export type * from './schema-activities.ts';
export type * from './schema-imports.ts';
export type * from './schema-views.ts';
export type * from './schema-search.ts';
export type * from './schema-duplicates.ts';
export type * from './schema-deals.ts';
import type { DealsTable, PipelineStagesTable, PipelinesTable } from './schema-deals.ts';
import type { DuplicateClustersTable, DuplicateDismissalsTable, DuplicateKeysTable, DuplicateMembersTable, DuplicatePairsTable, DuplicatePendingTable, MergesTable } from './schema-duplicates.ts';
import type { SearchDocumentsTable, SearchPendingTable, SearchWordsTable } from './schema-search.ts';
import type { JobFileChunksTable, JobsTable, RecordVisitsTable, ViewsTable } from './schema-views.ts';
import type { ImportFileChunksTable, ImportItemsTable, ImportProblemsTable, ImportSourceIdsTable, ImportTemplatesTable, ImportsTable } from './schema-imports.ts';

/** Booleans are stored as 0/1 and timestamps as ISO-8601 UTC text on both engines (see docs/ARCHITECTURE.md). */
export type Flag = number;
export type Timestamp = string;

export interface Stamped {
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  /** The language the user chose; null until they choose one (the organisation's default applies meanwhile; migration 019). */
  locale: string | null;
  active: Flag;
  profile_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  scope: Generated<string>;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface ContactTypesTable {
  id: Generated<number>;
  name: string;
  color: string;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  color: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecordTagsTable {
  module: string;
  record_id: number;
  tag_id: number;
}

export interface CustomFieldDefsTable {
  id: Generated<number>;
  module: string;
  key: string;
  label: string;
  type: string;
  options: string;
  required: Flag;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FilesTable {
  id: Generated<number>;
  content: Buffer;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  created_at: Timestamp;
  created_by: number | null;
}

export interface AccountsTable extends Stamped {
  id: Generated<number>;
  name: string;
  name_sort: string;
  owner_id: number | null;
  parent_account_id: number | null;
  /** Copy of the primary website contact point (migration 018; written by `primaryValues` only). */
  website: string | null;
  ticker_symbol: string | null;
  account_number: string | null;
  account_site: string | null;
  /** Copy of the primary phone contact point, as `primary_phone` is (migration 018; written by `primaryValues` only). */
  phone: string | null;
  fax: string | null;
  industry: string | null;
  ownership: string | null;
  account_type: string | null;
  rating: string | null;
  employees: number | null;
  annual_revenue: number | null;
  billing_street: Generated<string>;
  billing_city: Generated<string>;
  billing_region: Generated<string>;
  billing_postal_code: Generated<string>;
  billing_country: Generated<string>;
  shipping_street: Generated<string>;
  shipping_city: Generated<string>;
  shipping_region: Generated<string>;
  shipping_postal_code: Generated<string>;
  shipping_country: Generated<string>;
  description: string | null;
  contact_type_id: number | null;
  custom_fields: string;
  photo_file_id: number | null;
  primary_email: string | null;
  primary_phone: string | null;
  restricted: Generated<Flag>;
  deleted_at: Timestamp | null;
  deleted_by: number | null;
  /** The survivor of the merge that made this record a tombstone (migration 021). */
  merged_into_id: Generated<number | null>;
  /** Maintained by every activity write (migration 009): the earliest open activity, the last completed one. */
  next_activity_id: Generated<number | null>;
  next_activity_at: Generated<Timestamp | null>;
  last_activity_at: Generated<Timestamp | null>;
}

export interface ContactsTable extends Stamped {
  id: Generated<number>;
  salutation: string | null;
  first_name: string | null;
  last_name: string | null;
  sort_name: string;
  position: string | null;
  department: string | null;
  birthday: string | null;
  email_opt_out: Generated<Flag>;
  lead_source: string | null;
  description: string | null;
  owner_id: number | null;
  account_id: number | null;
  contact_type_id: number | null;
  custom_fields: string;
  photo_file_id: number | null;
  primary_email: string | null;
  primary_phone: string | null;
  deleted_at: Timestamp | null;
  deleted_by: number | null;
  deleted_with_account_id: number | null;
  restricted: Generated<Flag>;
  /** The survivor of the merge that made this record a tombstone (migration 021). */
  merged_into_id: Generated<number | null>;
}

export interface ContactPointsTable {
  id: Generated<number>;
  module: string;
  record_id: number;
  kind: string;
  label: string;
  value: string;
  e164: string | null;
  street: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  is_primary: Flag;
  position: number;
}

export interface ProfilesTable {
  id: Generated<number>;
  key: string;
  name: string;
  builtin: Flag;
  rights: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RolesTable {
  id: Generated<number>;
  key: string;
  name: string;
  parent_id: number | null;
  builtin: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RecordAccessTable {
  module: string;
  record_id: number;
  user_id: number;
}

export interface RecordSharesTable {
  id: Generated<number>;
  module: string;
  record_id: number;
  user_id: number | null;
  role_id: number | null;
  access: string;
  created_at: Timestamp;
  created_by: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  ip: string | null;
}

export interface LoginFailuresTable {
  key: string;
  count: number;
  window_start: Timestamp;
}

export interface UserInvitesTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  created_by: number | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
}

export interface MigrationsTable {
  id: string;
  applied_at: Timestamp;
}

/** Migration 012: state every server process shares (features/cache, the API rate limit). */
export interface ConfigGenerationTable {
  id: number;
  value: number;
}

export interface RateLimitHitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface DB {
  views: ViewsTable;
  record_visits: RecordVisitsTable;
  search_documents: SearchDocumentsTable;
  search_pending: SearchPendingTable;
  search_words: SearchWordsTable;
  config_generation: ConfigGenerationTable;
  rate_limit_hits: RateLimitHitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  contact_types: ContactTypesTable;
  tags: TagsTable;
  record_tags: RecordTagsTable;
  custom_field_defs: CustomFieldDefsTable;
  files: FilesTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  contact_points: ContactPointsTable;
  kontor_migrations: MigrationsTable;
  profiles: ProfilesTable;
  roles: RolesTable;
  record_access: RecordAccessTable;
  record_shares: RecordSharesTable;
  audit_log: AuditLogTable;
  login_failures: LoginFailuresTable;
  user_invites: UserInvitesTable;
  pipelines: PipelinesTable;
  pipeline_stages: PipelineStagesTable;
  deals: DealsTable;
  activities: ActivitiesTable;
  activity_participants: ActivityParticipantsTable;
  leads: LeadsTable;
  notes: NotesTable;
  attachments: AttachmentsTable;
  attachment_chunks: AttachmentChunksTable;
  timeline_events: TimelineEventsTable;
  custom_links: CustomLinksTable;
  user_preferences: UserPreferencesTable;
  jobs: JobsTable;
  job_file_chunks: JobFileChunksTable;
  imports: ImportsTable;
  import_file_chunks: ImportFileChunksTable;
  import_items: ImportItemsTable;
  import_problems: ImportProblemsTable;
  import_source_ids: ImportSourceIdsTable;
  import_templates: ImportTemplatesTable;
  duplicate_keys: DuplicateKeysTable;
  duplicate_pending: DuplicatePendingTable;
  duplicate_pairs: DuplicatePairsTable;
  duplicate_clusters: DuplicateClustersTable;
  duplicate_members: DuplicateMembersTable;
  duplicate_dismissals: DuplicateDismissalsTable;
  merges: MergesTable;
}

export type UserRow = Selectable<UsersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountPatchRow = Updateable<AccountsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type NewContactRow = Insertable<ContactsTable>;
export type ContactPatchRow = Updateable<ContactsTable>;
export type ContactPointRow = Selectable<ContactPointsTable>;
export type DealRow = Selectable<DealsTable>;
export type NewDealRow = Insertable<DealsTable>;
export type DealPatchRow = Updateable<DealsTable>;
export type LeadRow = Selectable<LeadsTable>;
export type NewLeadRow = Insertable<LeadsTable>;
export type LeadPatchRow = Updateable<LeadsTable>;
export type PipelineRow = Selectable<PipelinesTable>;
export type StageRow = Selectable<PipelineStagesTable>;
export type JobRow = Selectable<JobsTable>;
