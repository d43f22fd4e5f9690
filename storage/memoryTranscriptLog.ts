import { TRANSCRIPT_MAX_LINES, type TranscriptLine, type TranscriptLog } from './transcriptLog';

export interface MemoryTranscriptLogOptions {
  /** Conversations kept; the one written least recently is dropped first. */
  maxConversations?: number;
}

export const DEFAULT_MAX_TRANSCRIPT_CONVERSATIONS = 10_000;

/** Transcripts in this process only (no REDIS_URL), bounded by conversations as well as lines. */
export class MemoryTranscriptLog implements TranscriptLog {
  // Map order is write order: the first key is the conversation written least recently.
  private readonly lines = new Map<string, TranscriptLine[]>();
  private readonly maxConversations: number;

  constructor(options: MemoryTranscriptLogOptions = {}) {
    this.maxConversations = options.maxConversations ?? DEFAULT_MAX_TRANSCRIPT_CONVERSATIONS;
  }

  async append(conversationKey: string, lines: readonly TranscriptLine[]): Promise<void> {
    if (lines.length === 0) return;
    const kept = this.lines.get(conversationKey) ?? [];
    this.lines.delete(conversationKey);
    for (const line of lines) kept.push({ from: line.from, text: line.text, at: line.at });
    if (kept.length > TRANSCRIPT_MAX_LINES) kept.splice(0, kept.length - TRANSCRIPT_MAX_LINES);
    this.lines.set(conversationKey, kept);
    if (this.lines.size > this.maxConversations) {
      const oldest = this.lines.keys().next().value;
      if (oldest !== undefined) this.lines.delete(oldest);
    }
  }

  async read(conversationKey: string): Promise<TranscriptLine[]> {
    return (this.lines.get(conversationKey) ?? []).map((l) => ({ ...l }));
  }
}
