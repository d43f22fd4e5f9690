import { COMUNE_SHORT_FORMS, COMUNI_LECCO, FOREIGN_SUFFIXES } from '../comuniLecco';
import { boundedEditDistance } from '../editDistance';
import { fold, type TextContext } from '../textContext';
import { candidate, type Candidate } from './candidate';

interface Token {
  word: string;
  start: number;
  end: number;
}

const CONNECTORS = new Set(['di', 'del', 'd']);

function tokensOf(folded: string): Token[] {
  return [...folded.matchAll(/[a-z]+/g)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function keyOf(name: string): string {
  return (fold(name).match(/[a-z]+/g) ?? []).join(' ');
}

/** Exact keys: full names, names without "di"/"del"/"d'", short forms. */
const EXACT = new Map<string, { canonical: string; short: boolean }>();
for (const name of COMUNI_LECCO) {
  const key = keyOf(name);
  EXACT.set(key, { canonical: name, short: false });
  const bare = key
    .split(' ')
    .filter((w) => !CONNECTORS.has(w))
    .join(' ');
  if (!EXACT.has(bare)) EXACT.set(bare, { canonical: name, short: false });
}
for (const [form, canonical] of Object.entries(COMUNE_SHORT_FORMS))
  EXACT.set(form, { canonical, short: true });

/** Fuzzy targets: names written without spaces, grouped by first letter. */
interface FuzzyTarget {
  compact: string;
  canonical: string;
  short: boolean;
}
const FUZZY = new Map<string, FuzzyTarget[]>();
for (const [key, { canonical, short }] of EXACT) {
  const compact = key.replace(/ /g, '');
  if (compact.length < 6) continue;
  const list = FUZZY.get(compact.charAt(0)) ?? [];
  list.push({ compact, canonical, short });
  FUZZY.set(compact.charAt(0), list);
}
const MAX_WORDS = 3;

/** "leco", "mandelo", "valmadrerra": doubled letters are the commonest typo. */
function collapseDoubles(word: string): string {
  return word.replace(/([a-z])\1+/g, '$1');
}
const COLLAPSED = new Map<string, FuzzyTarget>();
for (const [key, { canonical, short }] of EXACT) {
  const compact = key.replace(/ /g, '');
  const collapsed = collapseDoubles(compact);
  if (collapsed.length >= 4 && !COLLAPSED.has(collapsed))
    COLLAPSED.set(collapsed, { compact, canonical, short });
}

/** Ordinary words one typo away from a comune's name. */
const NEAR_WORDS = new Set([
  'bivio',
  'sullo',
  'pesate',
  'pasture',
  'pescata',
  'molteni',
  'quello',
  'snello',
  'duello',
  'maggio',
  'poggio',
  'moggi',
  'sveglio',
  'colica',
  'colici',
  'comico',
  'bellino',
  'bellina',
  'bellini',
  'brivido',
  'pescare',
  'pescato',
  'pescati',
  'pescata',
  'pastura',
  'sirene',
  'girone',
  'cascina',
  'cascine',
  'cesena',
  'sartori',
  'mirate',
  'merita',
  'carenze',
  'pagnotta',
  'premano',
  'cremona',
  'dervis',
  'erbe',
  'livello',
  'bellezza',
  'carenna',
  'oggi',
  'monica',
  'lucerna',
  'tacere',
]);
/** Capitalised words before a comune that are not first names ("Comune Lecco", "Da Lecco a Merate"). */
const NOT_FIRST_NAMES = new Set([
  'comune',
  'provincia',
  'ufficio',
  'sede',
  'centro',
  'sportello',
  'citta',
  'paese',
  'zona',
  'tribunale',
  'questura',
  'prefettura',
  'stazione',
  'ospedale',
  'scuola',
  'lago',
  'anche',
  'oppure',
  'sono',
  'vivo',
  'abito',
  'lavoro',
  'resido',
  'risiedo',
  'abitiamo',
  'viviamo',
  'siamo',
  'cpi',
  'a',
  'ad',
  'al',
  'alla',
  'da',
  'dal',
  'dalla',
  'di',
  'del',
  'della',
  'in',
  'nel',
  'nella',
  'per',
  'tra',
  'fra',
  'su',
  'sul',
  'con',
  'e',
  'ed',
  'o',
  'ma',
  'verso',
  'vicino',
  'sotto',
  'presso',
  'dopo',
  'oltre',
  'fino',
  'cap',
  'frazione',
  'localita',
  'loc',
  'grazie',
  'buongiorno',
  'salve',
  'residente',
  'nato',
  'nata',
  'domiciliato',
  'domiciliata',
  'sempre',
  'qui',
]);
const STREET_BEFORE = /\b(?:via|viale|corso|piazza|piazzale|vicolo|largo|strada|provinciale|sp)\s+$/;
const TITLE_BEFORE =
  /\b(?:sig|signor|signora|sig\.ra|dott|dottor|dottoressa|geom|ing|avv|famiglia|ditta|impresa|studio|ristorante|bar|hotel)\.?\s+$/;
const PROVINCE_BEFORE = /\b(?:provincia (?:di )?|province of (?:the )?)$/;

function maxDistance(targetLength: number): number {
  return targetLength >= 10 ? 2 : targetLength >= 6 ? 1 : 0;
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}

/**
 * A comune written with a typo. Names of 10+ letters allow two edits, 7+ one; six-letter names
 * only a dropped or swapped letter ("mrate", "birvio"), because a changed letter turns too many
 * ordinary words into comuni ("anyone" → Annone, "quello" → Suello); shorter ones only doubled
 * letters ("leco").
 */
function fuzzyMatch(compact: string, words: number): FuzzyTarget | undefined {
  if (compact.length < 4 || (words === 1 && NEAR_WORDS.has(compact))) return undefined;
  const doubled = COLLAPSED.get(collapseDoubles(compact));
  if (doubled) return doubled;
  if (compact.length < 5) return undefined;
  let best: FuzzyTarget | undefined;
  let bestDistance = 3;
  for (const target of FUZZY.get(compact.charAt(0)) ?? []) {
    const max = maxDistance(target.compact.length);
    if (max === 0 || Math.abs(target.compact.length - compact.length) > max) continue;
    const d = boundedEditDistance(compact, target.compact, max);
    if (d > max || d >= bestDistance) continue;
    if (target.compact.length === 6) {
      const dropped = compact.length === 5;
      const swapped = compact.length === 6 && sameLetters(compact, target.compact);
      if (!dropped && !swapped) continue;
    }
    best = target;
    bestDistance = d;
  }
  return best;
}

/** "Brivio" in "Andrea Brivio" is a surname: a capitalised word joined by a space before it. */
function looksLikeSurname(ctx: TextContext, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const token = tokens[i];
  if (!token) return false;
  const head = ctx.folded.slice(Math.max(0, token.start - 24), token.start);
  if (TITLE_BEFORE.test(head)) return true;
  if (!prev || ctx.text.slice(prev.end, token.start) !== ' ') return false;
  const prevText = ctx.text.slice(prev.start, prev.end);
  return /^\p{Lu}\p{Ll}+$/u.test(prevText) && !EXACT.has(prev.word) && !NOT_FIRST_NAMES.has(prev.word);
}

function isForeign(tokens: Token[], next: number): boolean {
  const t = tokens[next];
  return t !== undefined && FOREIGN_SUFFIXES.includes(t.word);
}

/** Comuni of the Provincia di Lecco, by full name, short form ("mandello") or with a typo. */
export function findComuni(ctx: TextContext): Candidate[] {
  const tokens = tokensOf(ctx.folded);
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first) continue;
    const head = ctx.folded.slice(Math.max(0, first.start - 16), first.start);
    if (STREET_BEFORE.test(head) || PROVINCE_BEFORE.test(head)) continue;
    let found: { canonical: string; short: boolean; words: number } | undefined;
    let key = first.word;
    for (let n = 1; n <= MAX_WORDS && i + n <= tokens.length; n++) {
      if (n > 1) key += ` ${tokens[i + n - 1]?.word ?? ''}`;
      const exact = EXACT.get(key);
      if (exact) found = { ...exact, words: n };
    }
    if (!found) {
      const second = tokens[i + 1];
      const third = tokens[i + 2];
      // A one-letter word is not part of a name written in pieces: "l'anno e mezzo" is not Annone.
      const joined = (a: Token | undefined, b: Token | undefined): boolean =>
        a !== undefined &&
        b !== undefined &&
        b.word.length > 1 &&
        b.start - a.end <= 2 &&
        /^[ ']+$/.test(ctx.folded.slice(a.end, b.start));
      if (joined(first, second) && joined(second, third)) {
        const fuzzy = fuzzyMatch(first.word + (second?.word ?? '') + (third?.word ?? ''), 3);
        if (fuzzy && fuzzy.compact.length >= 9)
          found = { canonical: fuzzy.canonical, short: fuzzy.short, words: 3 };
      }
      if (!found && joined(first, second)) {
        const fuzzy = fuzzyMatch(first.word + (second?.word ?? ''), 2);
        if (fuzzy) found = { canonical: fuzzy.canonical, short: fuzzy.short, words: 2 };
      }
      if (!found) {
        const fuzzy = fuzzyMatch(first.word, 1);
        if (fuzzy) found = { canonical: fuzzy.canonical, short: fuzzy.short, words: 1 };
      }
    }
    if (!found) continue;
    const lastToken = tokens[i + found.words - 1];
    if (!lastToken) continue;
    if (found.short && isForeign(tokens, i + found.words)) continue;
    if (looksLikeSurname(ctx, tokens, i)) continue;
    out.push(candidate(ctx, 'comune', first.start, lastToken.end, found.canonical));
    i += found.words - 1;
  }
  return out;
}
