import type { Engine } from '../database.ts';
import { columnTypes } from '../dialect.ts';

/** The columns every record table has for the machinery (owner, restriction, recycle bin, stamps, version). */
const recordColumns = `owner_id integer references users(id), custom_fields text not null default '{}', restricted integer not null default 0,
  photo_file_id integer, deleted_at text, deleted_by integer references users(id),
  created_at text not null, created_by integer references users(id), updated_at text not null, updated_by integer references users(id),
  version integer not null default 1`;

/**
 * Issue #10: activities and leads (record modules), notes and attachments (owned by the record they sit on), the
 * timeline (one event per change, with the account, contact and deal it concerns so an account's page reads its
 * contacts' and deals' events from one index), custom links and per-user preferences.
 * Accounts keep their next open activity and last completed one, maintained by every activity write, so the
 * Kanban by next activity and "not contacted in N days" read one index instead of aggregating two million rows.
 */
export function activitiesSchema(engine: Engine): string[] {
  const t = columnTypes(engine);
  return [
    `create table activities (id ${t.pk}, type text not null, subject text not null, subject_sort text not null,
      due_at text, start_at text, end_at text, duration_minutes integer, all_day integer not null default 0, location text,
      outcome text, description text, done integer not null default 0, done_at text,
      scheduled_at text, account_id integer references accounts(id), contact_id integer references contacts(id),
      deal_id integer references deals(id), lead_id integer, ${recordColumns})`,
    // My activities (open first by date), related lists (open/closed by date), the next activity of an account.
    `create index activities_owner on activities (owner_id, done, scheduled_at, id) where deleted_at is null`,
    `create index activities_account on activities (account_id, done, scheduled_at, id) where deleted_at is null`,
    `create index activities_contact on activities (contact_id, done, scheduled_at, id) where deleted_at is null`,
    `create index activities_deal on activities (deal_id, done, scheduled_at, id) where deleted_at is null`,
    `create index activities_lead on activities (lead_id, done, scheduled_at, id) where deleted_at is null and lead_id is not null`,
    `create index activities_deleted on activities (deleted_at) where deleted_at is not null`,
    `create table activity_participants (activity_id integer not null references activities(id), user_id integer not null references users(id),
      primary key (activity_id, user_id))`,
    `create index activity_participants_user on activity_participants (user_id, activity_id)`,

    `create table leads (id ${t.pk}, first_name text, last_name text not null, name_sort text not null, company text, email text,
      phone text, position text, source text, status text not null default 'new', description text,
      converted_at text, converted_contact_id integer references contacts(id), converted_account_id integer references accounts(id),
      converted_deal_id integer references deals(id), ${recordColumns})`,
    `create index leads_name on leads (name_sort, id) where deleted_at is null`,
    `create index leads_status on leads (status, id) where deleted_at is null`,
    `create index leads_owner on leads (owner_id, id) where deleted_at is null`,
    `create index leads_company on leads (company) where deleted_at is null`,
    `create index leads_deleted on leads (deleted_at) where deleted_at is not null`,
    ...(engine === 'postgres' ? [`create index leads_name_trgm on leads using gin (name_sort public.gin_trgm_ops)`] : []),

    // Notes and attachments sit on exactly one record (module, record_id) and are seen by whoever sees it.
    `create table notes (id ${t.pk}, module text not null, record_id integer not null, body text not null, body_text text not null,
      mentions text not null default '[]', created_at text not null, created_by integer references users(id),
      updated_at text not null, updated_by integer references users(id), version integer not null default 1)`,
    `create index notes_record on notes (module, record_id, id)`,
    `create table attachments (id ${t.pk}, module text not null, record_id integer not null, name text not null, mime text not null,
      size ${t.bigint} not null, storage text not null, storage_key text, created_at text not null, created_by integer references users(id))`,
    `create index attachments_record on attachments (module, record_id, id)`,
    // Attachment bytes when stored in the database: 1 MB chunks, so uploads and downloads stream.
    `create table attachment_chunks (attachment_id integer not null references attachments(id), seq integer not null, data ${t.blob} not null,
      primary key (attachment_id, seq))`,

    // The timeline: module/record_id is the record whose visibility governs the event (a note's record, say).
    `create table timeline_events (id ${t.pk}, at text not null, actor_id integer references users(id), kind text not null,
      module text not null, record_id integer not null, item_type text, item_id integer,
      account_id integer, contact_id integer, deal_id integer, lead_id integer, details text not null default '{}')`,
    `create index timeline_account on timeline_events (account_id, at, id) where account_id is not null`,
    `create index timeline_contact on timeline_events (contact_id, at, id) where contact_id is not null`,
    `create index timeline_deal on timeline_events (deal_id, at, id) where deal_id is not null`,
    `create index timeline_lead on timeline_events (lead_id, at, id) where lead_id is not null`,
    `create index timeline_record on timeline_events (module, record_id, id)`,

    `create table custom_links (id ${t.pk}, module text not null, label text not null, url_template text not null,
      position integer not null default 0, created_at text not null, updated_at text not null, version integer not null default 1)`,
    `create table user_preferences (user_id integer not null references users(id), key text not null, value text not null,
      updated_at text not null, primary key (user_id, key))`,

    `alter table accounts add column next_activity_id integer`,
    `alter table accounts add column next_activity_at text`,
    `alter table accounts add column last_activity_at text`,
    `create index accounts_next_activity on accounts (next_activity_at, id) where deleted_at is null`,
    `create index accounts_last_activity on accounts (last_activity_at, id) where deleted_at is null`,
  ];
}
