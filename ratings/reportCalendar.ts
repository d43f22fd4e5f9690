export type Period = 'day' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

export const DEFAULT_TIME_ZONE = 'Europe/Rome';

/** A calendar date in the report time zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Report periods in one time zone (Europe/Rome by default): days start at local midnight, weeks are
 * ISO weeks (Monday first, week 1 holds the first Thursday), months are calendar months. Pure
 * Intl arithmetic, so summer time changes are handled without a date library.
 */
export class ReportCalendar {
  private readonly parts: Intl.DateTimeFormat;
  private readonly monthName: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string = DEFAULT_TIME_ZONE) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.monthName = new Intl.DateTimeFormat('it-IT', { timeZone: 'UTC', month: 'long', year: 'numeric' });
  }

  /** The local calendar date of an instant. */
  localDate(instant: Date | number): LocalDate {
    const ms = typeof instant === 'number' ? instant : instant.getTime();
    // Offsets change only on whole hours: one Intl call per hour seen, not per record.
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      if (this.offsets.size > 50_000) this.offsets.clear();
      offset = this.offsetAt(hour * HOUR_MS);
      this.offsets.set(hour, offset);
    }
    const d = new Date(ms + offset);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  /** The instant the local day starts. */
  startOfDay(date: LocalDate): Date {
    const wall = Date.UTC(date.year, date.month - 1, date.day);
    let guess = wall - this.offsetAt(wall);
    guess = wall - this.offsetAt(guess);
    return new Date(guess);
  }

  /** The local date `days` days after `date` (negative to go back). */
  addDays(date: LocalDate, days: number): LocalDate {
    const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  /** The first local date of the period holding `date`. */
  periodStart(date: LocalDate, period: Period): LocalDate {
    if (period === 'day') return date;
    if (period === 'month') return { year: date.year, month: date.month, day: 1 };
    const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7; // Monday 0
    return this.addDays(date, -weekday);
  }

  /** The first local date of the next period. */
  nextPeriodStart(date: LocalDate, period: Period): LocalDate {
    const start = this.periodStart(date, period);
    if (period === 'day') return this.addDays(start, 1);
    if (period === 'week') return this.addDays(start, 7);
    return start.month === 12
      ? { year: start.year + 1, month: 1, day: 1 }
      : { ...start, month: start.month + 1 };
  }

  /** A sortable key: 2026-11-02, 2026-W45, 2026-11. */
  periodKey(date: LocalDate, period: Period): string {
    if (period === 'day') return formatLocalDate(date);
    if (period === 'month') return `${date.year}-${pad(date.month)}`;
    const { year, week } = isoWeek(date);
    return `${year}-W${pad(week)}`;
  }

  /** An Italian label: 02/11/2026, settimana 45/2026 (dal 02/11), novembre 2026. */
  periodLabel(date: LocalDate, period: Period): string {
    if (period === 'day') return `${pad(date.day)}/${pad(date.month)}/${date.year}`;
    if (period === 'month') return this.monthName.format(new Date(Date.UTC(date.year, date.month - 1, 1)));
    const start = this.periodStart(date, 'week');
    const { year, week } = isoWeek(date);
    return `settimana ${week}/${year} (dal ${pad(start.day)}/${pad(start.month)})`;
  }

  /** Every period from the one holding `from` to the one holding the last day before `to`. */
  periodsBetween(from: Date, to: Date, period: Period): LocalDate[] {
    const out: LocalDate[] = [];
    if (to.getTime() <= from.getTime()) return out;
    let cursor = this.periodStart(this.localDate(from), period);
    while (this.startOfDay(cursor).getTime() < to.getTime()) {
      out.push(cursor);
      cursor = this.nextPeriodStart(cursor, period);
    }
    return out;
  }

  private wallClock(ms: number): LocalDate & { hour: number; minute: number; second: number } {
    const parts: Record<string, number> = {};
    for (const p of this.parts.formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
    return {
      year: parts.year ?? NaN,
      month: parts.month ?? NaN,
      day: parts.day ?? NaN,
      hour: parts.hour ?? NaN,
      minute: parts.minute ?? NaN,
      second: parts.second ?? NaN,
    };
  }

  /** Local wall time minus UTC at an instant, in ms (+1 h or +2 h in Rome). */
  private offsetAt(ms: number): number {
    const w = this.wallClock(ms);
    const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    return asUtc - Math.floor(ms / 1000) * 1000;
  }
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** Parses YYYY-MM-DD (a real calendar date) or returns undefined. */
export function parseLocalDate(value: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** ISO 8601 week and week-numbering year. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return { year, week: 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * DAY_MS)) };
}
