import { describe, expect, it } from 'vitest';
import { followUpDate } from './followup-dates';
import { neighbourColumn } from './board-state';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('follow-up dates', () => {
  it('fall in the column they were dropped on', () => {
    const wednesdayMorning = local(2025, 3, 12, 9, 20);
    expect(followUpDate('today', wednesdayMorning)).toEqual(local(2025, 3, 12, 17));
    expect(followUpDate('today', local(2025, 3, 12, 17, 5))).toEqual(local(2025, 3, 12, 18));
    expect(followUpDate('today', local(2025, 3, 12, 23, 30))).toEqual(local(2025, 3, 12, 23, 59));
    expect(followUpDate('thisWeek', wednesdayMorning)).toEqual(local(2025, 3, 13, 10));
    expect(followUpDate('nextWeek', wednesdayMorning)).toEqual(local(2025, 3, 17, 10));
    expect(followUpDate('later', wednesdayMorning)).toEqual(local(2025, 3, 26, 10));
  });

  it('keep "this week" inside the week at its end, and "later" past next week on a Monday', () => {
    expect(followUpDate('thisWeek', local(2025, 3, 14, 15))).toEqual(local(2025, 3, 15, 10)); // Friday: Saturday
    expect(followUpDate('nextWeek', local(2025, 3, 16, 15))).toEqual(local(2025, 3, 17, 10)); // Sunday: tomorrow
    expect(followUpDate('later', local(2025, 3, 17, 8))).toEqual(local(2025, 3, 31, 10)); // Monday: the Monday after next
  });

  it('step through the schedulable columns with the keyboard', () => {
    expect(neighbourColumn('none', 1)).toBe('today');
    expect(neighbourColumn('overdue', 1)).toBe('today');
    expect(neighbourColumn('overdue', -1)).toBeNull();
    expect(neighbourColumn('today', -1)).toBeNull();
    expect(neighbourColumn('nextWeek', 1)).toBe('later');
    expect(neighbourColumn('later', 1)).toBeNull();
  });
});
