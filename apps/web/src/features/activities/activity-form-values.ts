import type { ActivityCreate, ActivityListItem, ActivityType, RecordRef } from '@kontor/contract/activities';

/** What a new activity is tied to when it is made from a record's page (shown, not changeable there). */
export interface ActivityPrefill {
  account?: RecordRef | null;
  contact?: RecordRef | null;
  deal?: RecordRef | null;
  lead?: RecordRef | null;
}

/** The link that stays as it is: the record whose page the form was opened from. */
export type FixedLink = keyof ActivityPrefill;

/** The form opens to schedule something, to log a call that just happened, or to edit an activity. */
export type ActivityFormInit =
  | { mode: 'schedule'; type?: ActivityType; prefill?: ActivityPrefill; fixed?: FixedLink }
  | { mode: 'log'; prefill?: ActivityPrefill; fixed?: FixedLink }
  | { mode: 'edit'; activity: ActivityListItem };

export interface ActivityFormValues {
  type: ActivityType;
  subject: string;
  allDay: boolean;
  /** Local wall-clock time, `YYYY-MM-DD HH:mm:ss` (Mantine dates), or `YYYY-MM-DD` for an all-day activity. */
  at: string | null;
  durationMinutes: number | string;
  location: string;
  participantIds: string[];
  accountId: string | null;
  accountName: string | null;
  contactId: string | null;
  contactName: string | null;
  dealId: string | null;
  dealName: string | null;
  leadId: string | null;
  ownerId: string | null;
  done: boolean;
  outcome: string;
  description: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as local wall-clock text for the pickers. */
export function toLocalText(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00`;
}

/** Local wall-clock text back to an instant (ISO, UTC); an all-day value stays a date. */
export function fromLocalText(text: string, allDay: boolean): string {
  const date = text.slice(0, 10);
  if (allDay) return date;
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = (text.slice(11, 16) || '09:00').split(':').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 9, mm ?? 0).toISOString();
}

/** The next full hour from now: when a new activity is scheduled unless the user says otherwise. */
function nextHour(): string {
  const d = new Date();
  d.setHours(d.getHours() + 1, 0, 0, 0);
  return toLocalText(d.toISOString());
}

export function activityFormValues(init: ActivityFormInit, userId: string): ActivityFormValues {
  if (init.mode === 'edit') {
    const a = init.activity;
    const when = a.type === 'task' ? a.dueAt : a.startAt;
    return {
      type: a.type,
      subject: a.subject,
      allDay: a.allDay,
      at: when ? (a.allDay ? when.slice(0, 10) : toLocalText(when)) : null,
      durationMinutes: a.durationMinutes ?? '',
      location: a.location ?? '',
      participantIds: a.participants.map((p) => p.id),
      accountId: a.accountId,
      accountName: a.account?.name ?? null,
      contactId: a.contactId,
      contactName: a.contact?.name ?? null,
      dealId: a.dealId,
      dealName: a.deal?.name ?? null,
      leadId: a.leadId,
      ownerId: a.ownerId,
      done: a.done,
      outcome: a.outcome ?? '',
      description: a.description ?? '',
    };
  }
  const p = init.prefill ?? {};
  const logging = init.mode === 'log';
  const type: ActivityType = logging ? 'call' : (init.type ?? 'task');
  return {
    type,
    subject: '',
    allDay: false,
    at: logging ? toLocalText(new Date().toISOString()) : nextHour(),
    durationMinutes: type === 'task' ? '' : 30,
    location: '',
    participantIds: [],
    accountId: p.account?.id ?? null,
    accountName: p.account?.name ?? null,
    contactId: p.contact?.id ?? null,
    contactName: p.contact?.name ?? null,
    dealId: p.deal?.id ?? null,
    dealName: p.deal?.name ?? null,
    leadId: p.lead?.id ?? null,
    ownerId: userId,
    done: logging,
    outcome: '',
    description: '',
  };
}

/** The body the API takes: a task's due time or a call's or meeting's start and duration. */
export function activityPayload(v: ActivityFormValues): ActivityCreate {
  const at = v.at ? fromLocalText(v.at, v.allDay) : undefined;
  const timed = v.type !== 'task';
  const duration = v.durationMinutes === '' ? null : Number(v.durationMinutes);
  return {
    type: v.type,
    subject: v.subject,
    allDay: v.allDay,
    ...(timed ? { startAt: at, ...(v.allDay ? {} : { durationMinutes: duration }) } : { dueAt: at }),
    location: v.type === 'meeting' ? v.location : null,
    participantIds: v.participantIds,
    accountId: v.accountId,
    contactId: v.contactId,
    dealId: v.dealId,
    leadId: v.leadId,
    ...(v.ownerId ? { ownerId: v.ownerId } : {}),
    done: v.done,
    outcome: v.done ? v.outcome : null,
    description: v.description,
  };
}
