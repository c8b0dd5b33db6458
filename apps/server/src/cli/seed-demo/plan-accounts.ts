/** Planning the demo accounts: the named groups with their members, and standalone companies in every country. */
import type { AccountCreate } from '@kontor/contract/accounts';
import { describeAccount } from './account-descriptions.ts';
import {
  accountTypeWeights,
  legalForms,
  pinyin,
  sectors,
  standaloneCounts,
  stems,
  type AccountType,
  type Industry,
  type LegalForm,
  type Ownership,
  type Rating,
  type Sector,
} from './companies.ts';
import { cityOf, countries, landline, makeAddress, type City, type Country, type CountryCode, type Lang } from './countries.ts';
import { groups, type GroupSpec } from './groups.ts';
import type { Rng } from './random.ts';
import { accountTags } from './tags.ts';
import { slug } from './text.ts';
import type { UserKey } from './users.ts';

export interface PlannedAccount {
  index: number;
  parent: number | null;
  depth: number;
  country: Country;
  city: City;
  owner: UserKey;
  domain: string | null;
  employees: number;
  accountType: AccountType;
  /** Input without ownerId, parentAccountId and contactType, which are ids known only when writing. */
  input: AccountCreate;
  typeIndex: number | null;
}

const ownerWeights: Record<CountryCode, ReadonlyArray<readonly [UserKey, number]>> = {
  DE: [['anna', 7], ['admin', 3]],
  PL: [['anna', 6], ['ioana', 2], ['admin', 2]],
  GB: [['james', 8], ['admin', 2]],
  US: [['james', 8], ['admin', 2]],
  FR: [['james', 6], ['anna', 2], ['admin', 2]],
  RO: [['ioana', 85], ['admin', 15]],
  CN: [['li', 85], ['admin', 15]],
};

/** Weights of the contact type (index into Cold / Warm / Hot, or none), for accounts and contacts alike. */
export const typeWeights: ReadonlyArray<readonly [number | null, number]> = [[0, 40], [1, 32], [2, 20], [null, 8]];

function sizeOf(r: Rng, big: boolean): number {
  const [lo, hi] = big
    ? r.weighted<readonly [number, number]>([[[1000, 9999], 6], [[10000, 60000], 4]])
    : r.weighted<readonly [number, number]>([[[3, 49], 30], [[50, 249], 35], [[250, 999], 20], [[1000, 9999], 12], [[10000, 40000], 3]]);
  const n = Math.round(Math.exp(Math.log(lo) + r.float() * (Math.log(hi) - Math.log(lo))));
  if (n < 100) return n;
  if (n < 1000) return Math.round(n / 10) * 10;
  return Math.round(n / 50) * 50;
}

function revenueOf(r: Rng, country: CountryCode, employees: number): number {
  const perHead = country === 'CN' ? r.int(40, 140) : country === 'RO' || country === 'PL' ? r.int(45, 130) : r.int(120, 380);
  const raw = employees * perHead * 1000;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(raw)) - 2);
  return Math.round(raw / magnitude) * magnitude;
}

function ratingOf(r: Rng, type: AccountType): Rating | null {
  if (r.chance(0.04)) return r.pick(['market_failed', 'project_cancelled', 'shut_down'] as const);
  if (type === 'customer') return r.weighted<Rating | null>([['active', 80], ['acquired', 12], [null, 8]]);
  if (type === 'prospect') return r.weighted<Rating | null>([['active', 50], [null, 50]]);
  return r.chance(0.5) ? 'active' : null;
}

const infoMailbox: Record<CountryCode, readonly string[]> = {
  DE: ['info', 'kontakt', 'vertrieb'],
  GB: ['info', 'hello', 'sales'],
  US: ['info', 'hello', 'sales', 'contact'],
  RO: ['office', 'contact', 'vanzari'],
  CN: ['info', 'service', 'sales'],
  FR: ['contact', 'info', 'commercial'],
  PL: ['biuro', 'kontakt', 'info'],
};

const hqWord: Record<Lang, string> = { de: 'Zentrale', en: 'Head office', ro: 'Sediu central', zh: '总部', fr: 'Siège', pl: 'Centrala' };

function websiteFor(domain: string | null): string | null {
  if (!domain) return null;
  const withWww = `www.${domain}`;
  return withWww.length <= 30 ? withWww : domain;
}

function buildAccount(
  r: Rng,
  index: number,
  spec: {
    name: string;
    country: CountryCode;
    city: City;
    sector: Sector;
    domain: string;
    form: LegalForm | null;
    ownership?: Ownership;
    ticker?: string;
    accountType?: AccountType;
    mayLackWebsite?: boolean;
  },
  group: { parent: PlannedAccount | null; depth: number; isGroupParent: boolean },
): PlannedAccount {
  const country = countries[spec.country];
  const { city, sector } = spec;
  const lang = country.lang;
  const parent = group.parent;
  const employees = sizeOf(r, group.isGroupParent);
  const accountType = spec.accountType ?? (parent ? parent.accountType : r.weighted(accountTypeWeights));
  const rating = ratingOf(r, accountType);
  // Only larger firms are listed; a small AG or SA is privately held.
  const formOwnerships = (spec.form?.ownership ?? ['private']).filter((o) => employees >= 500 || o !== 'public_company');
  const ownership: Ownership = spec.ownership ?? (parent ? 'subsidiary' : r.pick(formOwnerships.length ? formOwnerships : (['private'] as const)));
  // Some micro firms have no website (and so no company e-mail addresses).
  const domain = spec.mayLackWebsite && employees < 50 && r.chance(0.3) ? null : spec.domain;
  const billing = makeAddress(r, country, city);
  const shipping = r.chance(0.7) ? billing : r.chance(0.5) ? makeAddress(r, country, city) : makeAddress(r, country, r.pick(country.cities));
  const phone = landline(r, country, city);
  const owner: UserKey = parent && r.chance(0.6) ? parent.owner : r.weighted(ownerWeights[spec.country]);
  const website = websiteFor(domain);
  const ticker = spec.ticker ?? (spec.form?.public && ownership === 'public_company' ? (lang === 'zh' ? `${r.pick(['600', '601', '603', '000', '002', '300'])}${r.digits(3, true)}` : slug(spec.name).replace(/-/g, '').slice(0, r.int(3, 4)).toUpperCase()) : null);
  const emails = domain && r.chance(0.75) ? [{ label: 'work', value: `${r.pick(infoMailbox[spec.country])}@${domain}` }] : undefined;
  // The website is the primary website point (issue #14): a LinkedIn page comes after it.
  const websites = website && r.chance(0.2) ? [{ label: 'website', value: website, primary: true }, { label: 'linkedin', value: `https://www.linkedin.com/company/${slug((domain ?? '').split('.')[0] || spec.name)}` }] : undefined;
  const input: AccountCreate = {
    name: spec.name,
    website,
    tickerSymbol: ticker,
    accountNumber: accountType === 'customer' ? `${spec.country}-${10000 + index * 7}` : null,
    accountSite: group.isGroupParent ? hqWord[lang] : parent ? (city.short ?? city.name) : null,
    phone,
    fax: (spec.country === 'DE' || spec.country === 'CN') && r.chance(0.45) ? `${phone.slice(0, -2)}${r.digits(2, true)}` : null,
    industry: sector.industry,
    ownership,
    accountType,
    rating,
    employees,
    annualRevenue: r.chance(0.85) ? revenueOf(r, spec.country, employees) : null,
    billingAddress: billing,
    shippingAddress: shipping,
    description: r.chance(0.8) ? describeAccount(r, lang, sector.what, city, employees) : null,
    tags: accountTags(r, spec.country, accountType, rating),
    ...(emails && { emails }),
    ...(websites && { websites }),
  };
  return { index, parent: parent?.index ?? null, depth: group.depth, country, city, owner, domain, employees, accountType, input, typeIndex: r.weighted(typeWeights) };
}

/** The sector of a named group company: its industry if given, else the first sector of the language. */
function sectorFor(lang: Lang, industry: Industry | undefined): Sector {
  const list = sectors[lang];
  const found = list.find((x) => x.industry === industry) ?? (industry ? undefined : list[0]);
  if (!found) throw new Error(`demo data: no ${lang} sector for ${industry}`);
  return found;
}

export function planAccounts(r: Rng): PlannedAccount[] {
  const usedNames = new Set<string>();
  const usedDomains = new Set<string>();
  const topLevel: Array<{ kind: 'group'; spec: GroupSpec } | { kind: 'single'; country: CountryCode }> = [];
  const claim = (spec: GroupSpec) => {
    usedNames.add(spec.name.toLowerCase());
    usedDomains.add(spec.domain);
    for (const m of spec.members ?? []) claim(m);
  };
  for (const g of groups) {
    claim(g);
    topLevel.push({ kind: 'group', spec: g });
  }
  for (const [code, n] of Object.entries(standaloneCounts) as Array<[CountryCode, number]>) for (let i = 0; i < n; i++) topLevel.push({ kind: 'single', country: code });

  const accounts: PlannedAccount[] = [];
  const pendingMembers: Array<{ spec: GroupSpec; parent: PlannedAccount; depth: number; industry: Industry | undefined }> = [];

  for (const item of r.shuffle(topLevel)) {
    if (item.kind === 'group') {
      const g = item.spec;
      const country = countries[g.country];
      const planned = buildAccount(
        r,
        accounts.length,
        { name: g.name, country: g.country, city: cityOf(g.country, g.city), sector: sectorFor(country.lang, g.industry), domain: g.domain, form: null, ownership: g.ownership, ticker: g.ticker, accountType: g.accountType },
        { parent: null, depth: 0, isGroupParent: true },
      );
      accounts.push(planned);
      for (const m of g.members ?? []) pendingMembers.push({ spec: m, parent: planned, depth: 1, industry: m.industry ?? g.industry });
      continue;
    }
    accounts.push(standalone(r, accounts.length, item.country, usedNames, usedDomains));
  }

  // Members after their parents, level by level.
  while (pendingMembers.length) {
    const { spec, parent, depth, industry } = pendingMembers.shift() as (typeof pendingMembers)[number];
    const country = countries[spec.country];
    const planned = buildAccount(
      r,
      accounts.length,
      { name: spec.name, country: spec.country, city: cityOf(spec.country, spec.city), sector: sectorFor(country.lang, industry), domain: spec.domain, form: null, ownership: 'subsidiary' },
      { parent, depth, isGroupParent: false },
    );
    accounts.push(planned);
    for (const m of spec.members ?? []) pendingMembers.push({ spec: m, parent: planned, depth: depth + 1, industry: m.industry ?? industry });
  }
  return accounts;
}

function standalone(r: Rng, index: number, code: CountryCode, usedNames: Set<string>, usedDomains: Set<string>): PlannedAccount {
  const country = countries[code];
  const lang = country.lang;
  for (let attempt = 0; attempt < 200; attempt++) {
    const sector = r.pick(sectors[lang]);
    const stem = r.pick(stems[lang]);
    const form = r.weighted(legalForms[code].map((f) => [f, f.weight] as const));
    const city = r.pick(country.cities);
    let name: string;
    let domainBase: string;
    let tld = country.tld;
    if (lang === 'zh') {
      name = `${city.short ?? ''}${stem}${sector.word}${form.suffix}`;
      domainBase = `${pinyin[stem] ?? 'cn'}-${sector.slug}`;
      tld = r.pick(['com.cn', 'com', 'cn']);
    } else if (lang === 'ro' && r.chance(0.4)) {
      name = `${sector.word} ${stem} ${form.suffix}`;
      domainBase = `${slug(sector.slug)}-${slug(stem)}`;
    } else if (lang === 'fr' && form.suffix === 'SA' && r.chance(0.5)) {
      name = `Groupe ${stem} ${form.suffix}`;
      domainBase = `groupe-${slug(stem)}`;
    } else if (lang === 'de' && r.chance(0.06)) {
      name = `${stem} & Söhne ${sector.word} ${form.suffix}`;
      domainBase = `${slug(stem)}-soehne`;
    } else {
      name = `${stem} ${sector.word} ${form.suffix}`;
      domainBase = `${slug(stem)}${lang === 'en' && r.chance(0.4) ? '' : '-'}${sector.slug}`;
    }
    if (usedNames.has(name.toLowerCase())) continue;
    let domain = `${domainBase}.${tld}`;
    if (domain.length > 30 || usedDomains.has(domain)) domain = `${slug(stem)}-${sector.slug.slice(0, 4)}.${tld}`;
    if (domain.length > 30 || usedDomains.has(domain)) continue;
    usedNames.add(name.toLowerCase());
    usedDomains.add(domain);
    return buildAccount(r, index, { name, country: code, city, sector, domain, form, mayLackWebsite: true }, { parent: null, depth: 0, isGroupParent: false });
  }
  throw new Error(`demo data: ran out of company names for ${code}`);
}
