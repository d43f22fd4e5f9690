import { isoWeek, parseLocalDate, ReportCalendar } from '../../ratings/reportCalendar';

describe('ReportCalendar (Europe/Rome)', () => {
  const cal = new ReportCalendar();

  it('gives the local date of an instant across midnight and summer time', () => {
    expect(cal.localDate(new Date('2026-11-01T23:30:00Z'))).toEqual({ year: 2026, month: 11, day: 2 });
    expect(cal.localDate(new Date('2026-07-01T22:30:00Z'))).toEqual({ year: 2026, month: 7, day: 2 });
    expect(cal.localDate(new Date('2026-07-01T21:59:59Z'))).toEqual({ year: 2026, month: 7, day: 1 });
  });

  it('starts days at local midnight in winter and summer', () => {
    expect(cal.startOfDay({ year: 2026, month: 1, day: 15 }).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(cal.startOfDay({ year: 2026, month: 8, day: 15 }).toISOString()).toBe('2026-08-14T22:00:00.000Z');
    expect(cal.startOfDay({ year: 2026, month: 10, day: 26 }).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('numbers ISO weeks (week 1 holds the first Thursday; years may differ from the calendar year)', () => {
    expect(isoWeek({ year: 2026, month: 11, day: 2 })).toEqual({ year: 2026, week: 45 });
    expect(isoWeek({ year: 2021, month: 1, day: 3 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeek({ year: 2024, month: 12, day: 30 })).toEqual({ year: 2025, week: 1 });
    expect(cal.periodKey({ year: 2027, month: 1, day: 1 }, 'week')).toBe('2026-W53');
  });

  it('lists the periods of a range', () => {
    const from = cal.startOfDay({ year: 2026, month: 12, day: 20 });
    const to = cal.startOfDay({ year: 2027, month: 2, day: 1 });
    expect(cal.periodsBetween(from, to, 'month').map((d) => cal.periodKey(d, 'month'))).toEqual([
      '2026-12',
      '2027-01',
    ]);
    expect(cal.periodsBetween(from, to, 'week').map((d) => cal.periodKey(d, 'week'))[0]).toBe('2026-W51');
    expect(cal.periodsBetween(from, to, 'day')).toHaveLength(43);
    expect(cal.periodLabel({ year: 2027, month: 1, day: 9 }, 'month')).toBe('gennaio 2027');
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseLocalDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('2026-2-1')).toBeUndefined();
    expect(parseLocalDate('ieri')).toBeUndefined();
  });
});
