import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  action: z.string().max(50).optional(),
});

/** What a record's history shows: changes of ownership, sharing and restriction, newest first. */
export const recordHistoryActions = ['record.owner_change', 'record.share', 'record.unshare', 'record.restrict'] as const;
export type RecordHistoryAction = (typeof recordHistoryActions)[number];
export const recordHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.enum(recordHistoryActions),
  details: z.record(z.string(), z.unknown()),
  /** Names of the users the details mention by id (owners, users shared with or listed), for display. */
  userNames: z.record(z.string(), z.string()),
});
export type RecordHistoryEntry = z.infer<typeof recordHistoryEntrySchema>;
