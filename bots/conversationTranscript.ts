import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { type TranscriptLine, type TranscriptReader, transcriptLine } from '../dialogs/transcript';
import { TRANSCRIPT_MAX_LINES, type TranscriptLog } from '../storage/transcriptLog';

const PENDING = Symbol('transcriptPending');

/**
 * Records the operator transcript of bot conversations: the lines of a turn are kept in turn
 * state and appended to the log once, when the turn saves; a case opened during the turn reads
 * the log plus those lines. A log that cannot be reached (Redis down) never fails the turn: the
 * lines of that turn are lost for the operator, and the problem is reported once until it heals.
 */
export class ConversationTranscript implements TranscriptReader {
  private degraded = false;

  constructor(
    private readonly log: TranscriptLog,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /**
   * Starts recording a citizen's message turn: the message, then every message the bot sends.
   * `earlier` lines (a transcript found in an older state) go first.
   */
  recordTurn(context: TurnContext, earlier: readonly TranscriptLine[] = []): void {
    const pending: TranscriptLine[] = [...earlier];
    const said = transcriptLine('citizen', context.activity.text);
    if (said) pending.push(said);
    context.turnState.set(PENDING, pending);
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) {
        if (a.type !== ActivityTypes.Message) continue;
        const line = transcriptLine('bot', a.text);
        if (line) pending.push(line);
      }
      return next();
    });
  }

  /** Appends the turn's lines to the log (at the end of the turn). */
  async flush(context: TurnContext): Promise<void> {
    const pending = context.turnState.get(PENDING) as TranscriptLine[] | undefined;
    if (!pending || pending.length === 0) return;
    const lines = pending.splice(0);
    try {
      await this.log.append(conversationKey(context), lines);
      this.degraded = false;
    } catch (err) {
      this.failed(err);
    }
  }

  /** The conversation so far, this turn's lines included, oldest first. */
  async read(context: TurnContext): Promise<TranscriptLine[]> {
    const pending = (context.turnState.get(PENDING) as TranscriptLine[] | undefined) ?? [];
    let stored: TranscriptLine[] = [];
    try {
      stored = await this.log.read(conversationKey(context));
      this.degraded = false;
    } catch (err) {
      this.failed(err);
    }
    return [...stored, ...pending].slice(-TRANSCRIPT_MAX_LINES);
  }

  private failed(err: unknown): void {
    if (!this.degraded) this.onError(err);
    this.degraded = true;
  }
}

/** One transcript per channel conversation. */
function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId}/${context.activity.conversation.id}`;
}
