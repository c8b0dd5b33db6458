import type { Kysely } from 'kysely';
import { duplicateModules, type DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { clearPending, duplicateTablesExist, lockUpkeep, takePending } from './duplicate-pairs.repository.ts';
import { refreshRecords } from './duplicate-upkeep.ts';

/**
 * The duplicate upkeep before every commit (issue #16), beside the search documents' (db/commit-hooks.ts runs both):
 * triggers queue every contact and account whose identifying parts changed (`duplicate_pending`, migration 021), and
 * this recomputes their keys, pairs and clusters in the writing transaction. A transaction that changed nothing
 * identifying pays one indexed read of the empty queue.
 */
export class DuplicateSync {
  private ready = false;

  readonly flush = async (db: Kysely<DB>): Promise<void> => {
    if (!this.ready && !(this.ready = await duplicateTablesExist(db))) return;
    const batch = 2000;
    const now = new Date().toISOString();
    for (let locked = false; ; locked = true) {
      const pending = await takePending(db, batch);
      if (pending.length === 0) return;
      if (!locked) await lockUpkeep(db);
      for (const module of duplicateModules) {
        const ids = pending.filter((p) => p.module === module).map((p) => p.record_id);
        if (!ids.length) continue;
        await refreshRecords(db, module as DuplicateModule, ids, now);
        await clearPending(db, module, ids);
      }
      if (pending.length < batch) return;
    }
  };
}

const settling = new DuplicateSync();
/**
 * Brings the keys and pairs up to date inside a transaction that wrote, before it asks the matcher: an import row
 * matched against a company created by an earlier row of the same transaction must find it. (The commit does the same.)
 */
export const settleDuplicates = (db: Kysely<DB>): Promise<void> => settling.flush(db);
