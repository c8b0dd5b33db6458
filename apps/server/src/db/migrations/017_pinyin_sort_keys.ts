import { sql, type Kysely } from 'kysely';
import { isCjkName } from '@kontor/contract/person-name';
import { nameSortKey, personSortKey, UNLETTERED_KEY_RANGES, type KeyRange } from '@kontor/contract/sort-key';
import type { DB } from '../schema.ts';
import { keyInRange, unletteredKey } from '../sort-keys.ts';

/**
 * Issue #14: the sort keys of names that start with Chinese characters begin with their pinyin, a leading
 * punctuation mark or symbol no longer files a name, and a first æ, œ, þ … is spelled out (`nameSortKey`,
 * `personSortKey` in the contract). Every key that changes was filed under `#` before, so only the rows in the `#`
 * ranges are read, from each table's name index, in batches: on a million rows of which almost none is Chinese this
 * reads a handful of index entries. Contacts and leads with Chinese, Japanese or Korean names get their search
 * documents rebuilt too, as their titles are now written family name first ("王小明", was "小明 王").
 */
interface Target {
  table: 'contacts' | 'leads' | 'accounts' | 'deals';
  key: 'sort_name' | 'name_sort';
  person: boolean;
}
const targets: Target[] = [
  { table: 'contacts', key: 'sort_name', person: true },
  { table: 'leads', key: 'name_sort', person: true },
  { table: 'accounts', key: 'name_sort', person: false },
  { table: 'deals', key: 'name_sort', person: false },
];
const BATCH = 500;

interface Row {
  id: number;
  key: string;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  deleted_at: string | null;
}

export async function pinyinSortKeys(db: Kysely<DB>): Promise<void> {
  for (const target of targets) {
    // Live rows walk the name index range by range; the few in the recycle bin are read through its own index.
    for (const range of UNLETTERED_KEY_RANGES) await rekey(db, target, range);
    await rekey(db, target, null);
  }
}

/** Rekeys the live rows in one range of keys (`range`), or the deleted rows in any of them (`null`). */
async function rekey(db: Kysely<DB>, target: Target, range: KeyRange | null): Promise<void> {
  const key = sql.ref(target.key);
  const where = range ? sql`deleted_at is null and ${keyInRange(key, range)}` : sql`deleted_at is not null and ${unletteredKey(key)}`;
  const names = target.person ? sql`null as name, first_name, last_name` : sql`name, null as first_name, null as last_name`;
  let after: { key: string; id: number } | null = null;
  for (;;) {
    const page: Row[] = (
      await sql<Row>`select id, ${key} as key, ${names}, deleted_at from ${sql.table(target.table)}
        where ${where} ${after ? sql`and (${key}, id) > (${after.key}, ${after.id})` : sql``}
        order by ${key}, id limit ${BATCH}`.execute(db)
    ).rows;
    for (const r of page) {
      const parts = { firstName: r.first_name, lastName: r.last_name };
      const next = target.person ? personSortKey(parts) : nameSortKey(r.name ?? '');
      if (next !== r.key) await sql`update ${sql.table(target.table)} set ${key} = ${next} where id = ${r.id}`.execute(db);
      if (target.person && r.deleted_at === null && isCjkName(parts)) {
        await db.insertInto('search_pending').values({ module: target.table, record_id: r.id }).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    const last = page[page.length - 1];
    if (page.length < BATCH || !last) return;
    after = { key: last.key, id: last.id };
  }
}
