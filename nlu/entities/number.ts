import { readWordNumber } from '../italianNumberWords';
import type { TextContext } from '../textContext';
import { after, before, candidate, type Candidate } from './candidate';

/** Italian digits: "1.200,50", "2.300", "3,5", "3.5", "1234", "n.1234" (not "v1.2.3" nor "192.168.0.1"). */
const DIGITS =
  /(?<![\p{L}\d,/@+:]|[\d.][.,]|[\p{L}.,/@+:]-)(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?![\d.])|\d+)(?!(?!mila|milion|miliard)\p{L}|\d|[.,/:]\d)/gu;
const SCALE = /^ ?(mila|milioni|milione|miliardi|miliardo)\b/;
/** "67 per cento", "67%": the number is 67, and "cento" is not another one. */
const PERCENT = /^ ?(?:%|per ?cento\b)/;
const HALF = /^ e mezz[oa]\b/;
/** "12 ettari e mezzo", "tre anni e mezzo": the half after a unit belongs to the number (not "2 euro e mezzo": money). */
const UNIT_HALF = /^ (?!euro\b|eur\b|e\b|di\b)([a-z]{2,}) e mezz[oa]\b/;
/** "vent'anni", "trent'anni": a ten elided before a vowel. */
const ELIDED_TEN = /(?<![a-z'])(vent|trent|quarant|cinquant|sessant|settant|ottant|novant)'(?=[aeiou])/g;
const ELIDED_VALUE: Record<string, number> = {
  vent: 20,
  trent: 30,
  quarant: 40,
  cinquant: 50,
  sessant: 60,
  settant: 70,
  ottant: 80,
  novant: 90,
};
const WORD_START = /(?<![a-z'])[a-z]+/g;

/** Parses Italian digits ("1.200,50" → 1200.5); undefined when the shape is not a number. */
export function parseItalianDigits(raw: string): number | undefined {
  let s = raw;
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Words that look like numbers but are not ("un attimo", "grazie mille", "uno dei due"). */
function isFalseWordNumber(ctx: TextContext, start: number, end: number, value: number): boolean {
  const word = ctx.folded.slice(start, end);
  if (word === 'un' || word === 'una' || word === 'uno') return true;
  if (word === 'mille' && (/grazie $/.test(before(ctx, start, 7)) || /^ grazie/.test(after(ctx, end, 7))))
    return true;
  if (word === 'sei' && value === 6) return !looksLikeSixOf(ctx, start, end);
  return false;
}

const PLURAL_NOUN = /^ (?:[a-z]{2,}[ie]|euro|€|\d|volt[ae]|mes[ei])\b/;
const NOT_A_NOUN =
  /^ (?:residente|presente|disponibile|sicure|pronte|tu|te|ancora|sempre|gia|ne|le|se|che|mai|invece|quelle|quelli|proprio|davvero|solo|forse|anche|qui|li|stati|state|andati|andate|iscritti|iscritte)\b/;

/** "sei" is also "you are": a number only before a plural noun or after an article/preposition. */
function looksLikeSixOf(ctx: TextContext, start: number, end: number): boolean {
  if (
    /\b(?:i|le|dei|delle|per|da|tra|fra|di|a|alle|dalle|ogni|circa|sono|gli|ai|con|ne|ho|abbiamo)\s$/.test(
      before(ctx, start, 8),
    )
  )
    return true;
  const next = after(ctx, end, 20);
  return PLURAL_NOUN.test(next) && !NOT_A_NOUN.test(next);
}

export function findNumbers(ctx: TextContext): Candidate[] {
  const out: Candidate[] = [];
  const { folded } = ctx;
  if (/\d/.test(folded)) {
    for (const m of folded.matchAll(DIGITS)) {
      const start = m.index;
      let end = start + m[0].length;
      let value = parseItalianDigits(m[0]);
      if (value === undefined) continue;
      const scale = SCALE.exec(folded.slice(end, end + 10));
      if (scale?.[1]) {
        value *= scale[1].startsWith('mila') ? 1000 : scale[1].startsWith('milion') ? 1e6 : 1e9;
        end += scale[0].length;
      }
      const half = HALF.exec(folded.slice(end, end + 12)) ?? UNIT_HALF.exec(folded.slice(end, end + 30));
      if (half && Number.isInteger(value)) {
        value += 0.5;
        end += half[0].length;
      }
      end += PERCENT.exec(folded.slice(end, end + 10))?.[0].length ?? 0;
      out.push(candidate(ctx, 'number', start, end, value));
    }
  }
  WORD_START.lastIndex = 0;
  for (let m = WORD_START.exec(folded); m; m = WORD_START.exec(folded)) {
    const match = readWordNumber(folded, m.index);
    if (!match) continue;
    WORD_START.lastIndex = match.end;
    if (isFalseWordNumber(ctx, match.start, match.end, match.value)) continue;
    const percent = PERCENT.exec(folded.slice(match.end, match.end + 10))?.[0].length ?? 0;
    let { value, end } = match;
    end += percent;
    const half =
      percent === 0 && Number.isInteger(value) ? UNIT_HALF.exec(folded.slice(end, end + 30)) : null;
    if (half) {
      value += 0.5;
      end += half[0].length;
    }
    WORD_START.lastIndex = end;
    out.push(candidate(ctx, 'number', match.start, end, value));
  }
  if (folded.includes("nt'")) {
    for (const m of folded.matchAll(ELIDED_TEN)) {
      const value = ELIDED_VALUE[m[1] ?? ''];
      if (value !== undefined) out.push(candidate(ctx, 'number', m.index, m.index + m[0].length, value));
    }
  }
  return out;
}
