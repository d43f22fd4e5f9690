import { sameSecret } from '../app/adminAuth';
import type { IncomingMessage } from 'node:http';

export type AuthorizeResult = 'ok' | 'unauthenticated' | 'forbidden';

/** The parts of the console's session and account stores this check needs (structural, no import). */
export interface ReportsAuthorizerDeps {
  /** ADMIN_API_KEY: `Authorization: Bearer <key>` is allowed when set. */
  adminApiKey?: string;
  /** The console session cookie's name (operators/sessionCookie.ts SESSION_COOKIE). */
  sessionCookie: string;
  sessions: { get(id: string): Promise<{ username: string; createdAt: string } | undefined> };
  accounts: { get(username: string): Promise<{ role: string; updatedAt: string } | undefined> };
}

/**
 * Reports are for supervisors: a console session whose account is a supervisor (and was not
 * changed since login, like the console's own check), or the admin API key.
 */
export function createReportsAuthorizer(
  deps: ReportsAuthorizerDeps,
): (req: Pick<IncomingMessage, 'headers'>) => Promise<AuthorizeResult> {
  return async (req) => {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
      return deps.adminApiKey !== undefined && sameSecret(auth.replace(/^Bearer\s+/i, ''), deps.adminApiKey)
        ? 'ok'
        : 'unauthenticated';
    }
    const id = readCookie(req.headers.cookie, deps.sessionCookie);
    const session = id ? await deps.sessions.get(id) : undefined;
    if (!session) return 'unauthenticated';
    const account = await deps.accounts.get(session.username);
    if (!account || Date.parse(account.updatedAt) > Date.parse(session.createdAt)) return 'unauthenticated';
    return account.role === 'supervisor' ? 'ok' : 'forbidden';
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
