import { z } from 'zod';

/**
 * What undoing a merge puts back (`merges.snapshot`, JSON): every record of the merge as it was before (all columns of
 * its row, its contact points, tags and restricted list), each merged record's row as the merge left it (so an undo can
 * tell a later change), and every related row the merge moved, by table, column and the record it came from.
 */

const row = z.record(z.string(), z.unknown());

export const snapshotRecordSchema = z.object({
  /** The raw row before the merge, every column. */
  row: z.record(z.string(), z.unknown()).and(z.object({ id: z.number(), version: z.number() })),
  points: z.array(row),
  tags: z.array(z.object({ module: z.string(), record_id: z.number(), tag_id: z.number() })),
  access: z.array(z.object({ module: z.string(), record_id: z.number(), user_id: z.number() })),
  /** Its name then (what the merge's timeline entry and the undo's blockers call it). */
  name: z.string(),
});
export type SnapshotRecord = z.infer<typeof snapshotRecordSchema>;

/** Rows of `table` whose `column` pointed at `from` and now point at the survivor, by their key (`id`, or `source_id`). */
export const movedRowsSchema = z.object({
  table: z.string(),
  column: z.string(),
  from: z.number(),
  keys: z.array(z.union([z.number(), z.string()])),
});
export type MovedRows = z.infer<typeof movedRowsSchema>;

export const mergeSnapshotSchema = z.object({
  survivor: snapshotRecordSchema,
  merged: z.array(snapshotRecordSchema),
  /** The survivor's version once the merge was done: another version means it changed since. */
  survivorVersion: z.number(),
  /** Each merged record's row as the merge left it (a tombstone). */
  tombstones: z.array(row),
  moved: z.array(movedRowsSchema),
});
export type MergeSnapshot = z.infer<typeof mergeSnapshotSchema>;
