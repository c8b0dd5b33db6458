import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { likeEscape } from '../../db/dialect.ts';
import { matchingRecords } from '../search/search.repository.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { visibleRecords } from '../records/visible-records.ts';

/** The SQL of lead conversion: the accounts it may join, and what moves from the lead to the contact it becomes. */

export interface AccountCandidate {
  id: number;
  name: string;
  website: string | null;
  owner_id: number | null;
  owner_name: string | null;
}

const candidates = (db: Kysely<DB>, actor: Actor) =>
  visibleRecords(db, actor, 'accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select(['accounts.id', 'accounts.name', 'accounts.website', 'accounts.owner_id', 'owner.name as owner_name'])
    .orderBy('accounts.id');

/** Visible accounts whose name's sort key is `key` (`nameSortKey`, the name_sort index), oldest first. */
export const accountsNamed = (db: Kysely<DB>, actor: Actor, key: string, limit: number): Promise<AccountCandidate[]> =>
  candidates(db, actor).where('accounts.name_sort', '=', key).limit(limit).execute();

/** The forms a website with this domain is typed in ("acme.com", "https://www.acme.com/"), lower-cased. */
function websiteForms(domain: string): string[] {
  return [domain, `www.${domain}`].flatMap((host) => ['', 'http://', 'https://'].flatMap((scheme) => [`${scheme}${host}`, `${scheme}${host}/`]));
}

/**
 * Visible accounts with this e-mail domain: their website is the domain (served by accounts_website), or a visible
 * contact of theirs has a primary e-mail at it (found through the contacts' search documents).
 */
export async function accountsOfDomain(db: Kysely<DB>, actor: Actor, domain: string, limit: number): Promise<AccountCandidate[]> {
  // The index is on the first 300 characters (migration 018); every form is shorter, so comparing them is exact.
  const bySite = await candidates(db, actor).where(sql<boolean>`lower(substr(accounts.website, 1, 300)) in (${sql.join(websiteForms(domain))})`).limit(limit).execute();
  const viaContacts = await visibleRecords(db, actor, 'contacts')
    .select('contacts.account_id')
    .where(matchingRecords(db, actor, 'contacts', { terms: [{ kind: 'word', text: `@${domain.toLowerCase()}`, field: 'email', negated: false, raw: domain }], similar: new Map() }, 'contacts'))
    .where(sql<boolean>`lower(contacts.primary_email) like ${`%@${likeEscape(domain)}`} escape '\\'`)
    .where('contacts.account_id', 'is not', null)
    .limit(limit * 5)
    .execute();
  const ids = [...new Set(viaContacts.map((c) => c.account_id).filter((id): id is number => id != null && !bySite.some((a) => a.id === id)))];
  const byContacts = ids.length ? await candidates(db, actor).where('accounts.id', 'in', ids).limit(limit).execute() : [];
  return [...bySite, ...byContacts];
}

/**
 * Moves what sat on the lead to the contact it became: its activities (linked to the contact and account as well,
 * keeping the lead), notes and files. Activities bump their version, like every change to a record.
 */
export async function moveLeadItems(trx: Transaction<DB>, leadId: number, to: { contactId: number; accountId: number | null }, actorId: number): Promise<void> {
  await trx
    .updateTable('activities')
    .set((eb) => ({
      contact_id: to.contactId,
      ...(to.accountId != null && { account_id: to.accountId }),
      version: eb('version', '+', 1),
      updated_at: nowIso(),
      updated_by: actorId,
    }))
    .where('lead_id', '=', leadId)
    .execute();
  for (const table of ['notes', 'attachments'] as const) {
    await trx.updateTable(table).set({ module: 'contacts', record_id: to.contactId }).where('module', '=', 'leads').where('record_id', '=', leadId).execute();
  }
}

/** Links the converted lead to what it became (the lead was claimed, with its version bumped, in the same transaction). */
export async function setConversionTargets(trx: Transaction<DB>, leadId: number, ids: { contactId: number; accountId: number | null; dealId: number | null }): Promise<void> {
  await trx
    .updateTable('leads')
    .set({ converted_contact_id: ids.contactId, converted_account_id: ids.accountId, converted_deal_id: ids.dealId })
    .where('id', '=', leadId)
    .execute();
}
