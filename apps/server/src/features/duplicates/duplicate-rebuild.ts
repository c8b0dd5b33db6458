import type { Kysely } from 'kysely';
import { duplicateModules, type DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { keyHash, profileKeys, type DuplicateProfile } from './duplicate-keys.ts';
import { allDismissals, clearAll, clearModule, finishBulkKeys, insertClusters, insertPairs, keysAfter, stageBulkKeys, type KeyRow, type PairRow } from './duplicate-pairs.repository.ts';
import { profilesAfter } from './duplicate-profiles.repository.ts';
import { compareProfiles, isLikelyDuplicate } from './duplicate-score.ts';
import { componentsOf, holdersPerKey } from './duplicate-upkeep.ts';

/**
 * `kontor duplicates rebuild` (issue #16): a module's keys, pairs and clusters computed from nothing, in four passes:
 * 1. the records in id order, 5,000 at a time, their keys collected and inserted in key order (`stageBulkKeys`);
 * 2. the keys walked in index order: each record is a candidate with the records before it that share a key (at most
 *    `holdersPerKey` of them, the nearest: what the upkeep compares a new record with);
 * 3. the candidates scored, from the profiles the first pass kept;
 * 4. the pairs and their clusters written. Dismissed pairs stay dismissed.
 * The upkeep keeps running for writes made meanwhile.
 */

export interface RebuildCounts {
  records: number;
  keys: number;
  candidates: number;
  pairs: number;
  clusters: number;
}

const RECORD_BATCH = 5000;
const KEY_PAGE = 50_000;

export async function rebuildDuplicates(db: Kysely<DB>, opts: { modules?: readonly DuplicateModule[]; log?: (line: string) => void } = {}): Promise<Record<DuplicateModule, RebuildCounts>> {
  const out = {} as Record<DuplicateModule, RebuildCounts>;
  const modules = opts.modules ?? duplicateModules;
  if (modules.length === duplicateModules.length) await db.transaction().execute((trx) => clearAll(trx));
  for (const module of modules) {
    const lap = Date.now();
    const log = (line: string) => opts.log?.(`${module}: ${line} (${((Date.now() - lap) / 1000).toFixed(1)} s)`);
    out[module] = await rebuildModule(db, module, log);
  }
  return out;
}

async function rebuildModule(db: Kysely<DB>, module: DuplicateModule, log: (line: string) => void): Promise<RebuildCounts> {
  const counts: RebuildCounts = { records: 0, keys: 0, candidates: 0, pairs: 0, clusters: 0 };
  await db.transaction().execute((trx) => clearModule(trx, module));

  // Every profile stays in memory for the scoring pass (about 400 bytes each): reading the candidates' profiles again
  // by id cost more than the whole first pass.
  const all = new Map<number, DuplicateProfile>();
  await db.connection().execute(async (conn) => {
    for (let after = 0; ; ) {
      const { lastId, profiles } = await profilesAfter(conn, module, after, RECORD_BATCH);
      if (lastId === null) break;
      after = lastId;
      const rows: Array<[number, number]> = [];
      for (const [id, p] of profiles) {
        all.set(id, p);
        for (const k of profileKeys(p)) rows.push([keyHash(k), id]);
      }
      await stageBulkKeys(conn, module, rows);
      counts.records += profiles.size;
      counts.keys += rows.length;
      if (counts.records % (RECORD_BATCH * 40) === 0) log(`${counts.records} records, ${counts.keys} keys`);
    }
    await finishBulkKeys(conn, module);
  });
  log(`${counts.records} records, ${counts.keys} keys`);

  const candidates = await candidatePairs(db, module);
  counts.candidates = [...candidates.values()].reduce((n, s) => n + s.size, 0);
  log(`${counts.candidates} candidate pairs`);

  const dismissed = await allDismissals(db, module);
  const pairs: PairRow[] = [];
  for (const [low, highs] of candidates) {
    const a = all.get(low);
    for (const high of highs) {
      const b = all.get(high);
      if (!a || !b || dismissed.has(`${low}:${high}`)) continue;
      const s = compareProfiles(a, b);
      if (isLikelyDuplicate(s)) pairs.push({ low_id: low, high_id: high, score: s.score, reasons: JSON.stringify(s.reasons) });
    }
  }
  const clusters = componentsOf([], pairs);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertPairs(trx, module, pairs);
    await insertClusters(trx, module, clusters, now);
  });
  counts.pairs = pairs.length;
  counts.clusters = clusters.length;
  log(`${counts.pairs} pairs in ${counts.clusters} clusters`);
  return counts;
}

/** Low id -> high ids sharing a key with it, each record paired with its nearest `holdersPerKey` predecessors per key. */
async function candidatePairs(db: Kysely<DB>, module: DuplicateModule): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  let group: number[] = [];
  let groupKey: number | null = null;
  const closeGroup = () => {
    const window = groupKey === null ? 0 : holdersPerKey(groupKey);
    for (let j = 1; j < group.length; j++) {
      const high = group[j] as number;
      for (let i = Math.max(0, j - window); i < j; i++) {
        const low = group[i] as number;
        let set = out.get(low);
        if (!set) out.set(low, (set = new Set()));
        set.add(high);
      }
    }
  };
  for (let after: KeyRow | null = null; ; ) {
    const page = await keysAfter(db, module, after, KEY_PAGE);
    for (const row of page) {
      if (row.key !== groupKey) {
        closeGroup();
        group = [];
        groupKey = row.key;
      }
      group.push(row.record_id);
    }
    if (page.length < KEY_PAGE) break;
    after = page[page.length - 1] ?? null;
  }
  closeGroup();
  return out;
}
