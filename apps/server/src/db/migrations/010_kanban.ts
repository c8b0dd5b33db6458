/**
 * The accounts Kanban by next activity (issue #10), measured at 250k accounts: each dated column is a range of
 * `accounts_board`, "no activity planned" a walk of `accounts_board_none` in name order, and with the owner filter
 * ("my accounts") the `_owner` twins serve the same ranges within one owner. All carry what visibility (owner,
 * restriction) and "not contacted in N days" read, so a page stops at its limit and a column count reads the index
 * alone. `accounts_board` holds dated accounts only: holding the NULLs too made SQLite's statistics (which do not see
 * how many NULLs there are) pick it for "no activity planned" and sort 75k rows by name. It replaces
 * `accounts_next_activity` (migration 009).
 */
export function kanbanSchema(): string[] {
  const dated = `where deleted_at is null and next_activity_at is not null`;
  const none = `where deleted_at is null and next_activity_at is null`;
  return [
    `drop index accounts_next_activity`,
    `create index accounts_board on accounts (next_activity_at, id, owner_id, restricted, last_activity_at) ${dated}`,
    `create index accounts_board_none on accounts (name_sort, id, owner_id, restricted, last_activity_at) ${none}`,
    `create index accounts_board_owner on accounts (owner_id, next_activity_at, id, restricted, last_activity_at) ${dated}`,
    `create index accounts_board_owner_none on accounts (owner_id, name_sort, id, restricted, last_activity_at) ${none}`,
  ];
}
