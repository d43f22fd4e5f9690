/** A Direct Line token whose lifetime is over: the client must get a new one. */
export class TokenExpiredError extends Error {
  constructor(readonly expiredAt: Date) {
    super(`Direct Line token expired at ${expiredAt.toISOString()}`);
    this.name = 'TokenExpiredError';
  }
}
