import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';

/** created/updated by/at for a new row. */
export function createdStamps(actor: Actor) {
  const now = nowIso();
  return { created_at: now, created_by: actor.id, updated_at: now, updated_by: actor.id };
}

export function updatedStamps(actor: Actor, currentVersion: number) {
  return { updated_at: nowIso(), updated_by: actor.id, version: currentVersion + 1 };
}
