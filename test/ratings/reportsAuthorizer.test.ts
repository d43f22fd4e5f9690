import { createReportsAuthorizer } from '../../ratings/reportsAuthorizer';

const KEY = 'una-chiave-amministratore-lunga';
const sessions = new Map([
  ['s-sup', { username: 'silvia', createdAt: '2026-11-20T08:00:00Z' }],
  ['s-op', { username: 'anna', createdAt: '2026-11-20T08:00:00Z' }],
  ['s-old', { username: 'marco', createdAt: '2026-11-20T08:00:00Z' }],
  ['s-gone', { username: 'rimosso', createdAt: '2026-11-20T08:00:00Z' }],
]);
const accounts = new Map([
  ['silvia', { role: 'supervisor', updatedAt: '2026-11-01T08:00:00Z' }],
  ['anna', { role: 'operator', updatedAt: '2026-11-01T08:00:00Z' }],
  // Promoted or demoted after logging in: the session no longer counts.
  ['marco', { role: 'supervisor', updatedAt: '2026-11-20T09:00:00Z' }],
]);
const authorize = createReportsAuthorizer({
  adminApiKey: KEY,
  sessionCookie: 'la_operator_session',
  sessions: { get: async (id) => sessions.get(id) },
  accounts: { get: async (u) => accounts.get(u) },
});
const req = (headers: Record<string, string>) => ({ headers });

describe('createReportsAuthorizer', () => {
  it('lets in a supervisor session or the admin key, and nobody else', async () => {
    expect(await authorize(req({ cookie: 'x=1; la_operator_session=s-sup' }))).toBe('ok');
    expect(await authorize(req({ authorization: `Bearer ${KEY}` }))).toBe('ok');
    expect(await authorize(req({ cookie: 'la_operator_session=s-op' }))).toBe('forbidden');
    expect(await authorize(req({ cookie: 'la_operator_session=s-old' }))).toBe('unauthenticated');
    expect(await authorize(req({ cookie: 'la_operator_session=s-gone' }))).toBe('unauthenticated');
    expect(await authorize(req({ cookie: 'la_operator_session=inventato' }))).toBe('unauthenticated');
    expect(await authorize(req({}))).toBe('unauthenticated');
    expect(await authorize(req({ authorization: `Bearer ${KEY}x` }))).toBe('unauthenticated');
    expect(await authorize(req({ authorization: 'Bearer ', cookie: 'la_operator_session=s-sup' }))).toBe(
      'unauthenticated',
    );
  });

  it('refuses every key when ADMIN_API_KEY is not configured', async () => {
    const noKey = createReportsAuthorizer({
      sessionCookie: 'la_operator_session',
      sessions: { get: async () => undefined },
      accounts: { get: async () => undefined },
    });
    expect(await noKey(req({ authorization: 'Bearer undefined' }))).toBe('unauthenticated');
    expect(await noKey(req({ authorization: 'Bearer ' }))).toBe('unauthenticated');
  });
});
