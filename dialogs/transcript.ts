import { LruCache } from '../knowledge/lruCache';
import type { TurnContext } from 'botbuilder-core';
import { createPiiMasker } from '../nlu/piiMask';
import { TRANSCRIPT_MAX_LINES, type TranscriptLine } from '../storage/transcriptLog';

export { TRANSCRIPT_MAX_LINES, type TranscriptLine } from '../storage/transcriptLog';

// Operators need the email or phone to call back, never a codice fiscale or an IBAN.
const maskForOperators = createPiiMasker({ types: ['codiceFiscale', 'iban'] });

/**
 * Citizens' lines are kept whole (up to 1000 characters); the bot's answers are knowledge-base
 * text the operator can look up, so only their start and end are kept (the end holds the
 * question the bot asked).
 */
const MAX_CHARS = { citizen: 1000, bot: 240 } as const;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor(max / 3);
  return `${text.slice(0, max - tail - 3).trimEnd()} … ${text.slice(text.length - tail).trimStart()}`;
}

/**
 * The bot says the same knowledge-base answers again and again: the transcript text (masked,
 * shortened) of the most recent long ones is kept. Short lines, which may repeat what the
 * citizen wrote, are not kept.
 */
const botTexts = new LruCache<string>(256);

function botText(clean: string): string {
  if (clean.length <= MAX_CHARS.bot) return maskForOperators(clean);
  const cached = botTexts.get(clean);
  if (cached !== undefined) return cached;
  const text = shorten(maskForOperators(clean), MAX_CHARS.bot);
  botTexts.set(clean, text);
  return text;
}

/** The line an operator reads for what was said: masked and shortened; undefined for nothing said. */
export function transcriptLine(
  from: 'citizen' | 'bot',
  text: string | undefined,
  at: Date = new Date(),
): TranscriptLine | undefined {
  const clean = (text ?? '').trim();
  if (clean === '') return undefined;
  const said = from === 'bot' ? botText(clean) : shorten(maskForOperators(clean), MAX_CHARS.citizen);
  return { from, text: said, at: at.toISOString() };
}

/** Adds what was said to a list of lines, keeping the last `TRANSCRIPT_MAX_LINES`. */
export function addTranscriptLine(
  holder: { transcript?: TranscriptLine[] },
  from: 'citizen' | 'bot',
  text: string | undefined,
): void {
  const line = transcriptLine(from, text);
  if (!line) return;
  holder.transcript ??= [];
  holder.transcript.push(line);
  if (holder.transcript.length > TRANSCRIPT_MAX_LINES)
    holder.transcript.splice(0, holder.transcript.length - TRANSCRIPT_MAX_LINES);
}

/** What the escalation dialog reads when it opens a case: the conversation so far, this turn included. */
export interface TranscriptReader {
  read(context: TurnContext): Promise<TranscriptLine[]>;
}

/** No transcript (dialogs driven without the bot, e.g. in tests). */
export const NO_TRANSCRIPT: TranscriptReader = { read: async () => [] };
