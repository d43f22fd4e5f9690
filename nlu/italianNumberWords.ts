/**
 * Italian numbers written in words ("ventitré", "trecentocinquanta", "mille e duecento",
 * "due milioni"). Works on folded text (lowercase, no accents).
 */

interface Morpheme {
  text: string;
  value: number;
  kind: 'unit' | 'ten' | 'hundred' | 'mille' | 'mila' | 'million' | 'billion';
  /** Elided forms ("vent" in "ventuno") must be followed by a vowel morpheme. */
  elided?: boolean;
}

const UNITS: Array<[string, number]> = [
  ['uno', 1],
  ['un', 1],
  ['una', 1],
  ['due', 2],
  ['tre', 3],
  ['quattro', 4],
  ['cinque', 5],
  ['sei', 6],
  ['sette', 7],
  ['otto', 8],
  ['nove', 9],
  ['dieci', 10],
  ['undici', 11],
  ['dodici', 12],
  ['tredici', 13],
  ['quattordici', 14],
  ['quindici', 15],
  ['sedici', 16],
  ['diciassette', 17],
  ['diciotto', 18],
  ['diciannove', 19],
  ['zero', 0],
];
const TENS: Array<[string, number]> = [
  ['venti', 20],
  ['trenta', 30],
  ['quaranta', 40],
  ['cinquanta', 50],
  ['sessanta', 60],
  ['settanta', 70],
  ['ottanta', 80],
  ['novanta', 90],
];

const MORPHEMES: Morpheme[] = [
  ...UNITS.map(([text, value]): Morpheme => ({ text, value, kind: 'unit' })),
  ...TENS.map(([text, value]): Morpheme => ({ text, value, kind: 'ten' })),
  ...TENS.map(([text, value]): Morpheme => ({ text: text.slice(0, -1), value, kind: 'ten', elided: true })),
  { text: 'cento', value: 100, kind: 'hundred' },
  { text: 'cent', value: 100, kind: 'hundred', elided: true },
  { text: 'mille', value: 1000, kind: 'mille' },
  { text: 'mila', value: 1000, kind: 'mila' },
  { text: 'milione', value: 1e6, kind: 'million' },
  { text: 'milioni', value: 1e6, kind: 'million' },
  { text: 'miliardo', value: 1e9, kind: 'billion' },
  { text: 'miliardi', value: 1e9, kind: 'billion' },
];

/** Morphemes grouped by first letter, longest first. */
const BY_FIRST = new Map<string, Morpheme[]>();
for (const m of MORPHEMES) {
  const list = BY_FIRST.get(m.text.charAt(0)) ?? [];
  list.push(m);
  BY_FIRST.set(m.text.charAt(0), list);
}
for (const list of BY_FIRST.values()) list.sort((a, b) => b.text.length - a.text.length);

/** Quick filter: a word made only of number morphemes. */
const WORD_SHAPE = new RegExp(
  `^(?:${[...MORPHEMES]
    .sort((a, b) => b.text.length - a.text.length)
    .map((m) => m.text)
    .join('|')})+$`,
);

/** Evaluates a sequence of morphemes, or undefined when it is not a well-formed number. */
function evaluate(seq: Morpheme[]): number | undefined {
  let total = 0;
  let group = 0; // the part below the current multiplier
  let hasUnitInTen = false;
  for (let i = 0; i < seq.length; i++) {
    const m = seq[i];
    if (!m) return undefined;
    const next = seq[i + 1];
    if (m.elided && !(next && /^[uo]/.test(next.text))) return undefined;
    const under100 = group % 100;
    switch (m.kind) {
      case 'unit':
        if (
          m.text === 'una' ||
          (m.text === 'un' && !(next && next.kind === 'million') && !(next && next.kind === 'billion'))
        )
          if (seq.length > 1 || m.text === 'un') return undefined;
        if (m.value === 0 && seq.length > 1) return undefined;
        if (hasUnitInTen) return undefined;
        if (under100 !== 0 && (under100 % 10 !== 0 || under100 < 20 || m.value >= 10)) return undefined;
        group += m.value;
        hasUnitInTen = true;
        break;
      case 'ten':
        if (under100 !== 0) return undefined;
        group += m.value;
        break;
      case 'hundred':
        if (group >= 10 || group === 1 || (group > 0 && i === 0)) return undefined;
        group = (group === 0 ? 1 : group) * 100;
        hasUnitInTen = false;
        break;
      case 'mille':
        if (group !== 0 || total % 1e6 !== 0 || (total !== 0 && total % 1e6 !== 0)) return undefined;
        total += 1000;
        hasUnitInTen = false;
        break;
      case 'mila':
        if (group < 2 || total % 1e6 !== 0) return undefined;
        total += group * 1000;
        group = 0;
        hasUnitInTen = false;
        break;
      case 'million':
        if (group === 0 || total % 1e9 !== 0) return undefined;
        if ((group === 1) !== m.text.endsWith('e')) return undefined;
        total += group * 1e6;
        group = 0;
        hasUnitInTen = false;
        break;
      case 'billion':
        if (group === 0 || total !== 0) return undefined;
        total += group * 1e9;
        group = 0;
        hasUnitInTen = false;
        break;
    }
    if (m.kind === 'ten') hasUnitInTen = false;
  }
  return total + group;
}

function search(word: string, pos: number, seq: Morpheme[]): number | undefined {
  if (pos === word.length) return seq.length ? evaluate(seq) : undefined;
  const candidates = BY_FIRST.get(word.charAt(pos));
  if (!candidates) return undefined;
  for (const m of candidates) {
    if (!word.startsWith(m.text, pos)) continue;
    seq.push(m);
    const v = search(word, pos + m.text.length, seq);
    seq.pop();
    if (v !== undefined) return v;
  }
  return undefined;
}

/** "novecentonovantanovemilanovecentonovantanove" has 44 letters; longer words are not numbers. */
const MAX_WORD_LENGTH = 60;
const cache = new Map<string, number | null>();
const CACHE_LIMIT = 5000;

/** Value of one folded word ("ventitre", "milleduecento"), or undefined. */
export function parseNumberWord(word: string): number | undefined {
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const value = word.length <= MAX_WORD_LENGTH && WORD_SHAPE.test(word) ? search(word, 0, []) : undefined;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, value ?? null);
  return value;
}

export interface WordNumberMatch {
  value: number;
  start: number;
  end: number;
}

const WORD = /[a-z]+/y;

/**
 * Reads a number in words starting at `start` of the folded text: one word or several
 * ("mille e duecento", "due milioni", "cento venti"), optionally followed by "e mezzo".
 */
export function readWordNumber(folded: string, start: number, allowHalf = true): WordNumberMatch | undefined {
  WORD.lastIndex = start;
  const first = WORD.exec(folded);
  if (!first) return undefined;
  let joined = first[0];
  let value = parseNumberWord(joined);
  // "un" alone is not a number, but "un milione" is.
  if (value === undefined && joined !== 'un') return undefined;
  let end = start + joined.length;
  // Extend with following words while the concatenation stays a number.
  for (;;) {
    const m = /^ +(e +)?([a-z]+)/.exec(folded.slice(end, end + 30));
    if (!m || !m[2]) break;
    if (m[1] && !/(mille|mila|milioni?|miliardi?|cento)$/.test(joined)) break;
    const candidate = joined + m[2];
    const v = parseNumberWord(candidate);
    if (v === undefined || v <= (value ?? 0)) break;
    joined = candidate;
    value = v;
    end += m[0].length;
  }
  if (value === undefined) return undefined;
  if (allowHalf) {
    const half = /^ +e +mezz[oa]\b/.exec(folded.slice(end, end + 12));
    if (half) {
      // "tre milioni e mezzo" is half a million more, "tre e mezzo" half a unit.
      value += /milion[ei]$/.test(joined) ? 5e5 : /mila$/.test(joined) ? 500 : 0.5;
      end += half[0].length;
    }
  }
  return { value, start, end };
}
