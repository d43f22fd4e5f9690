import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';

/** Eleven digits, optionally after "IT" ("IT 03456789012" is the eleven digits). */
const PIVA = /(?<![A-Za-z0-9])(?:(IT) ?)?(\d{11})(?!\d)/gi;
const CONTEXT =
  /(?:p\.? ?iva|partita ?iva|(?:p\.? ?|partita ?)i\.? ?v\.? ?a\b|\bp\.? ?i\.?|\bvat|\bc\.? ?f\.?|codice fiscale)\b[^\d]{0,12}$/;

const WRONG_LENGTH = /(?<![A-Za-z0-9])(?:IT ?)?(\d{9,10}|\d{12,13})(?!\d)/gi;
const CONTEXT_STRICT = /(?:p\.? ?iva|partita ?iva|(?:p\.? ?|partita ?)i\.? ?v\.? ?a\b|\bpiva)\b[^\d]{0,12}$/;

/** Check digit of the Italian partita IVA (Luhn on the first ten digits). */
export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    let d = Number(value.charAt(i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Partite IVA: eleven digits with "P.IVA"/"partita IVA"/"IT" before them, or valid by their check
 * digit. A bare number failing the check is left to the phone and number finders.
 */
export function findPartiteIva(ctx: TextContext): Candidate[] {
  const out: Candidate[] = [];
  for (const m of ctx.text.matchAll(PIVA)) {
    const digits = m[2] ?? '';
    const start = m[1] ? m.index : m.index + m[0].length - 11;
    const valid = isValidPartitaIva(digits);
    if (!m[1] && !valid && !CONTEXT.test(before(ctx, start, 30))) continue;
    out.push(candidate(ctx, 'partitaIva', start, m.index + m[0].length, digits, valid));
  }
  // A wrong number of digits after "partita IVA" is still the partita IVA the citizen meant.
  for (const m of ctx.text.matchAll(WRONG_LENGTH)) {
    const start = m.index + m[0].length - (m[1] ?? '').length;
    if (CONTEXT_STRICT.test(before(ctx, start, 30)))
      out.push(candidate(ctx, 'partitaIva', start, start + (m[1] ?? '').length, m[1] ?? '', false));
  }
  return out;
}
