import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';

const FIVE_DIGITS = /(?<![\p{L}\d.,/+-])\d{5}(?![\p{L}\d]|[.,/]\d)/gu;
const CONTEXT = /(?:\bcap\b|c\.a\.p\.?|codice postale)[^\d.?!;]{0,25}$/;
/** A capitalised word after the digits: "20121 Milano", "23811 Ballabio". */
const PLACE_AFTER = /^ \(?\p{Lu}\p{Ll}{2,}/u;

/** A place name after "a/di/in/da" just before the digits: "abito a Como 22100". */
const PLACE_BEFORE = /\b(?:a|di|in|da)\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?,?\s*$/u;

/** "protocollo 23845", "pratica n. 23810": an identifier in the Province's range is not a CAP. */
const ID_BEFORE =
  /\b(?:protocollo|prot|pratica|numero|num|nr|n|matricola|codice|ticket|fattura|verbale|domanda|licenza|tesserino|posizione|richiesta|rif|riferimento|id|ordine|contratto|polizza|cliente|utenza|istanza|fascicolo)\b\.?[^\d.?!;]{0,20}$/;

/** Lecco and its province: 23900 and 23801–23899. */
function isLeccoCap(n: number): boolean {
  return n === 23900 || (n >= 23801 && n <= 23899);
}

/** Postal codes: five digits after "CAP", before a place name, or in the Province's range. */
export function findCaps(ctx: TextContext): Candidate[] {
  const out: Candidate[] = [];
  for (const m of ctx.folded.matchAll(FIVE_DIGITS)) {
    const start = m.index;
    const end = start + 5;
    const n = Number(m[0]);
    const ok =
      CONTEXT.test(before(ctx, start, 40)) ||
      (isLeccoCap(n) && !ID_BEFORE.test(before(ctx, start, 40))) ||
      PLACE_AFTER.test(ctx.text.slice(end, end + 8)) ||
      PLACE_BEFORE.test(ctx.text.slice(Math.max(0, start - 40), start));
    if (ok) out.push(candidate(ctx, 'cap', start, end, m[0]));
  }
  return out;
}
