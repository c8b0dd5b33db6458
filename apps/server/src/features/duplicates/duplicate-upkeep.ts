import type { Kysely } from 'kysely';
import type { DuplicateModule } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { isExactHash, keyHash, profileKeys, type DuplicateProfile } from './duplicate-keys.ts';
import { loadProfiles } from './duplicate-profiles.repository.ts';
import { compareProfiles, isLikelyDuplicate } from './duplicate-score.ts';
import {
  clustersOf, deleteClusters, deleteKeys, deletePairsTouching, dismissedTouching, holdersOfKeys, insertClusters, insertKeys, insertPairs,
  keysOfRecords, membersOfClusters, pairsTouching, type KeyRow, type NewCluster, type PairRow,
} from './duplicate-pairs.repository.ts';

/**
 * Keeps keys, pairs and clusters current for records that changed (issue #16), in the writing transaction. Called by
 * the before-commit hook with what the triggers queued (duplicate-sync.ts), so a create, an edit, an import, a merge,
 * a delete or a restore all pass here; and by dismissals.
 */

/**
 * How many holders of a key a record is compared with: the newest ones. An exact key (the same e-mail, phone, website
 * or core name) makes its holders alike by itself, so a few link a record into their cluster; a sound needs more.
 * The rebuild compares each record with as many of its predecessors, so both give the same pairs.
 */
export const holdersPerKey = (hash: number): number => (isExactHash(hash) ? 3 : 10);

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** The newest holders of each key (`holdersPerKey`). */
export async function holdersOf(db: Kysely<DB>, module: DuplicateModule, keys: readonly number[]): Promise<KeyRow[]> {
  const exact = keys.filter(isExactHash);
  const sounds = keys.filter((k) => !isExactHash(k));
  return [...(exact.length ? await holdersOfKeys(db, module, exact, holdersPerKey(1)) : []), ...(sounds.length ? await holdersOfKeys(db, module, sounds, holdersPerKey(0)) : [])];
}

/** Scores every pair of `profiles` x the records sharing a key with them; answers the pairs worth keeping. */
export async function scoreAgainstHolders(
  db: Kysely<DB>,
  module: DuplicateModule,
  profiles: ReadonlyMap<number, DuplicateProfile>,
  keysOf: ReadonlyMap<number, number[]>,
): Promise<PairRow[]> {
  const allKeys = [...new Set([...keysOf.values()].flat())];
  if (!allKeys.length) return [];
  const holders = await holdersOf(db, module, allKeys);
  const byKey = new Map<number, number[]>();
  for (const h of holders) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.record_id]);
  const candidates = new Set<string>();
  for (const [id, keys] of keysOf) for (const k of keys) for (const other of byKey.get(k) ?? []) if (other !== id) candidates.add(pairKey(id, other));
  if (!candidates.size) return [];
  const ids = [...new Set([...candidates].flatMap((c) => c.split(':').map(Number)))];
  const missing = ids.filter((id) => !profiles.has(id));
  const others = missing.length ? await loadProfiles(db, module, missing) : new Map<number, DuplicateProfile>();
  const dismissed = await dismissedTouching(db, module, [...keysOf.keys()]);
  const out: PairRow[] = [];
  for (const c of candidates) {
    if (dismissed.has(c)) continue;
    const [low, high] = c.split(':').map(Number) as [number, number];
    const a = profiles.get(low) ?? others.get(low);
    const b = profiles.get(high) ?? others.get(high);
    if (!a || !b) continue;
    const s = compareProfiles(a, b);
    if (isLikelyDuplicate(s)) out.push({ low_id: low, high_id: high, score: s.score, reasons: JSON.stringify(s.reasons) });
  }
  return out;
}

/** Recomputes the keys and pairs of these records (gone ones lose theirs), then the clusters they touch. */
export async function refreshRecords(db: Kysely<DB>, module: DuplicateModule, ids: readonly number[], now: string): Promise<void> {
  if (!ids.length) return;
  const profiles = await loadProfiles(db, module, ids);
  const keysOf = new Map<number, number[]>();
  for (const [id, p] of profiles) keysOf.set(id, profileKeys(p).map(keyHash));
  const stored = await keysOfRecords(db, module, ids);
  const storedSet = new Set(stored.map((r) => `${r.record_id}\u0000${r.key}`));
  const wanted: KeyRow[] = [...keysOf].flatMap(([id, keys]) => keys.map((key) => ({ key, record_id: id })));
  const wantedSet = new Set(wanted.map((r) => `${r.record_id}\u0000${r.key}`));
  await deleteKeys(db, module, stored.filter((r) => !wantedSet.has(`${r.record_id}\u0000${r.key}`)));
  await insertKeys(db, module, wanted.filter((r) => !storedSet.has(`${r.record_id}\u0000${r.key}`)));

  const before = await pairsTouching(db, module, ids);
  const pairs = await scoreAgainstHolders(db, module, profiles, keysOf);
  const unchanged =
    before.length === pairs.length &&
    pairs.every((p) => before.some((b) => b.low_id === p.low_id && b.high_id === p.high_id && b.score === p.score && b.reasons === p.reasons));
  if (unchanged) return;
  if (before.length) await deletePairsTouching(db, module, ids);
  await insertPairs(db, module, pairs);
  const touched = new Set<number>(ids);
  for (const p of [...before, ...pairs]) {
    touched.add(p.low_id);
    touched.add(p.high_id);
  }
  await recomputeClusters(db, module, [...touched], now);
}

/**
 * Regroups the clusters holding one of `seeds` (records whose pairs changed, and their old and new partners): the
 * members of those clusters and the seeds, with every pair among them, split into connected components. Clusters are
 * closed under pairs (a member's partner is a member), so this sees the whole of each affected group in two reads,
 * however long its chains.
 */
export async function recomputeClusters(db: Kysely<DB>, module: DuplicateModule, seeds: readonly number[], now: string): Promise<void> {
  const old = await clustersOf(db, module, seeds);
  const nodes = new Set<number>(seeds);
  for (const m of await membersOfClusters(db, old)) nodes.add(m.record_id);
  const edges = await pairsTouching(db, module, [...nodes]);
  if (old.length) await deleteClusters(db, old);
  await insertClusters(db, module, componentsOf([...nodes], edges), now);
}

/** Connected components (two or more records) of pairs, each scored by its best pair. */
export function componentsOf(nodes: readonly number[], edges: readonly PairRow[]): NewCluster[] {
  const parent = new Map<number, number>(nodes.map((n) => [n, n]));
  const find = (n: number): number => {
    let root = n;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    for (let cur = n; cur !== root; ) {
      const next = parent.get(cur) ?? root;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  for (const e of edges) {
    if (!parent.has(e.low_id)) parent.set(e.low_id, e.low_id);
    if (!parent.has(e.high_id)) parent.set(e.high_id, e.high_id);
    parent.set(find(e.low_id), find(e.high_id));
  }
  const groups = new Map<number, NewCluster>();
  for (const e of edges) {
    const root = find(e.low_id);
    const g = groups.get(root) ?? { score: 0, members: [] };
    g.score = Math.max(g.score, e.score);
    groups.set(root, g);
  }
  for (const n of parent.keys()) groups.get(find(n))?.members.push(n);
  return [...groups.values()].filter((g) => g.members.length >= 2).map((g) => ({ ...g, members: g.members.sort((a, b) => a - b) }));
}
