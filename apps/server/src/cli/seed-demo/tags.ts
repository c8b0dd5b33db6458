/** The tags on demo records: "Demo" on every one (that is how the seed recognises its own data), plus a realistic mix. */
import type { AccountType, Rating } from './companies.ts';
import type { CountryCode } from './countries.ts';
import type { LeadSource } from './people.ts';
import type { Rng } from './random.ts';

export const DEMO_TAG = 'Demo';

export function accountTags(r: Rng, country: CountryCode, type: AccountType, rating: Rating | null): string[] {
  const tags = [DEMO_TAG];
  if (type === 'customer' && rating === 'active' && r.chance(0.2)) tags.push('VIP');
  if (['partner', 'reseller', 'integrator', 'distributor'].includes(type)) tags.push('Partner');
  if (r.chance(0.2)) tags.push('Newsletter');
  if (r.chance(0.12)) tags.push('Trade fair 2026');
  if (type === 'customer' && r.chance(0.1)) tags.push('Key account');
  if (country === 'CN' && (type === 'supplier' || type === 'vendor' || r.chance(0.15))) tags.push('供应商');
  if (country === 'RO' && type === 'customer') tags.push('Clienți');
  if (country === 'DE' && type === 'customer' && r.chance(0.15)) tags.push('Referenzkunde');
  return tags;
}

/** `account` is the contact's planned account, if any. */
export function contactTags(
  r: Rng,
  optOut: boolean,
  leadSource: LeadSource | null,
  decisionMaker: boolean,
  account: { country: { code: CountryCode }; accountType: AccountType } | null,
): string[] {
  const tags = [DEMO_TAG];
  if (!optOut && r.chance(0.3)) tags.push('Newsletter');
  if (r.chance(0.05)) tags.push('VIP');
  if (leadSource === 'trade_show' && r.chance(0.6)) tags.push('Trade fair 2026');
  if (decisionMaker && r.chance(0.5)) tags.push('Decision maker');
  if (account?.country.code === 'CN' && (account.accountType === 'supplier' || account.accountType === 'vendor')) tags.push('供应商');
  if (account?.country.code === 'RO' && account.accountType === 'customer' && r.chance(0.6)) tags.push('Clienți');
  return tags;
}
