import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../permissions/actor.ts';
import { presentContactPoints } from '../contact-points/contact-points.repository.ts';
import { accountToVcard, contactToVcard, type AccountForVcard, type ContactForVcard } from '../vcard/vcard-write.ts';
import type { Cell } from './cell-guard.ts';
import type { ExportWalk } from './export-rows.ts';
import type { FullField, FullLayout } from './full-layout.ts';
import { fullRecordPages, type FullRecord } from './full-rows.ts';

/**
 * vCard 4.0 export (issue #15): contacts as person cards, accounts as `KIND:org` cards, written by the vCard writer
 * (`vcard/vcard-write.ts`). What a card is made of is built from the page's rows, tags and points (read per page
 * like the full layout, never one detail query per record): names, salutation, position, department, birthday,
 * description, account name, tags, every contact point with its label and primary mark, the update time (REV) and,
 * for accounts, the billing and shipping address. Custom fields, owner and contact type have no place on a card.
 * No formula guard here: a vCard is not a spreadsheet.
 */

export type VcardModule = 'accounts' | 'contacts';
export const isVcardModule = (module: string): module is VcardModule => module === 'accounts' || module === 'contacts';

const fieldsByLayout = new WeakMap<FullLayout, Map<string, FullField>>();
/** The record's standard values as text, by field key (the layout's fields are looked up once per layout). */
function reader(layout: FullLayout, record: FullRecord): (key: string) => string | null {
  let byKey = fieldsByLayout.get(layout);
  if (!byKey) {
    byKey = new Map([...layout.head, ...layout.tail].map((f) => [f.key, f]));
    fieldsByLayout.set(layout, byKey);
  }
  const fields = byKey;
  return (key) => {
    const cell: Cell | undefined = fields.get(key)?.read(record.row);
    return cell == null ? null : String(cell);
  };
}
/** The points of a record as the writer takes them (label, value or parts, primary). */
function cardPoints(record: FullRecord) {
  const { emails, phones, websites, addresses } = presentContactPoints(record.points);
  return { emails, phones, websites, addresses };
}

/** What a contact's card is made of, from a full-export record. */
export function contactForVcard(layout: FullLayout, record: FullRecord): ContactForVcard {
  const get = reader(layout, record);
  return {
    id: String(record.id),
    salutation: get('salutation'),
    firstName: get('firstName'),
    lastName: get('lastName'),
    position: get('position'),
    department: get('department'),
    birthday: get('birthday'),
    description: get('description'),
    tags: record.tags,
    updatedAt: get('updatedAt') ?? '',
    accountName: get('accountName'),
    ...cardPoints(record),
  };
}

/** What an account's card is made of, from a full-export record. */
export function accountForVcard(layout: FullLayout, record: FullRecord): AccountForVcard {
  const get = reader(layout, record);
  const address = (prefix: 'billing' | 'shipping') => ({
    street: get(`${prefix}Street`) ?? '',
    city: get(`${prefix}City`) ?? '',
    region: get(`${prefix}Region`) ?? '',
    postalCode: get(`${prefix}PostalCode`) ?? '',
    country: get(`${prefix}Country`) ?? '',
  });
  return {
    id: String(record.id),
    name: get('name') ?? '',
    description: get('description'),
    tags: record.tags,
    updatedAt: get('updatedAt') ?? '',
    billingAddress: address('billing'),
    shippingAddress: address('shipping'),
    ...cardPoints(record),
  };
}

const encoder = new TextEncoder();

/** The cards as chunks, one chunk per page; pulled, so memory stays flat. */
export async function* vcardChunks(
  db: Kysely<DB>,
  actor: Actor,
  walk: Pick<ExportWalk, 'where' | 'keyset'> & { module: VcardModule },
  layout: FullLayout,
  pageSize?: number,
  onRows?: (written: number) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  let written = 0;
  for await (const page of fullRecordPages(db, actor, walk, layout, pageSize)) {
    let out = '';
    for (const record of page) {
      out += walk.module === 'contacts' ? contactToVcard(contactForVcard(layout, record), { version: '4.0' }) : accountToVcard(accountForVcard(layout, record), { version: '4.0' });
    }
    if (out !== '') yield encoder.encode(out);
    written += page.length;
    await onRows?.(written);
  }
}
