import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidTokenError } from './invalidTokenError';
import { TokenExpiredError } from './tokenExpiredError';

export interface DirectLineTokensOptions {
  /** DIRECTLINE_SECRET, or a random per-process secret; the signing key is derived from it. */
  secret: string;
  /** Token lifetime (DIRECTLINE_TOKEN_TTL_SECONDS). */
  ttlSeconds?: number;
  now?: () => number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 1800;

/** What a valid token grants: one conversation, as one user, until `expiresAt` (ms). */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  expiresAt: number;
}

export interface IssuedToken {
  token: string;
  /** Seconds until it expires (Direct Line's `expires_in`). */
  expiresIn: number;
  claims: TokenClaims;
}

const ISSUER = 'linea-amica';
const VERIFIED_CACHE_SIZE = 10_000;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

interface Payload {
  iss: string;
  conv: string;
  user: string;
  iat: number;
  exp: number;
  jti: string;
}

/**
 * Direct Line tokens: HS256 JWTs scoped to one conversation and one user. They are JWTs because
 * Web Chat reads the `user` claim and then sends as that user, as with Microsoft's service.
 */
export class DirectLineTokens {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  private readonly verified = new Map<string, Readonly<TokenClaims>>();

  constructor(options: DirectLineTokensOptions) {
    // A key of its own, so the secret used as a bearer credential never signs anything itself.
    this.key = createHmac('sha256', options.secret)
      .update('linea-amica/directline/token-signing/v1')
      .digest();
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    this.now = options.now ?? Date.now;
  }

  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  issue(conversationId: string, userId: string): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const payload: Payload = {
      iss: ISSUER,
      conv: conversationId,
      user: userId,
      iat,
      exp: iat + this.ttlSeconds,
      jti: randomBytes(9).toString('base64url'),
    };
    const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return {
      token: `${body}.${this.sign(body)}`,
      expiresIn: this.ttlSeconds,
      claims: { conversationId, userId, expiresAt: payload.exp * 1000 },
    };
  }

  /** A new token with a new lifetime for the same conversation and user; the old one must be valid. */
  refresh(token: string): IssuedToken {
    const claims = this.verify(token);
    return this.issue(claims.conversationId, claims.userId);
  }

  /** Throws InvalidTokenError or TokenExpiredError. */
  verify(token: string): Readonly<TokenClaims> {
    // Every activity a client posts carries the same token: remember the ones already checked.
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt <= this.now()) throw new TokenExpiredError(new Date(known.expiresAt));
      return known;
    }
    const claims = this.check(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, claims);
    return claims;
  }

  private check(token: string): TokenClaims {
    const firstDot = token.indexOf('.');
    const lastDot = token.lastIndexOf('.');
    if (firstDot <= 0 || lastDot === firstDot) throw new InvalidTokenError('not a signed token');
    const body = token.slice(0, lastDot);
    if (token.slice(0, firstDot) !== HEADER) throw new InvalidTokenError('unexpected header');
    const given = Buffer.from(token.slice(lastDot + 1), 'base64url');
    const expected = createHmac('sha256', this.key).update(body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidTokenError('bad signature');
    }
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(
        Buffer.from(token.slice(firstDot + 1, lastDot), 'base64url').toString(),
      ) as Partial<Payload>;
    } catch {
      throw new InvalidTokenError('unreadable payload');
    }
    const { iss, conv, user, exp } = payload;
    if (iss !== ISSUER || typeof conv !== 'string' || typeof user !== 'string' || typeof exp !== 'number') {
      throw new InvalidTokenError('missing claims');
    }
    const expiresAt = exp * 1000;
    if (expiresAt <= this.now()) throw new TokenExpiredError(new Date(expiresAt));
    return { conversationId: conv, userId: user, expiresAt };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
