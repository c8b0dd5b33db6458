import { personName } from '@kontor/contract/person-name';
import type { DuplicateCandidate, DuplicatePair, DuplicateReason, DuplicateRecord } from '@kontor/contract/duplicates';
import { toApiId } from '../../lib/ids.ts';
import type { PairRow } from './duplicate-pairs.repository.ts';
import type { DuplicateMatch } from './duplicate-matcher.ts';
import type { DuplicateRecordRow } from './duplicates.repository.ts';

export function presentDuplicateRecord(r: DuplicateRecordRow): DuplicateRecord {
  return {
    id: toApiId(r.id),
    name: r.name ?? personName({ firstName: r.first_name, lastName: r.last_name }),
    email: r.primary_email,
    phone: r.primary_phone,
    context: r.context,
    owner: r.owner_id !== null && r.owner_name !== null ? { id: toApiId(r.owner_id), name: r.owner_name } : null,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export const presentCandidate = (r: DuplicateRecordRow, m: DuplicateMatch): DuplicateCandidate => ({ ...presentDuplicateRecord(r), score: m.score, reasons: m.reasons });

/** A stored pair; a reason naming an account (`name_account`) names it only when the reader may see it (else ''). */
export function presentPair(p: PairRow, visibleAccounts: ReadonlySet<string>): DuplicatePair {
  const reasons = (JSON.parse(p.reasons) as DuplicateReason[]).map((r) => (r.code === 'name_account' && !visibleAccounts.has(r.value) ? { ...r, value: '' } : r));
  return { ids: [toApiId(p.low_id), toApiId(p.high_id)], score: p.score, reasons };
}
