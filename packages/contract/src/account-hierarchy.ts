import { z } from 'zod';
import { moneySchema } from './deals.ts';

const dealRollUp = z.object({ count: z.number().int(), value: z.array(moneySchema) });

/**
 * Zoho's member accounts, rolled up: the account and its members at every level (at most 20 levels down), counting
 * only the accounts, contacts and deals the reader may see. A member the reader cannot see hides its whole branch.
 */
export const hierarchySummarySchema = z.object({
  /** Member accounts below the account, at every level. */
  memberCount: z.number().int(),
  /** Levels of the hierarchy from this account down, the account itself included (1: no members). */
  levels: z.number().int(),
  contactCount: z.number().int(),
  openDeals: dealRollUp,
  wonDeals: dealRollUp,
});
export type HierarchySummary = z.infer<typeof hierarchySummarySchema>;
