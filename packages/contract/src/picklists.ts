/** Standard picklists. Values are stable keys; the web app translates them (`picklist.<name>.<value>`). */
export const industries = [
  'agriculture', 'apparel', 'automotive', 'banking', 'biotechnology', 'chemicals', 'communications',
  'construction', 'consulting', 'education', 'electronics', 'energy', 'engineering', 'entertainment',
  'environmental', 'finance', 'food_beverage', 'government', 'healthcare', 'hospitality', 'insurance',
  'logistics', 'machinery', 'manufacturing', 'media', 'not_for_profit', 'real_estate', 'retail',
  'software', 'technology', 'telecommunications', 'transportation', 'utilities', 'other',
] as const;
export const ownerships = ['public', 'private', 'subsidiary', 'partnership', 'government', 'privately_held', 'public_company', 'other'] as const;
export const accountTypes = [
  'analyst', 'competitor', 'customer', 'distributor', 'integrator', 'investor', 'partner', 'press',
  'prospect', 'reseller', 'supplier', 'vendor', 'other',
] as const;
export const ratings = ['acquired', 'active', 'market_failed', 'project_cancelled', 'shut_down'] as const;
export const salutations = ['mr', 'ms', 'mrs', 'mx', 'dr', 'prof'] as const;
export const leadSources = [
  'advertisement', 'cold_call', 'employee_referral', 'external_referral', 'partner', 'public_relations',
  'seminar', 'trade_show', 'web_form', 'web_research', 'chat', 'social_media', 'import', 'other',
] as const;

export const picklists = { industries, ownerships, accountTypes, ratings, salutations, leadSources } as const;
export type PicklistName = keyof typeof picklists;
