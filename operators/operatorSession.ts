import { createHash, randomBytes } from 'node:crypto';

/** A console login. The id travels only in an httpOnly cookie; the CSRF token in a header. */
export interface OperatorSession {
  id: string;
  username: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Stores key sessions by this digest, so a dump of the store does not yield usable cookies. */
export function sessionKey(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
