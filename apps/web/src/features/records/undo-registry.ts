/**
 * The undo toasts that are open, one per list (module): an undo disappears once it is used, superseded (a newer delete
 * in the same list, or the same record deleted again), made pointless (the record restored or purged in the recycle
 * bin) or left behind (the user went to another page). Pure bookkeeping: `hide` closes a toast.
 */
export interface UndoEntry {
  /** The toast's id (unique per toast, so a closing toast never collides with a new one). */
  toastId: string;
  /** The list it belongs to: the module. */
  list: string;
  recordId: string;
  /** The page it was offered on (the list the delete returned to). */
  path: string;
}

export interface UndoRegistry {
  /** A new undo toast: the list's previous one closes (superseded). */
  add(entry: UndoEntry): void;
  /** The Undo button: true for the first click (the toast closes at once), false for any later one or a closed toast. */
  claim(toastId: string): boolean;
  /** The record came back or is gone for good by another way: its undo closes. */
  dismissRecord(list: string, recordId: string): void;
  /** The user is on `pathname` now: undos offered on other pages close. */
  leave(pathname: string): void;
  /** The toast closed by itself (time out, its close button): forget it without hiding it again. */
  closed(toastId: string): void;
  /** Every open undo closes (signing out). */
  clear(): void;
  open(): UndoEntry[];
}

export function createUndoRegistry(hide: (toastId: string) => void): UndoRegistry {
  const byList = new Map<string, UndoEntry>();
  const close = (e: UndoEntry) => {
    byList.delete(e.list);
    hide(e.toastId);
  };
  const find = (toastId: string) => [...byList.values()].find((e) => e.toastId === toastId);
  return {
    add(entry) {
      const before = byList.get(entry.list);
      if (before) close(before);
      byList.set(entry.list, entry);
    },
    claim(toastId) {
      const e = find(toastId);
      if (!e) return false;
      close(e);
      return true;
    },
    dismissRecord(list, recordId) {
      const e = byList.get(list);
      if (e && e.recordId === recordId) close(e);
    },
    leave(pathname) {
      for (const e of [...byList.values()]) if (e.path !== pathname) close(e);
    },
    closed(toastId) {
      const e = find(toastId);
      if (e) byList.delete(e.list);
    },
    clear() {
      for (const e of [...byList.values()]) close(e);
    },
    open: () => [...byList.values()],
  };
}
