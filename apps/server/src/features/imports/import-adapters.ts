import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { accountCreateSchema } from '@kontor/contract/accounts';
import { contactCreateSchema } from '@kontor/contract/contacts';
import { dealCreateSchema } from '@kontor/contract/deals';
import type { ImportModule } from '@kontor/contract/imports';
import { leadCreateSchema } from '@kontor/contract/leads';
import type { DB } from '../../db/schema.ts';
import { insertAccountInTrx, updateAccount, type AccountCreateIn } from '../accounts/accounts.service.ts';
import { insertContactInTrx, updateContact, type ContactCreateIn } from '../contacts/contacts.service.ts';
import { insertDealInTrx, type DealCreateIn } from '../deals/deals.service.ts';
import { insertLeadInTrx, type LeadCreateIn } from '../leads/leads.service.ts';
import type { Actor } from '../permissions/actor.ts';
import type { WriteConfig } from '../records/write-config.ts';
import type { AddressDraft, ImportDraft, PointDraft } from './mapping/draft.ts';

/**
 * What an import needs of each module it can fill: how a draft becomes the module's create input (the same zod schema
 * the API's create takes), the insert every other create path uses (in the import's transaction), and, for accounts and
 * contacts, the update an import's "update duplicates" makes (the API's own update, run in the import's transaction).
 */

/** The records a draft links to, found by the import (ids as the API writes them). */
export interface DraftLinks {
  ownerId: string | null;
  contactType: string | null;
  accountId: string | null;
  parentAccountId: string | null;
  tags: string[];
}

export interface ImportAdapter {
  module: ImportModule;
  schema: z.ZodType;
  /** The create input of a draft (not validated yet: `schema` does that, and names what is wrong). */
  createInput(draft: ImportDraft, links: DraftLinks): Record<string, unknown>;
  insert(trx: Transaction<DB>, actor: Actor, input: unknown, config: WriteConfig): Promise<number>;
  /** The API's update with the record's version (in the import's transaction); absent: duplicates cannot be updated. */
  update?(trx: Transaction<DB>, actor: Actor, id: number, input: Record<string, unknown>): Promise<void>;
}

const points = (list: PointDraft[]) => list.map((p) => ({ label: p.label, value: p.value, primary: p.primary }));
const addresses = (list: AddressDraft[]) => list.map(({ label, street, city, region, postalCode, country, primary }) => ({ label, street, city, region, postalCode, country, primary }));

/** Fields of the draft that are not the module's own (a lead's `email` comes from the points, not from `fields`). */
function common(draft: ImportDraft, links: DraftLinks): Record<string, unknown> {
  return {
    ...(links.ownerId && { ownerId: links.ownerId }),
    ...(links.tags.length > 0 && { tags: links.tags }),
    ...(Object.keys(draft.customFields).length > 0 && { customFields: draft.customFields }),
  };
}

function pointLists(draft: ImportDraft): Record<string, unknown> {
  return {
    ...(draft.emails.length > 0 && { emails: points(draft.emails) }),
    ...(draft.phones.length > 0 && { phones: points(draft.phones) }),
    ...(draft.websites.length > 0 && { websites: points(draft.websites) }),
    ...(draft.addresses.length > 0 && { addresses: addresses(draft.addresses) }),
  };
}

const contacts: ImportAdapter = {
  module: 'contacts',
  schema: contactCreateSchema,
  createInput: (draft, links) => ({
    ...draft.fields,
    ...pointLists(draft),
    ...common(draft, links),
    ...(links.contactType && { contactType: links.contactType }),
    ...(links.accountId && { accountId: links.accountId }),
  }),
  insert: (trx, actor, input, config) => insertContactInTrx(trx, actor, input as ContactCreateIn, config),
  update: async (trx, actor, id, input) => void (await updateContact(trx as Kysely<DB>, actor, id, input as Parameters<typeof updateContact>[3])),
};

/** An account's billing and shipping addresses are fields of their own; other addresses are its address list. */
function accountAddresses(draft: ImportDraft): Record<string, unknown> {
  const billing = draft.addresses.find((a) => a.label.toLowerCase() === 'billing');
  const shipping = draft.addresses.find((a) => a.label.toLowerCase() === 'shipping');
  const rest = draft.addresses.filter((a) => a !== billing && a !== shipping);
  const postal = (a: AddressDraft) => ({ street: a.street, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country });
  return {
    ...(billing && { billingAddress: postal(billing) }),
    ...(shipping && { shippingAddress: postal(shipping) }),
    ...(rest.length > 0 && { addresses: addresses(rest) }),
  };
}

const accounts: ImportAdapter = {
  module: 'accounts',
  schema: accountCreateSchema,
  createInput: (draft, links) => {
    // `phone` and `website` are shorthands of the primary points: a file's phone column is one more phone point.
    const { phone, website, ...fields } = draft.fields;
    const phones = [...draft.phones, ...(typeof phone === 'string' && phone.trim() ? [{ label: 'work', value: phone, primary: draft.phones.length === 0 }] : [])];
    const websites = [...draft.websites, ...(typeof website === 'string' && website.trim() ? [{ label: 'website', value: website, primary: draft.websites.length === 0 }] : [])];
    return {
      ...fields,
      ...pointLists({ ...draft, phones, websites, addresses: [] }),
      ...accountAddresses(draft),
      ...common(draft, links),
      ...(links.contactType && { contactType: links.contactType }),
      ...(links.parentAccountId && { parentAccountId: links.parentAccountId }),
    };
  },
  insert: (trx, actor, input, config) => insertAccountInTrx(trx, actor, input as AccountCreateIn, config),
  update: async (trx, actor, id, input) => void (await updateAccount(trx as Kysely<DB>, actor, id, input as Parameters<typeof updateAccount>[3])),
};

const leads: ImportAdapter = {
  module: 'leads',
  schema: leadCreateSchema,
  createInput: (draft, links) => ({
    ...draft.fields,
    ...(draft.company?.name && { company: draft.company.name }),
    ...(draft.emails[0] && { email: (draft.emails.find((e) => e.primary) ?? draft.emails[0]).value }),
    ...(draft.phones[0] && { phone: (draft.phones.find((p) => p.primary) ?? draft.phones[0]).value }),
    ...common(draft, links),
  }),
  insert: async (trx, actor, input, config) => (await insertLeadInTrx(trx, actor, input as LeadCreateIn, config)).row.id,
};

const deals: ImportAdapter = {
  module: 'deals',
  schema: dealCreateSchema,
  createInput: (draft, links) => ({
    ...draft.fields,
    ...common(draft, links),
    ...(links.accountId && { accountId: links.accountId }),
  }),
  insert: (trx, actor, input, config) => insertDealInTrx(trx, actor, input as DealCreateIn, config),
};

export const importAdapters: Record<ImportModule, ImportAdapter> = { contacts, accounts, leads, deals };


