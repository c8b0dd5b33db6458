import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound, fieldError } from '../../errors.ts';
import { nowIso } from '../../lib/time.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan } from '../permissions/access.ts';
import { attachmentDisposition, buildIcs } from './activities.ics.ts';
import { findActivityListRow, participantsOf, userContact } from './activities.repository.ts';
import { clockFor } from './activities.schedule.ts';

/** A host name fit for a UID (`activity-7@crm.example`): what the request was addressed to, else `kontor`. */
const uidHost = (host: string | undefined) => (host ?? '').replace(/:\d+$/, '').toLowerCase().replace(/[^a-z0-9.-]/g, '') || 'kontor';

/** A call or meeting as an iCalendar file to add to one's calendar; a task has no time slot and answers 400. */
export async function activityCalendar(db: Kysely<DB>, actor: Actor, id: number, host: string | undefined): Promise<{ body: string; disposition: string }> {
  assertCan(actor, 'view', 'activities');
  const row = await findActivityListRow(db, actor, id, clockFor('UTC'));
  if (!row) throw notFound('activity');
  if (row.type === 'task' || !row.start_at) throw invalid({ type: fieldError('calendar_type') }, 'A task has no time slot, so it has no calendar file; only calls and meetings do.');
  const [participants, organizer] = await Promise.all([participantsOf(db, [id]), userContact(db, row.owner_id)]);
  const body = buildIcs({
    uid: `activity-${row.id}@${uidHost(host)}`,
    stamp: nowIso(),
    created: row.created_at,
    lastModified: row.updated_at,
    sequence: row.version - 1,
    start: row.start_at,
    end: row.end_at,
    allDay: row.all_day === 1,
    summary: row.subject,
    location: row.location,
    description: row.description,
    organizer: organizer ?? null,
    attendees: participants.get(id) ?? [],
  });
  return { body, disposition: attachmentDisposition(row.subject, 'ics') };
}
