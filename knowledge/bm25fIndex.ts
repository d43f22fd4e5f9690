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
  /** Count each word once, and the field's length in distinct words (for long prose). */
  distinct?: boolean;
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

const BITS = 6;
const MAX_COUNT = (1 << BITS) - 1;
const MAX_FIELDS = 5;

/** A growable Int32Array: postings are appended while indexing, without an object per posting. */
class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export class Bm25fIndex {
  /** Term -> term number; postings and frozen arrays are addressed by it. */
  private readonly termIds = new Map<string, number>();
  /** Documents containing each term, by term number. */
  private readonly df: number[] = [];
  /** Postings in indexing order (document order): term number, document, packed field counts. */
  private readonly postingTerms = new IntList();
  private readonly postingDocs = new IntList();
  private readonly postingCounts = new IntList();
  /** Field lengths, `fields.length` per document. */
  private readonly lengths = new IntList();
  private documents = 0;
  /** Scratch for `add`: packed counts by term number, and the terms of the current document. */
  private scratch = new Int32Array(1024);
  private readonly docTerms: number[] = [];
  /** Frozen postings, grouped by term: term t occupies [start[t], start[t + 1]). */
  private start = new Int32Array(1);
  private docs = new Int32Array(0);
  /** Saturated weight over all fields, and over topic fields only. */
  private all = new Float32Array(0);
  private topic = new Float32Array(0);
  private mask = new Uint8Array(0);
  /** Fields each term is found in, in any document (bit i for field i), by term number. */
  private termFields = new Uint8Array(0);
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
    return this.documents;
  }

  /** Adds a document given the terms of each field (in `fields` order); returns its number. */
  add(fieldTerms: ReadonlyArray<readonly string[]>): number {
    const doc = this.documents++;
    const { termIds, docTerms } = this;
    for (let i = 0; i < this.fields.length; i++) {
      const terms = fieldTerms[i] ?? [];
      const shift = i * BITS;
      const distinct = this.fields[i]?.distinct === true;
      let length = 0;
      for (const term of terms) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term, id);
          this.df.push(0);
          if (id >= this.scratch.length) {
            const grown = new Int32Array(this.scratch.length * 2);
            grown.set(this.scratch);
            this.scratch = grown;
          }
        }
        const c = this.scratch[id] ?? 0;
        if (c === 0) docTerms.push(id);
        const inField = (c >>> shift) & MAX_COUNT;
        if (distinct) {
          if (inField !== 0) continue;
          length++;
        }
        if (inField < MAX_COUNT) this.scratch[id] = c + (1 << shift);
      }
      this.lengths.push(distinct ? length : terms.length);
    }
    for (const id of docTerms) {
      this.postingTerms.push(id);
      this.postingDocs.push(doc);
      this.postingCounts.push(this.scratch[id] ?? 0);
      this.df[id] = (this.df[id] ?? 0) + 1;
      this.scratch[id] = 0;
    }
    docTerms.length = 0;
    this.dirty = true;
    return doc;
  }

  /** Number of documents containing the term (in any field). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.df[id] ?? 0);
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /** Bit mask of the fields (bit i for `fields[i]`) the term is found in, in any document. */
  fieldsOf(term: string): number {
    this.freeze();
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.termFields[id] ?? 0);
  }

  /** The best `limit` documents for the terms, best first. */
  search(
    terms: readonly QueryTermWeight[],
    limit: number,
    coordination: Coordination = 'weighted',
  ): IndexHit[] {
    this.freeze();
    let touchedCount = 0;
    const { scores, matched, touched, docs, start } = this;
    const coord = this.coordination;
    for (const q of terms) {
      const id = this.termIds.get(q.term);
      if (id === undefined) continue;
      const from = start[id] ?? 0;
      const to = start[id + 1] ?? 0;
      const idf = this.idf(to - from) * q.weight;
      const weights = q.topicOnly ? this.topic : this.all;
      for (let i = from; i < to; i++) {
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
      const id = this.termIds.get(q.term);
      if (id === undefined) continue;
      const i = binarySearch(this.docs, this.start[id] ?? 0, (this.start[id + 1] ?? 0) - 1, doc);
      if (i < 0) continue;
      const mask = this.mask[i] ?? 0;
      const weight = q.topicOnly ? this.topic[i] : this.all[i];
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
    const n = this.documents;
    const lengths = this.lengths.data;
    const avg = this.fields.map((_, i) => {
      let sum = 0;
      for (let d = 0; d < n; d++) sum += lengths[d * f + i] ?? 0;
      return sum / Math.max(1, n);
    });
    // Length normalisation of each field of each document, computed once instead of per posting.
    const norms = new Float64Array(n * f);
    for (let d = 0; d < n; d++) {
      for (let i = 0; i < f; i++) {
        const field = this.fields[i];
        if (!field) continue;
        norms[d * f + i] = 1 - field.b + field.b * ((lengths[d * f + i] ?? 0) / (avg[i] || 1));
      }
    }
    const boosts = this.fields.map((field) => field.boost);
    const topicFields = this.fields.map((field) => field.topic);
    const { k1, delta } = this.params;
    // Group the postings by term (a counting sort keeps each term's documents in order).
    const terms = this.df.length;
    const start = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) start[t + 1] = (start[t] ?? 0) + (this.df[t] ?? 0);
    const size = this.postingTerms.length;
    const next = start.slice(0, terms);
    const docs = new Int32Array(size);
    const all = new Float32Array(size);
    const topic = new Float32Array(size);
    const mask = new Uint8Array(size);
    const termFields = new Uint8Array(terms);
    const postingTerms = this.postingTerms.data;
    const postingDocs = this.postingDocs.data;
    const postingCounts = this.postingCounts.data;
    for (let p = 0; p < size; p++) {
      const term = postingTerms[p] ?? 0;
      const at = next[term] ?? 0;
      next[term] = at + 1;
      const doc = postingDocs[p] ?? 0;
      const packed = postingCounts[p] ?? 0;
      let tfAll = 0;
      let tfTopic = 0;
      let m = 0;
      for (let i = 0; i < f; i++) {
        const c = (packed >>> (i * BITS)) & MAX_COUNT;
        if (c === 0) continue;
        const tf = ((boosts[i] ?? 0) * c) / (norms[doc * f + i] ?? 1);
        tfAll += tf;
        if (topicFields[i]) tfTopic += tf;
        m |= 1 << i;
      }
      docs[at] = doc;
      all[at] = tfAll > 0 ? (tfAll * (k1 + 1)) / (tfAll + k1) + delta : 0;
      topic[at] = tfTopic > 0 ? (tfTopic * (k1 + 1)) / (tfTopic + k1) + delta : 0;
      mask[at] = m;
      termFields[term] = (termFields[term] ?? 0) | m;
    }
    this.start = start;
    this.docs = docs;
    this.all = all;
    this.topic = topic;
    this.mask = mask;
    this.termFields = termFields;
    this.scores = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.coordination = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.dirty = false;
  }
}

function binarySearch(sorted: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
