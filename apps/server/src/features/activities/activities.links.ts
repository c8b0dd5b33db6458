import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { activityFields } from '@kontor/contract/activities';
import type { DB } from '../../db/schema.ts';
import { invalid, fieldError, type FieldError } from '../../errors.ts';
import { fromApiId, fromApiIdOrNull } from '../../lib/ids.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertMayAssignOwner } from '../permissions/access.ts';
import { checkReferences } from '../records/references.ts';
import { findVisibleRecord } from '../records/visible-records.ts';
import { checkRestrictedUsers } from '../sharing/restricted.ts';
import { userStates, visibleLinkAccount, type ActivityRow } from './activities.repository.ts';

type LinkInput = Pick<Partial<z.output<typeof activityFields>>, 'accountId' | 'contactId' | 'dealId' | 'leadId' | 'ownerId' | 'participantIds' | 'restrictedTo'>;
type LinkColumns = Partial<Pick<ActivityRow, 'account_id' | 'contact_id' | 'deal_id' | 'lead_id'>>;

const links = [
  { key: 'accountId', column: 'account_id', module: 'accounts', missing: 'no_such_account' },
  { key: 'contactId', column: 'contact_id', module: 'contacts', missing: 'no_such_contact' },
  { key: 'dealId', column: 'deal_id', module: 'deals', missing: 'no_such_deal' },
  { key: 'leadId', column: 'lead_id', module: 'leads', missing: 'no_such_lead' },
] as const;

/**
 * The link columns an activity write sets. Each link that changes must point at a live record the actor can see
 * (400 naming the field otherwise); links that stay as they are are not checked again (the reader may have lost
 * sight of them, which must not block editing the subject). A contact or deal given without an account brings its
 * account along when the actor can see it (Pipedrive), so the account's lists and next-activity columns include it.
 */
export async function linkColumns(db: Kysely<DB>, actor: Actor, input: LinkInput, current?: ActivityRow): Promise<LinkColumns> {
  const errors: Record<string, FieldError> = {};
  const set: LinkColumns = {};
  const accountOf: Array<number | null> = [];
  for (const link of links) {
    const value = input[link.key];
    if (value === undefined) continue;
    const id = fromApiIdOrNull(value);
    set[link.column] = id;
    if (id === null || id === (current?.[link.column] ?? null)) continue;
    if (link.module === 'contacts' || link.module === 'deals') {
      const found = await visibleLinkAccount(db, actor, link.module, id);
      if (!found) errors[link.key] = fieldError(link.missing);
      else accountOf[link.module === 'deals' ? 0 : 1] = found.account_id;
    } else if (!(await findVisibleRecord(db, actor, link.module, id))) {
      errors[link.key] = fieldError(link.missing);
    }
  }
  if (Object.keys(errors).length) throw invalid(errors);
  const accountAfter = set.account_id !== undefined ? set.account_id : (current?.account_id ?? null);
  // The deal's account first (the deal is the more specific link), then the contact's.
  const derived = accountOf.find((id) => id != null);
  if (accountAfter === null && input.accountId == null && derived != null && (await findVisibleRecord(db, actor, 'accounts', derived))) set.account_id = derived;
  return set;
}

/** Participants: existing users, active when added (someone deactivated later stays on the activities they were on). */
export async function participantIds(db: Kysely<DB>, input: string[] | undefined, current: number[] = []): Promise<number[] | undefined> {
  if (input === undefined) return undefined;
  const ids = [...new Set(input.map(fromApiId))];
  const states = await userStates(db, ids);
  for (const id of ids) {
    const active = states.get(id);
    if (active === undefined) throw invalid({ participantIds: fieldError('unknown_users') });
    if (!active && !current.includes(id)) throw invalid({ participantIds: fieldError('deactivated_users') });
  }
  return ids;
}

/** Owner and restriction: the owner must exist, be active and be assignable by the actor when it changes. */
export async function checkOwnerAndRestriction(db: Kysely<DB>, actor: Actor, input: LinkInput, currentOwnerId?: number | null): Promise<void> {
  const errors = await checkReferences(db, actor, { ownerId: input.ownerId });
  if (Object.keys(errors).length) throw invalid(errors);
  if (input.ownerId !== undefined && fromApiId(input.ownerId) !== currentOwnerId) assertMayAssignOwner(actor, fromApiId(input.ownerId));
  await checkRestrictedUsers(db, input.restrictedTo);
}
