import * as transcript from '../../dialogs/transcript';

/**
 * Bench experiment only (row d-): the upper bound of moving the operator transcript out of the
 * hashed conversation state. Lines go to a per-conversation ring in memory (what an append-only
 * TranscriptLog would cost) instead of `ConversationData.transcript`, which BotState hashes with
 * a replacer-based stringify three times per turn.
 */
export function keepTranscriptOutOfStateInProcess(): void {
  const rings = new WeakMap<object, Array<{ from: string; text: string; at: string }>>();
  const module = transcript as { addTranscriptLine: typeof transcript.addTranscriptLine };
  module.addTranscriptLine = (data, from, text) => {
    const clean = (text ?? '').trim();
    if (clean === '') return;
    let ring = rings.get(data);
    if (!ring) rings.set(data, (ring = []));
    ring.push({ from, text: clean.slice(0, 1000), at: new Date().toISOString() });
    if (ring.length > transcript.TRANSCRIPT_MAX_LINES) ring.shift();
  };
}
