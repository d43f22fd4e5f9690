/**
 * Finds the knowledge-base word a misspelt token was meant to be: one edit away (a letter
 * missing, added or wrong, or two letters swapped), via a symmetric-delete index (SymSpell), so a
 * lookup costs a few map reads instead of a scan of the vocabulary.
 *
 * Only edits people make by mistake count as typos (see `typoCost`): otherwise a real Italian
 * word one letter from a KB word ("mele" / "male", "sposi" / "spesi", "madre" / "mare") would be
 * read as that word.
 */
export class TypoCorrector {
  private readonly frequency = new Map<string, number>();
  /** Built on the first correction: most KBs are loaded far more often than a typo needs fixing. */
  private deletes: Map<string, string[]> | undefined;

  constructor(private readonly minLength = 4) {}

  /** Adds a word of the vocabulary (accents folded, lower case). */
  add(word: string): void {
    const seen = this.frequency.get(word);
    this.frequency.set(word, (seen ?? 0) + 1);
    if (seen === undefined && this.deletes) this.index(this.deletes, word);
  }

  private index(deletes: Map<string, string[]>, word: string): void {
    if (word.length < this.minLength) return;
    for (const variant of deletions(word)) {
      const list = deletes.get(variant);
      if (list) list.push(word);
      else deletes.set(variant, [word]);
    }
  }

  private deleteIndex(): Map<string, string[]> {
    if (!this.deletes) {
      const deletes = new Map<string, string[]>();
      for (const word of this.frequency.keys()) this.index(deletes, word);
      this.deletes = deletes;
    }
    return this.deletes;
  }

  has(word: string): boolean {
    return this.frequency.has(word);
  }

  get size(): number {
    return this.frequency.size;
  }

  /** The most frequent vocabulary word one edit away from `word`, if any. */
  correct(word: string): string | undefined {
    if (word.length < this.minLength || this.frequency.has(word)) return undefined;
    const deletes = this.deleteIndex();
    const candidates = new Set<string>();
    for (const w of deletes.get(word) ?? []) candidates.add(w);
    for (const variant of deletions(word)) {
      if (this.frequency.has(variant)) candidates.add(variant);
      for (const w of deletes.get(variant) ?? []) candidates.add(w);
    }
    let best: string | undefined;
    let bestCost = Infinity;
    let bestFrequency = 0;
    for (const candidate of candidates) {
      const cost = typoCost(word, candidate);
      if (cost === undefined) continue;
      const f = this.frequency.get(candidate) ?? 0;
      const better =
        cost < bestCost ||
        (cost === bestCost &&
          (f > bestFrequency || (f === bestFrequency && best !== undefined && candidate < best)));
      if (better) {
        best = candidate;
        bestCost = cost;
        bestFrequency = f;
      }
    }
    return best;
  }
}

function deletions(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b differ by one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Words this long are rarely one letter from another real word: any single edit is a typo. */
const LONG_WORD = 8;
const VOWELS = new Set('aeiou');
/** Letters confused by sound rather than by position on the keyboard. */
const SOUND_ALIKE = new Set(['ck', 'kc', 'cq', 'qc', 'kq', 'qk', 'sz', 'zs']);
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = keyboardNeighbours();

/**
 * How typical a mistake turns `candidate` (a vocabulary word) into `word` (as typed), or
 * undefined when it is not a typo one would make. Lower is likelier: 0 a doubled letter written
 * single or a single one doubled ("autorizazione", "stazzione"); 1 a letter left out or two
 * swapped; 2 a wrong letter. In words shorter than LONG_WORD, a wrong letter must be a keyboard
 * neighbour or sound alike ("licensa"), a vowel for another only at the end (an ending), and an
 * added letter must double its neighbour.
 */
export function typoCost(word: string, candidate: string): number | undefined {
  if (!withinOneEdit(word, candidate)) return undefined;
  const long = word.length >= LONG_WORD;
  let i = 0;
  while (i < word.length && i < candidate.length && word[i] === candidate[i]) i++;
  if (word.length < candidate.length) {
    // A letter left out: candidate[i] is missing from the word.
    const missing = candidate[i];
    return missing === candidate[i - 1] || missing === candidate[i + 1] ? 0 : 1;
  }
  if (word.length > candidate.length) {
    // A letter added: word[i] is not in the candidate.
    const extra = word[i];
    if (extra === word[i - 1] || extra === word[i + 1]) return 0;
    return long ? 1 : undefined;
  }
  const typed = word[i] ?? '';
  const meant = candidate[i] ?? '';
  if (word[i + 1] === meant && candidate[i + 1] === typed && word.slice(i + 2) === candidate.slice(i + 2)) {
    return 1;
  }
  if (long) return 2;
  if (VOWELS.has(typed) && VOWELS.has(meant)) return i === word.length - 1 ? 2 : undefined;
  return NEIGHBOURS.get(typed)?.has(meant) || SOUND_ALIKE.has(typed + meant) ? 2 : undefined;
}

function keyboardNeighbours(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const link = (a: string | undefined, b: string | undefined): void => {
    if (!a || !b) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = out.get(x) ?? new Set<string>();
      set.add(y);
      out.set(x, set);
    }
  };
  KEYBOARD_ROWS.forEach((row, r) => {
    const below = KEYBOARD_ROWS[r + 1] ?? '';
    for (let k = 0; k < row.length; k++) {
      link(row[k], row[k + 1]);
      // A key touches the two keys below it, shifted half a key to the right: q -> a; w -> a, s.
      link(row[k], below[k]);
      link(row[k], below[k - 1]);
    }
  });
  return out;
}
