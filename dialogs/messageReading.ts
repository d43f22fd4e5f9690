import { LruCache } from '../knowledge/lruCache';
import { languageEvidence } from '../knowledge/language';
import type { Language } from '../knowledge/stemmer';
import { mayContainCodiceFiscale } from '../nlu/entities/codiceFiscale';
import { MAX_TEXT_LENGTH } from '../nlu/recognizeEntities';
import { type Facet, facetOf } from './facets';
import { detectSmallTalk, type SmallTalk } from './smallTalk';
import { foldForMatch, wordCount } from './textMatch';

/**
 * What the router reads off a citizen's message text alone, before it looks at the conversation:
 * the same text always reads the same way.
 */
export interface MessageReading {
  /** Words once folded (0 for a message with no letters or digits). */
  readonly words: number;
  /**
   * The language its function words suggest, for 3 words or more (shorter is a guess, but for
   * "hello", "grazie" and the like); undefined when nothing in it tells.
   */
  readonly language: Language | undefined;
  readonly smallTalk: SmallTalk | undefined;
  readonly facet: Facet | undefined;
  /** With a facet: the message without the words that name it, folded (see facetOf). */
  readonly facetRest: string | undefined;
  /** See mayHoldCodiceFiscale. */
  readonly mayHoldCodiceFiscale: boolean;
}

/**
 * Whether the entity recognizer may find a codice fiscale in a message: the codice fiscale
 * finder's own precheck on what the recognizer reads (its first MAX_TEXT_LENGTH characters). Most
 * questions fail it, and skip the entity recognizer entirely.
 */
export function mayHoldCodiceFiscale(text: string): boolean {
  return mayContainCodiceFiscale(text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text);
}

/**
 * Short messages whose language is not in doubt ("hello", "grazie"): too short for the
 * function-word detector, yet a citizen greeting in English expects English back.
 */
const SHORT_ENGLISH =
  /^(hello|hi|hi there|good (morning|afternoon|evening)|thanks|thank you|many thanks|bye|goodbye|see you|how much|english|english please|in english|parli inglese|in inglese)$/;
const SHORT_ITALIAN = /^(ciao|salve|buongiorno|buonasera|grazie|grazie mille|arrivederci|quanto costa)$/;

function shortMessageLanguage(text: string): Language | undefined {
  const folded = foldForMatch(text).trim();
  if (SHORT_ENGLISH.test(folded)) return 'en';
  if (SHORT_ITALIAN.test(folded)) return 'it';
  return undefined;
}

/** Reads a (trimmed) message text. */
export function readMessage(text: string): MessageReading {
  const words = wordCount(text);
  const facet = facetOf(text);
  return {
    words,
    language: words >= 3 ? languageEvidence(text) : shortMessageLanguage(text),
    smallTalk: detectSmallTalk(text),
    facet: facet?.facet,
    facetRest: facet?.rest,
    mayHoldCodiceFiscale: mayHoldCodiceFiscale(text),
  };
}

/** Texts whose reading is kept, like the search's interpretations (KnowledgeSearch). */
export const DEFAULT_READING_CACHE_SIZE = 2000;

/**
 * Reads messages, keeping the readings of the most recent texts: citizens send the same texts
 * over and over (the buttons' "Documenti", "Costi", "Sì", the questions of a deadline day), and a
 * reading is five passes of patterns over the text. Readings are frozen: one is shared by every
 * conversation that sends the same text.
 */
export class MessageReader {
  private readonly cache: LruCache<MessageReading>;

  constructor(cacheSize = DEFAULT_READING_CACHE_SIZE) {
    this.cache = new LruCache(cacheSize);
  }

  read(text: string): MessageReading {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const reading = Object.freeze(readMessage(text));
    this.cache.set(text, reading);
    return reading;
  }
}
