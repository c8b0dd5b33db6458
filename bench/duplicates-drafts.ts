import type { DuplicateCheck } from '@kontor/contract/duplicates';
import { isExactHash, keyHash, profileKeys } from '../apps/server/src/features/duplicates/duplicate-keys.ts';
import { draftProfile } from '../apps/server/src/features/duplicates/duplicate-matcher.ts';
import { toE164 } from '../apps/server/src/features/contact-points/phones.ts';
import type { RawDb } from './raw.ts';

/**
 * The drafts the check on entry is measured with (bench/duplicates.ts), drawn deterministically from existing contacts:
 * what a user types who is about to enter someone already there, and someone who is not.
 */

export const draftKinds = ['email-case', 'phone-format', 'name-spelling', 'no-match'] as const;
export type DraftKind = (typeof draftKinds)[number];

export const draftKindText: Record<DraftKind, string> = {
  'email-case': "an existing contact's names and e-mail, the e-mail typed in another case",
  'phone-format': "an existing contact's names and phone, the phone written in another format (+49 (30) 1234-5678, +49-30-..., +49.3012.3456)",
  'name-spelling': "an existing contact's given name, the family name with one letter dropped or doubled, and the same account",
  'no-match': 'an unused name, an e-mail at an unused company domain and a phone in an area code the data set never uses',
};

export interface Draft {
  kind: DraftKind;
  body: DuplicateCheck;
  /** The contact the draft was made from (null for no-match): it should be among the candidates. */
  sourceId: number | null;
  /** The draft's blocking keys as `duplicate_keys` stores them, split as the matcher queries them (raw floor). */
  exactKeys: number[];
  soundKeys: number[];
}

interface SampleRow {
  id: number;
  firstName: string;
  lastName: string;
  accountId: number | null;
  email: string | null;
  e164: string | null;
}

/** Live, unrestricted contacts (every bench user may see them) spread evenly over the id range, with their first e-mail and phone. */
async function sampleContacts(raw: RawDb, count: number): Promise<SampleRow[]> {
  const max = Number((await raw.all('select max(id) as m from contacts'))[0]?.m ?? 0);
  const step = Math.max(1, Math.floor(max / count));
  const first = (kind: string, column: string) =>
    `(select p.${column} from contact_points p where p.module = 'contacts' and p.record_id = c.id and p.kind = '${kind}' order by p.is_primary desc, p.position, p.id limit 1)`;
  const rows = await raw.all(
    `select c.id, c.first_name, c.last_name, c.account_id, ${first('emails', 'value')} as email, ${first('phones', 'e164')} as e164
       from contacts c where c.deleted_at is null and c.restricted = 0 and c.merged_into_id is null and c.id % ? = 0 order by c.id limit ?`,
    [step, count],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    firstName: String(r.first_name ?? ''),
    lastName: String(r.last_name ?? ''),
    accountId: r.account_id == null ? null : Number(r.account_id),
    email: r.email == null ? null : String(r.email),
    e164: r.e164 == null ? null : String(r.e164),
  }));
}

/** The e-mail in another case: all upper case, or each part of it capitalised. */
export function otherCase(email: string, i: number): string {
  if (i % 2 === 0) return email.toUpperCase();
  const changed = email.replace(/(^|[.@_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  return changed === email ? email.toUpperCase() : changed;
}

/** An E.164 number (+4930123456) written as people write it; the digits are the same. */
export function otherFormat(e164: string, i: number): string {
  const d = e164.replace(/\D/g, '');
  switch (i % 3) {
    case 0:
      return `+${d.slice(0, 2)} (${d.slice(2, 4)}) ${d.slice(4, 8)}-${d.slice(8)}`;
    case 1:
      return `+${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}`;
    default:
      return `+${d.slice(0, 2)}.${d.slice(2, 6)}.${d.slice(6)}`;
  }
}

/** A similar spelling: one letter in the middle dropped (even i) or doubled (odd i). Null for names too short to stay recognisable. */
export function similarSpelling(name: string, i: number): string | null {
  const chars = Array.from(name);
  if (chars.length < 4) return null;
  const at = Math.floor(chars.length / 2);
  return i % 2 === 0 ? [...chars.slice(0, at), ...chars.slice(at + 1)].join('') : [...chars.slice(0, at + 1), ...chars.slice(at)].join('');
}

const noMatchFirst = ['Quirin', 'Xaverine', 'Zoltan', 'Ysolde', 'Ottokar', 'Wendelin'];

function withKeys(kind: DraftKind, body: DuplicateCheck, sourceId: number | null): Draft {
  const keys = profileKeys(draftProfile('contacts', body, null)).map(keyHash);
  return { kind, body, sourceId, exactKeys: keys.filter(isExactHash), soundKeys: keys.filter((k) => !isExactHash(k)) };
}

export interface DraftSet {
  drafts: Draft[];
  /**
   * Sampled contacts left out of the phone drafts because the app reads no number from their phone (`toE164`: not a
   * possible number; the scale seed writes Romanian numbers a digit too long), so no check could find them by it.
   */
  unreadablePhones: number;
}

/** `perKind` drafts of each kind (fewer when the data set is too small to give as many). */
export async function loadDrafts(raw: RawDb, perKind: number): Promise<DraftSet> {
  const rows = await sampleContacts(raw, perKind * 6);
  const out: Draft[] = [];
  const take = (kind: DraftKind, make: (r: SampleRow, i: number) => DuplicateCheck | null, offset: number) => {
    let n = 0;
    for (let k = 0; k < rows.length && n < perKind; k++) {
      const r = rows[(k + offset) % rows.length] as SampleRow;
      const body = make(r, n);
      if (!body) continue;
      out.push(withKeys(kind, body, r.id));
      n++;
    }
  };
  // Each kind starts at another third of the sample, so the kinds mostly draw different contacts.
  const third = Math.floor(rows.length / 3);
  take('email-case', (r, i) => (r.email ? { firstName: r.firstName, lastName: r.lastName, emails: [otherCase(r.email, i)] } : null), 0);
  let unreadablePhones = 0;
  take('phone-format', (r, i) => {
    if (!r.e164) return null;
    const phone = otherFormat(r.e164, i);
    if (toE164(phone) === null) {
      unreadablePhones++;
      return null;
    }
    return { firstName: r.firstName, lastName: r.lastName, phones: [phone] };
  }, third);
  take('name-spelling', (r, i) => {
    const lastName = similarSpelling(r.lastName, i);
    return lastName && r.accountId !== null ? { firstName: r.firstName, lastName, accountId: String(r.accountId) } : null;
  }, 2 * third);
  for (let i = 0; i < perKind; i++) {
    const tag = (i + 1).toString(36);
    out.push(
      withKeys('no-match', {
        firstName: noMatchFirst[i % noMatchFirst.length],
        lastName: `Nomatchy${tag}`,
        emails: [`q.${tag}@nomatch-${tag}.example`],
        phones: [`+49 89 ${String(10_000_000 + i * 7919).slice(0, 8)}`],
      }, null),
    );
  }
  return { drafts: out, unreadablePhones };
}
