import { newCsrfToken, newSessionId, type OperatorSession, sessionKey } from './operatorSession';
import type { SessionStore, SessionStoreOptions } from './sessionStore';

/** Embedded default: sessions in this process (a restart logs everyone out). */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  async create(username: string): Promise<OperatorSession> {
    this.sweep();
    const now = this.now();
    const session: OperatorSession = {
      id: newSessionId(),
      username,
      csrfToken: newCsrfToken(),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.ttlMs).toISOString(),
    };
    this.sessions.set(sessionKey(session.id), JSON.stringify({ ...session, id: '' }));
    return session;
  }

  async get(id: string): Promise<OperatorSession | undefined> {
    const key = sessionKey(id);
    const raw = this.sessions.get(key);
    if (raw === undefined) return undefined;
    const session = { ...(JSON.parse(raw) as OperatorSession), id };
    if (Date.parse(session.expiresAt) <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(sessionKey(id));
  }

  async deleteForUser(username: string): Promise<number> {
    let n = 0;
    for (const [key, raw] of this.sessions) {
      if ((JSON.parse(raw) as OperatorSession).username === username) {
        this.sessions.delete(key);
        n++;
      }
    }
    return n;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, raw] of this.sessions) {
      if (Date.parse((JSON.parse(raw) as OperatorSession).expiresAt) <= now) this.sessions.delete(key);
    }
  }
}
