import type { TextContext } from '../textContext';
import { candidate, type Candidate } from './candidate';

/** IBAN length by country (SEPA and neighbours). */
const LENGTHS: Record<string, number> = {
  IT: 27,
  SM: 27,
  VA: 22,
  CH: 21,
  FR: 27,
  DE: 22,
  AT: 20,
  ES: 24,
  PT: 25,
  BE: 16,
  NL: 18,
  LU: 20,
  GB: 22,
  IE: 22,
  SI: 19,
  HR: 21,
  GR: 27,
  PL: 28,
  RO: 24,
  MC: 27,
  LI: 21,
  DK: 18,
  SE: 24,
  FI: 18,
  NO: 15,
  CZ: 24,
  SK: 24,
  HU: 28,
  BG: 22,
  MT: 31,
  CY: 28,
  LT: 20,
  LV: 21,
  EE: 20,
  AL: 28,
};

const START = /(?<![A-Za-z0-9])([A-Za-z]{2})( ?)(\d{2})(?=[ -]?[A-Za-z0-9])/g;
/** START without the global flag, whose test() would start where the last call stopped. */
const START_ANYWHERE = new RegExp(START.source);
const IBAN_CONTEXT = /\b(?:iban|coordinate bancarie|conto|c\/c|bonifico)\b[^.?!]{0,25}$/;

/** mod 97 of the rearranged IBAN, computed in chunks so it never leaves the safe integer range. */
export function isValidIban(value: string): boolean {
  const s = value.toUpperCase();
  const length = LENGTHS[s.slice(0, 2)];
  if (length !== undefined && s.length !== length) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/**
 * False when `findIbans` cannot find anything in `text`: every IBAN it reports starts with START
 * and a country that has IBANs ("di 23 euro" has the shape, but DI is no country).
 */
export function mayContainIban(text: string): boolean {
  if (!START_ANYWHERE.test(text)) return false;
  for (const m of text.matchAll(START)) if (LENGTHS[(m[1] ?? '').toUpperCase()] !== undefined) return true;
  return false;
}

/** IBANs, compact or in groups of four ("IT07 N050 3451 …", "IT07-N050-…"); Italian ones need the CIN letter. */
export function findIbans(ctx: TextContext): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  for (const m of text.matchAll(START)) {
    const country = (m[1] ?? '').toUpperCase();
    const length = LENGTHS[country];
    if (length === undefined) continue;
    // "al 333…" is not Albania: lowercase or spaced-out country codes need "IBAN" before them.
    const plain = m[1] === country && m[2] === '';
    const context = plain || IBAN_CONTEXT.test(ctx.folded.slice(Math.max(0, m.index - 40), m.index));
    let compact = country + (m[3] ?? '');
    let end = m.index + m[0].length;
    // Take characters, skipping single spaces between groups, up to the country's length.
    while (compact.length < length && end < text.length) {
      const ch = text.charAt(end);
      if (/[A-Za-z0-9]/.test(ch)) {
        compact += ch.toUpperCase();
        end++;
      } else if ((ch === ' ' || ch === '-') && /[A-Za-z0-9]/.test(text.charAt(end + 1))) {
        end++;
      } else break;
    }
    // Characters glued to a full-length IBAN make it too long: still an IBAN, not a valid one.
    while (/[A-Za-z0-9]/.test(text.charAt(end)) && compact.length < 34) {
      compact += text.charAt(end).toUpperCase();
      end++;
    }
    if (compact.length < 15) continue;
    if ((country === 'IT' || country === 'SM') && !/^[A-Z]$/.test(compact.charAt(4))) continue;
    const valid = isValidIban(compact);
    // Without "IBAN" before it, a lowercase or spaced-out code must prove itself by its checksum.
    if (!context && !valid) continue;
    out.push(candidate(ctx, 'iban', m.index, end, compact, valid));
  }
  return out;
}
