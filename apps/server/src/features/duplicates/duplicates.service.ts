import type { Kysely } from 'kysely';
import type {
  DuplicateCheck, DuplicateCheckResponse, DuplicateCluster, DuplicateDismiss, DuplicateListQuery, DuplicateListResponse, DuplicateModule,
} from '@kontor/contract/duplicates';
import { duplicateListQuerySchema } from '@kontor/contract/duplicates';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { fromApiId, toApiId } from '../../lib/ids.ts';
import { assertCan } from '../permissions/access.ts';
import type { Actor } from '../permissions/actor.ts';
import { writeConfig } from '../records/write-config.ts';
import { draftProfile, findDuplicates } from './duplicate-matcher.ts';
import { insertDismissals, membersOfClusters } from './duplicate-pairs.repository.ts';
import { recomputeClusters } from './duplicate-upkeep.ts';
import { presentCandidate, presentDuplicateRecord, presentPair } from './duplicates.presenter.ts';
import { clusterPage, duplicateRecords, pairsAmong, visibleIds } from './duplicates.repository.ts';

/** The check on entry, the clusters page and "not a duplicate" (issue #16; docs/API.md "Duplicates"). */

const CHECK_LIMIT = 5;

export async function checkDuplicates(db: Kysely<DB>, actor: Actor, module: DuplicateModule, body: DuplicateCheck): Promise<DuplicateCheckResponse> {
  assertCan(actor, 'view', module);
  const { settings } = await writeConfig(db, module);
  const profile = draftProfile(module, body, settings.defaultPhoneRegion);
  const excludeId = body.excludeId ? fromApiId(body.excludeId) : undefined;
  const matches = await findDuplicates(db, actor, profile, { excludeId, limit: CHECK_LIMIT });
  const rows = new Map((await duplicateRecords(db, actor, module, matches.map((m) => m.id))).map((r) => [r.id, r]));
  const accounts = await visibleAccountIds(db, actor, module, matches.flatMap((m) => m.reasons));
  return {
    data: matches.flatMap((m) => {
      const row = rows.get(m.id);
      return row ? [presentCandidate(row, { ...m, reasons: m.reasons.map((r) => (r.code === 'name_account' && !accounts.has(r.value) ? { ...r, value: '' } : r)) })] : [];
    }),
  };
}

/** The accounts named by `name_account` reasons that the reader may see (a hidden one is not named). */
async function visibleAccountIds(db: Kysely<DB>, actor: Actor, module: DuplicateModule, reasons: ReadonlyArray<{ code: string; value: string }>): Promise<Set<string>> {
  if (module !== 'contacts') return new Set();
  const ids = [...new Set(reasons.filter((r) => r.code === 'name_account').map((r) => Number(r.value)))].filter((id) => Number.isSafeInteger(id) && id > 0);
  return new Set([...(await visibleIds(db, actor, 'accounts', ids))].map(toApiId));
}

/** Clusters in score order; only visible records are shown, and a cluster needs two of them to be listed. */
export async function listClusters(db: Kysely<DB>, actor: Actor, module: DuplicateModule, input: DuplicateListQuery): Promise<DuplicateListResponse> {
  assertCan(actor, 'view', module);
  const query = duplicateListQuerySchema.parse(input);
  const descending = query.sort === '-score';
  const filter = {
    ownerId: query.ownerId ? fromApiId(query.ownerId) : undefined,
    tagId: query.tagId ? fromApiId(query.tagId) : undefined,
    accountId: query.accountId ? fromApiId(query.accountId) : undefined,
  };
  let after: [number, number] | null = null;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, 'integer');
    after = [Number(c.value), c.id];
  }
  const out: DuplicateCluster[] = [];
  // Clusters whose records are mostly hidden from the reader are skipped; read on until the page is full.
  for (let round = 0; round < 10; round++) {
    const page = await clusterPage(db, actor, module, { descending, after, limit: query.limit * 2, filter });
    const members = await membersOfClusters(db, page.map((c) => c.id));
    const rows = new Map((await duplicateRecords(db, actor, module, members.map((m) => m.record_id))).map((r) => [r.id, r]));
    for (const c of page) {
      after = [c.score, c.id];
      const ids = members.filter((m) => m.cluster_id === c.id && rows.has(m.record_id)).map((m) => m.record_id);
      const pairs = ids.length >= 2 ? await pairsAmong(db, module, ids) : [];
      if (!pairs.length) continue;
      const accounts = await visibleAccountIds(db, actor, module, pairs.flatMap((p) => JSON.parse(p.reasons) as Array<{ code: string; value: string }>));
      const inPairs = new Set(pairs.flatMap((p) => [p.low_id, p.high_id]));
      out.push({
        id: toApiId(c.id),
        score: Math.max(...pairs.map((p) => p.score)),
        records: ids.flatMap((id) => {
          const row = rows.get(id);
          return row && inPairs.has(id) ? [presentDuplicateRecord(row)] : [];
        }),
        pairs: pairs.map((p) => presentPair(p, accounts)),
      });
      if (out.length === query.limit) return { data: out, nextCursor: encodeCursor(c.score, c.id) };
    }
    if (page.length < query.limit * 2) return { data: out, nextCursor: null };
  }
  return { data: out, nextCursor: after ? encodeCursor(after[0], after[1]) : null };
}

/** "Not a duplicate": every pair among these records is dismissed for good, and their clusters regrouped. */
export async function dismissDuplicates(db: Kysely<DB>, actor: Actor, module: DuplicateModule, body: DuplicateDismiss): Promise<void> {
  assertCan(actor, 'edit', module);
  const ids = body.ids.map(fromApiId);
  const visible = await visibleIds(db, actor, module, ids);
  if (ids.some((id) => !visible.has(id))) throw notFound();
  const pairs: Array<[number, number]> = [];
  const sorted = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i] as number, sorted[j] as number]);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertDismissals(trx, module, pairs, actor.id, now);
    await recomputeClusters(trx, module, ids, now);
  });
}
