import os from 'node:os';
import { holdersPerKey } from '../apps/server/src/features/duplicates/duplicate-upkeep.ts';
import { draftKinds, type Draft, type DraftKind, type DraftSet } from './duplicates-drafts.ts';
import type { Client } from './http.ts';
import type { RawDb } from './raw.ts';
import { summarize, type Stats } from './stats.ts';

/**
 * Part `checks` of bench/duplicates.ts: `POST /api/v1/contacts/duplicates/check` with each kind of draft, as the
 * salesperson and as the administrator, beside the raw floor: the same holder lookup in plain SQL on a direct
 * connection (the draft's key hashes -> `duplicate_keys`, the newest holders per key as the matcher takes them), and
 * that lookup followed by reading the holders' profiles (their rows and contact points).
 */

export type CheckUser = 'sales' | 'admin';
export const checkUsers: CheckUser[] = ['sales', 'admin'];
export type FloorStep = 'holders' | 'holders+profiles';
export const floorSteps: FloorStep[] = ['holders', 'holders+profiles'];

export interface CheckOptions {
  rounds: number;
  /** Checks per kind, user and round. */
  checks: number;
  warmupMs: number;
  log: (line: string) => void;
}

export interface KindResult {
  kind: DraftKind;
  user: CheckUser;
  /** Every round's samples together. */
  stats: Stats;
  rounds: Stats[];
  /** Checks that answered the contact the draft was made from (no-match: that answered no candidate at all). */
  found: number;
  checks: number;
  /** Candidates answered, on average. */
  candidates: number;
  samples: number[];
}

export interface FloorResult {
  kind: DraftKind;
  step: FloorStep;
  stats: Stats;
  rounds: Stats[];
  /** Holders found per draft, on average. */
  holders: number;
}

export interface CheckReport {
  drafts: Record<DraftKind, number>;
  /** See `DraftSet.unreadablePhones`. */
  unreadablePhones: number;
  rounds: number;
  checks: number;
  warmupMs: number;
  warmupChecks: number;
  kinds: KindResult[];
  /** Per user, every kind together; and everyone (key `all`). */
  overall: Record<CheckUser | 'all', Stats>;
  floor: FloorResult[];
  /** One-minute load average at the end of each round. */
  loadavg: number[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The matcher's holder query (duplicate-pairs.repository.ts `holdersOfKeys`), as plain SQL. */
async function holders(raw: RawDb, keys: readonly number[], perKey: number): Promise<number[]> {
  if (!keys.length) return [];
  const rows = await raw.all(
    `select key, record_id from (
       select key, record_id, row_number() over (partition by key order by record_id desc) as n
       from duplicate_keys where module = 'contacts' and key in (${keys.map(() => '?').join(', ')})) ranked
     where n <= ?`,
    [...keys, perKey],
  );
  return rows.map((r) => Number(r.record_id));
}

/** The raw floor for one draft: its holders, then (with `profiles`) their rows and contact points. Answers the holders. */
export async function floorLookup(raw: RawDb, draft: Draft, profiles: boolean): Promise<number[]> {
  const ids = [...new Set([...(await holders(raw, draft.exactKeys, holdersPerKey(1))), ...(await holders(raw, draft.soundKeys, holdersPerKey(0)))])];
  if (profiles && ids.length) {
    await raw.all(`select id, first_name, last_name, account_id, updated_at from contacts where ${raw.inIds('id')} and deleted_at is null`, [raw.idsParam(ids)]);
    await raw.all(`select record_id, kind, value, e164 from contact_points where module = 'contacts' and ${raw.inIds('record_id')} and kind in ('emails', 'phones', 'websites')`, [
      raw.idsParam(ids),
    ]);
  }
  return ids;
}

type CheckAnswer = { data: Array<{ id: string }> };

async function check(client: Client, draft: Draft): Promise<CheckAnswer> {
  return client.ok<CheckAnswer>('POST', '/api/v1/contacts/duplicates/check', draft.body);
}

/**
 * Warm-up (every kind as both users, and the floor, in turn, for `warmupMs`), then `rounds` interleaved rounds: in each,
 * every kind (the order rotating by round) as both users (the order alternating) and on the floor, `checks` calls each,
 * going on through the kind's drafts where the last round stopped.
 */
export async function measureChecks(clients: Record<CheckUser, Client>, raw: RawDb, set: DraftSet, o: CheckOptions): Promise<CheckReport> {
  const drafts = set.drafts;
  const byKind = new Map<DraftKind, Draft[]>(draftKinds.map((k) => [k, drafts.filter((d) => d.kind === k)]));
  for (const [kind, list] of byKind) if (!list.length) throw new Error(`no ${kind} drafts: is the data set seeded?`);
  const next = new Map<string, number>();
  const draftFor = (kind: DraftKind, who: string) => {
    const list = byKind.get(kind) ?? [];
    const i = next.get(`${kind}:${who}`) ?? 0;
    next.set(`${kind}:${who}`, i + 1);
    return list[i % list.length] as Draft;
  };

  let warmupChecks = 0;
  const warmEnd = performance.now() + o.warmupMs;
  while (performance.now() < warmEnd) {
    for (const kind of draftKinds) {
      for (const user of checkUsers) await check(clients[user], draftFor(kind, `warm:${user}`));
      await floorLookup(raw, draftFor(kind, 'warm:floor'), true);
      warmupChecks++;
    }
  }
  o.log(`checks: warmed up with ${warmupChecks} checks per kind and user (${(o.warmupMs / 1000).toFixed(0)} s)`);

  const samples = new Map<string, number[][]>();
  const counts = new Map<string, { found: number; candidates: number; holders: number }>();
  const keyOf = (kind: DraftKind, who: string) => `${kind}|${who}`;
  const push = (key: string, round: number, ms: number) => {
    const rounds = samples.get(key) ?? [];
    (rounds[round] ??= []).push(ms);
    samples.set(key, rounds);
  };
  const count = (key: string, add: { found?: number; candidates?: number; holders?: number }) => {
    const c = counts.get(key) ?? { found: 0, candidates: 0, holders: 0 };
    counts.set(key, { found: c.found + (add.found ?? 0), candidates: c.candidates + (add.candidates ?? 0), holders: c.holders + (add.holders ?? 0) });
  };
  const loadavg: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    const kinds = draftKinds.map((_, i) => draftKinds[(i + r) % draftKinds.length] as DraftKind);
    for (const kind of kinds) {
      const users = r % 2 === 0 ? checkUsers : [...checkUsers].reverse();
      for (const user of users) {
        const key = keyOf(kind, user);
        for (let i = 0; i < o.checks; i++) {
          const draft = draftFor(kind, user);
          const t = performance.now();
          const answer = await check(clients[user], draft);
          push(key, r, performance.now() - t);
          const found = draft.sourceId === null ? answer.data.length === 0 : answer.data.some((c) => c.id === String(draft.sourceId));
          count(key, { found: found ? 1 : 0, candidates: answer.data.length });
        }
      }
      for (const step of floorSteps) {
        const key = keyOf(kind, step);
        for (let i = 0; i < o.checks; i++) {
          const draft = draftFor(kind, step);
          const t = performance.now();
          const ids = await floorLookup(raw, draft, step === 'holders+profiles');
          push(key, r, performance.now() - t);
          count(key, { holders: ids.length });
        }
      }
    }
    loadavg.push(os.loadavg()[0] ?? 0);
    o.log(`checks: round ${r + 1}/${o.rounds} done, load ${loadavg[r]?.toFixed(2)}`);
  }

  const pooled = (key: string) => (samples.get(key) ?? []).flat();
  const kindsOut: KindResult[] = draftKinds.flatMap((kind) =>
    checkUsers.map((user) => {
      const key = keyOf(kind, user);
      const all = pooled(key);
      const c = counts.get(key) ?? { found: 0, candidates: 0, holders: 0 };
      return {
        kind,
        user,
        stats: summarize(all, 0),
        rounds: (samples.get(key) ?? []).map((s) => summarize(s, 0)),
        found: c.found,
        checks: all.length,
        candidates: all.length ? c.candidates / all.length : 0,
        samples: all.map(round3),
      };
    }),
  );
  const floor: FloorResult[] = draftKinds.flatMap((kind) =>
    floorSteps.map((step) => {
      const key = keyOf(kind, step);
      const all = pooled(key);
      return { kind, step, stats: summarize(all, 0), rounds: (samples.get(key) ?? []).map((s) => summarize(s, 0)), holders: all.length ? (counts.get(key)?.holders ?? 0) / all.length : 0 };
    }),
  );
  const ofUser = (user: CheckUser) => draftKinds.flatMap((kind) => pooled(keyOf(kind, user)));
  return {
    drafts: Object.fromEntries(draftKinds.map((k) => [k, byKind.get(k)?.length ?? 0])) as Record<DraftKind, number>,
    unreadablePhones: set.unreadablePhones,
    rounds: o.rounds,
    checks: o.checks,
    warmupMs: o.warmupMs,
    warmupChecks,
    kinds: kindsOut,
    overall: { sales: summarize(ofUser('sales'), 0), admin: summarize(ofUser('admin'), 0), all: summarize([...ofUser('sales'), ...ofUser('admin')], 0) },
    floor,
    loadavg,
  };
}
