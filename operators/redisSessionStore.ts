import type { RedisClientType } from 'redis';
import { newCsrfToken, newSessionId, type OperatorSession, sessionKey } from './operatorSession';
import type { SessionStore, SessionStoreOptions } from './sessionStore';

export type SessionRedisClient = Pick<
  RedisClientType,
  'set' | 'get' | 'del' | 'sAdd' | 'sRem' | 'sMembers' | 'pExpire'
>;

export interface RedisSessionStoreOptions extends SessionStoreOptions {
  /** Key prefix, e.g. "la:"; sessions live under `<prefix>opsession:`. */
  prefix: string;
}

/** Sessions in Redis with a TTL, so every process sees every login and logout. */
export class RedisSessionStore implements SessionStore {
  private readonly now: () => number;

  constructor(
    private readonly client: SessionRedisClient,
    private readonly options: RedisSessionStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async create(username: string): Promise<OperatorSession> {
    const now = this.now();
    const session: OperatorSession = {
      id: newSessionId(),
      username,
      csrfToken: newCsrfToken(),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.ttlMs).toISOString(),
    };
    const key = sessionKey(session.id);
    await this.client.set(this.sessionRedisKey(key), JSON.stringify({ ...session, id: '' }), {
      expiration: { type: 'PX', value: this.options.ttlMs },
    });
    await this.client.sAdd(this.userKey(username), key);
    await this.client.pExpire(this.userKey(username), this.options.ttlMs);
    return session;
  }

  async get(id: string): Promise<OperatorSession | undefined> {
    const raw = await this.client.get(this.sessionRedisKey(sessionKey(id)));
    if (typeof raw !== 'string') return undefined;
    const session = { ...(JSON.parse(raw) as OperatorSession), id };
    // Redis expires the key; the check also honours an injected clock.
    return Date.parse(session.expiresAt) <= this.now() ? undefined : session;
  }

  async delete(id: string): Promise<void> {
    const key = sessionKey(id);
    const raw = await this.client.get(this.sessionRedisKey(key));
    await this.client.del(this.sessionRedisKey(key));
    if (typeof raw === 'string') {
      await this.client.sRem(this.userKey((JSON.parse(raw) as OperatorSession).username), key);
    }
  }

  async deleteForUser(username: string): Promise<number> {
    const keys = await this.client.sMembers(this.userKey(username));
    let n = 0;
    if (keys.length > 0) n = await this.client.del(keys.map((k) => this.sessionRedisKey(k)));
    await this.client.del(this.userKey(username));
    return n;
  }

  private sessionRedisKey(key: string): string {
    return `${this.options.prefix}opsession:${key}`;
  }

  private userKey(username: string): string {
    return `${this.options.prefix}opsessions:${username}`;
  }
}
