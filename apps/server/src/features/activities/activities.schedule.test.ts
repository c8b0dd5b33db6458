import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { clockFor, isOverdue, scheduleColumns } from './activities.schedule.ts';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return Object.keys(e.fields ?? {})[0];
    throw e;
  }
  return undefined;
};

describe('the clock of a time zone', () => {
  it('starts days at local midnight, across daylight-saving changes', () => {
    // 23:30 UTC on 29 March 2025 is already the 30th in Berlin, the day summer time starts (23 hours long).
    expect(clockFor('Europe/Berlin', new Date('2025-03-29T23:30:00Z'))).toEqual({
      now: '2025-03-29T23:30:00.000Z',
      today: '2025-03-30',
      startOfToday: '2025-03-29T23:00:00.000Z',
      startOfTomorrow: '2025-03-30T22:00:00.000Z',
    });
    expect(clockFor('America/Los_Angeles', new Date('2025-01-10T05:00:00Z'))).toMatchObject({ today: '2025-01-09', startOfToday: '2025-01-09T08:00:00.000Z' });
    expect(clockFor('UTC', new Date('2025-01-10T05:00:00Z'))).toMatchObject({ today: '2025-01-10', startOfToday: '2025-01-10T00:00:00.000Z', startOfTomorrow: '2025-01-11T00:00:00.000Z' });
  });

  it('calls a timed activity overdue once its time passed, an all-day one once its day is over', () => {
    const clock = clockFor('Asia/Tokyo', new Date('2025-01-10T20:00:00Z')); // 05:00 on the 11th in Tokyo
    expect(isOverdue({ done: 0, all_day: 0, scheduled_at: '2025-01-10T19:59:00.000Z' }, clock)).toBe(true);
    expect(isOverdue({ done: 1, all_day: 0, scheduled_at: '2025-01-10T19:59:00.000Z' }, clock)).toBe(false);
    expect(isOverdue({ done: 0, all_day: 0, scheduled_at: '2025-01-10T20:01:00.000Z' }, clock)).toBe(false);
    expect(isOverdue({ done: 0, all_day: 1, scheduled_at: '2025-01-10T00:00:00.000Z' }, clock)).toBe(true);
    expect(isOverdue({ done: 0, all_day: 1, scheduled_at: '2025-01-11T00:00:00.000Z' }, clock)).toBe(false);
  });
});

describe('schedule rules', () => {
  const meeting = { type: 'meeting', due_at: null, start_at: '2025-05-01T10:00:00.000Z', end_at: '2025-05-01T11:00:00.000Z', duration_minutes: 60, all_day: 0 };

  it('derives the duration from start and end, or the end from the duration', () => {
    expect(scheduleColumns({ type: 'call', startAt: '2025-05-01T10:00:00.000Z', endAt: '2025-05-01T10:20:00.000Z' })).toMatchObject({ duration_minutes: 20, scheduled_at: '2025-05-01T10:00:00.000Z' });
    expect(scheduleColumns({ type: 'call', startAt: '2025-05-01T10:00:00.000Z', durationMinutes: 45 })).toMatchObject({ end_at: '2025-05-01T10:45:00.000Z' });
    expect(scheduleColumns({ type: 'call', startAt: '2025-05-01T10:00:00.000Z' })).toMatchObject({ end_at: null, duration_minutes: null });
    expect(scheduleColumns({ endAt: null }, meeting)).toMatchObject({ end_at: null, duration_minutes: null });
    expect(scheduleColumns({ allDay: true }, meeting)).toMatchObject({ start_at: '2025-05-01T00:00:00.000Z', end_at: '2025-05-01T00:00:00.000Z', duration_minutes: null, all_day: 1 });
  });

  it('names the field of each broken rule', () => {
    expect(fieldOf(() => scheduleColumns({ type: 'task' }))).toBe('dueAt');
    expect(fieldOf(() => scheduleColumns({ type: 'call' }))).toBe('startAt');
    expect(fieldOf(() => scheduleColumns({ endAt: '2025-05-01T09:00:00.000Z' }, meeting))).toBe('endAt');
    expect(fieldOf(() => scheduleColumns({ endAt: '2025-05-01T12:00:00.000Z', durationMinutes: 60 }, meeting))).toBe('durationMinutes');
    expect(fieldOf(() => scheduleColumns({ type: 'task', endAt: '2025-05-01T12:00:00.000Z' }, meeting))).toBe('endAt');
    expect(fieldOf(() => scheduleColumns({ dueAt: '2025-05-01T12:00:00.000Z' }, meeting))).toBe('dueAt');
  });
});
