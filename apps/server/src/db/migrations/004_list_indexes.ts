/**
 * Indexes the list benchmarks showed missing or harmful (docs/BENCHMARKS.md):
 * - `(deleted_at)` on accounts/contacts held ~99.5% NULLs; SQLite's planner took it for `deleted_at is null` and scanned
 *   the whole table through it (0.9 s for a filtered contacts page at 1M). Only the recycle bin looks rows up by
 *   deleted_at, so the index now covers deleted rows only (partial index, same on both engines).
 * - `(owner_id, contact_type_id, created_at, id)` serves the saved filter "owner + type, newest first" and its count.
 */
export function listIndexes(): string[] {
  return [
    `drop index contacts_deleted`,
    `create index contacts_deleted on contacts (deleted_at) where deleted_at is not null`,
    `drop index accounts_deleted`,
    `create index accounts_deleted on accounts (deleted_at) where deleted_at is not null`,
    `create index contacts_owner_type_created on contacts (owner_id, contact_type_id, created_at, id)`,
  ];
}
