/** A rating that cannot be stored as given (unknown face, missing field, bad date). */
export class InvalidRatingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRatingError';
  }
}

/** A reason code that is not in the configured list. */
export class UnknownReasonError extends Error {
  constructor(readonly code: string) {
    super(`Unknown rating reason "${code}"`);
    this.name = 'UnknownReasonError';
  }
}

/** A reason given for a face other than the red one. */
export class ReasonNotAllowedError extends Error {
  constructor(readonly conversationId: string) {
    super('A reason can only be given after a negative rating');
    this.name = 'ReasonNotAllowedError';
  }
}

/** addReason() for a conversation that has no rating. */
export class RatingNotFoundError extends Error {
  constructor(readonly conversationId: string) {
    super('No rating for this conversation');
    this.name = 'RatingNotFoundError';
  }
}
