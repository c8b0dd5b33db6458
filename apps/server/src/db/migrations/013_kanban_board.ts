/**
 * The accounts Kanban by next activity, second round (helper K's 013 prefix; 013_kanban_extra had shipped): measured at
 * 250k accounts, `accounts_board` holding the NULLs too made SQLite's statistics (which do not see how many NULLs
 * there are) pick it for "no activity planned" and sort 75k rows by name, so it now holds dated accounts only and
 * that column reads `accounts_board_none`. With the owner filter ("my accounts"), an owner's board went through
 * accounts_owner and looked up every row of the owner in the table (4x slower than the whole board); the `_owner`
 * twins serve the same ranges within one owner. Like the first two, they carry what visibility and "not contacted in
 * N days" read, so a page stops at its limit and a column count reads the index alone.
 */
export function kanbanBoardSchema(): string[] {
  const dated = `where deleted_at is null and next_activity_at is not null`;
  const none = `where deleted_at is null and next_activity_at is null`;
  return [
    `drop index accounts_board`,
    `create index accounts_board on accounts (next_activity_at, id, owner_id, restricted, last_activity_at) ${dated}`,
    `create index accounts_board_owner on accounts (owner_id, next_activity_at, id, restricted, last_activity_at) ${dated}`,
    `create index accounts_board_owner_none on accounts (owner_id, name_sort, id, restricted, last_activity_at) ${none}`,
  ];
}
