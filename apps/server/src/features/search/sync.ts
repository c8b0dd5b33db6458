import { sql, type Kysely } from 'kysely';
import type { SearchModule } from '@kontor/contract/search';
import type { DB } from '../../db/schema.ts';
import { isSqlite } from '../../db/dialect.ts';
import { searchModules } from '../../db/migrations/013_search.ts';
import { buildDocuments, replaceDocuments } from './documents.ts';

/**
 * Keeps the search documents in step with the records (issue #12). Triggers queue every record whose document
 * changed (`search_pending`, migration 013); `flush` rebuilds them in the writing transaction, just before it
 * commits (db/commit-hooks.ts runs it), so no write path - form, import, merge, restore, raw SQL - can forget.
 */
export class SearchSync {
  /** The search tables exist (false until migration 013 is in; checked again until then). */
  private ready = false;
  /** Words known to be in `search_words`, so a rewrite does not insert them again (bounded). */
  private readonly knownWords = new Set<string>();

  /** Rebuilds every queued document; a transaction that wrote nothing searchable pays one indexed read. */
  readonly flush = async (db: Kysely<DB>): Promise<void> => {
    if (!(await this.tablesExist(db))) return;
    const batch = 500;
    for (;;) {
      const pending = await db.selectFrom('search_pending').select(['module', 'record_id']).limit(batch).execute();
      if (pending.length === 0) return;
      const byModule = new Map<SearchModule, number[]>();
      for (const p of pending) {
        const module = searchModules.find((m) => m === p.module);
        if (module) byModule.set(module, [...(byModule.get(module) ?? []), p.record_id]);
      }
      for (const [module, ids] of byModule) await this.rebuild(db, module, ids);
      for (const module of new Set(pending.map((p) => p.module))) {
        const ids = pending.filter((p) => p.module === module).map((p) => p.record_id);
        await db.deleteFrom('search_pending').where('module', '=', module).where('record_id', 'in', ids).execute();
      }
      if (pending.length < batch) return;
    }
  };

  /** Replaces the documents of these records (of one module) with what is stored now. */
  async rebuild(db: Kysely<DB>, module: SearchModule, ids: number[]): Promise<void> {
    const documents = await buildDocuments(db, module, ids);
    const words = (await replaceDocuments(db, module, ids, documents)).filter((w) => !this.knownWords.has(w));
    if (words.length === 0) return;
    await db
      .insertInto('search_words')
      .values(words.map((word) => ({ word })))
      .onConflict((oc) => oc.column('word').doNothing())
      .execute();
    if (this.knownWords.size > 200_000) this.knownWords.clear();
    for (const w of words) this.knownWords.add(w);
  }

  private async tablesExist(db: Kysely<DB>): Promise<boolean> {
    if (this.ready) return true;
    const { rows } = isSqlite(db)
      ? await sql<{ found: number }>`select count(*) as found from sqlite_master where type = 'table' and name = 'search_pending'`.execute(db)
      : await sql<{ found: number }>`select count(*) as found from pg_class where oid = to_regclass('search_pending')`.execute(db);
    this.ready = Number(rows[0]?.found ?? 0) > 0;
    return this.ready;
  }
}

/**
 * `kontor search reindex`: per module, the documents and the index emptied, then every document rebuilt from the
 * records in batches of `batch` records, each batch its own short transaction (the server keeps serving; its search
 * finds a module's records again as the rebuild reaches them). The vocabulary is rebuilt, and SQLite's indexes are
 * merged into one segment each.
 */
export async function reindexSearch(db: Kysely<DB>, opts: { batch?: number; log?: (line: string) => void } = {}): Promise<Record<SearchModule, number>> {
  const batch = opts.batch ?? 1000;
  const sync = new SearchSync();
  const counts = { contacts: 0, accounts: 0, leads: 0, deals: 0 } satisfies Record<SearchModule, number>;
  await db.deleteFrom('search_words').execute();
  for (const module of searchModules) {
    // SQLite: FTS5 merges its segments as they pile up, a pause of ~0.5 s every few batches; during a rebuild merge
    // once, at the end, instead. The setting is stored in the index, so it is put back whatever happens.
    if (isSqlite(db)) await ftsCommand(db, module, 'automerge', 0);
    try {
      await clearModule(db, module);
      counts[module] = await rebuildModule(db, sync, module, batch, opts.log);
    } finally {
      if (isSqlite(db)) await ftsCommand(db, module, 'automerge', 4);
    }
    if (isSqlite(db)) await ftsCommand(db, module, 'optimize');
    opts.log?.(`${module}: ${counts[module]} documents`);
  }
  return counts;
}

async function rebuildModule(db: Kysely<DB>, sync: SearchSync, module: SearchModule, batch: number, log?: (line: string) => void): Promise<number> {
  let [after, count] = [0, 0];
  for (;;) {
    const { rows } = await sql<{ id: number }>`select id from ${sql.table(module)} where id > ${after} and deleted_at is null order by id limit ${batch}`.execute(db);
    if (rows.length === 0) return count;
    const ids = rows.map((r) => r.id);
    await db.transaction().execute((trx) => sync.rebuild(trx, module, ids));
    count += ids.length;
    after = ids[ids.length - 1] ?? after;
    if (count % (batch * 50) === 0) log?.(`${module}: ${count} documents`);
  }
}

/**
 * The module's documents and index emptied first, so nothing stale survives a rebuild (a document of a record gone,
 * an index damaged): until the rebuild reaches a record, the search does not find it.
 */
async function clearModule(db: Kysely<DB>, module: SearchModule): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('search_documents').where('module', '=', module).execute();
    if (isSqlite(trx)) await ftsCommand(trx, module, 'delete-all');
  });
}

/** An FTS5 special command on a module's index: `optimize`, or a setting such as `automerge`. */
async function ftsCommand(db: Kysely<DB>, module: SearchModule, command: 'optimize' | 'delete-all' | 'automerge', value?: number): Promise<void> {
  const table = sql.table(`search_fts_${module}`);
  await (value === undefined
    ? sql`insert into ${table} (${table}) values (${sql.lit(command)})`
    : sql`insert into ${table} (${table}, rank) values (${sql.lit(command)}, ${sql.lit(value)})`
  ).execute(db);
}
