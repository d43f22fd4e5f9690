import { createPiiMasker } from '../nlu/piiMask';
import type { ConversationData } from './conversationData';

// Operators need the email or phone to call back, never a codice fiscale or an IBAN.
const maskForOperators = createPiiMasker({ types: ['codiceFiscale', 'iban'] });

/** Lines of the bot conversation kept for the operator who takes the case. */
export const TRANSCRIPT_MAX_LINES = 30;
const TRANSCRIPT_MAX_CHARS = 1000;

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
    text: maskForOperators(clean).slice(0, TRANSCRIPT_MAX_CHARS),
    at: new Date().toISOString(),
  });
  if (data.transcript.length > TRANSCRIPT_MAX_LINES)
    data.transcript.splice(0, data.transcript.length - TRANSCRIPT_MAX_LINES);
}
