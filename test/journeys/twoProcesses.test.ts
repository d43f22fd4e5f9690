import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import { freePort } from '../support/globalSetup';
import {
  ADMIN_KEY,
  ALWAYS_OPEN_HANDOFF,
  CitizenClient,
  type ConsoleEvents,
  eventually,
  OperatorClient,
  seedOperators,
  sleep,
} from '../support/journey';
import { cleanPrefix, connectTestRedis, type TestRedis, testRedisUrl, uniquePrefix } from '../support/redis';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

/** One real server process (`node tsx index.ts`), as production starts it. */
interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const server = { name, url: `http://127.0.0.1:${port}`, child, output };
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${output.join('')}`);
      const ok = await fetch(`${server.url}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      return ok ? true : undefined;
    },
    `process ${name} to listen`,
    90_000,
  );
  return server;
}

async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Issue 4, "Tests and figures": two server processes on one Redis. The citizen talks to process A
 * (Direct Line over WebSocket), the operator works on process B; they hold a whole case.
 */
describe('two server processes on one Redis', () => {
  const prefix = uniquePrefix('journey2p');
  let redis: TestRedis;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let citizen: CitizenClient | undefined;
  let events: ConsoleEvents | undefined;

  beforeAll(async () => {
    redis = await connectTestRedis();
    await seedOperators(new RedisOperatorAccountStore(redis, { prefix }), [
      { username: 'anna', displayName: 'Anna Bianchi' },
      { username: 'bruno', displayName: 'Bruno Verdi' },
    ]);
    const env = {
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      DIRECTLINE_SECRET: randomBytes(24).toString('hex'),
      HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF,
      ADMIN_API_KEY: ADMIN_KEY,
    };
    [a, b] = await Promise.all([startServer('A', env), startServer('B', env)]);
  });

  afterAll(async () => {
    citizen?.close();
    await events?.close();
    await Promise.all([stopServer(a), stopServer(b)]);
    if (redis) {
      await cleanPrefix(redis, prefix);
      await redis.quit();
    }
  });

  it('citizen on A, operator on B: queue → claim → messages both ways → close → rating on A', async () => {
    if (!a || !b) throw new Error('servers not started');
    const operator = await OperatorClient.login(b.url, 'anna');
    events = await operator.events();
    const c = await CitizenClient.connect(a.url, { transport: 'websocket' });
    citizen = c;
    await c.waitForText('assistente virtuale', { timeoutMs: 20_000 });

    // Escalation on A: the operator logged in on B counts as online.
    await c.ask('Come si rinnova il tesserino venatorio?', 20_000);
    const consent = await c.ask('operatore');
    expect(consent.text).toContain('Acconsenti');
    await c.ask('Sì');
    let since = c.mark();
    await c.say('3331234567');
    const queued = await c.waitFor((x) => x.channelData?.handoff?.state === 'queued', 'the queued notice', {
      since,
    });
    const caseId = queued.channelData?.handoff?.caseId ?? '';
    expect(queued.channelData?.handoff).toEqual({ caseId, state: 'queued', position: 1 });

    // B sees the case created on A: live and in the queue view.
    await events.waitFor(
      (e) => e.type === 'case.queued' && (e.data.case as { id?: string } | undefined)?.id === caseId,
      'case.queued on B',
    );
    const queues = await operator.queues();
    const listed = queues.body.queues.flatMap((q) => q.waiting).find((w) => w.id === caseId);
    expect(listed).toMatchObject({ kind: 'live', channel: 'directline', queue: 'caccia-pesca' });
    expect(listed?.summary).toBe('Come si rinnova il tesserino venatorio?');

    // Claim on B; the second operator (also on B) loses.
    const bruno = await OperatorClient.login(b.url, 'bruno');
    const [mine, theirs] = await Promise.all([operator.claim(caseId), bruno.claim(caseId)]);
    expect([mine.status, theirs.status].sort()).toEqual([200, 409]);
    const holder = mine.status === 200 ? operator : bruno;
    const holderEvents = holder === operator ? events : await holder.events();
    expect(mine.status === 200 ? mine.body.messages : theirs.body.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'citizen', text: 'Come si rinnova il tesserino venatorio?' }),
      ]),
    );

    // Operator (B) → citizen (A's WebSocket stream).
    since = c.mark();
    expect((await holder.send(caseId, 'Buongiorno, le serve il modulo di rinnovo?')).status).toBe(201);
    const reply = await c.waitForText('modulo di rinnovo', { since });
    expect(reply.channelData).toMatchObject({
      operator: holder.displayName,
      handoff: { caseId, state: 'assigned' },
    });

    // Citizen (A) → operator (B), live on B's stream; typing both ways.
    since = c.mark();
    await c.say('Sì, e anche i costi');
    await holderEvents.waitFor(
      (e) =>
        e.type === 'case.message' &&
        e.data.caseId === caseId &&
        (e.data.message as { text?: string } | undefined)?.text === 'Sì, e anche i costi',
      'the citizen message on B',
    );
    await c.post({ type: 'typing' });
    await holderEvents.waitFor(
      (e) => e.type === 'case.typing' && e.data.caseId === caseId && e.data.from === 'citizen',
      'citizen typing on B',
    );
    expect((await holder.typing(caseId)).status).toBe(204);
    await c.waitFor((x) => x.type === 'typing' && x.channelData?.operator === holder.displayName, 'typing', {
      since,
    });
    await holder.send(caseId, 'Il modulo costa 16 euro di bollo.');
    await c.waitForText('16 euro', { since });
    // While the operator holds the case the bot (on A) said nothing.
    expect(c.botMessages(since).map((x) => x.text)).toEqual(['Il modulo costa 16 euro di bollo.']);

    // Close on B: the notice and the rating question reach the citizen's stream on A, once.
    since = c.mark();
    expect((await holder.close(caseId, 'risolto')).status).toBe(200);
    await c.waitFor((x) => x.channelData?.handoff?.state === 'closed', 'the closing notice', { since });
    const prompt = await c.waitFor((x) => x.channelData?.ratingPrompt === true, 'the rating question', {
      since,
    });
    expect(prompt.suggestedActions?.actions.length).toBe(4);
    await sleep(500);
    expect(c.fromBot(since).filter((x) => x.channelData?.ratingPrompt)).toHaveLength(1);

    // The face given on A is stored for the operator who worked on B.
    since = c.mark();
    await c.post({ type: 'message', value: { rating: 'positive' } });
    await c.waitForText('Grazie per la tua valutazione', { since });
    const report = await fetch(`${b.url}/api/reports/satisfaction?groupBy=operator`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const body = (await report.json()) as {
      total: { counts: Record<string, number> };
      groups: Array<{ key: string; rated: number }>;
    };
    expect(body.total.counts).toEqual({ positive: 1, neutral: 0, negative: 0 });
    expect(body.groups.filter((g) => g.rated > 0).map((g) => g.key)).toEqual([holder.username]);
    if (holderEvents !== events) await holderEvents.close();
  });

  it("a citizen's message budget (RATE_LIMIT_PER_MINUTE, 60) is one, whichever process a POST reaches", async () => {
    if (!a || !b) throw new Error('servers not started');
    const res = await fetch(`${a.url}/api/webchat/token`, { method: 'POST' });
    const { token, conversationId } = (await res.json()) as { token: string; conversationId: string };
    const post = (server: ServerProcess) =>
      fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'typing', from: { id: 'citizen' } }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push(await post(i % 2 ? a : b));
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(await post(a)).toBe(429);
    expect(await post(b)).toBe(429);
  });
});
