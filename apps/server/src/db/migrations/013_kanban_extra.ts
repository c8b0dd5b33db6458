/**
 * The accounts Kanban by next activity (issue #10) at 250k accounts: each dated column is a range of
 * `accounts_board`, the "no activity planned" column a walk of `accounts_board_none` in name order. Both carry what
 * visibility (owner, restriction) and the "not contacted in N days" filter read, so a page stops at its limit and a
 * column count reads the index alone. `accounts_board` starts with what `accounts_next_activity` held, which it replaces.
 */
export function kanbanExtraSchema(): string[] {
  return [
    `create index accounts_board on accounts (next_activity_at, id, owner_id, restricted, last_activity_at) where deleted_at is null`,
    `create index accounts_board_none on accounts (name_sort, id, owner_id, restricted, last_activity_at) where deleted_at is null and next_activity_at is null`,
    `drop index accounts_next_activity`,
  ];
}
