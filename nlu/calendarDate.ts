import { RecognizeOptionsError } from './recognizeOptionsError';

/** A calendar day with no time and no zone: all date arithmetic happens on these, in UTC. */
export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export const DEFAULT_TIME_ZONE = 'Europe/Rome';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      throw new RecognizeOptionsError('timeZone', timeZone);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar day that `instant` falls on in `timeZone`. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  if (Number.isNaN(instant.getTime())) throw new RecognizeOptionsError('referenceDate', String(instant));
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return { year, month, day };
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reference day from an option: a plain "YYYY-MM-DD" is taken as is, anything else as an instant. */
export function referenceDay(reference: Date | string | undefined, timeZone: string): CalendarDate {
  formatterFor(timeZone); // a wrong zone is an error even when a plain day makes it unnecessary
  if (typeof reference === 'string') {
    const m = PLAIN_DATE.exec(reference);
    if (m) {
      const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
      if (!isValidDate(day.year, day.month, day.day))
        throw new RecognizeOptionsError('referenceDate', reference);
      return day;
    }
    const instant = new Date(reference);
    if (Number.isNaN(instant.getTime())) throw new RecognizeOptionsError('referenceDate', reference);
    return calendarDateIn(instant, timeZone);
  }
  return calendarDateIn(reference ?? new Date(), timeZone);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function fromUtc(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtc(Date.UTC(date.year, date.month - 1, date.day + days));
}

/** Adds months, keeping the day when it exists and the month's last day otherwise. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function formatTime(hours: number, minutes: number): string {
  return `${pad(hours, 2)}:${pad(minutes, 2)}`;
}
