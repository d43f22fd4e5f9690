import { createPiiMasker } from '../nlu/piiMask';
import type { ConversationData } from './conversationData';

// Operators need the email or phone to call back, never a codice fiscale or an IBAN.
const maskForOperators = createPiiMasker({ types: ['codiceFiscale', 'iban'] });

/** Lines of the bot conversation kept for the operator who takes the case. */
export const TRANSCRIPT_MAX_LINES = 30;
/**
 * Citizens' lines are kept whole (up to 1000 characters); the bot's answers are knowledge-base
 * text the operator can look up, so only their start and end are kept (the end holds the
 * question the bot asked): the state stays small and cheap to hash on every turn.
 */
const MAX_CHARS = { citizen: 1000, bot: 240 } as const;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor(max / 3);
  return `${text.slice(0, max - tail - 3).trimEnd()} … ${text.slice(text.length - tail).trimStart()}`;
}

export function addTranscriptLine(
  data: ConversationData,
  from: 'citizen' | 'bot',
  text: string | undefined,
): void {
  const clean = (text ?? '').trim();
  if (clean === '') return;
  data.transcript ??= [];
  data.transcript.push({
    from,
    text: shorten(maskForOperators(clean), MAX_CHARS[from]),
    at: new Date().toISOString(),
  });
  if (data.transcript.length > TRANSCRIPT_MAX_LINES)
    data.transcript.splice(0, data.transcript.length - TRANSCRIPT_MAX_LINES);
}
