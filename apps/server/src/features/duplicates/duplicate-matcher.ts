import type { Kysely } from 'kysely';
import { checkableEmail, checkablePhone, type DuplicateCheck, type DuplicateModule, type DuplicateReasonCode } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { toE164 } from '../contact-points/phones.ts';
import type { Actor } from '../permissions/actor.ts';
import { keyHash, profileKeys, websiteDomain, type DuplicateProfile } from './duplicate-keys.ts';
import { dismissedTouching } from './duplicate-pairs.repository.ts';
import { loadProfiles } from './duplicate-profiles.repository.ts';
import { compareProfiles, isLikelyDuplicate, type PairScore } from './duplicate-score.ts';
import { holdersOf } from './duplicate-upkeep.ts';
import { visibleIds } from './duplicates.repository.ts';

/**
 * The one matcher (issue #16): the check on entry, the import's dedupe options and the clusters all find candidates by
 * the blocking keys and judge them with `compareProfiles`. Only records the actor may see are answered.
 */

export interface DuplicateMatch extends PairScore {
  id: number;
}

/** A draft (a form being typed, an import row) as a profile: only valid e-mails, readable phones and web addresses count. */
export function draftProfile(module: DuplicateModule, draft: DuplicateCheck, phoneRegion: string | null): DuplicateProfile {
  const emails = [...new Set((draft.emails ?? []).filter(checkableEmail).map((e) => e.trim().toLowerCase()))];
  const phones = [...new Set((draft.phones ?? []).filter(checkablePhone).map((p) => toE164(p, phoneRegion)).filter((p): p is string => p !== null))];
  const websites = [...new Set((draft.websites ?? []).map(websiteDomain).filter((w): w is string => w !== null))];
  return {
    id: 0,
    module,
    firstName: draft.firstName ?? '',
    lastName: draft.lastName ?? '',
    name: draft.name ?? '',
    accountId: draft.accountId ? Number(draft.accountId) : null,
    emails,
    phones,
    websites,
    updatedAt: '',
  };
}

export interface FindOptions {
  /** The record being edited: never its own duplicate, nor one it was dismissed with. */
  excludeId?: number;
  limit: number;
  /** Only matches with one of these reasons (the import's "match on"). */
  codes?: readonly DuplicateReasonCode[];
}

/** The likely duplicates of a draft among the records the actor may see, best first. */
export async function findDuplicates(db: Kysely<DB>, actor: Actor, profile: DuplicateProfile, opts: FindOptions): Promise<DuplicateMatch[]> {
  return (await findDuplicatesMany(db, actor, profile.module, [profile], opts))[0] ?? [];
}

/**
 * The likely duplicates of many drafts (an import's chunk) in a few statements per 500 keys: every key's holders at
 * once, then the visible ones' profiles at once; each draft is scored against the holders of its own keys.
 */
export async function findDuplicatesMany(
  db: Kysely<DB>,
  actor: Actor,
  module: DuplicateModule,
  drafts: readonly DuplicateProfile[],
  opts: FindOptions,
): Promise<DuplicateMatch[][]> {
  const keysOf = drafts.map((d) => profileKeys(d).map(keyHash));
  const holders = await holdersOf(db, module, [...new Set(keysOf.flat())]);
  const byKey = new Map<number, number[]>();
  for (const h of holders) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.record_id]);
  const ids = [...new Set(holders.map((h) => h.record_id))].filter((id) => id !== opts.excludeId);
  const visible = await visibleIds(db, actor, module, ids);
  const profiles = await loadProfiles(db, module, [...visible]);
  const dismissed = opts.excludeId ? await dismissedTouching(db, module, [opts.excludeId]) : new Set<string>();
  return drafts.map((draft, i) => {
    const candidates = new Set((keysOf[i] ?? []).flatMap((k) => byKey.get(k) ?? []));
    const out: DuplicateMatch[] = [];
    for (const id of candidates) {
      const candidate = profiles.get(id);
      if (!candidate) continue;
      if (opts.excludeId && dismissed.has(opts.excludeId < id ? `${opts.excludeId}:${id}` : `${id}:${opts.excludeId}`)) continue;
      const s = compareProfiles(draft, candidate);
      if (!isLikelyDuplicate(s)) continue;
      if (opts.codes && !s.reasons.some((r) => opts.codes?.includes(r.code))) continue;
      out.push({ id, ...s });
    }
    return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, opts.limit);
  });
}
