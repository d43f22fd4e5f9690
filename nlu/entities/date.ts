import { addDays, addMonths, isValidDate, weekday, type CalendarDate } from '../calendarDate';
import { parseNumberWord } from '../italianNumberWords';
import type { TextContext } from '../textContext';
import { before, type Candidate } from './candidate';
import { dateCandidate, findPartialDates, NOT_A_DAY_AFTER } from './datePartial';
import { MONTHS, MONTH_RE, STREET_BEFORE, WEEKDAYS, WEEKDAY_RE } from './dateWords';

/** 31/12/2026, 31-12-26, 31.12.2026 */
const NUMERIC_WITH_YEAR = /(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[/.,-]\d)/g;
/** 24/12, l'8/12 */
const NUMERIC_NO_YEAR = /(?<![\d/.,-])(\d{1,2})\/(\d{1,2})(?![\d]|[/.,-]\d)/g;
/**
 * "il 18-02", "il 31.12": with a dash or a dot, only after an article ("dalle 9-13" is a range
 * of hours, "3.5 metri" a measure).
 */
const DASHED_NO_YEAR = /(?<![\d/.,-])(\d{1,2})([-.])(\d{1,2})(?![\d]|[/.,-]\d)/g;
const DAY_ARTICLE_BEFORE = /(?:\b(?:il|del|dal|al|entro il|fino al|nel giorno)\s|\bl'|\ball'|\bdall')$/;
/** "all'8.10" is ten past eight: a dot needs a plain article or a weekday ("venerdì 4.12"; "lunedì 9-12" is hours). */
const DAY_ARTICLE_BEFORE_DOT =
  /(?:\b(?:il|del|dal|entro il|fino al|nel giorno|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica),?\s|(?<![a-z])l')$/;
/** 2026-12-15, 2026/12/15 */
const ISO = /(?<![\d/.-])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\d])/g;
/** (lunedì) 3 dicembre (2026), primo marzo, ventidue dicembre, 1° maggio */
const TEXTUAL = new RegExp(
  `(?:\\b${WEEKDAY_RE},? )?(?<![a-z])(\\d{1,2}|[a-z]+)(?:°|º)? (?:di )?${MONTH_RE}(?![a-z])\\.?(?:,? (?:del |dell'anno )?(\\d{4}|'\\d{2}))?(?![\\d])`,
  'g',
);
/** Longer forms first: "ieri l'altro" is two days ago, not "ieri". */
const RELATIVE =
  /\b(oggi|dopo domani|domani mattina|domani|dopodomani|ieri l'altro|ieri|l'altro ieri|l'altroieri|altroieri|stamattina|stamani|stamane|stasera|stanotte|questa mattina|questa sera|questa notte|questo pomeriggio|domattina|today|tomorrow|yesterday|the day after tomorrow)\b/g;
const RELATIVE_OFFSET: Record<string, number> = {
  oggi: 0,
  domani: 1,
  dopodomani: 2,
  'dopo domani': 2,
  ieri: -1,
  "l'altro ieri": -2,
  "l'altroieri": -2,
  altroieri: -2,
  "ieri l'altro": -2,
  stamattina: 0,
  today: 0,
  tomorrow: 1,
  yesterday: -1,
  'the day after tomorrow': 2,
  domattina: 1,
  'domani mattina': 1,
  stamani: 0,
  stamane: 0,
  stasera: 0,
  stanotte: 0,
  'questa mattina': 0,
  'questa sera': 0,
  'questa notte': 0,
  'questo pomeriggio': 0,
};
const WEEKDAY_EXPR = new RegExp(
  `\\b(?:(?:(il|la|questo|questa) )?(prossimo|prossima|scorso|scorsa) )?${WEEKDAY_RE}\\b(?: (prossimo|prossima|scorso|scorsa|passato|passata|che viene))?(?: (?:della|di) (?:(prossima|scorsa) settimana|settimana (prossima|scorsa|passata)))?`,
  'g',
);
const WEEKDAY_DAY = new RegExp(`\\b${WEEKDAY_RE},? (\\d{1,2})(?![\\d/.:,-]|°)`, 'g');
const IN_AMOUNT =
  /\b(tra|fra) (\d{1,3}|[a-z]+|un paio di) (giorni|giorno|gg|settimane|settimana|mesi|mese|anni|anno)\b/g;
const AGO =
  /(?<![a-z])(\d{1,3}|[a-z]+|un paio di) (giorni|giorno|settimane|settimana|mesi|mese|anni|anno) fa\b/g;
const HAS_MONTH = new RegExp(`(?<![a-z])${MONTH_RE}(?![a-z])`);
const HAS_WEEKDAY = /lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica/;

function yearFrom(raw: string | undefined, today: CalendarDate): number {
  if (!raw) return today.year;
  const digits = raw.replace("'", '');
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n <= 30 ? 2000 + n : 1900 + n;
}

function amountOf(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'un paio di') return 2;
  if (raw === 'un' || raw === 'una' || raw === 'uno') return 1;
  return parseNumberWord(raw);
}

function dayOf(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'primo') return 1;
  const n = parseNumberWord(raw);
  return n !== undefined && n >= 1 && n <= 31 && Number.isInteger(n) ? n : undefined;
}

function shift(today: CalendarDate, amount: number, unit: string): CalendarDate {
  if (unit.startsWith('giorn') || unit === 'gg') return addDays(today, amount);
  if (unit.startsWith('settiman')) return addDays(today, amount * 7);
  if (unit.startsWith('mes')) return addMonths(today, amount);
  return addMonths(today, amount * 12);
}

/** A weekday is habitual, not a date, after an article or in a "dal … al …" span: "il sabato siete aperti?". */
const WEEKDAY_THEN_DATE = /^,? \d{1,2}[/.](?:0?[1-9]|1[0-2])(?![\d:])/;
const WEEKDAY_SPAN_AFTER = new RegExp(`^ (?:a|al|fino a|fino al) ${WEEKDAY_RE}\\b`);
const WEEKDAY_SPAN_BEFORE = new RegExp(`\\b${WEEKDAY_RE} (?:a|al|fino a|fino al) $`);

/** "(da) lunedì a venerdì": opening days, not dates. */
function isWeekdaySpan(ctx: TextContext, start: number, end: number): boolean {
  return (
    WEEKDAY_SPAN_AFTER.test(ctx.folded.slice(end, end + 20)) ||
    WEEKDAY_SPAN_BEFORE.test(before(ctx, start, 24))
  );
}

function isHabitual(ctx: TextContext, start: number): boolean {
  return /\b(il|i|di|ogni|al|dal|nel|nei|fino al|tutti i|la|le|alla|dalla)\s$/.test(before(ctx, start, 10));
}

const RANGE_BEFORE =
  /(?:\b(?:dal|dall'|tra il|fra il|il|l')\s?(\d{1,2}) (?:al|all'|e il|o il|e l'|o l'|e|o)\s?|(?<![\d/.,-])(\d{1,2}) ?- ?)$/;

/**
 * The first day of "dal 3 al 5 dicembre", "il 24 e il 31 dicembre", "dal 24 al 26/12", "10-11
 * dicembre": it takes the month and year of the date at `index`.
 */
function rangeStart(ctx: TextContext, index: number, date: CalendarDate): Candidate | undefined {
  const range = RANGE_BEFORE.exec(before(ctx, index, 16));
  const first = range?.[1] ?? range?.[2];
  if (!range || !first) return undefined;
  // A dash joins a span, first day first ("10-11"); "il 15 e il 10" may list them in any order.
  if (range[2] && Number(first) >= date.day) return undefined;
  // The span starts at the preposition, so that "dall'8" is this date and not a time.
  const start = index - range[0].length;
  const end = start + range[0].indexOf(first) + first.length;
  return dateCandidate(ctx, start, end, { ...date, day: Number(first) });
}

export function findDates(ctx: TextContext): Candidate[] {
  const { folded, today } = ctx;
  const out: Candidate[] = [];
  const push = (c: Candidate | undefined): void => {
    if (c) out.push(c);
  };
  if (/\d/.test(folded)) {
    for (const m of folded.matchAll(NUMERIC_WITH_YEAR)) {
      const date = { year: yearFrom(m[4], today), month: Number(m[3]), day: Number(m[1]) };
      push(dateCandidate(ctx, m.index, m.index + m[0].length, date));
      if (isValidDate(date.year, date.month, date.day)) push(rangeStart(ctx, m.index, date));
    }
    for (const m of folded.matchAll(DASHED_NO_YEAR)) {
      const end = m.index + m[0].length;
      const article = m[2] === '.' ? DAY_ARTICLE_BEFORE_DOT : DAY_ARTICLE_BEFORE;
      if (!article.test(before(ctx, m.index, 12)) || NOT_A_DAY_AFTER.test(folded.slice(end, end + 12)))
        continue;
      push(
        dateCandidate(ctx, m.index, end, {
          year: today.year,
          month: Number(m[3]),
          day: Number(m[1]),
        }),
      );
    }
    for (const m of folded.matchAll(NUMERIC_NO_YEAR)) {
      const date = { year: today.year, month: Number(m[2]), day: Number(m[1]) };
      push(dateCandidate(ctx, m.index, m.index + m[0].length, date));
      if (isValidDate(date.year, date.month, date.day)) push(rangeStart(ctx, m.index, date));
    }
    for (const m of folded.matchAll(ISO)) {
      push(
        dateCandidate(ctx, m.index, m.index + m[0].length, {
          year: Number(m[1]),
          month: Number(m[3]),
          day: Number(m[4]),
        }),
      );
    }
  }
  const hasMonth = HAS_MONTH.test(folded);
  for (const m of hasMonth ? folded.matchAll(TEXTUAL) : []) {
    const day = dayOf(m[2] ?? '');
    const month = MONTHS[m[3] ?? ''];
    if (day === undefined || month === undefined) continue;
    if (STREET_BEFORE.test(before(ctx, m.index, 12))) continue;
    // "mar"/"set" alone are words too: abbreviations need a digit day.
    if ((m[3] ?? '').length <= 4 && !/^\d/.test(m[2] ?? '')) continue;
    const year = yearFrom(m[4], today);
    // The dot belongs to an abbreviation ("3 dic."), not to a full month name at the end of a sentence.
    const end = m.index + m[0].length - (m[0].endsWith('.') && (m[3] ?? '').length > 4 ? 1 : 0);
    push(dateCandidate(ctx, m.index, end, { year, month, day }));
    // "dal 3 al 5 dicembre", "il 24 e il 31 dicembre", "10-11 dicembre".
    if (m[1] === undefined) push(rangeStart(ctx, m.index, { year, month, day }));
  }
  // "giovedì 3": the next day 3 that falls on a Thursday.
  for (const m of HAS_WEEKDAY.test(folded) && /\d/.test(folded) ? folded.matchAll(WEEKDAY_DAY) : []) {
    const target = WEEKDAYS[m[1] ?? ''];
    const day = Number(m[2]);
    if (target === undefined || day < 1 || day > 31) continue;
    for (let k = 0; k < 12; k++) {
      const month = addMonths({ ...today, day: 1 }, k);
      const date = { ...month, day };
      if (!isValidDate(date.year, date.month, day) || weekday(date) !== target) continue;
      if (k === 0 && day < today.day) continue;
      push(dateCandidate(ctx, m.index, m.index + m[0].length, date));
      break;
    }
  }
  for (const m of folded.matchAll(RELATIVE)) {
    const offset = RELATIVE_OFFSET[m[1] ?? ''];
    // "al giorno d'oggi", "a tutt'oggi": nowadays, not a day.
    if (offset === undefined || (m[1] === 'oggi' && /(?:d|tutt)'$/.test(before(ctx, m.index, 5)))) continue;
    push(dateCandidate(ctx, m.index, m.index + m[0].length, addDays(today, offset)));
  }
  for (const m of HAS_WEEKDAY.test(folded) ? folded.matchAll(WEEKDAY_EXPR) : []) {
    const target = WEEKDAYS[m[3] ?? ''];
    if (target === undefined) continue;
    const week = m[5] ?? m[6];
    if (week) {
      // "lunedì della settimana prossima": that day in the calendar week after (or before) this one.
      const monday = addDays(today, (/^p/.test(week) ? 7 : -7) - ((weekday(today) + 6) % 7));
      push(dateCandidate(ctx, m.index, m.index + m[0].length, addDays(monday, (target + 6) % 7)));
      continue;
    }
    const modifier = m[2] ?? m[4];
    if (!modifier && (m[1] || isHabitual(ctx, m.index))) continue;
    const end = m.index + m[0].length;
    // "lunedì 30/11": the numeric date is the date; "da lunedì a venerdì": a habit.
    if (!modifier && (WEEKDAY_THEN_DATE.test(folded.slice(end, end + 8)) || isWeekdaySpan(ctx, m.index, end)))
      continue;
    const delta = (target - weekday(today) + 7) % 7;
    const past = modifier !== undefined && /^(scors|passat)/.test(modifier);
    const date = past
      ? addDays(today, delta === 0 ? -7 : delta - 7)
      : addDays(today, delta === 0 ? 7 : delta);
    push(dateCandidate(ctx, m.index, m.index + m[0].length, date));
  }
  for (const m of /\b(?:tra|fra) /.test(folded) ? folded.matchAll(IN_AMOUNT) : []) {
    const amount = amountOf(m[2] ?? '');
    if (amount === undefined || !Number.isInteger(amount)) continue;
    push(dateCandidate(ctx, m.index, m.index + m[0].length, shift(today, amount, m[3] ?? '')));
  }
  for (const m of / fa\b/.test(folded) ? folded.matchAll(AGO) : []) {
    const amount = amountOf(m[1] ?? '');
    if (amount === undefined || !Number.isInteger(amount)) continue;
    push(dateCandidate(ctx, m.index, m.index + m[0].length, shift(today, -amount, m[2] ?? '')));
  }
  out.push(...findPartialDates(ctx, hasMonth));
  return out;
}
