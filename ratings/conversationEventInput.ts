/** A conversation event that cannot be logged as given. */
export class InvalidConversationEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConversationEventError';
  }
}

export function checkId(conversationId: string): void {
  if (typeof conversationId !== 'string' || conversationId === '' || conversationId.length > 512)
    throw new InvalidConversationEventError('conversationId is required');
}

export function checkDuration(ms: number, field: string): void {
  if (!Number.isFinite(ms) || ms < 0) throw new InvalidConversationEventError(`${field} must be >= 0`);
}

/** The event time as ISO 8601, the clock's when omitted. */
export function eventTime(at: string | undefined, now: number): string {
  const ms = at === undefined ? now : Date.parse(at);
  if (Number.isNaN(ms)) throw new InvalidConversationEventError('at must be an ISO 8601 date');
  return new Date(ms).toISOString();
}
