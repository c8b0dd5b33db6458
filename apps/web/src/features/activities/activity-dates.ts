import type { TFunction } from 'i18next';
import type { ActivityListItem } from '@kontor/contract/activities';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const timeOf = (d: Date) => new Intl.DateTimeFormat(currentLocale(), { hour: '2-digit', minute: '2-digit' }).format(d);

/** When an activity happens, as people say it: "Today, 14:00 – 14:30", "Tomorrow", "4 Mar 2031, 09:30" (all-day: the date). */
export function whenText(t: TFunction, a: Pick<ActivityListItem, 'scheduledAt' | 'allDay' | 'endAt'>): string {
  const end = a.endAt && !a.allDay && a.endAt !== a.scheduledAt ? new Date(a.endAt) : null;
  const until = end && localDate(end) === localDate(new Date(a.scheduledAt)) ? ` – ${timeOf(end)}` : '';
  return `${startText(t, a)}${until}`;
}

function startText(t: TFunction, a: Pick<ActivityListItem, 'scheduledAt' | 'allDay'>): string {
  const today = todayIso();
  const tomorrow = localDate(new Date(Date.now() + 86_400_000));
  if (a.allDay) {
    const day = a.scheduledAt.slice(0, 10);
    return day === today ? t('activities.today') : day === tomorrow ? t('activities.tomorrow') : formatDate(day);
  }
  const d = new Date(a.scheduledAt);
  const day = localDate(d);
  if (day === today) return t('activities.todayAt', { time: timeOf(d) });
  if (day === tomorrow) return t('activities.tomorrowAt', { time: timeOf(d) });
  return formatDateTime(a.scheduledAt);
}
