import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { RedisDirectLineStore } from '../../../adapters/directline/redisDirectLineStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../../support/redis';
import { ConnectionStatus, RecordingClient } from './directLineClient';
import { eventually, type Harness, request, startHarness, webChatToken, type WebChatToken } from './harness';

describe.each([
  ['WebSocket', true],
  ['polling', false],
])('a whole conversation through botframework-directlinejs (%s)', (_mode, webSocket) => {
  let h: Harness;
  let client: RecordingClient | undefined;

  beforeEach(async () => {
    h = await startHarness();
  });

  afterEach(async () => {
    client?.end();
    client = undefined;
    await h.close();
  });

  it('greets first, echoes the user with server ids, answers in order', async () => {
    const { token, userId, conversationId } = await webChatToken(h);
    expect(userId).toMatch(/^dl_/);
    client = new RecordingClient({ domain: h.base, token, webSocket });
    const c = client;

    await eventually(() => (c.texts('bot').length >= 1 ? true : undefined));
    expect(c.texts('bot')).toEqual(['Benvenuto in Linea Amica!']);
    expect(c.received[0]?.conversation?.id).toBe(conversationId);

    const id1 = await c.post({
      type: 'message',
      from: { id: 'someone-else', role: 'user' },
      text: 'ciao',
      channelData: { clientActivityID: 'client-1' },
    });
    const id2 = await c.post({
      type: 'message',
      from: { id: userId },
      text: 'orari?',
      channelData: { clientActivityID: 'client-2' },
    });
    expect(id1).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    expect(id2 > id1).toBe(true);

    await eventually(() => (c.texts('bot').length >= 3 ? true : undefined));
    expect(c.texts()).toEqual(['Benvenuto in Linea Amica!', 'ciao', 'Eco: ciao', 'orari?', 'Eco: orari?']);

    const echo = c.received.find((a) => a.id === id1);
    expect(echo).toMatchObject({
      from: { id: userId, role: 'user' },
      channelData: { clientActivityID: 'client-1' },
      conversation: { id: conversationId },
    });
    for (const a of c.received) expect(Number.isNaN(Date.parse(String(a.timestamp)))).toBe(false);
    const reply = c.received.find((a) => a.type === 'message' && a.text === 'Eco: ciao');
    expect(reply).toMatchObject({ replyToId: id1, from: { role: 'bot' } });
    expect(c.statuses).toContain(ConnectionStatus.Online);
  });
});

/** A POST whose body is sent chunked, without Content-Length. */
function chunkedPost(
  url: string,
  token: string,
  body: string,
): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 10));
    req.end(body.slice(10));
  });
}

describe('Direct Line REST API', () => {
  let h: Harness;
  let clock = Date.now();

  beforeEach(async () => {
    clock = Date.now();
    h = await startHarness({ rateLimitPerMinute: 5, maxTextLength: 100, now: () => clock });
  });

  afterEach(async () => {
    await h.close();
  });

  async function started(): Promise<WebChatToken> {
    const t = await webChatToken(h);
    const res = await request(`${h.base}/conversations`, { method: 'POST', token: t.token });
    expect(res.status).toBe(201);
    return t;
  }

  const message = (text: string) => ({ type: 'message', from: { id: 'x' }, text });

  it('gives the page a token for a new conversation without exposing the secret', async () => {
    const res = await request(`${h.url}/api/webchat/token`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.body as WebChatToken;
    expect(body).toEqual({
      token: expect.any(String),
      conversationId: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      userId: expect.stringMatching(/^dl_/),
      expires_in: 1800,
    });
    expect(JSON.stringify(body)).not.toContain(h.secret);
  });

  it('starts the conversation once: the bot greets once, with an absolute streamUrl', async () => {
    const t = await webChatToken(h);
    const first = await request(`${h.base}/conversations`, {
      method: 'POST',
      token: t.token,
      body: { locale: 'it-IT' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      conversationId: t.conversationId,
      token: t.token,
      expires_in: expect.any(Number),
      streamUrl: expect.stringMatching(
        new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${t.conversationId}/stream\\?`),
      ),
    });
    const again = await request(`${h.base}/conversations`, { method: 'POST', token: t.token });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const activities = await request(`${h.base}/conversations/${t.conversationId}/activities`, {
      token: t.token,
    });
    expect(activities.status).toBe(200);
    const set = activities.body as {
      activities: { text?: string; from: { role?: string } }[];
      watermark: string;
    };
    expect(set.activities.map((a) => a.text)).toEqual(['Benvenuto in Linea Amica!']);
    expect(set.watermark).toBe('1');
  });

  it('builds streamUrl from PUBLIC_URL when configured', async () => {
    const other = await startHarness({ publicUrl: 'https://chat.provincia.lecco.it/linea-amica/' });
    try {
      const t = await webChatToken(other);
      const res = await request(`${other.base}/conversations`, { method: 'POST', token: t.token });
      expect((res.body as { streamUrl: string }).streamUrl).toMatch(
        /^wss:\/\/chat\.provincia\.lecco\.it\/linea-amica\/v3\/directline\/conversations\/[^/]+\/stream\?watermark=&t=/,
      );
    } finally {
      await other.close();
    }
  });

  it('lets the secret generate tokens and start conversations, and tokens refresh', async () => {
    const generated = await request(`${h.base}/tokens/generate`, {
      method: 'POST',
      token: h.secret,
      body: { user: { id: 'dl_servizio' } },
    });
    expect(generated.status).toBe(200);
    const g = generated.body as { conversationId: string; token: string; expires_in: number };
    expect(h.tokens.verify(g.token)).toMatchObject({
      conversationId: g.conversationId,
      userId: 'dl_servizio',
    });

    const refreshed = await request(`${h.base}/tokens/refresh`, { method: 'POST', token: g.token });
    expect(refreshed.status).toBe(200);
    const r = refreshed.body as { conversationId: string; token: string; expires_in: number };
    expect(r.conversationId).toBe(g.conversationId);
    expect(r.token).not.toBe(g.token);

    const byToken = await request(`${h.base}/tokens/generate`, { method: 'POST', token: g.token });
    expect(byToken.status).toBe(403);

    const withSecret = await request(`${h.base}/conversations`, {
      method: 'POST',
      token: h.secret,
      body: {},
    });
    expect(withSecret.status).toBe(201);
    const c = withSecret.body as { conversationId: string; token: string };
    expect(h.tokens.verify(c.token).userId).toMatch(/^dl_/);
  });

  it('answers bad input with the right status and error body, and keeps serving', async () => {
    const t = await started();
    const url = `${h.base}/conversations/${t.conversationId}/activities`;
    const errorOf = (res: { body: unknown }) =>
      (res.body as { error: { code: string; message: string } }).error;

    const invalidJson = await request(url, { token: t.token, body: '{"type":"message",' });
    expect(invalidJson.status).toBe(400);
    expect(errorOf(invalidJson)).toEqual({ code: 'BadArgument', message: expect.any(String) });

    const missing = await request(url, { body: message('ciao') });
    expect(missing.status).toBe(401);
    expect(errorOf(missing).code).toBe('Unauthorized');

    const forged = await request(url, { token: `${t.token.slice(0, -4)}AAAA`, body: message('ciao') });
    expect(forged.status).toBe(403);
    expect(errorOf(forged).code).toBe('Forbidden');

    const other = await started();
    const foreign = await request(url, { token: other.token, body: message('ciao') });
    expect(foreign.status).toBe(403);
    const foreignRead = await request(url, { token: other.token });
    expect(foreignRead.status).toBe(403);

    const oversized = await request(url, { token: t.token, body: message('x'.repeat(101)) });
    expect(oversized.status).toBe(400);
    expect(errorOf(oversized)).toEqual({
      code: 'MessageSizeExceeded',
      message: expect.stringContaining('100'),
    });

    const hugeBody = await request(url, { token: t.token, body: message('x'.repeat(20_000)) });
    expect(hugeBody.status).toBe(413);
    expect(errorOf(hugeBody).code).toBe('MessageSizeExceeded');

    for (const body of [
      [message('a')],
      { text: 'senza tipo' },
      { type: 'invoke', name: 'x' },
      { type: 'message', text: 42 },
    ]) {
      const malformed = await request(url, { token: t.token, body });
      expect(malformed.status).toBe(400);
      expect(['BadArgument', 'MissingProperty']).toContain(errorOf(malformed).code);
    }

    const unknown = await request(`${h.base}/conversations/sconosciuta/activities`, {
      token: h.secret,
      body: message('a'),
    });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('NotFound');
    expect((await request(`${h.base}/conversations/sconosciuta`, { token: h.secret })).status).toBe(404);
    // A valid token whose conversation the store no longer has (expired, or a restarted memory store).
    const ghost = h.tokens.issue('fantasma', 'dl_fantasma').token;
    const ghostPost = await request(`${h.base}/conversations/fantasma/activities`, {
      token: ghost,
      body: message('a'),
    });
    expect(ghostPost.status).toBe(404);
    expect((await request(`${h.base}/conversations`, { method: 'POST', token: ghost })).status).toBe(404);
    expect(
      (await request(`${h.base}/conversations/sconosciuta/activities`, { token: h.secret })).status,
    ).toBe(404);

    const upload = await request(`${h.base}/conversations/${t.conversationId}/upload?userId=${t.userId}`, {
      token: t.token,
      body: 'x'.repeat(50_000),
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    expect(upload.status).toBe(415);
    expect(errorOf(upload).message).toBe('Gli allegati non sono ancora supportati');

    const badWatermark = await request(`${url}?watermark=abc`, { token: t.token });
    expect(badWatermark.status).toBe(400);

    // Still serving, and none of the refused activities was stored.
    const ok = await request(url, { token: t.token, body: message('ciao') });
    expect(ok.status).toBe(200);
    const stored = await h.store.read(t.conversationId, 0);
    expect(stored.activities.map((a) => (JSON.parse(a) as { text?: string }).text)).toContain('ciao');
    expect(stored.activities.some((a) => a.includes('senza tipo') || a.includes('xxxxxxxxxx'))).toBe(false);
  });

  it('answers ordinary JSON posts before restify, and any other body through restify, alike', async () => {
    const t = await started();
    const url = `${h.base}/conversations/${t.conversationId}/activities`;
    const idPattern = new RegExp(`^${t.conversationId}\\|\\d{7}$`);
    // restify emits 'after' for each request it handled itself.
    let handledByRestify = 0;
    h.server.on('after', () => (handledByRestify += 1));

    const ordinary = await request(url, {
      token: t.token,
      body: message('uno'),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(ordinary.status).toBe(200);
    expect(ordinary.body).toEqual({ id: expect.stringMatching(idPattern) });
    expect(handledByRestify).toBe(0);

    // Chunked (no Content-Length): restify reads it, with the same answer and headers.
    const chunked = await chunkedPost(url, t.token, JSON.stringify(message('due')));
    expect(chunked.status).toBe(200);
    expect(JSON.parse(chunked.body)).toEqual({ id: expect.stringMatching(idPattern) });
    expect(handledByRestify).toBe(1);
    for (const header of ['content-type', 'server'])
      expect(ordinary.headers.get(header)).toBe(chunked.headers[header]);

    // Not JSON: restify answers, as before.
    const text = await request(url, {
      token: t.token,
      body: JSON.stringify(message('tre')),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    expect(handledByRestify).toBe(2);

    const stored = await h.store.read(t.conversationId, 0);
    const texts = stored.activities.map((a) => (JSON.parse(a) as { text?: string }).text);
    expect(texts.filter((text) => ['uno', 'due', 'tre'].includes(text ?? ''))).toEqual(['uno', 'due']);
  });

  it('refuses an expired token with 403 TokenExpired', async () => {
    const t = await started();
    clock += 1801 * 1000;
    const res = await request(`${h.base}/conversations/${t.conversationId}/activities`, {
      token: t.token,
      body: message('ciao'),
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 'TokenExpired', message: expect.any(String) } });
    const refresh = await request(`${h.base}/tokens/refresh`, { method: 'POST', token: t.token });
    expect(refresh.status).toBe(403);
  });

  it('rate-limits each token with 429 and Retry-After, without slowing other conversations', async () => {
    const t = await started();
    const url = `${h.base}/conversations/${t.conversationId}/activities`;
    const statuses: number[] = [];
    let limited: { status: number; body: unknown; headers: Headers } | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await request(url, { token: t.token, body: message(`m${i}`) });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.body).toEqual({ error: { code: 'TooManyRequests', message: expect.any(String) } });
    const other = await started();
    const res = await request(`${h.base}/conversations/${other.conversationId}/activities`, {
      token: other.token,
      body: message('ciao'),
    });
    expect(res.status).toBe(200);
  });

  it('limits new conversations per client IP when configured', async () => {
    const limited = await startHarness({ conversationsPerMinutePerIp: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await request(`${limited.url}/api/webchat/token`, { method: 'POST' })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('behind a trusted proxy, counts by the address the proxy appended, not by what the client wrote', async () => {
    const limited = await startHarness({ conversationsPerMinutePerIp: 1, trustProxy: 1 });
    const token = (forwardedFor: string) =>
      request(`${limited.url}/api/webchat/token`, {
        method: 'POST',
        headers: { 'X-Forwarded-For': forwardedFor },
      }).then((r) => r.status);
    try {
      expect(await token('203.0.113.7')).toBe(200);
      expect(await token('203.0.113.8')).toBe(200);
      // A forged first entry does not buy a new budget: the proxy appended the real address.
      expect(await token('198.51.100.1, 203.0.113.7')).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('delivers replies to the stream whatever deliveryMode the client asks for', async () => {
    const t = await started();
    const url = `${h.base}/conversations/${t.conversationId}/activities`;
    const posted = await request(url, {
      token: t.token,
      body: { type: 'message', text: 'ciao', deliveryMode: 'expectReplies', id: 'scelto-dal-client' },
    });
    expect((posted.body as { id: string }).id).toMatch(new RegExp(`^${t.conversationId}\\|`));
    let seen: string[] = [];
    for (let i = 0; i < 100 && !seen.includes('Eco: ciao'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      const set = (await request(url, { token: t.token })).body as { activities: { text?: string }[] };
      seen = set.activities.map((a) => a.text ?? '');
    }
    expect(seen).toContain('Eco: ciao');
  });

  it('polls with watermarks: each activity once, in order', async () => {
    const t = await started();
    const url = `${h.base}/conversations/${t.conversationId}/activities`;
    await request(url, { token: t.token, body: message('uno') });
    const texts: string[] = [];
    let watermark = '';
    const poll = async () => {
      const res = await request(`${url}?watermark=${watermark}`, { token: t.token });
      const set = res.body as { activities: { text?: string }[]; watermark: string };
      texts.push(...set.activities.map((a) => a.text ?? ''));
      watermark = set.watermark;
    };
    await new Promise((r) => setTimeout(r, 100));
    await poll();
    await request(url, { token: t.token, body: message('due') });
    await new Promise((r) => setTimeout(r, 100));
    await poll();
    await poll();
    expect(texts).toEqual(['Benvenuto in Linea Amica!', 'uno', 'Eco: uno', 'due', 'Eco: due']);
  });
});

describe('two processes over one Redis', () => {
  let redis: TestRedis;
  const prefix = uniquePrefix('dlchannel');

  beforeAll(async () => {
    redis = await connectTestRedis();
  });

  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  it('serve the same conversation: a stream on one sees what the other receives and answers', async () => {
    const secret = 'shared-direct-line-secret-of-the-deployment';
    const clients: TestRedis[] = [await connectTestRedis(), await connectTestRedis()];
    const [one, two] = await Promise.all(
      clients.map((client) => startHarness({ secret, store: new RedisDirectLineStore(client, { prefix }) })),
    );
    if (!one || !two) throw new Error('harness not started');
    let stream: RecordingClient | undefined;
    try {
      const t = await webChatToken(one);
      stream = new RecordingClient({ domain: one.base, token: t.token, webSocket: true });
      const s = stream;
      await eventually(() => (s.texts('bot').length >= 1 ? true : undefined));
      // The same conversation through the second process.
      const res = await request(`${two.base}/conversations/${t.conversationId}/activities`, {
        token: t.token,
        body: { type: 'message', text: 'dal secondo processo', channelData: { clientActivityID: 'k1' } },
      });
      expect(res.status).toBe(200);
      await eventually(() => (s.texts().length >= 3 ? true : undefined));
      expect(s.texts()).toEqual([
        'Benvenuto in Linea Amica!',
        'dal secondo processo',
        'Eco: dal secondo processo',
      ]);
      const polled = await request(`${two.base}/conversations/${t.conversationId}/activities`, {
        token: t.token,
      });
      expect((polled.body as { watermark: string }).watermark).toBe('3');
    } finally {
      stream?.end();
      await one.close();
      await two.close();
      for (const c of clients) await c.quit();
    }
  });
});
