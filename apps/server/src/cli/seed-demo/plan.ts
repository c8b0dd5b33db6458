/** The plan: everything is decided in memory first, then `seedDemo` writes it through the services. */
import { planAccounts, type PlannedAccount } from './plan-accounts.ts';
import { planContact, type PlannedContact } from './plan-contacts.ts';
import { planDeals, type PlannedDeal } from './plan-deals.ts';
import { planActivities, type PlannedActivity, type PlannedLead, type PlannedNote } from './plan-activities.ts';
import { Rng } from './random.ts';

const SEED = 20260401;

export interface Plan {
  accounts: PlannedAccount[];
  contacts: PlannedContact[];
  deals: PlannedDeal[];
  activities: PlannedActivity[];
  notes: PlannedNote[];
  leads: PlannedLead[];
}

export const DEMO_CONTACTS = 800;
const CONTACTS_WITHOUT_ACCOUNT = 40;

/** `today` (YYYY-MM-DD) anchors the deals' close dates: the same day gives the same plan. */
export function planDemo(today: string, seed = SEED): Plan {
  const r = new Rng(seed);
  const accounts = planAccounts(r);
  // Larger companies get more contacts; a few prospects get none.
  const weights = accounts.map((a) => [a, 1 + Math.log10(a.employees)] as const);
  const perAccount = new Map<number, number>();
  for (let i = 0; i < DEMO_CONTACTS - CONTACTS_WITHOUT_ACCOUNT; i++) {
    const a = r.weighted(weights);
    perAccount.set(a.index, (perAccount.get(a.index) ?? 0) + 1);
  }
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();
  const contacts: PlannedContact[] = [];
  for (const a of accounts) {
    const usedPositions = new Set<string>();
    for (let i = 0; i < (perAccount.get(a.index) ?? 0); i++) contacts.push(planContact(r, a, usedNames, usedEmails, usedPositions));
  }
  for (let i = 0; i < CONTACTS_WITHOUT_ACCOUNT; i++) {
    const at = r.int(0, contacts.length);
    contacts.splice(at, 0, planContact(r, null, usedNames, usedEmails, new Set()));
  }
  // Deals draw from their own sequence, so the accounts and contacts stay what they were before deals existed.
  const deals = planDeals(new Rng(seed + 9), accounts, contacts, today);
  // Activities, notes and leads likewise (issue #10), after everything else.
  return { accounts, contacts, deals, ...planActivities(new Rng(seed + 17), accounts, contacts) };
}
