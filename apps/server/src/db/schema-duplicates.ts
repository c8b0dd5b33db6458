import type { Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

/** The tables of issue #16 (migration 021): blocking keys, scored pairs, clusters, dismissals and merges. */

export interface DuplicateKeysTable {
  module: string;
  /** `keyHash` of the blocking key's text. */
  key: number;
  record_id: number;
}

export interface DuplicatePendingTable {
  module: string;
  record_id: number;
}

export interface DuplicatePairsTable {
  module: string;
  /** The smaller id of the pair. */
  low_id: number;
  high_id: number;
  /** 0-100. */
  score: number;
  /** JSON `DuplicateReason[]`. */
  reasons: string;
}

export interface DuplicateClustersTable {
  id: Generated<number>;
  module: string;
  /** The best pair's score. */
  score: number;
  size: number;
  updated_at: Timestamp;
}

export interface DuplicateMembersTable {
  module: string;
  record_id: number;
  cluster_id: number;
}

export interface DuplicateDismissalsTable {
  module: string;
  low_id: number;
  high_id: number;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MergesTable {
  id: Generated<number>;
  module: string;
  survivor_id: number;
  /** JSON: the merged records' ids. */
  merged_ids: string;
  /** JSON `MergeSnapshot` (features/duplicates/merge/merge-snapshot.ts): what undoing the merge restores. */
  snapshot: string;
  created_by: number | null;
  created_at: Timestamp;
  undone_at: Timestamp | null;
  undone_by: number | null;
}
