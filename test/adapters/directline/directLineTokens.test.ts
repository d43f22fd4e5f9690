import { DirectLineTokens } from '../../../adapters/directline/directLineTokens';
import { InvalidTokenError } from '../../../adapters/directline/invalidTokenError';
import { TokenExpiredError } from '../../../adapters/directline/tokenExpiredError';

const SECRET = 'a-direct-line-secret-for-tests';

describe('DirectLineTokens', () => {
  let now = Date.parse('2026-03-01T10:00:00Z');
  const tokens = new DirectLineTokens({ secret: SECRET, ttlSeconds: 1800, now: () => now });

  beforeEach(() => {
    now = Date.parse('2026-03-01T10:00:00Z');
  });

  it('grants one conversation to one user until it expires', () => {
    const issued = tokens.issue('conv1', 'dl_user1');
    expect(issued.expiresIn).toBe(1800);
    expect(tokens.verify(issued.token)).toEqual({
      conversationId: 'conv1',
      userId: 'dl_user1',
      expiresAt: now + 1800 * 1000,
    });
  });

  it('is a JWT whose user claim Web Chat can read', () => {
    const { token } = tokens.issue('conv1', 'dl_user1');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ user: 'dl_user1', conv: 'conv1' });
  });

  it('expires after its lifetime', () => {
    const { token } = tokens.issue('conv1', 'dl_user1');
    now += 1799 * 1000;
    expect(() => tokens.verify(token)).not.toThrow();
    now += 1000;
    expect(() => tokens.verify(token)).toThrow(TokenExpiredError);
  });

  it('refreshes a valid token with a new lifetime for the same grant, but not an expired one', () => {
    const { token } = tokens.issue('conv1', 'dl_user1');
    now += 1000 * 1000;
    const refreshed = tokens.refresh(token);
    expect(refreshed.token).not.toBe(token);
    expect(refreshed.claims).toEqual({
      conversationId: 'conv1',
      userId: 'dl_user1',
      expiresAt: now + 1800 * 1000,
    });
    now += 1700 * 1000;
    expect(() => tokens.verify(token)).toThrow(TokenExpiredError);
    expect(tokens.verify(refreshed.token).conversationId).toBe('conv1');
    expect(() => tokens.refresh(token)).toThrow(TokenExpiredError);
  });

  it('rejects forged, tampered and foreign tokens', () => {
    const { token } = tokens.issue('conv1', 'dl_user1');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), conv: 'conv2' }),
    ).toString('base64url');
    expect(() => tokens.verify(`${header}.${forgedPayload}.${signature}`)).toThrow(InvalidTokenError);
    expect(() => tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`)).toThrow(
      InvalidTokenError,
    );
    expect(() => tokens.verify('not-a-token')).toThrow(InvalidTokenError);
    expect(() => tokens.verify('')).toThrow(InvalidTokenError);
    const other = new DirectLineTokens({ secret: 'another-secret-of-another-deployment', now: () => now });
    expect(() => tokens.verify(other.issue('conv1', 'dl_user1').token)).toThrow(InvalidTokenError);
  });
});
