import type { SchedulableColumn } from './board-state';

/**
 * When a follow-up dropped on a column is prefilled for, in the browser's time zone (the board's columns are the
 * browser's days and weeks too):
 * - today: 17:00, or the next full hour when that is later (never in the past); 23:59 when no full hour is left today;
 * - this week: the next working day at 10:00 that is still this week, else tomorrow at 10:00 (a Friday drop lands on
 *   Saturday rather than on next week's Monday);
 * - next week: next Monday at 10:00;
 * - later: 14 days from now at 10:00 (always at or after the Monday after next).
 */
export function followUpDate(column: SchedulableColumn, now: Date): Date {
  const at = (daysAhead: number, hour: number, minute = 0) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead, hour, minute, 0, 0);
  const weekday = now.getDay(); // 0 Sunday .. 6 Saturday
  const toMonday = (8 - weekday) % 7 || 7;
  switch (column) {
    case 'today': {
      const nextHour = at(0, now.getHours() + 1);
      const fivePm = at(0, 17);
      const pick = nextHour > fivePm ? nextHour : fivePm;
      return pick.getDate() === now.getDate() ? pick : at(0, 23, 59);
    }
    case 'thisWeek': {
      for (let d = 1; d < toMonday; d += 1) {
        const day = at(d, 10);
        if (day.getDay() >= 1 && day.getDay() <= 5) return day;
      }
      return at(1, 10);
    }
    case 'nextWeek':
      return at(toMonday, 10);
    case 'later':
      return at(14, 10);
  }
}
