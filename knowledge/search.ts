import { analyze, analyzeStems, analyzeSurfaces, type AnalyzedToken } from './analyzer';
import {
  Bm25fIndex,
  DEFAULT_BM25,
  type Bm25Params,
  type Coordination,
  type IndexHit,
  type QueryTermWeight,
} from './bm25fIndex';
import type { Area, KnowledgeEntry } from './entry';
import { LruCache } from './lruCache';
import { detectLanguage } from './language';
import { matchTokens } from './normalize';
import { CHAT_IDIOMS, OFF_TOPIC_PREFIX, OFF_TOPICS } from './offTopic';
import { stem, type Language } from './stemmer';
import { SynonymDictionary } from './synonymDictionary';
import { TypoCorrector } from './typoCorrector';

type ItalianField = 'title' | 'keywords' | 'summary' | 'body' | 'details';
type EnglishField = 'titleEn' | 'keywordsEn' | 'summaryEn';
type Field = ItalianField | EnglishField;

const PROSE_FIELDS: ReadonlySet<Field> = new Set<Field>(['body', 'details']);
/** Fields where a word names the topic; a word found in most entries only counts there. */
const TOPIC_FIELDS: ReadonlySet<Field> = new Set<Field>(['title', 'keywords', 'titleEn', 'keywordsEn']);

const ANALYSIS_CACHE_SIZE = 50_000;

/** Only the best-scored results are weighed for evidence; the rest cannot become the answer. */
const EVIDENCE_DEPTH = 20;

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
  /** BM25F field boosts. */
  boost: Record<Field, number>;
  /** BM25F length normalisation per field (0..1). */
  lengthNormalisation: Record<Field, number>;
  bm25: Bm25Params;
  /** How matching more of the question's words raises an entry's score. */
  coordination: Coordination;
  /** How much a field counts as evidence that an entry is about a question term (0..1). */
  fieldEvidence: Record<Field, number>;
  /** A word found in more than this share of the entries only counts in titles and keywords... */
  commonWordShare: number;
  /** ...once the KB has at least this many entries. */
  commonWordMinEntries: number;
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
  /**
   * When the best entry matches only one of the question's several topic words, it needs at least
   * this evidence ("una ricetta per la pesca al forno" shares one word with the fishing licence).
   */
  singleConceptMinEvidence: number;
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
  /**
   * ...and the runner-up scores at least this fraction of the best one: a word that names one
   * entry far better than the others ("tesserino", "orari uffici provincia") is answered.
   */
  vagueRatio: number;
  /**
   * How many recent interpretations to keep, by exact question text and request options (0: none).
   * The same questions come back all day; the KB does not change under a search object.
   */
  interpretationCacheSize: number;
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
  lengthNormalisation: {
    title: 0.5,
    keywords: 0.5,
    summary: 0.75,
    body: 0.75,
    details: 0.75,
    titleEn: 0.5,
    keywordsEn: 0.5,
    summaryEn: 0.75,
  },
  bm25: DEFAULT_BM25,
  coordination: 'weighted',
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
  commonWordShare: 0.3,
  commonWordMinEntries: 30,
  genericWeight: 0.3,
  synonymWeight: 0.9,
  typoWeight: 0.8,
  unknownWeight: 0.6,
  crossLanguageWeight: 0.5,
  minConfidence: 0.3,
  singleConceptMinEvidence: 0.55,
  minDominantConfidence: 0.2,
  dominantRatio: 0.65,
  ambiguityRatio: 0.75,
  ambiguityEvidenceRatio: 0.85,
  vagueMaxTopicWords: 1,
  vagueMinCandidates: 3,
  vagueMinEvidence: 0.5,
  vagueRatio: 0.5,
  interpretationCacheSize: 2000,
};

interface QueryTerm {
  term: string;
  weight: number;
  idf: number;
  generic: boolean;
  /** False for words the KB does not contain: they only lower the confidence. */
  known: boolean;
  /** A misspelling matched to a KB word: "moglie" may also become "soglie". */
  corrected: boolean;
  /**
   * For a word brought in by a synonym family: the question's words it stands for. It helps rank
   * the entries that use the family's wording, and credits those words, but is not more of the
   * question ("pescare" adds "licenza": a story that only mentions fishing is not about licences).
   */
  sources?: readonly string[];
}

interface Candidate {
  id: string;
  score: number;
  /** Weighted share of the question's words this entry is evidently about (0..1). */
  evidence: number;
  /** Matched query terms and the fields they were found in. */
  matched: Record<string, string[]>;
  /** Matched topic words written as in the KB (not generic, not a typo correction). */
  exactTopicMatches: number;
  /** The question's own topic words this entry matches, directly or through a synonym. */
  concepts: number;
  /** The matched terms that are not generic words. */
  topicTerms: ReadonlySet<string>;
}

export interface SearchExplanation {
  language: Language;
  terms: Array<{ term: string; weight: number; idf: number; known: boolean }>;
  candidates: Array<{
    id: string;
    score: number;
    evidence: number;
    /** The question's own topic words the entry matches. */
    concepts: number;
    matched: Record<string, string[]>;
  }>;
}

/**
 * Retrieval over the knowledge base: BM25F with BM25+'s lower bound over Italian-stemmed text
 * with synonyms expanded, plus an English index of the English titles, keywords and summaries;
 * then a decision on what the bot should do with the best candidates.
 *
 * (minisearch was the first engine: at 10,000 entries it needed about 9 s of CPU to build and
 * 3.5 ms per question, against targets of 2 s and 0.5 ms; see bench/search.ts.)
 */
export class KnowledgeSearch {
  private readonly index: Record<Language, Bm25fIndex>;
  private readonly ids: string[] = [];
  /** Words of the KB for typo correction, gathered on the first unknown word. */
  private vocabulary: Record<Language, TypoCorrector> | undefined;
  private readonly areaOf = new Map<string, Area>();
  private readonly analysisCache: Record<Language, Map<string, readonly string[]>> = {
    it: new Map(),
    en: new Map(),
  };
  private readonly options: KnowledgeSearchOptions;
  /** Recent interpretations, frozen: every caller gets the same object. */
  private readonly interpretations: LruCache<Interpretation>;

  constructor(
    private readonly entries: readonly KnowledgeEntry[],
    private readonly synonyms: SynonymDictionary = new SynonymDictionary(),
    options: Partial<KnowledgeSearchOptions> = {},
  ) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    const o = this.options;
    this.interpretations = new LruCache(o.interpretationCacheSize);
    const fieldsOf = (language: Language) =>
      FIELDS[language].map((name) => ({
        name,
        boost: o.boost[name],
        b: o.lengthNormalisation[name],
        topic: TOPIC_FIELDS.has(name),
        // Prose fields count each word once: how often a word recurs in a long text says little
        // about the topic.
        distinct: PROSE_FIELDS.has(name),
      }));
    this.index = { it: new Bm25fIndex(fieldsOf('it'), o.bm25), en: new Bm25fIndex(fieldsOf('en'), o.bm25) };
    for (const entry of entries) this.addEntry(entry);
    if (o.offTopicGuard) for (const t of OFF_TOPICS) this.addOffTopic(t.id, t.it, t.en);
    this.index.it.freeze();
    this.index.en.freeze();
  }

  /** Number of indexed entries. */
  get size(): number {
    return this.ids.filter((id) => !isOffTopic(id)).length;
  }

  /** Entries matching the question, best first, with their BM25 scores. */
  search(text: string, options: SearchRequestOptions = {}): SearchHit[] {
    const language = options.language ?? detectLanguage(text);
    return this.rank(text, language)
      .filter((c) => !isOffTopic(c.id))
      .slice(0, options.limit ?? 5)
      .map(({ id, score }) => ({ id, score }));
  }

  /**
   * What the bot should do with the question: answer, ask which one, ask for more, or say it does
   * not know. The result is frozen (it may be shared with earlier and later callers).
   */
  interpret(text: string, options: SearchRequestOptions = {}): Interpretation {
    const limit = options.limit ?? 5;
    // Same text and options, same KB: same verdict (the language, when absent, is detected from the text).
    const key = `${options.language ?? '?'}${limit}\u0000${text}`;
    const cached = this.interpretations.get(key);
    if (cached) return cached;
    const interpretation = freezeInterpretation(
      this.decide(text, options.language ?? detectLanguage(text), limit),
    );
    this.interpretations.set(key, interpretation);
    return interpretation;
  }

  private decide(text: string, language: Language, limit: number): Interpretation {
    const ranked = this.rankWithTerms(text, language);
    if (ranked.candidates[0] && isOffTopic(ranked.candidates[0].id)) {
      return { procedures: [], decision: 'none', language };
    }
    const candidates = ranked.candidates.filter((c) => !isOffTopic(c.id));
    const topicWords = ranked.topicWords;
    const [first, second] = candidates;
    // A question whose only link to the best entry is a guessed misspelling, among words the KB
    // does not know ("arrabbiato con mia moglie" -> "soglie"), is not about it.
    const onlyGuessed = first !== undefined && first.exactTopicMatches === 0 && ranked.unknownWords;
    if (
      !first ||
      topicWords === 0 ||
      onlyGuessed ||
      !this.confident(first, second) ||
      this.oneWordInMany(first, ranked.ownTopicWords) ||
      (first.concepts <= 1 && this.options.offTopicGuard && isChatIdiom(text)) ||
      this.chitChatAsLikely(
        first,
        ranked.candidates.find((c) => isOffTopic(c.id)),
      )
    ) {
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
        concepts: c.concepts,
        matched: c.matched,
      })),
    };
  }

  /**
   * The best entry shares only one of the question's several topic words, and that word is not
   * most of the question: "marmellata di pesche", "cerco una babysitter per mio figlio".
   */
  private oneWordInMany(first: Candidate, ownTopicWords: number): boolean {
    return (
      ownTopicWords >= 2 && first.concepts <= 1 && first.evidence < this.options.singleConceptMinEvidence
    );
  }

  /**
   * A chit-chat topic fits the question about as well as the best entry, on words the entry does
   * not explain ("dove si trova la stazione dei treni?"): too close to call, and answering with a
   * procedure would be the worse mistake.
   */
  private chitChatAsLikely(first: Candidate, chat: Candidate | undefined): boolean {
    const o = this.options;
    return (
      chat !== undefined &&
      chat.score >= first.score * o.ambiguityRatio &&
      chat.evidence >= first.evidence * o.ambiguityEvidenceRatio &&
      [...chat.topicTerms].some((t) => !first.topicTerms.has(t))
    );
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

  private rankWithTerms(
    text: string,
    language: Language,
  ): { candidates: Candidate[]; topicWords: number; ownTopicWords: number; unknownWords: boolean } {
    const primary = this.queryTerms(text, language);
    const topicWords = new Set(primary.filter((t) => !t.generic).map((t) => t.term)).size;
    const ownTopicWords = primary.filter(
      (t) => !t.generic && !t.sources && this.namesTopic(t, language),
    ).length;
    const unknownWords = primary.some((t) => !t.known && !t.generic);
    const own = this.runQuery(primary, language, 1);
    if (language === 'it') return { candidates: own, topicWords, ownTopicWords, unknownWords };
    // English questions: also read them as Italian, for names and acronyms both languages share.
    const italian = this.runQuery(this.queryTerms(text, 'it'), 'it', this.options.crossLanguageWeight);
    const merged = new Map<string, Candidate>(own.map((c) => [c.id, { ...c }]));
    for (const c of italian) {
      const seen = merged.get(c.id);
      if (seen) {
        seen.score += c.score;
        seen.evidence = Math.max(seen.evidence, c.evidence);
        seen.matched = { ...c.matched, ...seen.matched };
        seen.exactTopicMatches = Math.max(seen.exactTopicMatches, c.exactTopicMatches);
        seen.concepts = Math.max(seen.concepts, c.concepts);
        seen.topicTerms = new Set([...seen.topicTerms, ...c.topicTerms]);
      } else merged.set(c.id, c);
    }
    return { candidates: [...merged.values()].sort(byScore), topicWords, ownTopicWords, unknownWords };
  }

  /**
   * Whether a word of the question names a topic: unknown to the KB, or found where an entry or a
   * chit-chat topic says what it is about (title, keywords, summary). A word the KB only uses in
   * its prose ("urgente") qualifies the question rather than changing its subject.
   */
  private namesTopic(term: QueryTerm, language: Language): boolean {
    if (!term.known) return true;
    const index = this.index[language];
    const fields = FIELDS[language];
    const mask = index.fieldsOf(term.term);
    return fields.some((f, i) => !PROSE_FIELDS.has(f) && (mask & (1 << i)) !== 0);
  }

  private runQuery(terms: QueryTerm[], language: Language, scale: number): Candidate[] {
    const known = terms.filter((t) => t.known);
    const totalMass = terms.reduce((sum, t) => (t.sources ? sum : sum + t.weight * t.idf), 0);
    if (known.length === 0 || totalMass === 0) return [];
    const index = this.index[language];
    const n = index.documentCount;
    const maxDf = n >= this.options.commonWordMinEntries ? n * this.options.commonWordShare : Infinity;
    const query: QueryTermWeight[] = known.map((t) => ({
      term: t.term,
      weight: t.weight,
      // Words found in most entries ("domanda", "pec") only count where they name the topic.
      topicOnly: index.documentFrequency(t.term) > maxDf,
    }));
    const byTerm = new Map(known.map((t) => [t.term, t]));
    return index.search(query, EVIDENCE_DEPTH, this.options.coordination).map((hit) => {
      const credit = this.credit(hit, byTerm, language);
      let mass = 0;
      let concepts = 0;
      for (const t of terms) {
        const c = t.sources ? 0 : (credit.get(t.term) ?? 0);
        mass += t.weight * t.idf * c;
        if (c > 0 && !t.generic) concepts++;
      }
      return {
        id: this.ids[hit.doc] ?? '',
        score: hit.score * scale,
        evidence: Math.min(1, mass / totalMass) * scale,
        matched: this.fieldNames(hit, language),
        exactTopicMatches: [...hit.matches.keys()].filter((t) => {
          const q = byTerm.get(t);
          return q !== undefined && !q.corrected && !q.generic;
        }).length,
        concepts,
        topicTerms: new Set([...hit.matches.keys()].filter((t) => byTerm.get(t)?.generic === false)),
      };
    });
  }

  /**
   * How evidently an entry is about each of the question's own words (0..1), by the best field
   * the word was found in; a word matched through a synonym family credits the words it stands for.
   */
  private credit(hit: IndexHit, byTerm: Map<string, QueryTerm>, language: Language): Map<string, number> {
    const fields = FIELDS[language];
    const credit = new Map<string, number>();
    const give = (term: string, value: number): void => {
      if (value > (credit.get(term) ?? 0)) credit.set(term, value);
    };
    for (const [term, mask] of hit.matches) {
      const q = byTerm.get(term);
      if (!q) continue;
      let best = 0;
      fields.forEach((f, i) => {
        if (mask & (1 << i)) best = Math.max(best, this.options.fieldEvidence[f]);
      });
      if (q.sources) for (const source of q.sources) give(source, best * q.weight);
      else give(term, best);
    }
    return credit;
  }

  private fieldNames(hit: IndexHit, language: Language): Record<string, string[]> {
    const fields = FIELDS[language];
    const out: Record<string, string[]> = {};
    for (const [term, mask] of hit.matches) out[term] = fields.filter((_, i) => mask & (1 << i));
    return out;
  }

  private queryTerms(text: string, language: Language): QueryTerm[] {
    const index = this.index[language];
    const terms = new Map<string, QueryTerm>();
    const add = (term: string, weight: number, generic: boolean, known: boolean, corrected = false): void => {
      const seen = terms.get(term);
      if (seen && seen.weight >= weight) return;
      const idf = index.idf(known ? index.documentFrequency(term) : 1);
      terms.set(term, { term, weight, generic, known, corrected, idf });
    };
    const addSynonym = (term: string, sources: readonly string[]): void => {
      const seen = terms.get(term);
      if (seen?.sources) {
        seen.sources = [...new Set([...seen.sources, ...sources])];
        return;
      }
      if (seen) return;
      const idf = index.idf(index.documentFrequency(term));
      const weight = this.options.synonymWeight;
      terms.set(term, { term, weight, generic: false, known: true, corrected: false, idf, sources });
    };
    const stems: string[] = [];
    for (const token of analyze(text, language)) {
      const resolved = this.resolve(token, language, index);
      if (resolved) {
        stems.push(resolved.stem);
        const weight = token.generic ? this.options.genericWeight : resolved.weight;
        add(resolved.stem, weight, token.generic, true, resolved.corrected);
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
    for (const { stem: s, sources } of this.synonyms.expandWithSources(stems, language)) {
      if (index.has(s)) addSynonym(s, sources);
    }
    return [...terms.values()];
  }

  private resolve(
    token: AnalyzedToken,
    language: Language,
    index: Bm25fIndex,
  ): { stem: string; weight: number; corrected: boolean } | undefined {
    if (index.has(token.stem)) return { stem: token.stem, weight: 1, corrected: false };
    if (/\d/.test(token.surface)) return undefined;
    const corrected = this.vocabularyOf(language).correct(token.surface);
    if (corrected === undefined) return undefined;
    const correctedStem = stem(corrected, language);
    return index.has(correctedStem)
      ? { stem: correctedStem, weight: this.options.typoWeight, corrected: true }
      : undefined;
  }

  private mainArea(candidates: Candidate[]): Area | undefined {
    const weight = new Map<Area, number>();
    for (const c of candidates) {
      const area = this.areaOf.get(c.id);
      if (area) weight.set(area, (weight.get(area) ?? 0) + c.score);
    }
    return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }

  private addOffTopic(id: string, it: string, en: string): void {
    // Indexed like the title, keywords and summary of an entry: a chit-chat word should weigh
    // as much as an entry's own topic words.
    this.ids.push(`${OFF_TOPIC_PREFIX}${id}`);
    for (const [language, text] of [
      ['it', it],
      ['en', en],
    ] as const) {
      const tokens = analyze(text, language);
      const stems = tokens.map((t) => t.stem);
      const fieldTerms = FIELDS[language].map((f) => (PROSE_FIELDS.has(f) ? [] : stems));
      this.index[language].add(fieldTerms);
    }
  }

  private vocabularyOf(language: Language): TypoCorrector {
    if (!this.vocabulary) {
      const vocabulary = { it: new TypoCorrector(), en: new TypoCorrector() };
      const add = (lang: Language, text: string): void => {
        for (const surface of analyzeSurfaces(text, lang)) vocabulary[lang].add(surface);
      };
      for (const entry of this.entries) {
        const texts = textsOf(entry);
        for (const lang of ['it', 'en'] as const) {
          for (const field of FIELDS[lang]) for (const part of texts[field]) add(lang, part);
        }
      }
      if (this.options.offTopicGuard) {
        for (const t of OFF_TOPICS) {
          add('it', t.it);
          add('en', t.en);
        }
      }
      this.vocabulary = vocabulary;
    }
    return this.vocabulary[language];
  }

  /**
   * Stems of one piece of text. Offices repeat the same sentences across entries (how to follow
   * a case, costs, deadlines): analysing each distinct sentence once speeds up large KBs.
   */
  private stemsOf(text: string, language: Language): readonly string[] {
    const cache = this.analysisCache[language];
    let stems = cache.get(text);
    if (!stems) {
      stems = analyzeStems(text, language);
      if (cache.size < ANALYSIS_CACHE_SIZE) cache.set(text, stems);
    }
    return stems;
  }

  private addEntry(entry: KnowledgeEntry): void {
    this.ids.push(entry.id);
    this.areaOf.set(entry.id, entry.area);
    const texts = textsOf(entry);
    for (const language of ['it', 'en'] as const) {
      const fieldTerms = FIELDS[language].map((field) => {
        const stems: string[] = [];
        for (const part of texts[field]) for (const s of this.stemsOf(part, language)) stems.push(s);
        // Synonyms are expanded where an entry names its topic; prose keeps its own words.
        if (!PROSE_FIELDS.has(field)) for (const s of this.synonyms.expand(stems, language)) stems.push(s);
        return stems;
      });
      this.index[language].add(fieldTerms);
    }
  }
}

/** The texts of each indexed field of an entry. */
function textsOf(entry: KnowledgeEntry): Record<Field, string[]> {
  return {
    title: [entry.title],
    // The area's name ("ambiente", "strade") says what the entry is about: "info ambiente" is vague.
    keywords: [...entry.keywords, ...areaWords(entry.area)],
    summary: [entry.summary],
    body: [
      entry.description,
      entry.whoMayApply,
      ...entry.requirements,
      ...entry.documents.map((d) => d.title),
      entry.followUp,
      entry.competentAuthority?.name,
      entry.competentAuthority?.howToReach,
      entry.deadlineText,
    ].filter(isText),
    details: [
      ...entry.legalReferences,
      entry.office?.name,
      entry.costs?.text,
      ...(entry.costs?.paymentMethods ?? []),
    ].filter(isText),
    titleEn: entry.titleEn ? [entry.titleEn] : [],
    keywordsEn: entry.keywordsEn,
    summaryEn: entry.summaryEn ? [entry.summaryEn] : [],
  };
}

function areaWords(area: Area): string[] {
  return area === 'generale' || area === 'info' ? [] : [area.replace(/-/g, ' ')];
}

function isChatIdiom(text: string): boolean {
  const words = matchTokens(text).join(' ');
  return CHAT_IDIOMS.some((idiom) => idiom.test(words));
}

function isOffTopic(id: string): boolean {
  return id.startsWith(OFF_TOPIC_PREFIX);
}

function isText(value: string | undefined): value is string {
  return value !== undefined && value.length > 0;
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score;
}

function freezeInterpretation(interpretation: Interpretation): Interpretation {
  for (const hit of interpretation.procedures) Object.freeze(hit);
  Object.freeze(interpretation.procedures);
  return Object.freeze(interpretation);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
