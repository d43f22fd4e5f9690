import { request } from 'node:http';
import { RedisCaseStore } from '../../handoff/redisCaseStore';
import { RedisHandoffEvents } from '../../handoff/redisHandoffEvents';
import { RedisOperatorPresence } from '../../handoff/redisOperatorPresence';
import { LoginThrottle } from '../../operators/loginThrottle';
import { DEFAULT_OPERATOR_API_OPTIONS } from '../../operators/operatorApi';
import { RedisCannedReplyStore } from '../../operators/redisCannedReplyStore';
import { RedisLoginAttemptStore } from '../../operators/redisLoginAttemptStore';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import { RedisSessionStore } from '../../operators/redisSessionStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import {
  type ConsoleBackend,
  type Harness,
  login,
  PASSWORD,
  seedAccounts,
  startConsole,
} from './support/consoleHarness';
import { queuesServedContract } from './queuesServedContract';

/** Two console servers ("processes" A and B), each with its own Redis connections, one Redis. */
const prefix = uniquePrefix('console');
const clients: TestRedis[] = [];
const relays: RedisHandoffEvents[] = [];
let a: Harness;
let b: Harness;

async function redisBackend(): Promise<ConsoleBackend> {
  const client = await connectTestRedis();
  const subscriber = await connectTestRedis();
  clients.push(client, subscriber);
  const events = new RedisHandoffEvents(client, subscriber, { prefix: `${prefix}handoff:` });
  await events.start();
  relays.push(events);
  return {
    accounts: new RedisOperatorAccountStore(client, {
      prefix,
      knownQueues: DEFAULT_OPERATOR_API_OPTIONS.queues,
    }),
    sessions: new RedisSessionStore(client, { prefix, ttlMs: 3_600_000 }),
    throttle: new LoginThrottle(new RedisLoginAttemptStore(client, prefix)),
    store: new RedisCaseStore(client, {
      prefix: `${prefix}handoff:`,
      knownQueues: DEFAULT_OPERATOR_API_OPTIONS.queues,
    }),
    events,
    presence: new RedisOperatorPresence(client, { prefix: `${prefix}handoff:` }),
    cannedReplies: new RedisCannedReplyStore(client, prefix),
  };
}

beforeAll(async () => {
  const backendA = await redisBackend();
  await seedAccounts(backendA.accounts);
  a = await startConsole({}, false, backendA, false);
  b = await startConsole({}, false, await redisBackend(), false);
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  for (const r of relays) await r.stop();
  if (clients[0]) await cleanPrefix(clients[0], prefix);
  for (const c of clients) await c.quit();
});

function firstEvent(url: string, cookie: string, type: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/operator/events`, { headers: { cookie } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        const m = new RegExp(`event: ${type.replace('.', '\\.')}\\ndata: (.*)\\n\\n`).exec(buf);
        if (m?.[1]) {
          req.destroy();
          resolve(JSON.parse(m[1]));
        }
      });
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end();
  });
}

describe('operator console on Redis, two processes', () => {
  it('shares logins, logouts and lockouts between processes', async () => {
    const anna = await login(a.url, 'anna');
    const onB = await fetch(`${b.url}/api/operator/me`, { headers: { cookie: anna.cookie } });
    expect(onB.status).toBe(200);
    await anna.call('DELETE', '/session');
    expect((await fetch(`${b.url}/api/operator/me`, { headers: { cookie: anna.cookie } })).status).toBe(401);

    const attempt = (url: string, password: string) =>
      fetch(`${url}/api/operator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bruno', password }),
      });
    for (let i = 0; i < 5; i++) await attempt(i % 2 ? a.url : b.url, 'sbagliata-123');
    expect((await attempt(b.url, PASSWORD)).status).toBe(429);
    expect((await attempt(a.url, PASSWORD)).status).toBe(429);
  });

  it('shows on B a case queued on A, and lets one of 20 claims across A and B win', async () => {
    const sara = await login(b.url, 'sara');
    const seen = firstEvent(b.url, sara.cookie, 'case.queued');
    for (let i = 0; i < 100 && b.events.subscribers === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    const c = await a.newCase({ summary: 'Buca in strada', queue: 'strade' });
    await expect(seen).resolves.toMatchObject({
      case: { id: c.id, summary: 'Buca in strada', queue: 'strade' },
    });

    const ops = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(i % 2 ? a.url : b.url, `op${i}`)),
    );
    const results = await Promise.all(ops.map((o) => o.call('POST', `/cases/${c.id}/claim`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });

  it('delivers to the operator on B a citizen message recorded on A', async () => {
    const anna = await login(b.url, 'anna');
    const c = await a.newCase({ summary: 'Permesso pesca' });
    expect((await anna.call('POST', `/cases/${c.id}/claim`)).status).toBe(200);
    const got = firstEvent(b.url, anna.cookie, 'case.message');
    for (let i = 0; i < 100 && b.events.subscribers === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    await a.cases.appendMessage(c.id, {
      from: 'citizen',
      text: 'Sono ancora qui',
      at: new Date().toISOString(),
    });
    await expect(got).resolves.toMatchObject({
      caseId: c.id,
      message: { from: 'citizen', text: 'Sono ancora qui' },
    });
    // And the supervisor on A sees Anna (who logged in on B) online with the case.
    const sara = await login(a.url, 'sara');
    const view = (await (await sara.call('GET', '/supervisor')).json()) as {
      operators: Array<{ username: string; cases: Array<{ id: string }> }>;
    };
    expect(view.operators.find((o) => o.username === 'anna')?.cases.map((x) => x.id)).toEqual([c.id]);
  });
});

// Operators on A, cases arriving through B: accounts, presence and events all go through Redis.
queuesServedContract('Redis, two processes', () => ({ console: a, origin: b }));
