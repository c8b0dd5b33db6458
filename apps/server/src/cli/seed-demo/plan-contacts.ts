/** Planning one demo contact: a name, a job, e-mail addresses, phones and tags that fit the contact's country and account. */
import type { ContactCreate } from '@kontor/contract/contacts';
import { pinyin } from './companies.ts';
import { countries, landline, makeAddress, mobile, type Address, type CountryCode, type Lang } from './countries.ts';
import { birthday, contactNotes, leadSourceWeights, names, personalMail, positions, salutation, zhPinyin, type Position } from './people.ts';
import { typeWeights, type PlannedAccount } from './plan-accounts.ts';
import type { Rng } from './random.ts';
import { contactTags } from './tags.ts';
import { ascii, slug } from './text.ts';
import type { UserKey } from './users.ts';

export interface PlannedContact {
  account: number | null;
  owner: UserKey;
  input: ContactCreate;
  typeIndex: number | null;
}

const romanise = (text: string, lang: Lang): string => (lang === 'zh' ? (zhPinyin[text] ?? pinyin[text] ?? 'x') : slug(text));

export function planContact(r: Rng, account: PlannedAccount | null, usedNames: Set<string>, usedEmails: Set<string>, usedPositions: Set<string>): PlannedContact {
  const home = account ? account.country : countries[r.weighted<CountryCode>([['DE', 30], ['GB', 15], ['US', 10], ['RO', 20], ['CN', 15], ['FR', 5], ['PL', 5]])];
  // Some people work abroad: a German engineer at a Polish subsidiary, a Romanian at a German firm.
  const country = account && r.chance(0.08) ? countries[r.pick(['DE', 'RO', 'GB', 'PL', 'CN'] as const)] : home;
  const lang = country.lang;
  const bank = names[lang];
  const female = r.chance(0.45);
  let first = '';
  let last = '';
  for (let attempt = 0; attempt < 50; attempt++) {
    first = r.pick(female ? bank.female : bank.male);
    const surname = r.pick(bank.last);
    last = typeof surname === 'string' ? surname : female ? surname[1] : surname[0];
    if (!usedNames.has(`${account?.index ?? 'x'}|${first}|${last}`)) break;
  }
  usedNames.add(`${account?.index ?? 'x'}|${first}|${last}`);

  let position: Position = r.pick(positions[lang]);
  for (let attempt = 0; attempt < 10 && position[3] && usedPositions.has(position[0]); attempt++) position = r.pick(positions[lang]);
  usedPositions.add(position[0]);

  const firstAscii = romanise(first, lang);
  const lastAscii = romanise(last, lang);
  const emails: Array<{ label: string; value: string; primary: boolean }> = [];
  const unique = (local: string, domain: string) => {
    let value = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(value); n++) value = `${local}${n}@${domain}`;
    usedEmails.add(value);
    return value;
  };
  if (account?.domain) {
    const pattern = r.weighted<string>([
      [`${firstAscii}.${lastAscii}`, 60],
      [`${firstAscii.slice(0, 1)}.${lastAscii}`, 20],
      [lang === 'zh' ? `${lastAscii}${firstAscii}` : `${firstAscii.slice(0, 1)}${lastAscii}`, 20],
    ]);
    emails.push({ label: 'work', value: unique(pattern, account.domain), primary: true });
  }
  if (!account?.domain || r.chance(0.25)) {
    const domain = r.pick(personalMail[country.code]);
    const local = domain === 'qq.com' ? r.digits(r.int(8, 10)) : `${firstAscii}.${lastAscii}${r.chance(0.5) ? r.int(60, 99) : ''}`;
    emails.push({ label: 'home', value: unique(local, domain), primary: emails.length === 0 });
  }

  const city = account && country === account.country ? account.city : r.pick(country.cities);
  const phones: Array<{ label: string; value: string }> = [];
  if (account && r.chance(0.8)) phones.push({ label: 'work', value: landline(r, account.country, account.city) });
  if (phones.length === 0 || r.chance(0.5)) phones.push({ label: 'mobile', value: mobile(r, country, city) });

  const websites: Array<{ label: string; value: string }> = [];
  const latin = `${firstAscii}-${lastAscii}`;
  if (r.chance(0.25)) websites.push({ label: 'linkedin', value: `https://www.linkedin.com/in/${latin}-${r.int(0x100000, 0xffffff).toString(16)}` });
  if (lang === 'de' && r.chance(0.15)) websites.push({ label: 'xing', value: `https://www.xing.com/profile/${ascii(first).replace(/\s+/g, '')}_${ascii(last).replace(/\s+/g, '')}` });

  const addresses: Array<Address & { label: string }> = [];
  if (r.chance(0.18)) addresses.push({ label: 'home', ...makeAddress(r, country, r.chance(0.7) ? city : r.pick(country.cities)) });
  else if (account && r.chance(0.08)) addresses.push({ label: 'work', ...makeAddress(r, account.country, account.city) });

  const optOut = r.chance(0.04);
  const leadSource = r.weighted(leadSourceWeights);
  const tags = contactTags(r, optOut, leadSource, position[3], account);

  const input: ContactCreate = {
    salutation: salutation(r, female),
    firstName: first,
    lastName: last,
    position: female ? position[1] : position[0],
    department: position[2],
    birthday: birthday(r),
    emailOptOut: optOut,
    leadSource,
    description: r.chance(0.15) ? r.pick(contactNotes[lang]) : null,
    tags,
    emails,
    phones,
    ...(websites.length && { websites }),
    ...(addresses.length && { addresses }),
  };
  const owner: UserKey = account && r.chance(0.85) ? account.owner : r.pick(['admin', 'anna', 'james', 'ioana', 'li'] as const);
  return { account: account?.index ?? null, owner, input, typeIndex: r.weighted(typeWeights) };
}
