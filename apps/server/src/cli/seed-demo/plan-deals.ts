/**
 * Planning the demo deals: most customers, prospects and partners get 1-4 deals in their language and currency,
 * spread over the default pipeline and "Renewals". Every customer with deals has won one (so the app shows it as a
 * customer); prospects have open and lost deals only.
 */
import type { DealCreate } from '@kontor/contract/deals';
import type { AccountType } from './companies.ts';
import { dealCurrency, dealNotes, lostReasons, newBusinessNames, renewalNames, RENEWALS_PIPELINE } from './deal-texts.ts';
import type { PlannedAccount } from './plan-accounts.ts';
import type { PlannedContact } from './plan-contacts.ts';
import type { Rng } from './random.ts';
import { DEMO_TAG } from './tags.ts';
import type { UserKey } from './users.ts';

export type PipelineKey = 'sales' | 'renewals';
export type Outcome = 'open' | 'won' | 'lost';

export interface PlannedDeal {
  account: number;
  /** Index into the plan's contacts: a contact of the same account. */
  contact: number | null;
  owner: UserKey;
  pipeline: PipelineKey;
  /** Index of the stage in its pipeline (the last stage when the pipeline has fewer). */
  stage: number;
  outcome: Outcome;
  lostReason: string | null;
  /** Name, amount, currency, close date, description and tags; ids, placement and status are set when writing. */
  input: Pick<DealCreate, 'name' | 'amount' | 'currency' | 'expectedCloseDate' | 'description' | 'tags'>;
}

interface Profile {
  /** Share of the accounts of this type that have deals at all. */
  share: number;
  max: number;
  /** The first (oldest) deal was won. */
  firstWon: boolean;
  odds: ReadonlyArray<readonly [Outcome, number]>;
}

const partner: Profile = { share: 0.5, max: 3, firstWon: false, odds: [['open', 60], ['won', 25], ['lost', 15]] };
const profiles: Partial<Record<AccountType, Profile>> = {
  customer: { share: 0.85, max: 4, firstWon: true, odds: [['open', 65], ['won', 15], ['lost', 20]] },
  prospect: { share: 0.7, max: 2, firstWon: false, odds: [['open', 75], ['lost', 25]] },
  partner,
  reseller: partner,
  distributor: partner,
  integrator: partner,
};

const SALES_STAGES = 5; // the default pipeline of migration 008
const stageCount: Record<PipelineKey, number> = { sales: SALES_STAGES, renewals: RENEWALS_PIPELINE.stages.length };
const everyone: readonly UserKey[] = ['admin', 'anna', 'james', 'ioana', 'li'];

/** `today` (YYYY-MM-DD) moved by `days`. */
export function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Two significant digits, as people quote: 47,312 -> 47,000. */
function roundAmount(n: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

function planOne(r: Rng, a: PlannedAccount, contacts: readonly number[], today: string, outcome: Outcome, pipeline: PipelineKey, usedNames: Set<string>): PlannedDeal {
  const lang = a.country.lang;
  const n = stageCount[pipeline];
  const stage = outcome === 'won' ? n - 1 : outcome === 'lost' ? r.int(0, n - 1) : Math.min(n - 1, Math.floor(r.float() ** 1.4 * n));
  const close = addDays(today, outcome === 'open' ? r.int(-20, 150) : r.int(-330, -3));
  const year = Number(close.slice(0, 4));
  const followUp = usedNames.size > 0;
  let name = '';
  // Another name than the account's other deals (a few tries; the list is long enough).
  for (let attempt = 0; attempt < 5 && (!name || usedNames.has(name)); attempt++) {
    name = r
      .pick((pipeline === 'renewals' ? renewalNames : newBusinessNames)[lang])
      .replace('{y2}', String(year + 1))
      .replace('{y}', String(year))
      .replace('{q}', String(Math.ceil(Number(close.slice(5, 7)) / 3)))
      .replace('{n}', String(r.int(2, 9)))
      .replace('{city}', a.city.short ?? a.city.name);
  }
  usedNames.add(name);
  const currency = dealCurrency[a.country.code];
  const size = a.employees >= 1000 ? 2.5 : a.employees >= 250 ? 1.5 : 1;
  const euros = Math.exp(Math.log(3000) + r.float() * Math.log(50)) * size * (pipeline === 'renewals' ? 0.5 : 1);
  // Early, open deals are often not priced yet.
  const amount = outcome === 'open' && stage === 0 && r.chance(0.3) ? null : roundAmount(euros * currency.perEuro);
  const tags = [DEMO_TAG];
  if (a.input.tags?.includes('Key account')) tags.push('Key account');
  if (followUp && a.accountType === 'customer' && pipeline === 'sales' && r.chance(0.3)) tags.push('Upsell');
  if (r.chance(0.08)) tags.push('Trade fair 2026');
  return {
    account: a.index,
    contact: contacts.length && r.chance(0.65) ? r.pick(contacts) : null,
    owner: r.chance(0.85) ? a.owner : r.pick(everyone),
    pipeline,
    stage,
    outcome,
    lostReason: outcome === 'lost' ? r.pick(lostReasons[lang]) : null,
    input: { name, amount, currency: currency.code, expectedCloseDate: close, description: r.chance(0.3) ? r.pick(dealNotes[lang]) : null, tags },
  };
}

/** `contacts` are the planned contacts in plan order; `today` anchors the close dates (YYYY-MM-DD). */
export function planDeals(r: Rng, accounts: readonly PlannedAccount[], contacts: readonly PlannedContact[], today: string): PlannedDeal[] {
  const byAccount = new Map<number, number[]>();
  contacts.forEach((c, i) => {
    if (c.account != null) byAccount.set(c.account, [...(byAccount.get(c.account) ?? []), i]);
  });
  const deals: PlannedDeal[] = [];
  for (const a of accounts) {
    const p = profiles[a.accountType];
    if (!p || !r.chance(p.share)) continue;
    const count = r.int(1, p.max);
    const usedNames = new Set<string>();
    for (let i = 0; i < count; i++) {
      const outcome = i === 0 && p.firstWon ? 'won' : r.weighted(p.odds);
      // Renewals follow a won deal: only at customers, and never their first deal.
      const pipeline: PipelineKey = i > 0 && a.accountType === 'customer' && r.chance(0.4) ? 'renewals' : 'sales';
      deals.push(planOne(r, a, byAccount.get(a.index) ?? [], today, outcome, pipeline, usedNames));
    }
  }
  return deals;
}
