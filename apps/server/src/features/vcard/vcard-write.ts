/**
 * Kontor records as vCards (issue #15's export, issue #17's CardDAV): a contact as a person's card, an account as a
 * company card (4.0 `KIND:org`; 3.0 Apple's `X-ABShowAs:COMPANY`), in vCard 4.0 (RFC 6350) or 3.0 (RFC 2426).
 * Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 sequence.
 *
 * Labels go where readers look for them: work, home, mobile (`cell`), fax and pager as TYPE; any other label
 * (`other`, `Büro`, `billing`) as Apple's grouped `itemN.X-ABLabel`, which Apple, Android and most CardDAV clients
 * show, and which vcard-to-draft.ts reads back to the same label. The primary point gets `PREF=1` (4.0) or
 * `TYPE=pref` (3.0). Extra properties (those vcard-to-draft.ts kept) are written back as read, less the 2.1
 * `ENCODING`/`CHARSET` parameters that no longer apply to their decoded value.
 */
import type { Account } from '@kontor/contract/accounts';
import type { Contact } from '@kontor/contract/contacts';
import type { PostalAddress } from '@kontor/contract/addresses';
import { personName } from '@kontor/contract/person-name';
import { formatParam } from './vcard-header.ts';
import { escapeText, type VParam, type VProperty } from './vcard-model.ts';
import { salutationPrefix } from './vcard-values.ts';

export type WriteVersion = '4.0' | '3.0';

interface LabelledPoint {
  label: string;
  value: string;
  primary: boolean;
}
interface LabelledAddress extends PostalAddress {
  label: string;
  primary: boolean;
}

/** What a contact's card is made of: the API shape, or the same fields built from an export page's rows. */
export type ContactForVcard = Pick<Contact, 'id' | 'salutation' | 'firstName' | 'lastName' | 'position' | 'department' | 'birthday' | 'description' | 'tags' | 'updatedAt'> & {
  accountName?: string | null;
  emails: LabelledPoint[];
  phones: LabelledPoint[];
  websites: LabelledPoint[];
  addresses: LabelledAddress[];
};
export type AccountForVcard = Pick<Account, 'id' | 'name' | 'description' | 'tags' | 'updatedAt'> & {
  emails: LabelledPoint[];
  phones: LabelledPoint[];
  websites: LabelledPoint[];
  addresses: LabelledAddress[];
  billingAddress?: PostalAddress | null;
  shippingAddress?: PostalAddress | null;
};

export interface VcardWriteOptions {
  version?: WriteVersion;
  /** The contact's account name, when not on the contact itself. */
  accountName?: string | null;
  /** Properties read from a card before, written back unchanged. */
  extras?: VProperty[];
  photo?: { bytes: Uint8Array; mime: string | null } | null;
  /** The card's UID (default `kontor:contacts:<id>` / `kontor:accounts:<id>`, stable across exports). */
  uid?: string;
}

const encoder = new TextEncoder();

const utf8Length = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Fold a content line at 75 octets (continuations start with a space), never splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  if (line.length <= 75 && encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const codePoint = line.codePointAt(i) ?? 0;
    const units = codePoint > 0xffff ? 2 : 1;
    const size = utf8Length(codePoint);
    if (octets + size > limit) {
      out.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = 74; // a continuation line is a space and 74 octets
    }
    octets += size;
    i += units;
  }
  out.push(line.slice(start));
  return out.join('\r\n ');
}

/** Label -> TYPE value for the labels vCard has a type for; others go to X-ABLabel. */
const typeOfLabel: Record<string, Record<string, string>> = {
  EMAIL: { work: 'work', home: 'home' },
  TEL: { work: 'work', home: 'home', mobile: 'cell', fax: 'fax', pager: 'pager' },
  URL: { work: 'work', home: 'home' },
  ADR: { work: 'work', home: 'home' },
};
/** Apple's built-in labels for Kontor's suggested ones, so Apple shows them translated. */
const appleLabelOf: Record<string, string> = { other: '_$!<Other>!$_', website: '_$!<HomePage>!$_' };

class CardBuilder {
  private readonly lines: string[] = [];
  private readonly usedGroups: Set<string>;
  private nextGroup = 1;

  constructor(
    readonly version: WriteVersion,
    extras: VProperty[],
  ) {
    this.usedGroups = new Set(extras.map((p) => p.group?.toLowerCase()).filter((g): g is string => g !== undefined));
    this.lines.push('BEGIN:VCARD', `VERSION:${version}`);
  }

  add(name: string, value: string, params: VParam[] = [], group: string | null = null): void {
    const head = `${group ? `${group}.` : ''}${name}${params.map((p) => `;${formatParam(p)}`).join('')}`;
    this.lines.push(foldLine(`${head}:${value}`));
  }

  private group(): string {
    let g = `item${this.nextGroup++}`;
    while (this.usedGroups.has(g)) g = `item${this.nextGroup++}`;
    return g;
  }

  /** A point with its label as TYPE or grouped X-ABLabel, and the primary marked. */
  addPoint(name: 'EMAIL' | 'TEL' | 'URL' | 'ADR', value: string, label: string, primary: boolean): void {
    const params: VParam[] = [];
    const trimmed = label.trim();
    const type = typeOfLabel[name]?.[trimmed.toLowerCase()];
    const typeValues = type ? [type] : [];
    if (primary && this.version === '3.0') typeValues.push('pref');
    if (typeValues.length > 0) params.push({ name: 'TYPE', values: this.version === '3.0' ? typeValues : [typeValues.join(',')] });
    if (primary && this.version === '4.0') params.push({ name: 'PREF', values: ['1'] });
    if (type || trimmed === '') {
      this.add(name, value, params);
      return;
    }
    const group = this.group();
    this.add(name, value, params, group);
    this.add('X-ABLabel', escapeText(appleLabelOf[trimmed.toLowerCase()] ?? trimmed), [], group);
  }

  addPoints(contact: { emails: LabelledPoint[]; phones: LabelledPoint[]; websites: LabelledPoint[]; addresses: LabelledAddress[] }): void {
    for (const e of contact.emails) this.addPoint('EMAIL', escapeText(e.value), e.label, e.primary);
    for (const p of contact.phones) this.addPoint('TEL', escapeText(p.value), p.label, p.primary);
    for (const w of contact.websites) this.addPoint('URL', w.value, w.label, w.primary);
    for (const a of contact.addresses) this.addPoint('ADR', addressValue(a), a.label, a.primary);
  }

  addCommon(record: { description: string | null; tags: string[]; updatedAt: string }, options: VcardWriteOptions, uid: string): void {
    if (record.description) this.add('NOTE', escapeText(record.description));
    if (record.tags.length > 0) this.add('CATEGORIES', record.tags.map(escapeText).join(','));
    if (options.photo) this.addBinary('PHOTO', options.photo.bytes, options.photo.mime ?? 'image/jpeg', [], null);
    this.add('UID', uid);
    this.add('REV', revision(record.updatedAt));
    for (const extra of options.extras ?? []) this.addExtra(extra);
  }

  private addBinary(name: string, bytes: Uint8Array, mime: string, params: VParam[], group: string | null): void {
    const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
    if (this.version === '4.0') this.add(name, `data:${mime};base64,${base64}`, params, group);
    else this.add(name, base64, [{ name: 'ENCODING', values: ['b'] }, { name: 'TYPE', values: [mime.replace(/^image\//, '').toUpperCase()] }, ...params], group);
  }

  private addExtra(extra: VProperty): void {
    const params = extra.params.filter((p) => p.name !== 'ENCODING' && p.name !== 'CHARSET');
    if (extra.binary) {
      const type = params.find((p) => p.name === 'TYPE')?.values[0] ?? 'jpeg';
      const rest = params.filter((p) => p.name !== 'TYPE');
      this.addBinary(extra.name, extra.binary, type.includes('/') ? type.toLowerCase() : `image/${type.toLowerCase()}`, rest, extra.group);
      return;
    }
    this.add(extra.name, extra.value, params, extra.group);
  }

  finish(): string {
    this.lines.push('END:VCARD');
    return `${this.lines.join('\r\n')}\r\n`;
  }
}

function addressValue(a: PostalAddress): string {
  return ['', '', a.street, a.city, a.region, a.postalCode, a.country].map(escapeText).join(';');
}

/** `2025-03-01T10:15:00.000Z` -> `20250301T101500Z`. */
function revision(iso: string): string {
  const date = new Date(iso);
  const valid = Number.isNaN(date.getTime()) ? new Date() : date;
  return valid.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function birthdayLine(builder: CardBuilder, birthday: string): void {
  const noYear = /^--(\d{2})-(\d{2})$/.exec(birthday);
  if (builder.version === '4.0') {
    builder.add('BDAY', noYear ? `--${noYear[1]}${noYear[2]}` : birthday.replace(/-/g, ''));
  } else if (noYear) {
    // 3.0 has no date without a year; Apple's convention is understood by Apple, Google and Android.
    builder.add('BDAY', `1604-${noYear[1]}-${noYear[2]}`, [{ name: 'X-APPLE-OMIT-YEAR', values: ['1604'] }]);
  } else builder.add('BDAY', birthday);
}

/** A contact as a vCard (4.0 unless asked for 3.0). */
export function contactToVcard(contact: ContactForVcard, options: VcardWriteOptions = {}): string {
  const builder = new CardBuilder(options.version ?? '4.0', options.extras ?? []);
  const first = contact.firstName ?? '';
  const last = contact.lastName ?? '';
  const prefix = contact.salutation ? (salutationPrefix[contact.salutation as keyof typeof salutationPrefix] ?? '') : '';
  builder.add('FN', escapeText(personName(contact)));
  builder.add('N', [last, first, '', prefix, ''].map(escapeText).join(';'));
  const accountName = options.accountName ?? contact.accountName ?? '';
  if (accountName || contact.department) builder.add('ORG', [accountName, ...(contact.department ? [contact.department] : [])].map(escapeText).join(';'));
  if (contact.position) builder.add('TITLE', escapeText(contact.position));
  builder.addPoints(contact);
  if (contact.birthday) birthdayLine(builder, contact.birthday);
  builder.addCommon(contact, options, options.uid ?? `kontor:contacts:${contact.id}`);
  return builder.finish();
}

const isEmptyAddress = (a: PostalAddress | null | undefined): boolean => !a || [a.street, a.city, a.region, a.postalCode, a.country].every((p) => p.trim() === '');
const sameAddress = (a: PostalAddress, b: PostalAddress): boolean => a.street === b.street && a.city === b.city && a.region === b.region && a.postalCode === b.postalCode && a.country === b.country;

/** An account as a company card. Its billing and shipping addresses are written unless an address point holds them already. */
export function accountToVcard(account: AccountForVcard, options: VcardWriteOptions = {}): string {
  const version = options.version ?? '4.0';
  const builder = new CardBuilder(version, options.extras ?? []);
  if (version === '4.0') builder.add('KIND', 'org');
  builder.add('FN', escapeText(account.name));
  if (version === '3.0') builder.add('N', ';;;;');
  builder.add('ORG', escapeText(account.name));
  if (version === '3.0') builder.add('X-ABShowAs', 'COMPANY');
  const addresses = [...account.addresses];
  for (const [label, fixed] of [['billing', account.billingAddress], ['shipping', account.shippingAddress]] as const) {
    if (fixed && !isEmptyAddress(fixed) && !addresses.some((a) => sameAddress(a, fixed))) addresses.push({ ...fixed, label, primary: false });
  }
  builder.addPoints({ ...account, addresses });
  builder.addCommon(account, options, options.uid ?? `kontor:accounts:${account.id}`);
  return builder.finish();
}
