// The router folds the same message for the language, small talk, facets and follow-ups.
let lastText: string | undefined;
let lastFolded = '';

/** Lowercase, accents folded, apostrophes and punctuation to spaces: for matching patterns. */
export function foldForMatch(text: string): string {
  if (text === lastText) return lastFolded;
  lastFolded = /^[\t\n\r -~]*$/.test(text) ? foldAscii(text) : foldUnicode(text);
  lastText = text;
  return lastFolded;
}

/** Words in the message once folded (0 for a message with no letters or digits). */
export function wordCount(text: string): number {
  const folded = foldForMatch(text);
  return folded === '' ? 0 : folded.split(' ').length;
}

/**
 * Most messages are plain printable ASCII: no accents to fold, and the only letters and digits are a-z and
 * 0-9 once lowercased, so every run of other characters (spaces, punctuation) becomes one space.
 * Same result as foldUnicode, without its Unicode property classes.
 */
function foldAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function foldUnicode(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`´]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
