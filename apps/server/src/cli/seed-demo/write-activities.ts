/** Writing the planned activities, notes and leads through their services, as a user would. */
import type { Kysely } from 'kysely';
import { activityCreateSchema } from '@kontor/contract/activities';
import { leadConvertSchema, leadCreateSchema } from '@kontor/contract/leads';
import { noteCreateSchema } from '@kontor/contract/notes';
import type { DB } from '../../db/schema.ts';
import { getAccount, updateAccount } from '../../features/accounts/accounts.service.ts';
import { createActivity } from '../../features/activities/activities.service.ts';
import { convertLead } from '../../features/leads/lead-conversion.service.ts';
import { createLead } from '../../features/leads/leads.service.ts';
import { createNote } from '../../features/notes/notes.service.ts';
import type { Actor } from '../../features/permissions/actor.ts';
import { fromApiId } from '../../lib/ids.ts';
import type { PlannedActivity, PlannedLead, PlannedNote } from './plan-activities.ts';
import { DEMO_TAG } from './tags.ts';
import type { UserKey } from './users.ts';

export interface ActivityIds {
  account(index: number): string | null;
  contact(index: number): string | null;
  owner(key: UserKey): string;
}

const DAY = 86_400_000;

/** The create input of a planned activity, its day counted from `today` (YYYY-MM-DD). */
export function activityInput(a: PlannedActivity, ids: ActivityIds, today: string) {
  const at = new Date(Date.parse(`${today}T00:00:00.000Z`) + a.day * DAY + a.hour * 3_600_000).toISOString();
  return activityCreateSchema.parse({
    type: a.type,
    subject: a.subject,
    ...(a.type === 'task' ? { dueAt: at } : { startAt: at, durationMinutes: a.type === 'meeting' ? 60 : 15 }),
    done: a.done,
    outcome: a.outcome,
    accountId: ids.account(a.account),
    contactId: a.contact == null ? null : ids.contact(a.contact),
    ownerId: ids.owner(a.owner),
    tags: [DEMO_TAG],
  });
}

export async function writeActivities(db: Kysely<DB>, actor: Actor, planned: PlannedActivity[], ids: ActivityIds, today: string): Promise<void> {
  for (const a of planned) await createActivity(db, actor, activityInput(a, ids, today));
}

export async function writeNotes(db: Kysely<DB>, actor: Actor, planned: PlannedNote[], ids: ActivityIds): Promise<void> {
  for (const n of planned) {
    const accountId = ids.account(n.account);
    if (accountId) await createNote(db, actor, noteCreateSchema.parse({ body: n.html, accountId }));
  }
}

/**
 * Creates the leads; those planned as converted become a contact (with the lead's tags) and an account named after
 * the company, which gets the demo tag too. Answers how many were converted and how many accounts that made.
 */
export async function writeLeads(db: Kysely<DB>, actor: Actor, planned: PlannedLead[], ids: ActivityIds): Promise<{ converted: number; accounts: number }> {
  const out = { converted: 0, accounts: 0 };
  for (const l of planned) {
    const lead = await createLead(db, actor, leadCreateSchema.parse({ ...l.input, ownerId: ids.owner(l.owner) }));
    if (!l.convert) continue;
    const result = await convertLead(db, actor, fromApiId(lead.id), leadConvertSchema.parse({ version: lead.version }));
    out.converted++;
    if (!result.accountCreated || !result.accountId) continue;
    const account = await getAccount(db, actor, fromApiId(result.accountId));
    await updateAccount(db, actor, fromApiId(account.id), { tags: [...account.tags, DEMO_TAG], version: account.version });
    out.accounts++;
  }
  return out;
}
