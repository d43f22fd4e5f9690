import { matchTokens } from './normalize';
import { stem, type Language } from './stemmer';
import { ENGLISH_STOP_WORDS, GENERIC_WORDS, ITALIAN_STOP_WORDS } from './stopWords';

/** One topic word of a text: as written (accents folded) and stemmed. */
export interface AnalyzedToken {
  surface: string;
  stem: string;
  /** "info", "problema", "provincia", numbers: says a question is asked, not what about. */
  generic: boolean;
}

const STOP_WORDS: Record<Language, ReadonlySet<string>> = { it: ITALIAN_STOP_WORDS, en: ENGLISH_STOP_WORDS };

/** Longer "words" are pasted codes or keyboard mashing: not worth stemming or correcting. */
const MAX_WORD_LENGTH = 40;

/** Tokenizes, drops stop words and one-letter tokens, and stems what is left. */
export function analyze(text: string, language: Language): AnalyzedToken[] {
  const stopWords = STOP_WORDS[language];
  const out: AnalyzedToken[] = [];
  for (const surface of matchTokens(text)) {
    if (stopWords.has(surface) || surface.length > MAX_WORD_LENGTH) continue;
    if (surface.length < 2 && !/\d/.test(surface)) continue;
    // Numbers ("30 giorni", "SP 72") qualify a question but do not say what it is about.
    out.push({
      surface,
      stem: stem(surface, language),
      generic: GENERIC_WORDS.has(surface) || /^\d+$/.test(surface),
    });
  }
  return out;
}

/** Token -> its stem, or null when it is not a topic word: one lookup per token when indexing. */
const MAX_TOKEN_CACHE = 200_000;
const tokenCaches: Record<Language, Map<string, string | null>> = { it: new Map(), en: new Map() };

/** The stems of a text's topic words, in order (no per-token objects: this runs on every entry). */
export function analyzeStems(text: string, language: Language): string[] {
  const cache = tokenCaches[language];
  const out: string[] = [];
  for (const surface of matchTokens(text)) {
    let stemmed = cache.get(surface);
    if (stemmed === undefined) {
      stemmed = isTopicWord(surface, language) ? stem(surface, language) : null;
      if (cache.size >= MAX_TOKEN_CACHE) cache.clear();
      cache.set(surface, stemmed);
    }
    if (stemmed !== null) out.push(stemmed);
  }
  return out;
}

function isTopicWord(surface: string, language: Language): boolean {
  if (STOP_WORDS[language].has(surface) || surface.length > MAX_WORD_LENGTH) return false;
  return surface.length >= 2 || /\d/.test(surface);
}

/** The topic words of a text as written (accents folded), unstemmed. */
export function analyzeSurfaces(text: string, language: Language): string[] {
  const stopWords = STOP_WORDS[language];
  return matchTokens(text).filter(
    (s) => !stopWords.has(s) && s.length <= MAX_WORD_LENGTH && (s.length >= 2 || /\d/.test(s)),
  );
}
