import type { ActivityBoardColumnKey } from '@kontor/contract/activity-board';

/**
 * The date ranges of the Kanban by next activity, as UTC instants (ISO text, like the stored timestamps) computed
 * from the reader's wall clock: days begin at local midnight, weeks on Monday. Daylight-saving changes move the UTC
 * instants, never the local boundaries.
 */

/** `[from, to)`: from inclusive, to exclusive; a missing side is open. `none` is the absence of a date. */
export type Period = { none: true } | { none: false; from?: string; to?: string };

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(tz, f);
  }
  return f;
}

/** What a clock in `tz` shows at `instant` (ms since the epoch). */
function wallClock(instant: number, tz: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatFor(tz).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** How far `tz` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, tz: string): number {
  const w = wallClock(instant, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (instant - (((instant % 1000) + 1000) % 1000));
}

/** A calendar date as a UTC midnight, for day arithmetic that knows nothing of zones. */
const calendarDay = (w: { year: number; month: number; day: number }) => Date.UTC(w.year, w.month - 1, w.day);
const DAY = 86_400_000;

/**
 * The first instant of a calendar date (given as its UTC midnight) in `tz`. Midnight is tried with the offsets before
 * and after it; when a daylight-saving change skips midnight, the earliest instant that already falls on the date wins.
 */
export function startOfDay(date: number, tz: string): number {
  const first = offsetAt(date, tz);
  const candidates = [date - first, date - offsetAt(date - first, tz)];
  const onDate = candidates.filter((t) => calendarDay(wallClock(t, tz)) === date);
  return onDate.length ? Math.min(...onDate) : (candidates[0] ?? date);
}

/** Boundaries of the dated columns for a reader in `tz` at `now`. */
export function boardPeriods(now: Date, tz: string): Record<ActivityBoardColumnKey, Period> {
  const today = calendarDay(wallClock(now.getTime(), tz));
  const weekday = new Date(today).getUTCDay(); // 0 Sunday .. 6 Saturday
  const toMonday = (8 - weekday) % 7 || 7;
  const at = (days: number) => new Date(startOfDay(today + days * DAY, tz)).toISOString();
  const [startToday, startTomorrow, nextMonday, mondayAfter] = [at(0), at(1), at(toMonday), at(toMonday + 7)];
  return {
    none: { none: true },
    overdue: { none: false, to: startToday },
    today: { none: false, from: startToday, to: startTomorrow },
    thisWeek: { none: false, from: startTomorrow, to: nextMonday },
    nextWeek: { none: false, from: nextMonday, to: mondayAfter },
    later: { none: false, from: mondayAfter },
  };
}
