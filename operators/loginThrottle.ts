import type { LoginAttemptStore } from './loginAttemptStore';

export interface LoginThrottleOptions {
  /** Failed logins for one username before it is locked. */
  maxFailuresPerUser: number;
  /**
   * Failed logins from one address before it is locked. Higher than per user: a contact centre
   * often sits behind one NAT address, and one operator's typos must not lock out the others.
   */
  maxFailuresPerIp: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE_OPTIONS: LoginThrottleOptions = {
  maxFailuresPerUser: 5,
  maxFailuresPerIp: 20,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** Raised while a username or address is locked out; says when to retry. */
export class LoginLockedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Too many failed logins: retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'LoginLockedError';
  }
}

/** Lockout after repeated failed logins, per username and per client address. */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;

  constructor(
    private readonly store: LoginAttemptStore,
    options: Partial<LoginThrottleOptions> = {},
  ) {
    this.options = { ...DEFAULT_LOGIN_THROTTLE_OPTIONS, ...options };
  }

  /** @throws LoginLockedError when either the username or the address is locked. */
  async check(username: string, ip: string): Promise<void> {
    const left = Math.max(await this.store.lockedMs(userKey(username)), await this.store.lockedMs(ipKey(ip)));
    if (left > 0) throw new LoginLockedError(left);
  }

  async failure(username: string, ip: string): Promise<void> {
    const { windowMs, lockMs } = this.options;
    const [byUser, byIp] = await Promise.all([
      this.store.addFailure(userKey(username), windowMs),
      this.store.addFailure(ipKey(ip), windowMs),
    ]);
    if (byUser >= this.options.maxFailuresPerUser) await this.store.lock(userKey(username), lockMs);
    if (byIp >= this.options.maxFailuresPerIp) await this.store.lock(ipKey(ip), lockMs);
  }

  /** A good password clears the username's failures (not the address's: others may be guessing). */
  async success(username: string): Promise<void> {
    await this.store.clear(userKey(username));
  }
}

function userKey(username: string): string {
  return `u:${username.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}
