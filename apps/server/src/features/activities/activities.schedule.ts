import type { z } from 'zod';
import type { ActivityType, activityFields } from '@kontor/contract/activities';
import { invalid, fieldError } from '../../errors.ts';
import { startOfDay } from '../accounts/activity-board.periods.ts';

/**
 * When an activity happens. A task has a due time; a call or meeting a start, and an end or a duration (either one
 * gives the other). Every activity has one moment, `scheduled_at` (the task's due time, the call's or meeting's start),
 * which orders every list and decides overdue / today / upcoming. All-day activities keep dates as midnight UTC.
 */

type ScheduleInput = Pick<Partial<z.output<typeof activityFields>>, 'type' | 'dueAt' | 'startAt' | 'endAt' | 'durationMinutes' | 'allDay'>;

export interface ScheduleRow {
  type: string;
  due_at: string | null;
  start_at: string | null;
  end_at: string | null;
  duration_minutes: number | null;
  all_day: number;
}

export interface ScheduleColumns extends ScheduleRow {
  type: ActivityType;
  scheduled_at: string;
}

const MINUTE = 60_000;
const dayOf = (iso: string) => `${iso.slice(0, 10)}T00:00:00.000Z`;
const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString();
const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / MINUTE);

/** The schedule columns of an activity after `input` is applied to `current` (none for a new one); 400 on a broken rule. */
export function scheduleColumns(input: ScheduleInput, current?: ScheduleRow): ScheduleColumns {
  const type = (input.type ?? current?.type ?? 'task') as ActivityType;
  const allDay = input.allDay ?? current?.all_day === 1;
  const at = (iso: string) => (allDay ? dayOf(iso) : iso);
  const wasTask = current?.type === 'task';
  const all_day = allDay ? 1 : 0;

  if (type === 'task') {
    if (input.startAt != null) throw invalid({ startAt: fieldError('task_no_start') });
    if (input.endAt != null) throw invalid({ endAt: fieldError('task_no_end') });
    // A call or meeting turned into a task is due when it was to start.
    const due = input.dueAt !== undefined ? input.dueAt : wasTask ? current?.due_at : current?.start_at;
    if (!due) throw invalid({ dueAt: fieldError('due_required') });
    const duration = input.durationMinutes !== undefined ? input.durationMinutes : (current?.duration_minutes ?? null);
    return { type, due_at: at(due), start_at: null, end_at: null, duration_minutes: allDay ? null : duration, all_day, scheduled_at: at(due) };
  }

  if (input.dueAt != null) throw invalid({ dueAt: fieldError('no_due', { type }) });
  // A task turned into a call or meeting starts when it was due.
  const startIn = input.startAt !== undefined ? input.startAt : wasTask ? current?.due_at : current?.start_at;
  if (!startIn) throw invalid({ startAt: fieldError('start_required', { type }) });
  const start = at(startIn);
  const { endAt, durationMinutes } = input;
  if (allDay && durationMinutes != null) throw invalid({ durationMinutes: fieldError('all_day_duration') });

  let end: string | null;
  if (endAt != null) {
    end = at(endAt);
    if (end < start) throw invalid({ endAt: fieldError('end_before_start') });
    if (durationMinutes != null && durationMinutes !== minutesBetween(start, end)) throw invalid({ durationMinutes: fieldError('duration_mismatch') });
  } else if (durationMinutes != null) {
    end = plusMinutes(start, durationMinutes);
  } else if (endAt === null || durationMinutes === null) {
    end = null;
  } else if (!wasTask && current?.start_at && current.end_at) {
    // Moving a call or meeting keeps its length.
    end = at(plusMinutes(start, minutesBetween(current.start_at, current.end_at)));
  } else {
    const length = current?.duration_minutes ?? null;
    end = length != null && !allDay ? plusMinutes(start, length) : null;
  }
  const duration = end === null || allDay ? null : minutesBetween(start, end);
  return { type, due_at: null, start_at: start, end_at: end, duration_minutes: duration, all_day, scheduled_at: start };
}

/**
 * Where the days fall in a time zone: now, today's date there, and the instants today and tomorrow begin (UTC ISO).
 * Overdue / today / upcoming and the `overdue` flag are read against it.
 */
export interface Clock {
  now: string;
  today: string;
  startOfToday: string;
  startOfTomorrow: string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date (YYYY-MM-DD) in `tz` at `at`. */
function dateIn(tz: string, at: Date): string {
  let f = dateFormats.get(tz);
  if (!f) dateFormats.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** Per zone, the day last asked about and the instants it begins and ends: a dozen Intl calls (~150 us) to compute. */
const currentDays = new Map<string, { today: string; startOfToday: string; startOfTomorrow: string; from: number; to: number }>();

/** The clock of a reader in `tz` (days begin at local midnight, as on the Kanban by next activity). */
export function clockFor(tz: string, at: Date = new Date()): Clock {
  const t = at.getTime();
  let day = currentDays.get(tz);
  if (!day || t < day.from || t >= day.to) {
    const today = dateIn(tz, at);
    const midnight = Date.parse(`${today}T00:00:00.000Z`);
    const from = startOfDay(midnight, tz);
    const to = startOfDay(midnight + 86_400_000, tz);
    day = { today, startOfToday: new Date(from).toISOString(), startOfTomorrow: new Date(to).toISOString(), from, to };
    if (currentDays.size >= 1000) currentDays.clear();
    currentDays.set(tz, day);
  }
  return { now: at.toISOString(), today: day.today, startOfToday: day.startOfToday, startOfTomorrow: day.startOfTomorrow };
}

/** Open and past its time; an all-day activity once its day is over where the reader is. */
export function isOverdue(row: { done: number; all_day: number; scheduled_at: string | null }, clock: Clock): boolean {
  if (row.done === 1 || !row.scheduled_at) return false;
  return row.all_day === 1 ? row.scheduled_at.slice(0, 10) < clock.today : row.scheduled_at < clock.now;
}
