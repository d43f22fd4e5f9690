/** A Direct Line token that is malformed, forged or signed with another secret. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid Direct Line token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}
