import { addMonths, calendarDateIn, formatDate, referenceDay, weekday } from '../../nlu/calendarDate';

describe('calendar dates', () => {
  it('reads the day of an instant in the given zone', () => {
    const instant = new Date('2026-03-28T23:30:00Z');
    expect(formatDate(calendarDateIn(instant, 'Europe/Rome'))).toBe('2026-03-29');
    expect(formatDate(calendarDateIn(instant, 'UTC'))).toBe('2026-03-28');
  });

  it('takes a plain YYYY-MM-DD as that day, whatever the zone', () => {
    expect(referenceDay('2026-11-26', 'America/New_York')).toEqual({ year: 2026, month: 11, day: 26 });
  });

  it('adds months keeping the last day of shorter months', () => {
    expect(formatDate(addMonths({ year: 2028, month: 1, day: 31 }, 1))).toBe('2028-02-29');
    expect(formatDate(addMonths({ year: 2026, month: 12, day: 15 }, 2))).toBe('2027-02-15');
  });

  it('knows 26 November 2026 is a Thursday', () => {
    expect(weekday({ year: 2026, month: 11, day: 26 })).toBe(4);
  });
});
