/**
 * Italian text normalisation for matching: lower case, typographic apostrophes, elisions
 * ("dell'autoscuola" -> "dell autoscuola") and, for matching only, accents folded so that
 * "citta" written without accent meets "città".
 */

const APOSTROPHES = /[\u2019\u2018\u02BC\u0060\u00B4]/g;
/** Letters and digits, including accented letters (unlike natural's AggressiveTokenizerIt). */
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

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
  // Plain ASCII needs neither Unicode normalisation nor folding, and its letters and digits are
  // [a-z0-9] once lower-cased; so does text whose other characters are accented Latin letters
  // and punctuation, once each is replaced by what the full pipeline makes of it. Most of a KB's
  // text is indexed without the Unicode machinery.
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  if (!NEEDS_UNICODE.test(text)) {
    return (
      text
        .replace(NON_ASCII_ALL, (c) => SIMPLE_CHARS.get(c) ?? ' ')
        .toLowerCase()
        .match(ASCII_WORD) ?? []
    );
  }
  // Folding the whole text once is much cheaper than token by token when indexing.
  return foldAccents(normalizeText(text)).match(WORD) ?? [];
}

/**
 * Latin-1 letters and punctuation, quotes, dashes and the euro sign, each with what
 * `foldAccents(normalizeText(c))` makes of it when that is plain [a-z0-9] ("È" -> "e") or no
 * word character at all (a separator, " "). None of them composes or changes case with its
 * neighbours, so text made of them and ASCII is matched character by character.
 */
const SIMPLE_CHARS: ReadonlyMap<string, string> = simpleChars();
const NEEDS_UNICODE = new RegExp(
  `[^\\u0000-\\u007f${[...SIMPLE_CHARS.keys()].map((c) => `\\u${hex(c)}`).join('')}]`,
);

function simpleChars(): Map<string, string> {
  const out = new Map<string, string>();
  const candidates: number[] = [];
  for (let code = 0xa0; code <= 0xff; code++) candidates.push(code);
  for (let code = 0x2010; code <= 0x2027; code++) candidates.push(code);
  candidates.push(0x02bc, 0x20ac);
  for (const code of candidates) {
    const c = String.fromCharCode(code);
    const folded = foldAccents(normalizeText(c));
    if (/^[a-z0-9]+$/.test(folded)) out.set(c, folded);
    else if (!/[\p{L}\p{N}]/u.test(folded)) out.set(c, ' ');
  }
  return out;
}

function hex(c: string): string {
  return c.charCodeAt(0).toString(16).padStart(4, '0');
}
