import type { TimelineEvent } from '@kontor/contract/timeline';

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * A `merged` event's details (the merge and the records merged into the survivor, by id and by name) or a
 * `merge_undone` event's (the records it restored).
 */
export function mergeDetails(e: TimelineEvent): { mergeId: string; mergedIds: string[]; mergedNames: string[] } | null {
  const { mergeId, mergedIds, mergedNames, restoredIds, restoredNames } = e.details;
  if (typeof mergeId !== 'string') return null;
  const undone = e.kind === 'merge_undone';
  return { mergeId, mergedIds: strings(undone ? restoredIds : mergedIds), mergedNames: strings(undone ? restoredNames : mergedNames) };
}
