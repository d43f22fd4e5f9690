/**
 * Italian text normalisation for matching: lower case, typographic apostrophes, elisions
 * ("dell'autoscuola" -> "dell autoscuola") and, for matching only, accents folded so that
 * "citta" written without accent meets "città".
 */

const APOSTROPHES = /[\u2019\u2018\u02BC\u0060\u00B4]/g;
/** Letters and digits, including accented letters (unlike natural's AggressiveTokenizerIt). */
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case and plain apostrophes; accents are kept. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(APOSTROPHES, "'");
}

/** Removes diacritics: "perché" -> "perche", "città" -> "citta". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/**
 * Splits a text into lower-case words, keeping accented letters ("città", "è") and splitting
 * elisions at the apostrophe ("dell'autoscuola" -> "dell", "autoscuola").
 */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** Tokens ready for matching: tokenized, then accents folded. */
export function matchTokens(text: string): string[] {
  // Folding the whole text once is much cheaper than token by token when indexing.
  return foldAccents(normalizeText(text)).match(WORD) ?? [];
}
