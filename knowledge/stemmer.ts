import stemmerIt from 'natural/lib/natural/stemmers/porter_stemmer_it';
import stemmerEn from 'natural/lib/natural/stemmers/porter_stemmer';

export type Language = 'it' | 'en';

// The vocabulary is small compared with the number of tokens indexed: caching the stems makes
// indexing 10,000 entries affordable.
const MAX_CACHE = 200_000;
const caches: Record<Language, Map<string, string>> = { it: new Map(), en: new Map() };

/**
 * Acronyms and names that the stemmer would mangle or merge with other words ("tari" would
 * become "tar", the administrative court).
 */
const KEEP_AS_IS: ReadonlySet<string> = new Set(
  'tari tar inps naspi suap foia gdpr pagopa curit raee ippc spid cie urp did pec anas aci ztl'.split(' '),
);

/** Stems a folded, lower-case token with natural's Porter stemmer for the language. */
export function stem(token: string, language: Language): string {
  const cache = caches[language];
  const hit = cache.get(token);
  if (hit !== undefined) return hit;
  // Numbers and very short tokens are kept as they are ("aua", "65", "152").
  const stemmed =
    token.length <= 3 || /\d/.test(token) || KEEP_AS_IS.has(token)
      ? token
      : (language === 'it' ? stemmerIt : stemmerEn).stem(token);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(token, stemmed);
  return stemmed;
}
