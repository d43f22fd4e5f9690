import { matchTokens } from './normalize';
import type { Language } from './stemmer';

// Function words that are frequent in one language and rare or absent in the other ("a", "in",
// "come", "do" are ambiguous and left out).
const ENGLISH = new Set(
  `the of to is are was were be been do does did can could would should will my your our their
  this that these those what which who where when why how with for from about have has had an
  and or not please need want get there any some we you they`.split(/\s+/),
);
const ITALIAN = new Set(
  `il lo la gli le di del della dei delle dello che per non un una uno sono sei e è ho hai ha
  abbiamo come cosa dove quando quanto perché perche chi mi ti si ci del nel nella sul sulla
  al alla dal dalla con posso devo vorrei serve mio mia questo questa anche più piu ancora già gia`.split(
    /\s+/,
  ),
);

/** A cheap guess of the language of a citizen's message from its function words; Italian by default. */
export function detectLanguage(text: string): Language {
  return languageEvidence(text) ?? 'it';
}

/**
 * The language a message's function words point to, or undefined when they point nowhere (a
 * phone number, "fishing licence renewal"): a conversation then keeps the language it had.
 */
export function languageEvidence(text: string): Language | undefined {
  let en = 0;
  let it = 0;
  const tokens = matchTokens(text);
  for (const token of tokens) {
    if (ENGLISH.has(token)) en += 1;
    if (ITALIAN.has(token)) it += 1;
  }
  // One English-looking word is not enough in a short message: "DID" is an Italian acronym.
  if (en > it && (en >= 2 || tokens.length >= 3)) return 'en';
  return it > 0 || en > 0 ? 'it' : undefined;
}
