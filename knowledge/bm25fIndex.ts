/**
 * A compact BM25F inverted index (Robertson et al.: field frequencies are weighted and
 * length-normalised per field, then saturated once per term), with BM25+'s lower bound delta.
 * Postings live in typed arrays, so a query over 10,000 entries adds up a few thousand numbers.
 *
 * Besides the score, each match records which fields it was found in, so callers can weigh how
 * evidently an entry is about a word (title vs. a passing mention in the prose).
 */

export interface IndexField {
  name: string;
  /** Weight of one occurrence in this field. */
  boost: number;
  /** Length normalisation, 0 (none) .. 1 (full). */
  b: number;
  /** Whether a word counts here even when it is found in most entries. */
  topic: boolean;
}

export interface Bm25Params {
  k1: number;
  delta: number;
}

// A high k1 keeps a word found in title, keywords and summary well above a passing mention in
// the prose: field boosts add up before saturation in BM25F.
export const DEFAULT_BM25: Bm25Params = { k1: 6, delta: 0.2 };

export type Coordination = 'count' | 'weighted' | 'none';

export interface QueryTermWeight {
  term: string;
  /** Multiplies the term's idf-weighted contribution. */
  weight: number;
  /** Count only matches in topic fields (for words found in most entries). */
  topicOnly?: boolean;
}

export interface IndexHit {
  doc: number;
  score: number;
  /** Bit mask of the fields each matched term was found in, by term. */
  matches: Map<string, number>;
}

interface Postings {
  docs: number[];
  /** Field counts packed in one 30-bit integer per posting: 6 bits per field (capped at 63). */
  counts: number[];
}

const BITS = 6;
const MAX_COUNT = (1 << BITS) - 1;
const MAX_FIELDS = 5;

interface FrozenPostings {
  docs: Int32Array;
  /** Saturated weight over all fields, and over topic fields only. */
  all: Float32Array;
  topic: Float32Array;
  mask: Uint8Array;
}

export class Bm25fIndex {
  private readonly building = new Map<string, Postings>();
  private readonly lengths: number[][] = [];
  private frozen = new Map<string, FrozenPostings>();
  private dirty = false;
  private scores = new Float64Array(0);
  private coordination = new Float64Array(0);
  private matched = new Uint16Array(0);
  private touched = new Int32Array(0);

  constructor(
    readonly fields: readonly IndexField[],
    private readonly params: Bm25Params = DEFAULT_BM25,
  ) {
    if (fields.length > MAX_FIELDS) throw new RangeError(`Bm25fIndex supports at most ${MAX_FIELDS} fields`);
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Adds a document given the terms of each field (in `fields` order); returns its number. */
  add(fieldTerms: ReadonlyArray<readonly string[]>): number {
    const doc = this.lengths.length;
    const packed = new Map<string, number>();
    const lengths: number[] = [];
    for (let i = 0; i < this.fields.length; i++) {
      const terms = fieldTerms[i] ?? [];
      const shift = i * BITS;
      lengths.push(terms.length);
      for (const term of terms) {
        const c = packed.get(term) ?? 0;
        if (((c >>> shift) & MAX_COUNT) < MAX_COUNT) packed.set(term, c + (1 << shift));
      }
    }
    this.lengths.push(lengths);
    for (const [term, counts] of packed) {
      const postings = this.building.get(term);
      if (postings) {
        postings.docs.push(doc);
        postings.counts.push(counts);
      } else this.building.set(term, { docs: [doc], counts: [counts] });
    }
    this.dirty = true;
    return doc;
  }

  /** Number of documents containing the term (in any field). */
  documentFrequency(term: string): number {
    return this.building.get(term)?.docs.length ?? 0;
  }

  has(term: string): boolean {
    return this.building.has(term);
  }

  /** The best `limit` documents for the terms, best first. */
  search(
    terms: readonly QueryTermWeight[],
    limit: number,
    coordination: Coordination = 'weighted',
  ): IndexHit[] {
    this.freeze();
    let touchedCount = 0;
    const { scores, matched, touched } = this;
    const coord = this.coordination;
    for (const q of terms) {
      const postings = this.frozen.get(q.term);
      if (!postings) continue;
      const idf = this.idf(postings.docs.length) * q.weight;
      const weights = q.topicOnly ? postings.topic : postings.all;
      const { docs } = postings;
      for (let i = 0; i < docs.length; i++) {
        const w = weights[i] ?? 0;
        if (w === 0) continue;
        const d = docs[i] ?? 0;
        if (matched[d] === 0) touched[touchedCount++] = d;
        matched[d] = (matched[d] ?? 0) + 1;
        coord[d] = (coord[d] ?? 0) + q.weight;
        scores[d] = (scores[d] ?? 0) + idf * w;
      }
    }
    // Keep the best `limit`. Coordination: documents matching more of the question's words rank
    // higher (by their number, as in minisearch, or by their weights, so "info" counts less).
    const best: Array<{ doc: number; score: number }> = [];
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i] ?? 0;
      const factor =
        coordination === 'count' ? (matched[d] ?? 1) : coordination === 'weighted' ? (coord[d] ?? 1) : 1;
      const score = (scores[d] ?? 0) * factor;
      scores[d] = 0;
      matched[d] = 0;
      coord[d] = 0;
      if (best.length === limit && score <= (best[best.length - 1]?.score ?? 0)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]?.score ?? 0) < score) at--;
      best.splice(at, 0, { doc: d, score });
      if (best.length > limit) best.pop();
    }
    return best.map(({ doc, score }) => ({ doc, score, matches: this.matchesOf(doc, terms) }));
  }

  /** Which fields of `doc` contain each term. */
  private matchesOf(doc: number, terms: readonly QueryTermWeight[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const q of terms) {
      const postings = this.frozen.get(q.term);
      if (!postings) continue;
      const i = binarySearch(postings.docs, doc);
      if (i < 0) continue;
      const mask = postings.mask[i] ?? 0;
      const weight = q.topicOnly ? postings.topic[i] : postings.all[i];
      if (mask !== 0 && weight !== 0) out.set(q.term, mask);
    }
    return out;
  }

  idf(df: number): number {
    const n = this.documentCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Prepares the postings for search; called by the first search if not before. */
  freeze(): void {
    if (!this.dirty) return;
    const f = this.fields.length;
    const n = this.lengths.length;
    const avg = this.fields.map(
      (_, i) => this.lengths.reduce((sum, l) => sum + (l[i] ?? 0), 0) / Math.max(1, n),
    );
    const { k1, delta } = this.params;
    const frozen = new Map<string, FrozenPostings>();
    for (const [term, postings] of this.building) {
      const size = postings.docs.length;
      const all = new Float32Array(size);
      const topic = new Float32Array(size);
      const mask = new Uint8Array(size);
      for (let p = 0; p < size; p++) {
        const doc = postings.docs[p] ?? 0;
        const lengths = this.lengths[doc] ?? [];
        let tfAll = 0;
        let tfTopic = 0;
        let m = 0;
        const packed = postings.counts[p] ?? 0;
        for (let i = 0; i < f; i++) {
          const c = (packed >>> (i * BITS)) & MAX_COUNT;
          if (c === 0) continue;
          const field = this.fields[i];
          if (!field) continue;
          const norm = 1 - field.b + field.b * ((lengths[i] ?? 0) / (avg[i] || 1));
          const tf = (field.boost * c) / norm;
          tfAll += tf;
          if (field.topic) tfTopic += tf;
          m |= 1 << i;
        }
        all[p] = tfAll > 0 ? (tfAll * (k1 + 1)) / (tfAll + k1) + delta : 0;
        topic[p] = tfTopic > 0 ? (tfTopic * (k1 + 1)) / (tfTopic + k1) + delta : 0;
        mask[p] = m;
      }
      frozen.set(term, { docs: Int32Array.from(postings.docs), all, topic, mask });
    }
    this.frozen = frozen;
    this.scores = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.coordination = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.dirty = false;
  }
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
