import type { Engine } from '../database.ts';

/** A record's history (owner changes, sharing, restriction) is read from the audit log by target. */
export function securitySchema(_engine: Engine): string[] {
  return [`create index audit_log_target on audit_log (target_type, target_id, id)`];
}
