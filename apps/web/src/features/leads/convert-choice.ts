import type { ConversionMatch, Lead, LeadConvert } from '@kontor/contract/leads';
import { numberOrNull } from '../records/form-utils';

/** Where the new contact goes: a match found for the lead, another account the user picks, a new account, or none. */
export type AccountChoice = { kind: 'match'; accountId: string } | { kind: 'other' } | { kind: 'new' } | { kind: 'none' };

export const choiceValue = (c: AccountChoice): string => (c.kind === 'match' ? `match:${c.accountId}` : c.kind);
export function choiceOf(value: string): AccountChoice {
  if (value.startsWith('match:')) return { kind: 'match', accountId: value.slice('match:'.length) };
  return value === 'other' ? { kind: 'other' } : value === 'new' ? { kind: 'new' } : { kind: 'none' };
}

/** What the server would do without a choice: the account named like the company, else a new one; none without a company. */
export function defaultChoice(lead: Lead, matches: ConversionMatch[], canCreateAccount: boolean): AccountChoice {
  const byName = matches.find((m) => m.reason === 'name');
  if (byName) return { kind: 'match', accountId: byName.accountId };
  if (!lead.company) return { kind: 'none' };
  return canCreateAccount ? { kind: 'new' } : { kind: 'other' };
}

export interface DealValues {
  name: string;
  amount: number | string;
  currency: string;
  expectedCloseDate: string;
}

/** The deal's starting values: "<company> deal" (or the person's name), the default currency. */
export const dealStart = (lead: Lead, currency: string, name: (of: string) => string): DealValues => ({
  name: name(lead.company ?? lead.fullName),
  amount: '',
  currency,
  expectedCloseDate: '',
});

/** The request body for the choices made. */
export function convertBody(lead: Lead, choice: AccountChoice, other: string | null, deal: DealValues | null): LeadConvert {
  const account: Pick<LeadConvert, 'accountId' | 'createAccount'> =
    choice.kind === 'match' ? { accountId: choice.accountId } : choice.kind === 'other' ? { accountId: other ?? undefined } : choice.kind === 'new' ? { createAccount: true } : {};
  return {
    ...account,
    createDeal: deal
      ? { name: deal.name, amount: numberOrNull(deal.amount), currency: deal.currency, expectedCloseDate: deal.expectedCloseDate.trim() === '' ? null : deal.expectedCloseDate }
      : null,
    version: lead.version,
  };
}
