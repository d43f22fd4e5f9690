/** The Direct Line conversation does not exist (never created, or expired). */
export class ConversationNotFoundError extends Error {
  constructor(readonly conversationId: string) {
    super(`Direct Line conversation ${conversationId} not found`);
    this.name = 'ConversationNotFoundError';
  }
}
