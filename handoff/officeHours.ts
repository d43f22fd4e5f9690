import { UnknownQueueError } from './handoffErrors';
import { DEFAULT_SAN_FRANCESCO_FROM_YEAR, isoDate, italianHolidays } from './italianHolidays';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local opening time range, "HH:MM" 24h, `from` inclusive, `to` exclusive. */
export interface TimeRange {
  from: string;
  to: string;
}

export type WeeklyHours = Partial<Record<Weekday, TimeRange[]>>;

export interface QueueHours {
  weekly: WeeklyHours;
  /** Extra closed days for this queue only, YYYY-MM-DD. */
  closures?: string[];
}

export interface OfficeHoursOptions {
  queues: Record<string, QueueHours>;
  /** Extra closed days for every queue (e.g. 24 December), YYYY-MM-DD. */
  closures?: string[];
  timeZone?: string;
  sanFrancescoFromYear?: number;
}

export const DEFAULT_TIME_ZONE = 'Europe/Rome';

interface LocalTime {
  year: number;
  month: number;
  day: number;
  minutes: number;
  date: string;
  weekday: Weekday;
}

/** How far ahead nextOpening looks before giving up (a queue with no hours at all). */
const MAX_DAYS_AHEAD = 400;

/**
 * Weekly opening hours per queue in the office's time zone (Europe/Rome), closed on Italian
 * public holidays and configured closures. DST is handled by converting through the zone.
 */
export class OfficeHours {
  private readonly timeZone: string;
  private readonly sanFrancescoFromYear: number;
  private readonly closures: Set<string>;
  private readonly holidayCache = new Map<number, Set<string>>();
  private readonly format: Intl.DateTimeFormat;

  constructor(private readonly options: OfficeHoursOptions) {
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.sanFrancescoFromYear = options.sanFrancescoFromYear ?? DEFAULT_SAN_FRANCESCO_FROM_YEAR;
    this.closures = new Set(options.closures ?? []);
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
  }

  queueNames(): string[] {
    return Object.keys(this.options.queues);
  }

  /** Whether the office is closed all day (holiday or closure) for this queue. */
  isClosedDay(queue: string, date: string): boolean {
    const hours = this.hoursOf(queue);
    const year = Number(date.slice(0, 4));
    return this.holidays(year).has(date) || this.closures.has(date) || (hours.closures ?? []).includes(date);
  }

  isOpen(queue: string, at: Date): boolean {
    const local = this.local(at);
    if (this.isClosedDay(queue, local.date)) return false;
    return this.ranges(queue, local.weekday).some((r) => local.minutes >= r.from && local.minutes < r.to);
  }

  /** `at` itself when open, otherwise the next moment the queue opens; undefined if it never does. */
  nextOpening(queue: string, at: Date): Date | undefined {
    if (this.isOpen(queue, at)) return at;
    const start = this.local(at);
    for (let i = 0; i <= MAX_DAYS_AHEAD; i++) {
      const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
      const date = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      if (this.isClosedDay(queue, date)) continue;
      const weekday = WEEKDAYS[d.getUTCDay()] ?? 'sun';
      for (const range of this.ranges(queue, weekday)) {
        const opening = this.zonedToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), range.from);
        if (opening.getTime() > at.getTime()) return opening;
      }
    }
    return undefined;
  }

  /** When the current opening period ends, if the queue is open at `at`. */
  closesAt(queue: string, at: Date): Date | undefined {
    const local = this.local(at);
    if (this.isClosedDay(queue, local.date)) return undefined;
    const range = this.ranges(queue, local.weekday).find(
      (r) => local.minutes >= r.from && local.minutes < r.to,
    );
    return range ? this.zonedToUtc(local.year, local.month, local.day, range.to) : undefined;
  }

  private hoursOf(queue: string): QueueHours {
    const hours = this.options.queues[queue];
    if (!hours) throw new UnknownQueueError(queue);
    return hours;
  }

  private ranges(queue: string, weekday: Weekday): Array<{ from: number; to: number }> {
    return (this.hoursOf(queue).weekly[weekday] ?? [])
      .map((r) => ({ from: minutesOf(r.from), to: minutesOf(r.to) }))
      .sort((a, b) => a.from - b.from);
  }

  private holidays(year: number): Set<string> {
    let set = this.holidayCache.get(year);
    if (!set) {
      set = new Set(italianHolidays(year, this.sanFrancescoFromYear).map((h) => h.date));
      this.holidayCache.set(year, set);
    }
    return set;
  }

  private local(at: Date): LocalTime {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const year = parts.year ?? 1970;
    const month = parts.month ?? 1;
    const day = parts.day ?? 1;
    return {
      year,
      month,
      day,
      minutes: (parts.hour ?? 0) * 60 + (parts.minute ?? 0),
      date: isoDate(year, month, day),
      weekday: WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? 'sun',
    };
  }

  /** The zone's offset from UTC at an instant, in ms. */
  private offsetMs(instant: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(instant)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return asUtc - Math.floor(instant / 1000) * 1000;
  }

  private zonedToUtc(year: number, month: number, day: number, minutes: number): Date {
    const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
    let utc = wall - this.offsetMs(wall);
    // A second pass corrects the guess when the offset changes between wall time and the result.
    utc = wall - this.offsetMs(utc);
    return new Date(utc);
  }
}

export function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
