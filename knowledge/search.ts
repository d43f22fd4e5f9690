import MiniSearch, { type SearchResult } from 'minisearch';
import { analyze, type AnalyzedToken } from './analyzer';
import type { Area, KnowledgeEntry } from './entry';
import { detectLanguage } from './language';
import { OFF_TOPIC_PREFIX, OFF_TOPICS } from './offTopic';
import { stem, type Language } from './stemmer';
import { SynonymDictionary } from './synonymDictionary';
import { TypoCorrector } from './typoCorrector';

type ItalianField = 'title' | 'keywords' | 'summary' | 'body' | 'details';
type EnglishField = 'titleEn' | 'keywordsEn' | 'summaryEn';
type Field = ItalianField | EnglishField;

const FIELDS: Record<Language, readonly Field[]> = {
  it: ['title', 'keywords', 'summary', 'body', 'details'],
  en: ['titleEn', 'keywordsEn', 'summaryEn'],
};

export interface SearchHit {
  id: string;
  score: number;
}

export type Decision = 'answer' | 'ambiguous' | 'vague' | 'none';

export interface Interpretation {
  /** Best first; empty when the decision is 'none'. Scores are confidences in 0..1. */
  procedures: SearchHit[];
  decision: Decision;
  language: Language;
  /** Area of the best candidates: for 'vague', what the clarifying question is about. */
  area?: Area;
}

export interface SearchRequestOptions {
  limit?: number;
  /** Language of the question; detected from the text when absent. */
  language?: Language;
}

export interface KnowledgeSearchOptions {
  /** Index the chit-chat topics of offTopic.ts: a question closest to one of them gets 'none'. */
  offTopicGuard: boolean;
  /** BM25 field boosts. */
  boost: Record<Field, number>;
  /** How much a field counts as evidence that an entry is about a question term (0..1). */
  fieldEvidence: Record<Field, number>;
  /** Weight of words like "info", "problema". */
  genericWeight: number;
  /** Weight of a word found through a synonym family. */
  synonymWeight: number;
  /** Weight of a misspelt word corrected against the KB vocabulary. */
  typoWeight: number;
  /** Weight, in the coverage denominator, of words the KB does not know. */
  unknownWeight: number;
  /** Weight of the Italian reading of an English question (names like AUA, pagoPA). */
  crossLanguageWeight: number;
  /** Below this evidence the best entry is not an answer: 'none'... */
  minConfidence: number;
  /** ...unless it has at least this evidence and the runner-up scores at most dominantRatio of it. */
  minDominantConfidence: number;
  dominantRatio: number;
  /** Two candidates are too close to call when the second scores at least this fraction of the first... */
  ambiguityRatio: number;
  /** ...and its evidence is at least this fraction of the first's. */
  ambiguityEvidenceRatio: number;
  /** A question with at most this many topic words may be vague... */
  vagueMaxTopicWords: number;
  /** ...when at least this many entries are evidently about it (evidence >= vagueMinEvidence)... */
  vagueMinCandidates: number;
  vagueMinEvidence: number;
  /** ...and the runner-up scores at least this fraction of the best one. */
  vagueRatio: number;
}

export const DEFAULT_SEARCH_OPTIONS: KnowledgeSearchOptions = {
  offTopicGuard: true,
  boost: {
    title: 3,
    keywords: 3,
    summary: 1.5,
    body: 1,
    details: 0.4,
    titleEn: 3,
    keywordsEn: 3,
    summaryEn: 1.5,
  },
  fieldEvidence: {
    title: 1,
    keywords: 1,
    summary: 0.8,
    body: 0.5,
    details: 0.25,
    titleEn: 1,
    keywordsEn: 1,
    summaryEn: 0.8,
  },
  genericWeight: 0.3,
  synonymWeight: 0.9,
  typoWeight: 0.8,
  unknownWeight: 0.6,
  crossLanguageWeight: 0.5,
  minConfidence: 0.3,
  minDominantConfidence: 0.2,
  dominantRatio: 0.65,
  ambiguityRatio: 0.75,
  ambiguityEvidenceRatio: 0.85,
  vagueMaxTopicWords: 1,
  vagueMinCandidates: 3,
  vagueMinEvidence: 0.5,
  vagueRatio: 0.3,
};

interface QueryTerm {
  term: string;
  weight: number;
  idf: number;
  generic: boolean;
  /** False for words the KB does not contain: they only lower the confidence. */
  known: boolean;
}

interface Candidate {
  id: string;
  score: number;
  /** Weighted share of the question's words this entry is evidently about (0..1). */
  evidence: number;
  /** Matched query terms and the fields they were found in. */
  matched: Record<string, string[]>;
}

export interface SearchExplanation {
  language: Language;
  terms: Array<{ term: string; weight: number; idf: number; known: boolean }>;
  candidates: Array<{ id: string; score: number; evidence: number; matched: Record<string, string[]> }>;
}

interface IndexedDocument {
  id: string;
  [field: string]: string;
}

/**
 * BM25+ retrieval over the knowledge base (minisearch), fed with Italian-stemmed text with
 * synonyms expanded, plus an English index of the English keywords and summaries.
 */
export class KnowledgeSearch {
  private readonly index: MiniSearch<IndexedDocument>;
  private readonly documentFrequency: Record<Language, Map<string, number>> = {
    it: new Map(),
    en: new Map(),
  };
  private readonly vocabulary: Record<Language, TypoCorrector> = {
    it: new TypoCorrector(),
    en: new TypoCorrector(),
  };
  private readonly areaOf = new Map<string, Area>();
  private readonly options: KnowledgeSearchOptions;

  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly synonyms: SynonymDictionary = new SynonymDictionary(),
    options: Partial<KnowledgeSearchOptions> = {},
  ) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    this.index = new MiniSearch<IndexedDocument>({
      fields: [...FIELDS.it, ...FIELDS.en],
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: { tokenize: splitTerms, processTerm: (term) => term },
    });
    this.index.addAll(entries.map((e) => this.toDocument(e)));
    if (this.options.offTopicGuard)
      this.index.addAll(OFF_TOPICS.map((t) => this.offTopicDocument(t.id, t.it, t.en)));
  }

  get size(): number {
    return this.index.documentCount;
  }

  /** Entries matching the question, best first, with their BM25 scores. */
  search(text: string, options: SearchRequestOptions = {}): SearchHit[] {
    const language = options.language ?? detectLanguage(text);
    return this.rank(text, language)
      .filter((c) => !isOffTopic(c.id))
      .slice(0, options.limit ?? 5)
      .map(({ id, score }) => ({ id, score }));
  }

  /** What the bot should do with the question: answer, ask which one, ask for more, or say it does not know. */
  interpret(text: string, options: SearchRequestOptions = {}): Interpretation {
    const language = options.language ?? detectLanguage(text);
    const limit = options.limit ?? 5;
    const ranked = this.rankWithTerms(text, language);
    if (ranked.candidates[0] && isOffTopic(ranked.candidates[0].id)) {
      return { procedures: [], decision: 'none', language };
    }
    const candidates = ranked.candidates.filter((c) => !isOffTopic(c.id));
    const topicWords = ranked.topicWords;
    const [first, second] = candidates;
    if (!first || !this.confident(first, second)) {
      return { procedures: [], decision: 'none', language };
    }
    const procedures = candidates
      .slice(0, limit)
      .map((c) => ({ id: c.id, score: round(c.evidence * (c.score / first.score)) }));
    const o = this.options;
    const evident = candidates.filter((c) => c.evidence >= o.vagueMinEvidence);
    const area = this.areaOf.get(first.id);
    const withArea = area ? { area } : {};
    if (
      topicWords <= o.vagueMaxTopicWords &&
      evident.length >= o.vagueMinCandidates &&
      second !== undefined &&
      second.score >= first.score * o.vagueRatio
    ) {
      return { procedures, decision: 'vague', language, area: this.mainArea(evident) ?? area };
    }
    if (
      second &&
      second.score >= first.score * o.ambiguityRatio &&
      second.evidence >= first.evidence * o.ambiguityEvidenceRatio &&
      second.evidence >= o.minConfidence
    ) {
      return { procedures, decision: 'ambiguous', language, ...withArea };
    }
    return { procedures, decision: 'answer', language, ...withArea };
  }

  /** Why the search ranked entries as it did: the question's terms and what each candidate matched. */
  explain(text: string, options: SearchRequestOptions = {}): SearchExplanation {
    const language = options.language ?? detectLanguage(text);
    const terms = this.queryTerms(text, language);
    const { candidates } = this.rankWithTerms(text, language);
    return {
      language,
      terms: terms.map((t) => ({ term: t.term, weight: round(t.weight), idf: round(t.idf), known: t.known })),
      candidates: candidates.slice(0, options.limit ?? 5).map((c) => ({
        id: c.id,
        score: round(c.score),
        evidence: round(c.evidence),
        matched: c.matched,
      })),
    };
  }

  /** Long stories dilute the evidence: a clear lead over the runner-up makes up for some of it. */
  private confident(first: Candidate, second: Candidate | undefined): boolean {
    const o = this.options;
    if (first.evidence >= o.minConfidence) return true;
    const dominant = !second || second.score <= first.score * o.dominantRatio;
    return dominant && first.evidence >= o.minDominantConfidence;
  }

  private rank(text: string, language: Language): Candidate[] {
    return this.rankWithTerms(text, language).candidates;
  }

  private rankWithTerms(text: string, language: Language): { candidates: Candidate[]; topicWords: number } {
    const primary = this.queryTerms(text, language);
    const topicWords = new Set(primary.filter((t) => !t.generic).map((t) => t.term)).size;
    const own = this.runQuery(primary, language, 1);
    if (language === 'it') return { candidates: own, topicWords };
    // English questions: also read them as Italian, for names and acronyms both languages share.
    const italian = this.runQuery(this.queryTerms(text, 'it'), 'it', this.options.crossLanguageWeight);
    const merged = new Map<string, Candidate>(own.map((c) => [c.id, { ...c }]));
    for (const c of italian) {
      const seen = merged.get(c.id);
      if (seen) {
        seen.score += c.score;
        seen.evidence = Math.max(seen.evidence, c.evidence);
        seen.matched = { ...c.matched, ...seen.matched };
      } else merged.set(c.id, c);
    }
    return { candidates: [...merged.values()].sort(byScore), topicWords };
  }

  private runQuery(terms: QueryTerm[], language: Language, scale: number): Candidate[] {
    const known = terms.filter((t) => t.known);
    const totalMass = terms.reduce((sum, t) => sum + t.weight * t.idf, 0);
    if (known.length === 0 || totalMass === 0) return [];
    const byTerm = new Map(known.map((t) => [t.term, t]));
    const results = this.index.search(known.map((t) => t.term).join(' '), {
      fields: [...FIELDS[language]],
      boost: this.options.boost,
      boostTerm: (term) => byTerm.get(term)?.weight ?? 1,
      fuzzy: false,
      prefix: false,
    });
    return results.map((r) => ({
      id: String(r.id),
      score: r.score * scale,
      evidence: this.evidence(r, byTerm, totalMass) * scale,
      matched: r.match,
    }));
  }

  private evidence(result: SearchResult, byTerm: Map<string, QueryTerm>, totalMass: number): number {
    let mass = 0;
    for (const [term, fields] of Object.entries(result.match)) {
      const q = byTerm.get(term);
      if (!q) continue;
      const best = Math.max(0, ...fields.map((f) => this.options.fieldEvidence[f as Field] ?? 0));
      mass += q.weight * q.idf * best;
    }
    return Math.min(1, mass / totalMass);
  }

  private queryTerms(text: string, language: Language): QueryTerm[] {
    const df = this.documentFrequency[language];
    const vocabulary = this.vocabulary[language];
    const terms = new Map<string, QueryTerm>();
    const add = (term: string, weight: number, generic: boolean, known: boolean): void => {
      const seen = terms.get(term);
      if (seen && seen.weight >= weight) return;
      terms.set(term, { term, weight, generic, known, idf: this.idf(known ? (df.get(term) ?? 1) : 1) });
    };
    const stems: string[] = [];
    for (const token of analyze(text, language)) {
      const resolved = this.resolve(token, language, df, vocabulary);
      if (resolved) {
        stems.push(resolved.stem);
        add(resolved.stem, token.generic ? this.options.genericWeight : resolved.weight, token.generic, true);
      } else {
        stems.push(token.stem);
        add(
          token.stem,
          token.generic ? this.options.genericWeight : this.options.unknownWeight,
          token.generic,
          false,
        );
      }
    }
    for (const s of this.synonyms.expand(stems, language)) {
      if (df.has(s)) add(s, this.options.synonymWeight, false, true);
    }
    // Synonym stems say the same thing as the words they came from: do not count both as topics.
    return [...terms.values()];
  }

  private resolve(
    token: AnalyzedToken,
    language: Language,
    df: Map<string, number>,
    vocabulary: TypoCorrector,
  ): { stem: string; weight: number } | undefined {
    if (df.has(token.stem)) return { stem: token.stem, weight: 1 };
    if (/\d/.test(token.surface)) return undefined;
    const corrected = vocabulary.correct(token.surface);
    if (corrected === undefined) return undefined;
    const correctedStem = stem(corrected, language);
    return df.has(correctedStem) ? { stem: correctedStem, weight: this.options.typoWeight } : undefined;
  }

  private idf(df: number): number {
    const n = this.index.documentCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private mainArea(candidates: Candidate[]): Area | undefined {
    const weight = new Map<Area, number>();
    for (const c of candidates) {
      const area = this.areaOf.get(c.id);
      if (area) weight.set(area, (weight.get(area) ?? 0) + c.score);
    }
    return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }

  private offTopicDocument(id: string, it: string, en: string): IndexedDocument {
    // Indexed like keywords and summary of an entry, so that its length compares with theirs.
    const doc: IndexedDocument = { id: `${OFF_TOPIC_PREFIX}${id}` };
    for (const [language, text, fields] of [
      ['it', it, ['keywords', 'summary']],
      ['en', en, ['keywordsEn', 'summaryEn']],
    ] as const) {
      const tokens = analyze(text, language);
      const stems = tokens.map((t) => t.stem).join(' ');
      for (const field of fields) doc[field] = stems;
      const df = this.documentFrequency[language];
      for (const s of new Set(tokens.map((t) => t.stem))) df.set(s, (df.get(s) ?? 0) + 1);
      for (const t of tokens) this.vocabulary[language].add(t.surface);
    }
    return doc;
  }

  private toDocument(entry: KnowledgeEntry): IndexedDocument {
    this.areaOf.set(entry.id, entry.area);
    const texts: Record<Field, string> = {
      title: entry.title,
      keywords: entry.keywords.join(' ; '),
      summary: entry.summary,
      body: [
        entry.description,
        entry.whoMayApply,
        ...entry.requirements,
        ...entry.documents.map((d) => d.title),
        entry.followUp,
        entry.competentAuthority?.name,
        entry.competentAuthority?.howToReach,
        entry.deadlineText,
      ]
        .filter(isText)
        .join(' . '),
      details: [
        ...entry.legalReferences,
        entry.office?.name,
        entry.costs?.text,
        ...(entry.costs?.paymentMethods ?? []),
        entry.remedies,
        entry.where?.address,
        entry.area.replace(/-/g, ' '),
      ]
        .filter(isText)
        .join(' . '),
      titleEn: entry.titleEn ?? '',
      keywordsEn: entry.keywordsEn.join(' ; '),
      summaryEn: entry.summaryEn ?? '',
    };
    const doc: IndexedDocument = { id: entry.id };
    const seen: Record<Language, Set<string>> = { it: new Set(), en: new Set() };
    for (const language of ['it', 'en'] as const) {
      for (const field of FIELDS[language]) {
        const tokens = analyze(texts[field], language);
        const stems = tokens.map((t) => t.stem);
        stems.push(...this.synonyms.expand(stems, language));
        doc[field] = stems.join(' ');
        for (const t of tokens) this.vocabulary[language].add(t.surface);
        for (const s of stems) seen[language].add(s);
      }
      const df = this.documentFrequency[language];
      for (const s of seen[language]) df.set(s, (df.get(s) ?? 0) + 1);
    }
    return doc;
  }
}

function isOffTopic(id: string): boolean {
  return id.startsWith(OFF_TOPIC_PREFIX);
}

function splitTerms(text: string): string[] {
  return text.split(' ').filter((t) => t.length > 0);
}

function isText(value: string | undefined): value is string {
  return value !== undefined && value.length > 0;
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
