import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { activityCreateSchema, type Activity, type activityFields, type activityUpdateSchema } from '@kontor/contract/activities';
import { customFieldValues } from '@kontor/contract/custom-fields';
import type { FieldChange } from '@kontor/contract/timeline';
import type { DB } from '../../db/schema.ts';
import { foldText } from '../../db/dialect.ts';
import { notFound, versionConflict } from '../../errors.ts';
import { fromApiId, toApiId } from '../../lib/ids.ts';
import { parseJsonColumn } from '../../lib/json.ts';
import { nowIso } from '../../lib/time.ts';
import { audit } from '../audit/audit.service.ts';
import { mergeCustomFields } from '../custom-fields/custom-field-values.ts';
import { listCustomFields } from '../custom-fields/custom-fields.service.ts';
import type { Actor } from '../permissions/actor.ts';
import { assertCan, assertMayChangeAccess, assertRecordRight, recordAccess } from '../permissions/access.ts';
import { cloneInput } from '../records/clone.ts';
import { recordAccessEdits } from '../records/record-history.ts';
import { userNames } from '../records/references.ts';
import { createdStamps, updatedStamps } from '../records/stamps.ts';
import { updateVersioned } from '../records/visible-records.ts';
import { loadRestrictedTo, saveRestrictedTo } from '../sharing/restricted.ts';
import { loadTagNames, setRecordTags } from '../tags/record-tags.ts';
import { contextOf, fieldChanges, recordEvent, recordUpdate } from '../timeline/timeline-events.ts';
import { refreshAccountActivity } from './account-activity.ts';
import { checkOwnerAndRestriction, linkColumns, participantIds } from './activities.links.ts';
import { presentActivity } from './activities.presenter.ts';
import { findActivityListRow, findActivityRow, insertActivityRow, participantIdsOf, participantsOf, setParticipants, type ActivityRow } from './activities.repository.ts';
import { clockFor, scheduleColumns, type Clock } from './activities.schedule.ts';

type ActivityCreateIn = z.output<typeof activityCreateSchema>;
type ActivityUpdateIn = z.output<typeof activityUpdateSchema>;
type ActivityFieldsIn = Partial<z.output<typeof activityFields>>;

const scheduleKeys = ['type', 'dueAt', 'startAt', 'endAt', 'durationMinutes', 'allDay'] as const;

/** API field -> column for the plain text fields present in the input. */
function textColumns(input: ActivityFieldsIn): Partial<ActivityRow> {
  const set: Partial<ActivityRow> = {};
  if (input.subject !== undefined) {
    set.subject = input.subject;
    set.subject_sort = foldText(input.subject);
  }
  if (input.location !== undefined) set.location = input.location;
  if (input.outcome !== undefined) set.outcome = input.outcome;
  if (input.description !== undefined) set.description = input.description;
  if (input.ownerId !== undefined) set.owner_id = fromApiId(input.ownerId);
  return set;
}

/** The activity as the actor sees it; 404 when it does not exist, is in the recycle bin or is hidden from them. */
export async function loadActivity(db: Kysely<DB>, actor: Actor, id: number, clock: Clock = clockFor('UTC')): Promise<Activity> {
  const row = await findActivityListRow(db, actor, id, clock);
  if (!row) throw notFound('activity');
  const [participants, users, restrictedTo, access] = await Promise.all([
    participantsOf(db, [id]),
    userNames(db, [row.created_by, row.updated_by]),
    loadRestrictedTo(db, 'activities', row),
    recordAccess(db, actor, 'activities', row),
  ]);
  return presentActivity(row, { participants: participants.get(id) ?? [], clock, users, restrictedTo, access });
}

export async function getActivity(db: Kysely<DB>, actor: Actor, id: number, tz = 'UTC'): Promise<Activity> {
  assertCan(actor, 'view', 'activities');
  return loadActivity(db, actor, id, clockFor(tz));
}

export async function createActivity(db: Kysely<DB>, actor: Actor, input: ActivityCreateIn): Promise<Activity> {
  assertCan(actor, 'create', 'activities');
  if (input.restrictedTo !== undefined) assertCan(actor, 'share', 'activities');
  const schedule = scheduleColumns(input);
  const links = await linkColumns(db, actor, input);
  await checkOwnerAndRestriction(db, actor, input);
  const participants = await participantIds(db, input.participantIds);
  const custom = mergeCustomFields(await listCustomFields(db, 'activities'), {}, input.customFields, 'create');
  const id = await db.transaction().execute(async (trx) => {
    const row = {
      ...textColumns(input),
      subject: input.subject,
      subject_sort: foldText(input.subject),
      ...schedule,
      done: input.done ? 1 : 0,
      done_at: input.done ? nowIso() : null,
      account_id: null,
      contact_id: null,
      deal_id: null,
      lead_id: null,
      ...links,
      owner_id: input.ownerId ? fromApiId(input.ownerId) : actor.id,
      custom_fields: JSON.stringify(custom),
      ...createdStamps(actor),
    };
    const newId = await insertActivityRow(trx, row);
    if (participants?.length) await setParticipants(trx, newId, participants);
    if (input.tags) await setRecordTags(trx, 'activities', newId, input.tags);
    if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'activities', newId, input.restrictedTo);
    await recordEvent(trx, actor, { kind: 'created', module: 'activities', recordId: newId, context: contextOf('activities', newId, row), details: { type: row.type, done: input.done === true } });
    await refreshAccountActivity(trx, [row.account_id]);
    return newId;
  });
  if (input.restrictedTo !== undefined) await audit(db, actor, 'record.restrict', { type: 'activities', id: String(id) }, { restrictedTo: input.restrictedTo }, null);
  return loadActivity(db, actor, id);
}

/** Done changes set or clear `done_at`; anything else keeps it. */
function doneColumns(done: boolean | undefined, current: ActivityRow): Partial<ActivityRow> {
  if (done === undefined || (done ? 1 : 0) === current.done) return {};
  return { done: done ? 1 : 0, done_at: done ? nowIso() : null };
}

/**
 * Edits an activity; `{ done: true, version }` completes it with one click (and `{ done: false }` reopens it). Every
 * change of its account, date, done flag or type refreshes the accounts' next and last activity in the same transaction.
 */
export async function updateActivity(db: Kysely<DB>, actor: Actor, id: number, input: ActivityUpdateIn): Promise<Activity> {
  assertCan(actor, 'edit', 'activities');
  const current = await findActivityRow(db, actor, id);
  if (!current) throw notFound('activity');
  await assertRecordRight(db, actor, 'activities', current, 'edit');
  await assertMayChangeAccess(db, actor, 'activities', current, input);
  if (current.version !== input.version) throw versionConflict(current.version);
  const schedule = scheduleKeys.some((k) => input[k] !== undefined) ? scheduleColumns(input, current) : {};
  const links = await linkColumns(db, actor, input, current);
  await checkOwnerAndRestriction(db, actor, input, current.owner_id);
  const participantsBefore = input.participantIds === undefined ? [] : await participantIdsOf(db, id);
  const participants = await participantIds(db, input.participantIds, participantsBefore);
  const customBefore = parseJsonColumn(current.custom_fields, customFieldValues, {});
  const custom = input.customFields ? mergeCustomFields(await listCustomFields(db, 'activities'), customBefore, input.customFields, 'update') : null;
  const tagsBefore = input.tags ? ((await loadTagNames(db, 'activities', [id])).get(id) ?? []) : [];
  const restrictedBefore = input.restrictedTo === undefined ? null : await loadRestrictedTo(db, 'activities', current);
  const done = doneColumns(input.done, current);
  const edits = { ...textColumns(input), ...schedule, ...links, ...(custom && { custom_fields: JSON.stringify(custom) }) };

  await db.transaction().execute(async (trx) => {
    const ok = await updateVersioned(trx, 'activities', id, input.version, { ...edits, ...done, ...updatedStamps(actor, current.version) });
    if (!ok) throw versionConflict(current.version + 1);
    if (participants) await setParticipants(trx, id, participants);
    if (input.tags) await setRecordTags(trx, 'activities', id, input.tags);
    if (input.restrictedTo !== undefined) await saveRestrictedTo(trx, 'activities', id, input.restrictedTo);
    await recordAccessEdits(trx, actor, 'activities', id, { ownerId: current.owner_id, restrictedTo: restrictedBefore }, input, null);
    const after = { ...current, ...edits, ...done };
    const context = contextOf('activities', id, after);
    if (done.done !== undefined) {
      await recordEvent(trx, actor, { kind: done.done === 1 ? 'activity_completed' : 'activity_reopened', module: 'activities', recordId: id, context, details: { type: after.type, outcome: after.outcome } });
    }
    const changes = fieldChanges('activities', current, edits, {
      ...(custom && { customFields: { before: customBefore, after: custom } }),
      ...(input.tags && { tags: { before: tagsBefore, after: input.tags } }),
    });
    await recordUpdate(trx, actor, 'activities', id, [...changes, ...participantChange(participantsBefore, participants)], context);
    await refreshAccountActivity(trx, [current.account_id, after.account_id]);
  });
  return loadActivity(db, actor, id);
}

/** The participants' change for the timeline, as API ids in order. */
function participantChange(before: number[], after: number[] | undefined): FieldChange[] {
  if (after === undefined) return [];
  const ids = (list: number[]) => [...list].sort((a, b) => a - b).map(toApiId);
  return ids(before).join() === ids(after).join() ? [] : [{ field: 'participantIds', before: ids(before), after: ids(after) }];
}

/** A copy of an activity the actor can see: open, owned by the actor, with its links (those the actor sees), participants, tags and custom fields. */
export async function cloneActivity(db: Kysely<DB>, actor: Actor, id: number): Promise<Activity> {
  const a = await getActivity(db, actor, id);
  const source = { ...a, accountId: a.account?.id, contactId: a.contact?.id, dealId: a.deal?.id, leadId: a.lead?.id, participantIds: a.participants.map((p) => p.id) };
  return createActivity(db, actor, cloneInput(activityCreateSchema, source, ['ownerId', 'restrictedTo', 'done', 'outcome']));
}
