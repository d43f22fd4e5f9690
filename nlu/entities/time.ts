import { formatTime } from '../calendarDate';
import { parseNumberWord } from '../italianNumberWords';
import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';

const HOUR = '(\\d{1,2}|[a-z]+)';
const PREFIX =
  "(?:alle ore|dalle ore|alle|dalle|all'|dall'|ore|h\\.?|entro le|verso le|per le|dopo le|prima delle|fino alle|tra le|fra le|e le|a partire dalle|sono le|e' l'|e l')";
/** "alle 10", "dalle 9", "ore 16.15", "alle 10 e mezza", "alle 9 meno un quarto", "alle 3 del pomeriggio" */
const PREFIXED = new RegExp(
  `(?<![a-z])${PREFIX} ?(?:(?:ore|h\\.?) ?)?${HOUR}(?:[:.,h](\\d{2})(?!\\d)| e (mezza|mezzo|un quarto|tre quarti|\\d{1,2}|[a-z]+)| meno (un quarto|\\d{1,2}|[a-z]+))?(?: (?:(?:del|di|della|in) )?(mattina|mattino|pomeriggio|sera|notte))?(?![\\d])`,
  'g',
);
/** 16:15 on its own */
const CLOCK = /(?<![\d:.,/])([01]?\d|2[0-3]):([0-5]\d)(?![\d:]|[.,]\d)/g;
const NAMED = /\b(?:a |alle )?(mezzogiorno|mezzanotte)(?: e (mezza|mezzo|un quarto))?\b/g;
/** "14h30": hours and minutes joined by an "h". */
const H_CLOCK = /(?<![\p{L}\d])([01]?\d|2[0-3])h([0-5]\d)(?![\p{L}\d])/gu;
/** "orario 9-12", "aperto 8.30-12.30 e 14-17": a span of hours after a word about opening times. */
const HOUR_RANGE =
  /(?<![\d:.,/-])([01]?\d|2[0-3])(?:[:.]([0-5]\d))? ?- ?([01]?\d|2[0-4])(?:[:.]([0-5]\d))?(?![\d]|[.,:/-]\d)/g;
const MONTH_AFTER = /^\s*(?:di )?(?:gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic)/;
const HOURS_CONTEXT =
  /\b(?:orari[oe]?|aperti|aperto|aperta|apertura|apre|ricevimento|ricevono|ricevete|sportell[oi]|uffici|ufficio|turno|chiuso|chiusi|reperibile|disponibile|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica)\b(?:[^.?!]|\.(?=\d)){0,25}$/;
const AM_PM = /(?<![\d:.])(?:at )?(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\b\.?/g;
const COUNTED_AFTER =
  /^ (?:sedi|scuole|autoscuole|ditte|persone|aziende|pratiche|domande|imprese|officine|famiglie|utenti|richieste|rate|volte|agenzie|associazioni|classi|candidati|studenti|comuni|uffici|email|mail|lettere|multe|segnalazioni|societa|strutture|province|regioni)\b/;
const RANGE_END = /^ ?- ?(\d{1,2})(?:[:.](\d{2}))?(?!\d)/;
const DOTTED =
  /(?<![\d:.,/])([01]?\d|2[0-3])\.([0-5]\d)(?![\d]|[.,]\d| ?(?:%|€|euro|eur|metri|m|km|kg|cm|mm|t|mq|litri|l|ettari|ha|quintali|tonnellate|anni|volte)\b)/g;
const QUARTERS = new Set(['00', '15', '30', '45']);
const TIME_CONTEXT =
  /\b(?:oggi|domani|dopodomani|ieri|stasera|stamattina|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|mattina|pomeriggio|sera|orario|appuntamento|apre|chiude|dalle|alle|entro|verso)\b[^.?!]{0,15}$/;
const PM_CONTEXT = /(stasera|questa sera|stanotte|sera|pomeriggio)\b[^.?!]{0,12}$/;

function minutesOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return 0;
  if (raw === 'mezza' || raw === 'mezzo') return 30;
  if (raw === 'un quarto') return 15;
  if (raw === 'tre quarti') return 45;
  const n = /^\d+$/.test(raw) ? Number(raw) : parseNumberWord(raw);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n < 60 ? n : undefined;
}

function hourOf(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'una' || raw === 'un') return 1;
  const n = parseNumberWord(raw);
  return n !== undefined && Number.isInteger(n) && n <= 24 ? n : undefined;
}

export function findTimes(ctx: TextContext): Candidate[] {
  const { folded } = ctx;
  const out: Candidate[] = [];
  PREFIXED.lastIndex = 0;
  for (let m = PREFIXED.exec(folded); m; m = PREFIXED.exec(folded)) {
    let hours = hourOf(m[1] ?? '');
    if (hours === undefined || hours > 24) continue;
    let minutes: number | undefined;
    let end = m.index + m[0].length;
    if (m[2] !== undefined) minutes = Number(m[2]);
    else if (m[4] !== undefined) {
      const before = minutesOf(m[4]);
      if (before === undefined || before === 0) continue;
      minutes = 60 - before;
      hours = (hours + 23) % 24;
    } else {
      minutes = minutesOf(m[3]);
      if (minutes === undefined) {
        // "alle 10 e domani…": keep the hour, drop the words after it.
        minutes = 0;
        end = m.index + m[0].indexOf(m[1] ?? '') + (m[1] ?? '').length;
        PREFIXED.lastIndex = end;
      }
    }
    if (minutes > 59) continue;
    // "ho scritto alle 2 ditte": a count of things, not an hour.
    if (
      m[2] === undefined &&
      m[3] === undefined &&
      m[4] === undefined &&
      COUNTED_AFTER.test(folded.slice(end, end + 20))
    )
      continue;
    const period = m[5] ?? (PM_CONTEXT.exec(before(ctx, m.index, 30)) ? 'sera' : undefined);
    if (
      period &&
      hours < 12 &&
      (period === 'pomeriggio' || period === 'sera' || (period === 'notte' && hours >= 8))
    )
      hours += 12;
    if (hours === 24) hours = 0;
    // "e le" only continues a time already said ("tra le 9 e le 10").
    if (/^e /.test(folded.slice(m.index, m.index + 2)) && !/\d/.test(before(ctx, m.index, 12))) continue;
    out.push(candidate(ctx, 'time', m.index, end, formatTime(hours, minutes)));
    // "dalle 9-13": the second hour of the range.
    const range = /^dall/.test(m[0]) ? RANGE_END.exec(folded.slice(end, end + 10)) : null;
    if (range?.[1]) {
      const h = Number(range[1]);
      const min = range[2] ? Number(range[2]) : 0;
      const endHour = h < hours && h + 12 <= 24 ? h + 12 : h;
      if (endHour <= 24 && min < 60)
        out.push(
          candidate(
            ctx,
            'time',
            end + range[0].indexOf(range[1]),
            end + range[0].length,
            formatTime(endHour % 24, min),
          ),
        );
    }
  }
  // "domani 10.30": a dot between hour and minutes is a time unless a unit follows ("3.50 metri").
  for (const m of folded.matchAll(DOTTED)) {
    const minutes = m[2] ?? '';
    const context = TIME_CONTEXT.test(before(ctx, m.index, 25));
    if (!context && !QUARTERS.has(minutes)) continue;
    out.push(
      candidate(ctx, 'time', m.index, m.index + m[0].length, formatTime(Number(m[1]), Number(minutes))),
    );
  }
  // English: "at 3pm", "10:30 am".
  for (const m of /[ap]\.?m\b/.test(folded) ? folded.matchAll(AM_PM) : []) {
    const h = Number(m[1]);
    const min = m[2] ? Number(m[2]) : 0;
    if (h < 1 || h > 12 || min > 59) continue;
    const hours = (h % 12) + (m[3] === 'p' ? 12 : 0);
    out.push(candidate(ctx, 'time', m.index, m.index + m[0].length, formatTime(hours, min)));
  }
  if (folded.includes(':')) {
    for (const m of folded.matchAll(CLOCK)) {
      out.push(
        candidate(ctx, 'time', m.index, m.index + m[0].length, formatTime(Number(m[1]), Number(m[2]))),
      );
    }
  }
  if (/\dh\d/.test(folded)) {
    for (const m of folded.matchAll(H_CLOCK)) {
      out.push(
        candidate(ctx, 'time', m.index, m.index + m[0].length, formatTime(Number(m[1]), Number(m[2]))),
      );
    }
  }
  if (folded.includes('-')) {
    for (const m of folded.matchAll(HOUR_RANGE)) {
      const end = m.index + m[0].length;
      if (!HOURS_CONTEXT.test(before(ctx, m.index, 40))) continue;
      // "chiuso il 10-11 dicembre": days, not hours.
      if (
        /\b(?:il|dal|del|al|l')\s?$/.test(before(ctx, m.index, 5)) ||
        MONTH_AFTER.test(folded.slice(end, end + 14))
      )
        continue;
      const from = Number(m[1]);
      const to = Number(m[3]);
      if (to <= from && to + 12 > 24) continue;
      const dash = m[0].indexOf('-');
      const second = m.index + m[0].length - m[0].slice(dash + 1).trimStart().length;
      out.push(
        candidate(
          ctx,
          'time',
          m.index,
          m.index + m[0].slice(0, dash).trimEnd().length,
          formatTime(from, Number(m[2] ?? 0)),
        ),
      );
      // "9-1": one in the afternoon.
      const endHour = to < from ? to + 12 : to;
      out.push(
        candidate(ctx, 'time', second, m.index + m[0].length, formatTime(endHour % 24, Number(m[4] ?? 0))),
      );
    }
  }
  if (folded.includes('mezz')) {
    for (const m of folded.matchAll(NAMED)) {
      const minutes = m[2] === 'mezza' || m[2] === 'mezzo' ? 30 : m[2] ? 15 : 0;
      out.push(
        candidate(
          ctx,
          'time',
          m.index,
          m.index + m[0].length,
          formatTime(m[1] === 'mezzogiorno' ? 12 : 0, minutes),
        ),
      );
    }
  }
  return out;
}
