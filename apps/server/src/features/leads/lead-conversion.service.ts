import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { accountCreateSchema } from '@kontor/contract/accounts';
import { contactCreateSchema } from '@kontor/contract/contacts';
import { dealCreateSchema } from '@kontor/contract/deals';
import {
  MAX_CONVERSION_MATCHES,
  companyDomainOf,
  contactLeadSourceOf,
  leadSources,
  type ConversionMatch,
  type LeadConversion,
  type leadConvertSchema,
} from '@kontor/contract/leads';
import { nameSortKey } from '@kontor/contract/sort-key';
import type { DB, LeadRow } from '../../db/schema.ts';
import { AppError, invalid, notFound, versionConflict, fieldError } from '../../errors.ts';
import { fieldErrorMap, fieldErrorsOf } from '@kontor/contract/field-errors';
import { fromApiId, toApiId, toApiIdOrNull } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { findAccountRow } from '../accounts/accounts.repository.ts';
import { insertAccountInTrx } from '../accounts/accounts.service.ts';
import { refreshAccountActivity } from '../activities/account-activity.ts';
import { insertContactInTrx } from '../contacts/contacts.service.ts';
import { insertDealInTrx } from '../deals/deals.service.ts';
import { writeConfig } from '../records/write-config.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, can } from '../permissions/access.ts';
import { checkReferences } from '../records/references.ts';
import { updatedStamps } from '../records/stamps.ts';
import { updateVersioned } from '../records/visible-records.ts';
import { loadTagNames } from '../tags/record-tags.ts';
import { recordEvent } from '../timeline/timeline-events.ts';
import { accountsNamed, accountsOfDomain, moveLeadItems, setConversionTargets, type AccountCandidate } from './lead-conversion.repository.ts';
import { alreadyConverted, editableLead, loadLead } from './leads.service.ts';
import { findLeadRow } from './leads.repository.ts';

type ConvertIn = z.output<typeof leadConvertSchema>;

const toMatch = (a: AccountCandidate, reason: ConversionMatch['reason']): ConversionMatch => ({
  accountId: toApiId(a.id),
  name: a.name,
  website: a.website,
  owner: a.owner_id == null ? null : { id: toApiId(a.owner_id), name: a.owner_name ?? '' },
  reason,
});

/**
 * The accounts a lead may join, that the reader can see: those named like its company (ignoring case, accents and
 * spaces), then those with its e-mail domain (website, or a contact's e-mail; never a free mail domain). At most 10.
 */
export async function conversionMatches(db: Kysely<DB>, actor: Actor, id: number): Promise<{ data: ConversionMatch[] }> {
  assertCan(actor, 'view', 'leads');
  const lead = await findLeadRow(db, actor, id);
  if (!lead) throw notFound('lead');
  if (!can(actor, 'view', 'accounts')) return { data: [] };
  const domain = companyDomainOf(lead.email);
  const [byName, byDomain] = await Promise.all([
    lead.company ? accountsNamed(db, actor, nameSortKey(lead.company), MAX_CONVERSION_MATCHES) : [],
    domain ? accountsOfDomain(db, actor, domain, MAX_CONVERSION_MATCHES) : [],
  ]);
  const matches = [...byName.map((a) => toMatch(a, 'name')), ...byDomain.filter((a) => !byName.some((n) => n.id === a.id)).map((a) => toMatch(a, 'domain'))];
  return { data: matches.slice(0, MAX_CONVERSION_MATCHES) };
}

type AccountTarget = { kind: 'existing'; id: number } | { kind: 'new'; name: string } | { kind: 'none' };

/** The chosen account; else the account named exactly like the company; else a new one named after it; none without a company. */
async function accountTarget(db: Kysely<DB>, actor: Actor, lead: LeadRow, input: ConvertIn): Promise<AccountTarget> {
  if (input.accountId) {
    const account = await findAccountRow(db, actor, fromApiId(input.accountId));
    if (!account) throw invalid({ accountId: fieldError('no_such_account') });
    return { kind: 'existing', id: account.id };
  }
  if (!lead.company) {
    if (input.createAccount) throw invalid({ createAccount: fieldError('no_company') });
    return { kind: 'none' };
  }
  if (!input.createAccount && can(actor, 'view', 'accounts')) {
    const [same] = await accountsNamed(db, actor, nameSortKey(lead.company), 1);
    if (same) return { kind: 'existing', id: same.id };
  }
  return { kind: 'new', name: lead.company };
}

/** The input of a record made from the lead, parsed by that record's create schema (so it obeys every rule a new record obeys). */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value, { error: fieldErrorMap });
  if (r.success) return r.data;
  throw invalid(fieldErrorsOf(r.error.issues), 'This lead cannot be converted as it is; edit it first.');
}

/** Validation errors of the deal step name the `createDeal` fields they are about. */
async function dealStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation_failed' && e.fields) {
      throw invalid(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [`createDeal.${k}`, v])), e.message);
    }
    throw e;
  }
}

/**
 * Converts a lead, in one transaction: the contact (with the lead's e-mail, phone, position, source, description and
 * tags), the account when a new one is made, the deal when asked; the lead's activities, notes and files move to the
 * contact; the lead is marked converted and links to what it became. Any failure leaves everything as it was. The
 * lead is claimed first (its versioned update), so of two conversions at once the second waits and finds it converted.
 * The new records belong to the lead's owner (the actor, when that user is deactivated).
 */
export async function convertLead(db: Kysely<DB>, actor: Actor, id: number, input: ConvertIn): Promise<LeadConversion> {
  const lead = await editableLead(db, actor, id);
  if (lead.status === 'converted') throw alreadyConverted();
  if (lead.version !== input.version) throw versionConflict(lead.version);
  assertCan(actor, 'create', 'contacts');
  if (input.createDeal) assertCan(actor, 'create', 'deals');
  const target = await accountTarget(db, actor, lead, input);
  if (target.kind === 'new') assertCan(actor, 'create', 'accounts');

  const ownerActive = lead.owner_id != null && Object.keys(await checkReferences(db, actor, { ownerId: toApiId(lead.owner_id) })).length === 0;
  const ownerId = toApiId(ownerActive && lead.owner_id != null ? lead.owner_id : actor.id);
  const tags = (await loadTagNames(db, 'leads', [id])).get(id) ?? [];
  const source = leadSources.find((s) => s === lead.source);
  const contactInput = parsed(contactCreateSchema, {
    firstName: lead.first_name ?? undefined,
    lastName: lead.last_name,
    position: lead.position ?? undefined,
    leadSource: source ? contactLeadSourceOf[source] : undefined,
    description: lead.description ?? undefined,
    ownerId,
    tags,
    ...(lead.email && { emails: [{ label: 'work', value: lead.email, primary: true }] }),
    ...(lead.phone && { phones: [{ label: 'work', value: lead.phone, primary: true }] }),
  });
  const accountInput = target.kind === 'new' ? parsed(accountCreateSchema, { name: target.name, ownerId }) : null;

  // The configuration the inserts need, from the cache, before the transaction (a transaction handle has none).
  const [accountConfig, contactConfig, dealConfig] = await Promise.all([writeConfig(db, 'accounts'), writeConfig(db, 'contacts'), writeConfig(db, 'deals')]);
  const made = await db.transaction().execute(async (trx) => {
    if (!(await updateVersioned(trx, 'leads', id, input.version, { status: 'converted', converted_at: nowIso(), ...updatedStamps(actor, lead.version) }))) {
      const now = await findLeadRow(trx, actor, id);
      throw now?.status === 'converted' ? alreadyConverted() : versionConflict(now?.version ?? lead.version + 1);
    }
    const accountId = target.kind === 'existing' ? target.id : accountInput ? await insertAccountInTrx(trx, actor, accountInput, accountConfig) : null;
    const contactId = await insertContactInTrx(trx, actor, { ...contactInput, ...(accountId != null && { accountId: toApiId(accountId) }) }, contactConfig);
    const deal = input.createDeal;
    const dealId = deal
      ? await dealStep(() =>
          insertDealInTrx(trx, actor, parsed(dealCreateSchema, { ...deal, ownerId, contactId: toApiId(contactId), ...(accountId != null && { accountId: toApiId(accountId) }) }), dealConfig),
        )
      : null;
    await moveLeadItems(trx, id, { contactId, accountId }, actor.id);
    await refreshAccountActivity(trx, [accountId]);
    await setConversionTargets(trx, id, { contactId, accountId, dealId });
    const ids = { contactId: toApiId(contactId), accountId: toApiIdOrNull(accountId), dealId: toApiIdOrNull(dealId) };
    await recordEvent(trx, actor, {
      kind: 'converted',
      module: 'leads',
      recordId: id,
      context: { lead_id: id, contact_id: contactId, account_id: accountId, deal_id: dealId },
      details: { ...ids, accountCreated: target.kind === 'new' },
    });
    return ids;
  });
  return { lead: await loadLead(db, actor, id), ...made, accountCreated: target.kind === 'new' };
}
