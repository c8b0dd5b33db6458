import type { Engine } from '../database.ts';

/**
 * Indexes for list views at a million records (issue #13, measured with `npm run bench`):
 *
 * - `contacts_name` holds live rows only with their restriction (what the visibility rule reads first: an
 *   unrestricted record needs nothing more under a public default), so walking
 *   contacts by name while a condition on other rows rejects most of them (Customers: a won deal, ~5% of contacts)
 *   never fetches a contact row it then throws away;
 * - `deals_account` / `deals_contact` cover the deal's owner and restriction, so "has a won / open deal" under the
 *   visibility rule is answered from the index;
 *   The owner is left out on purpose: it would make every owner transfer rewrite these entries too (a mass transfer of
 *   100,000 contacts went from 12.7 to 17.2 s with it);
 * - `contacts_created` / `accounts_created` likewise hold live rows with the restriction, so New this week
 *   and a count of everything created since a date are read from the index alone (1.3 s -> see BENCHMARKS.md);
 * - contact type with either list order: a rare type is found at once instead of by walking the whole name or date
 *   order (a filter on a type with one contact scanned a million rows).
 */
export function viewIndexesSchema(_engine: Engine): string[] {
  return [
    `drop index contacts_name`,
    `create index contacts_name on contacts (sort_name, id, restricted) where deleted_at is null`,
    `drop index deals_account`,
    `create index deals_account on deals (account_id, status, owner_id, restricted) where deleted_at is null`,
    `drop index deals_contact`,
    `create index deals_contact on deals (contact_id, status, owner_id, restricted) where deleted_at is null`,
    `drop index contacts_created`,
    `create index contacts_created on contacts (created_at, id, restricted) where deleted_at is null`,
    `drop index accounts_created`,
    `create index accounts_created on accounts (created_at, id, restricted) where deleted_at is null`,
    `create index contacts_type on contacts (contact_type_id, sort_name, id) where deleted_at is null`,
    `create index contacts_type_created on contacts (contact_type_id, created_at, id) where deleted_at is null`,
    `create index accounts_type on accounts (contact_type_id, name_sort, id) where deleted_at is null`,
  ];
}
