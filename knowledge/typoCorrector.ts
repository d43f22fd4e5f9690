/**
 * Finds the knowledge-base word a misspelt token was meant to be: one edit away (a letter
 * missing, added or wrong, or two letters swapped), via a symmetric-delete index (SymSpell), so a
 * lookup costs a few map reads instead of a scan of the vocabulary.
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
    let bestFrequency = 0;
    for (const candidate of candidates) {
      if (!withinOneEdit(word, candidate)) continue;
      const f = this.frequency.get(candidate) ?? 0;
      if (f > bestFrequency || (f === bestFrequency && best !== undefined && candidate < best)) {
        best = candidate;
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
