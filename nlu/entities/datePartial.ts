import {
  addDays,
  addMonths,
  daysInMonth,
  formatDate,
  isValidDate,
  weekday,
  type CalendarDate,
} from '../calendarDate';
import { parseNumberWord } from '../italianNumberWords';
import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';
import { FULL_MONTH_RE, MONTHS, MONTH_RE, STREET_BEFORE } from './dateWords';

/**
 * Dates that name less than a full day: a week, a month, a year, or a day without its month.
 * The shared labelling rules fix only the year of "il 22 dicembre" (the reference year); the
 * rest follows from two conventions, also written in test/fixtures/eval/README.md:
 *
 * - a span of days is the FIRST day it denotes: "la settimana prossima" is the Monday of next
 *   week, "il mese prossimo" the 1st of next month, "l'anno scorso" 1 January of last year,
 *   "a marzo" 1 March, "nel 2019" 1 January 2019, "inizio dicembre" 1 December; only the
 *   explicit edges differ: "metà gennaio" is the 15th and "fine mese" the last day;
 * - what is not said comes from the reference day, as the rule does for the year: "a marzo" is
 *   March of the reference year and "il 15" the 15th of the reference month, past or not.
 */

export function dateCandidate(
  ctx: TextContext,
  start: number,
  end: number,
  date: CalendarDate,
): Candidate | undefined {
  if (!isValidDate(date.year, date.month, date.day)) return undefined;
  return candidate(ctx, 'date', start, end, formatDate(date));
}

/** What may follow a number that is not a day: "il 15 per cento", "il 3,5%", "del 2 euro". */
export const NOT_A_DAY_AFTER =
  /^\s*(?:%|‰|per ?cento|per ?mille|€|\$|euro\b|eur\b|anni\b|anno\b|mesi\b|giorni\b|settiman|minut|second|metri\b|m\b(?!')|km\b|kg\b|chil|litri\b|l\b(?!')|quintal|tonnellat|ettar|mq\b|cm\b|mm\b|volte\b|posto\b|piano\b|bis\b|ter\b|e mezz|punti\b|pagin|copie\b|persone\b)/;

/** -1, 0 or +1 from "scorso/passato", "questo", "prossimo/che viene". */
function stepOf(modifier: string | undefined): number {
  if (!modifier) return 0;
  if (/^(?:prossim|che viene)/.test(modifier)) return 1;
  if (/^(?:scors|passat)/.test(modifier)) return -1;
  return 0;
}

/** Monday of the reference day's week, moved by `weeks`. */
function mondayOf(today: CalendarDate, weeks: number): CalendarDate {
  return addDays(today, weeks * 7 - ((weekday(today) + 6) % 7));
}

/** Saturday of the coming weekend (today if it is Saturday), of the one before, or of the one after. */
function saturdayOf(today: CalendarDate, step: number): CalendarDate {
  const delta = (6 - weekday(today) + 7) % 7;
  if (step < 0) return addDays(today, delta - 7);
  return addDays(today, step > 0 && delta === 0 ? 7 : delta);
}

const PERIOD_UNIT = '(settimana|mese|anno|fine ?settimana|week-?end)';
const PERIOD_MOD = '(prossim[ao]|scors[ao]|passat[ao]|che viene)';
/** "la settimana prossima", "il prossimo mese", "l'anno scorso", "quest'anno", "questo fine settimana". */
const PERIOD = new RegExp(
  `(?<![a-z])(?:${PERIOD_MOD} ${PERIOD_UNIT}|${PERIOD_UNIT} ${PERIOD_MOD}|(?:questa|questo|quest') ?${PERIOD_UNIT})(?![a-z])`,
  'g',
);
const PERIOD_HINT = /settiman|mese|anno|week/;
const EDGE_HINT = /inizio|meta|fine|primi/;
/** "lunedì della settimana prossima": that weekday of next week, one date. */
const WEEKDAY_OF_NEXT_WEEK = /(?:lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica) (?:della|di) $/;

/** "inizio dicembre", "metà gennaio 2027", "fine del mese prossimo", "ai primi di marzo". */
const EDGE = new RegExp(
  `(?<![a-z])(inizio|meta|fine|primi giorni|primi) (?:del |dell'|della |di |d')?(?:(prossimo|scorso) )?(mese|anno|${MONTH_RE.slice(1, -1)})(?:,? (?:del |dell'anno )?(\\d{4}))?(?: (prossimo|scorso|passato|che viene))?(?![a-z\\d])`,
  'g',
);

/** "marzo", "dicembre 2026", "ottobre scorso": a date only with a year, a modifier or a preposition before it. */
const MONTH_ONLY = new RegExp(
  `(?<![a-z])${FULL_MONTH_RE}(?:,? (?:del |dell'anno )?(\\d{4}|'\\d{2}))?(?: (prossimo|scorso|passato|che viene))?(?![a-z\\d])`,
  'g',
);
const MONTH_PREPOSITION =
  /(?:^|[^a-z'])(?:a|ad|in|di|da|dal mese di|entro|per|fino a|verso|tra|fra|dopo|prima di|a partire da|sin da|fin da|(?:lo |il )?(prossimo|scorso|questo))\s$/;
const WORD_BEFORE_MONTH = /([a-z]+|\d{1,2}(?:°|º)?) (?:di )?$/;
const MONTH_BEFORE_AND = new RegExp(`${FULL_MONTH_RE}(?: \\d{4})? (?:e|o|ed|oppure) $`);

/** "nel 2019", "dal 2020", "entro il 2027", "anno 2019". */
const YEAR_ONLY =
  /(?<![a-z'])(?:nel|nell'anno|dal|dall'anno|del|dell'anno|il|al|anno) ((?:19|20)\d{2})(?![\d]|[.,]\d)/g;

/** "il 15", "entro il 20", "dal 10 al 15", "l'8", "il giorno 10", "il 20 del mese prossimo": the number… */
const DAY_NUMBER = /(?<![\d.,:/-])\d{1,2}(?![\d°º]|[.,:-]\d|\/)/g;
/** …and the words just before it. */
const DAY_PREFIX =
  /(?<![a-z\d'])(?:(?:il|nel|del|dal|per il|entro il) giorno|entro il|fino al|prima del|dopo il|per il|a partire dal|dal|del|dell'|il|l'|al|all') ?$/;
const DAY_MONTH_AFTER = new RegExp(
  `^\\s*(?:(?:(?:al|all'|e il|o il|e l'|o l'|e|o|-)\\s?\\d{1,2}(?:°|º)?\\s)?(?:di |del mese di )?${MONTH_RE}(?![a-z])|(?:al|all'|e il|o il|e l'|o l'|e|o|-)\\s?\\d{1,2}[/.-]\\d{1,2}(?!\\d))`,
);
const DAY_RANGE_START = /(?<![a-z])(?:dal|dall'|tra il|fra il) ?\d{1,2} $/;
/** "del mese prossimo", and the office abbreviations "c.m." (this month), "u.s." (last), "p.v." (next). */
const DAY_MONTH_SUFFIX =
  /^ (?:(?:di|del) (questo mese|mese corrente|corrente mese|mese in corso|mese prossimo|prossimo mese|mese che viene|mese scorso|scorso mese|mese passato|mese precedente|mese)\b|(c\.\s?m|u\.\s?s|p\.\s?v)\.?)/;
const HABITUAL_AFTER = /^ (?:di |del )?(?:ogni|ciascun)/;

/** `hasMonth`: the text names a month (the caller has looked already). */
export function findPartialDates(ctx: TextContext, hasMonth: boolean): Candidate[] {
  const { folded, today } = ctx;
  const out: Candidate[] = [];
  const push = (c: Candidate | undefined): void => {
    if (c) out.push(c);
  };
  if (PERIOD_HINT.test(folded)) {
    for (const m of folded.matchAll(PERIOD)) {
      const unit = m[2] ?? m[3] ?? m[5] ?? '';
      const step = stepOf(m[1] ?? m[4]);
      let date: CalendarDate;
      if (/^(?:fine|week)/.test(unit)) date = saturdayOf(today, step);
      else if (unit === 'settimana') {
        date = mondayOf(today, step);
        // "lunedì della settimana prossima": the weekday finder reads it, in that week.
        if (WEEKDAY_OF_NEXT_WEEK.test(before(ctx, m.index, 16))) continue;
      } else if (unit === 'mese') date = { ...addMonths({ ...today, day: 1 }, step), day: 1 };
      else date = { year: today.year + step, month: 1, day: 1 };
      push(dateCandidate(ctx, m.index, m.index + m[0].length, date));
    }
  }
  if (EDGE_HINT.test(folded)) {
    for (const m of folded.matchAll(EDGE)) {
      const edge = m[1] ?? '';
      const what = m[3] ?? '';
      const step = stepOf(m[2] ?? m[5]);
      let year: number;
      let month: number;
      if (what === 'mese') {
        const shifted = addMonths({ ...today, day: 1 }, step);
        year = shifted.year;
        month = shifted.month;
      } else if (what === 'anno') {
        if (edge === 'meta') continue;
        year = today.year + step;
        month = edge === 'fine' ? 12 : 1;
      } else {
        const named = MONTHS[what];
        if (named === undefined) continue;
        month = named;
        year = m[4] ? Number(m[4]) : yearOfMonth(today, month, step);
      }
      const day = edge === 'fine' ? daysInMonth(year, month) : edge === 'meta' ? 15 : 1;
      push(dateCandidate(ctx, m.index, m.index + m[0].length, { year, month, day }));
    }
  }
  if (hasMonth) {
    for (const m of folded.matchAll(MONTH_ONLY)) {
      const month = MONTHS[m[1] ?? ''];
      if (month === undefined) continue;
      const head = before(ctx, m.index, 24);
      if (STREET_BEFORE.test(head)) continue;
      // "Mario Di Maggio": a surname.
      if (/\bDi \p{Lu}$/u.test(ctx.text.slice(Math.max(0, m.index - 3), m.index + 1))) continue;
      // "il 3 novembre scorso": the day's date, read by the textual finder.
      if (isDayWord(WORD_BEFORE_MONTH.exec(head)?.[1])) continue;
      const preposition = MONTH_PREPOSITION.exec(head);
      if (!m[2] && !m[3] && !preposition && !MONTH_BEFORE_AND.test(head)) continue;
      const raw = m[2]?.replace("'", '');
      const year = raw
        ? raw.length === 4
          ? Number(raw)
          : Number(raw) <= 30
            ? 2000 + Number(raw)
            : 1900 + Number(raw)
        : yearOfMonth(today, month, stepOf(m[3] ?? preposition?.[1]));
      push(dateCandidate(ctx, m.index, m.index + m[0].length, { year, month, day: 1 }));
    }
  }
  if (!/\d/.test(folded)) return out;
  if (/(?:19|20)\d\d/.test(folded)) {
    for (const m of folded.matchAll(YEAR_ONLY)) {
      const end = m.index + m[0].length;
      if (NOT_A_DAY_AFTER.test(folded.slice(end, end + 12))) continue;
      push(dateCandidate(ctx, m.index, end, { year: Number(m[1]), month: 1, day: 1 }));
    }
  }
  for (const m of folded.matchAll(DAY_NUMBER)) {
    // Every prefix ends in a space or an apostrophe: skip the rest without slicing.
    const previous = folded.charCodeAt(m.index - 1);
    if (previous !== 32 && previous !== 39) continue;
    const prefix = DAY_PREFIX.exec(before(ctx, m.index, 22));
    if (!prefix) continue;
    const start = m.index - prefix[0].length;
    let end = m.index + m[0].length;
    const day = Number(m[0]);
    const tail = folded.slice(end, end + 30);
    if (
      day < 1 ||
      day > 31 ||
      NOT_A_DAY_AFTER.test(tail) ||
      DAY_MONTH_AFTER.test(tail) ||
      HABITUAL_AFTER.test(tail)
    )
      continue;
    // "al 15" only closes a range: "dal 10 al 15".
    if (/^al/.test(prefix[0]) && !DAY_RANGE_START.test(before(ctx, start, 14))) continue;
    let month: CalendarDate = { ...today, day: 1 };
    const suffix = DAY_MONTH_SUFFIX.exec(tail);
    if (suffix) {
      const which = suffix[1] ?? suffix[2] ?? '';
      const step = /prossim|che viene|^p/.test(which) ? 1 : /scors|passat|precedent|^u/.test(which) ? -1 : 0;
      month = addMonths(month, step);
      end += suffix[0].length;
    }
    push(dateCandidate(ctx, start, end, { ...month, day }));
  }
  return out;
}

/** "3", "3°", "primo", "tre": a day number before a month. */
function isDayWord(word: string | undefined): boolean {
  if (word === undefined) return false;
  if (/^\d/.test(word) || word === 'primo') return true;
  const n = parseNumberWord(word);
  return n !== undefined && n >= 1 && n <= 31;
}

/** Year of a month named without one: the reference year, or the next/last time it comes. */
function yearOfMonth(today: CalendarDate, month: number, step: number): number {
  if (step > 0) return month > today.month ? today.year : today.year + 1;
  if (step < 0) return month < today.month ? today.year : today.year - 1;
  return today.year;
}
