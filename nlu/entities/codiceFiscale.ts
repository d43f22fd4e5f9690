import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';

const OMOCODIA = '0-9LMNPQRSTUVlmnpqrstuv';
/** Surname, name, year, month, day, place, check; digits may be replaced by letters (omocodia). */
const CF_CORE = `[A-Za-z]{6}[${OMOCODIA}]{2}[A-EHLMPR-Ta-ehlmpr-t][${OMOCODIA}]{2}[A-Za-z][${OMOCODIA}]{3}[A-Za-z]`;
const CF = new RegExp(`(?<![A-Za-z0-9])${CF_CORE}(?![A-Za-z0-9])`, 'g');
/** Written in groups: "RSS MRA 85T10 A562S", "RSSMRA 85T10 A562S", "RSS-MRA-85T10-A562S". */
const CF_SPACED = new RegExp(
  `(?<![A-Za-z0-9-])[A-Za-z]{3}[ -]?[A-Za-z]{3}[ -]?[${OMOCODIA}]{2}[A-EHLMPR-Ta-ehlmpr-t][${OMOCODIA}]{2}[ -]?[A-Za-z][${OMOCODIA}]{3}[A-Za-z](?![A-Za-z0-9]|-[A-Za-z0-9])`,
  'g',
);
/** The shape of a codice fiscale, omocodia included. */
export const CODICE_FISCALE_SHAPE = new RegExp(`^${CF_CORE}$`);
/** 14 to 17 characters after "codice fiscale"/"CF" that do not have the shape: still a codice fiscale, not valid. */
const LOOSE_START = '(?<![A-Za-z0-9])[A-Za-z]{6}';
const LOOSE_REST = '[A-Za-z0-9]{8,11}(?![A-Za-z0-9])';
const LOOSE = new RegExp(LOOSE_START + LOOSE_REST, 'g');
const CF_CONTEXT = /(?:codice fiscale|\bc\.? ?f\b\.?|\bcf)[\s:.,]*(?:e'|e|:|n\.?|numero)?\s*$/;

const ODD: Record<string, number> = {};
const EVEN: Record<string, number> = {};
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
for (let i = 0; i < 26; i++) {
  const letter = String.fromCharCode(65 + i);
  ODD[letter] = ODD_VALUES[i] ?? 0;
  EVEN[letter] = i;
}
for (let d = 0; d < 10; d++) {
  ODD[String(d)] = ODD_VALUES[d] ?? 0;
  EVEN[String(d)] = d;
}

/** The official check character of the first 15 characters of a codice fiscale. */
export function codiceFiscaleCheckChar(first15: string): string | undefined {
  const s = first15.toUpperCase();
  if (!/^[A-Z0-9]{15}$/.test(s)) return undefined;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charAt(i);
    // Positions are counted from 1: odd positions are indexes 0, 2, 4…
    sum += (i % 2 === 0 ? ODD[c] : EVEN[c]) ?? 0;
  }
  return String.fromCharCode(65 + (sum % 26));
}

export function isValidCodiceFiscale(value: string): boolean {
  const s = value.toUpperCase();
  return CODICE_FISCALE_SHAPE.test(s) && codiceFiscaleCheckChar(s.slice(0, 15)) === s.charAt(15);
}

/** A spaced code has its birth date in one group ("85T10"): no such group, no spaced code. */
const DATE_GROUP = /\d[A-Za-z]\d/;

/*
 * The precheck runs the finder's own patterns, without the global flag (test() on a global regex
 * would start where the last call stopped), and drops only what the finder checks afterwards
 * (the "CF" context): whatever the finder keeps, the precheck has seen. LOOSE matches count only
 * with a digit in them: the lookahead finds it inside the match, as the match spans the whole run
 * of letters and digits.
 */
const CF_ANYWHERE = new RegExp(CF.source);
const CF_SPACED_ANYWHERE = new RegExp(CF_SPACED.source);
const LOOSE_WITH_DIGIT = new RegExp(`${LOOSE_START}(?=[A-Za-z]{0,10}\\d)${LOOSE_REST}`);

const HAS_DIGIT = 1;
const HAS_RUN_OF_16 = 2;

/**
 * One pass over the text: does it have an ASCII digit, and a run of exactly 16 ASCII letters and
 * digits (a CF match is 16 characters of those classes between two characters that are not)?
 * Most messages have neither, and this loop costs a fraction of a regular expression scan.
 */
function scanCodeShapes(text: string): number {
  let flags = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      flags |= HAS_DIGIT;
      run++;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) run++;
    else {
      if (run === 16) flags |= HAS_RUN_OF_16;
      run = 0;
    }
  }
  return run === 16 ? flags | HAS_RUN_OF_16 : flags;
}

/**
 * False when `findCodiciFiscali` cannot find anything in `text`: a cheap test before folding the
 * text and running the finder. Long words ("autotrasportatore") do not pass it: a code without a
 * digit must have the full 16-character shape, and spaced or malformed codes need digits.
 */
export function mayContainCodiceFiscale(text: string): boolean {
  const flags = scanCodeShapes(text);
  if (flags & HAS_RUN_OF_16 && CF_ANYWHERE.test(text)) return true;
  if (!(flags & HAS_DIGIT)) return false;
  return (DATE_GROUP.test(text) && CF_SPACED_ANYWHERE.test(text)) || LOOSE_WITH_DIGIT.test(text);
}

export function findCodiciFiscali(ctx: TextContext): Candidate[] {
  const out: Candidate[] = [];
  for (const m of ctx.text.matchAll(CF)) {
    // A code with every digit replaced is possible but rare: "DialogTurnResult" needs "CF" before it.
    if (!/\d/.test(m[0]) && !CF_CONTEXT.test(before(ctx, m.index, 24))) continue;
    const value = m[0].toUpperCase();
    out.push(candidate(ctx, 'codiceFiscale', m.index, m.index + 16, value, isValidCodiceFiscale(value)));
  }
  if (DATE_GROUP.test(ctx.text)) {
    for (const m of ctx.text.matchAll(CF_SPACED)) {
      if (!/[ -]/.test(m[0])) continue;
      const value = m[0].replace(/[ -]/g, '').toUpperCase();
      out.push(
        candidate(ctx, 'codiceFiscale', m.index, m.index + m[0].length, value, isValidCodiceFiscale(value)),
      );
    }
  }
  for (const m of ctx.text.matchAll(LOOSE)) {
    if (out.some((c) => c.start === m.index)) continue;
    if (!/\d/.test(m[0]) || !CF_CONTEXT.test(before(ctx, m.index, 24))) continue;
    out.push(candidate(ctx, 'codiceFiscale', m.index, m.index + m[0].length, m[0].toUpperCase(), false));
  }
  return out;
}
