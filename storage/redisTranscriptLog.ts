import type { RedisClientType } from 'redis';
import { TRANSCRIPT_MAX_LINES, type TranscriptLine, type TranscriptLog } from './transcriptLog';

export type TranscriptRedisClient = Pick<RedisClientType, 'eval' | 'lRange'>;

export interface RedisTranscriptLogOptions {
  /** Prepended to the conversation key, e.g. "la:transcript:". */
  prefix: string;
  /** Seconds a conversation's transcript lives after its last line; 0 keeps it forever. */
  ttlSeconds?: number;
}

// KEYS: the list. ARGV: max lines, ttl seconds, lines (JSON)... One round trip, atomic.
const APPEND = `
for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
if tonumber(ARGV[2]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

function parseLine(raw: string): TranscriptLine | undefined {
  try {
    const v = JSON.parse(raw) as Partial<TranscriptLine>;
    if ((v.from === 'citizen' || v.from === 'bot') && typeof v.text === 'string' && typeof v.at === 'string')
      return { from: v.from, text: v.text, at: v.at };
  } catch {
    // A line this version cannot read is left out, never a reason to fail the case.
  }
  return undefined;
}

/** Transcripts shared by every process: one Redis list per conversation, trimmed on append. */
export class RedisTranscriptLog implements TranscriptLog {
  private readonly ttl: number;

  constructor(
    private readonly client: TranscriptRedisClient,
    private readonly options: RedisTranscriptLogOptions,
  ) {
    this.ttl = options.ttlSeconds ?? 0;
  }

  async append(conversationKey: string, lines: readonly TranscriptLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.client.eval(APPEND, {
      keys: [this.options.prefix + conversationKey],
      arguments: [
        String(TRANSCRIPT_MAX_LINES),
        String(this.ttl),
        ...lines.map((l) => JSON.stringify({ from: l.from, text: l.text, at: l.at })),
      ],
    });
  }

  async read(conversationKey: string): Promise<TranscriptLine[]> {
    const raw = await this.client.lRange(this.options.prefix + conversationKey, 0, -1);
    return raw.map(parseLine).filter((l) => l !== undefined);
  }
}
