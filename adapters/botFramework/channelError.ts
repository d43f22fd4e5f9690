/**
 * A Bot Framework channel (its Connector service at the activity's serviceUrl) did not take an
 * activity the bot sent: it answered a non-2xx status, or could not be reached in time.
 * The message names the operation, the status and the channel's host, never a token or an id.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';

  constructor(
    /** What the bot was doing, e.g. "reply", "send", "update", "delete". */
    readonly operation: string,
    /** The channel's host (from the serviceUrl). */
    readonly host: string,
    /** The HTTP status the channel answered; undefined when there was no answer. */
    readonly status: number | undefined,
    /** Why: the channel's own error message, or the network failure. */
    readonly reason: string,
    /** The channel's Retry-After, in ms, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(
      status === undefined
        ? `Bot Framework channel ${host}: ${operation} failed, ${reason}`
        : `Bot Framework channel ${host} answered HTTP ${status} to ${operation}${reason ? `: ${reason}` : ''}`,
    );
  }
}
