// The router folds the same message for the language, small talk, facets and follow-ups.
let lastText: string | undefined;
let lastFolded = '';

/** Lowercase, accents folded, apostrophes and punctuation to spaces: for matching patterns. */
export function foldForMatch(text: string): string {
  if (text === lastText) return lastFolded;
  lastFolded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`´]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  lastText = text;
  return lastFolded;
}
