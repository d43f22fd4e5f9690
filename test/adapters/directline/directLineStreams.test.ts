import WebSocket from 'ws';
import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { RecordingClient } from './directLineClient';
import { eventually, type Harness, request, startHarness, webChatToken } from './harness';

interface ActivitySet {
  activities: { id: string; text?: string; type: string }[];
  watermark: string;
}

/** A raw WebSocket on a streamUrl, recording activity sets and keep-alives. */
function openStream(url: string) {
  const ws = new WebSocket(url);
  const sets: ActivitySet[] = [];
  let keepAlives = 0;
  let closed: { code: number; reason: string } | undefined;
  ws.on('message', (data) => {
    const text = String(data);
    if (text === '') keepAlives += 1;
    else sets.push(JSON.parse(text) as ActivitySet);
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
  });
  ws.on('error', () => undefined);
  return {
    ws,
    sets,
    texts: () => sets.flatMap((s) => s.activities.map((a) => a.text ?? `<${a.type}>`)),
    keepAlives: () => keepAlives,
    closed: () => closed,
    opened: new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    }),
  };
}

describe('Direct Line WebSocket streams', () => {
  let h: Harness;

  afterEach(async () => {
    await h.close();
  });

  it('sends activity sets with watermarks and empty keep-alives', async () => {
    h = await startHarness({ keepAliveMs: 40 });
    const t = await webChatToken(h);
    const start = await request(`${h.base}/conversations`, { method: 'POST', token: t.token });
    const stream = openStream((start.body as { streamUrl: string }).streamUrl);
    await stream.opened;
    await request(`${h.base}/conversations/${t.conversationId}/activities`, {
      token: t.token,
      body: { type: 'message', text: 'ciao' },
    });
    await eventually(() => (stream.texts().length >= 3 && stream.keepAlives() >= 2 ? true : undefined));
    expect(stream.texts()).toEqual(['Benvenuto in Linea Amica!', 'ciao', 'Eco: ciao']);
    // Each set's watermark is one past the index of its last activity.
    for (const set of stream.sets) {
      const lastId = set.activities[set.activities.length - 1]?.id ?? '';
      expect(Number(set.watermark)).toBe(Number(lastId.split('|')[1]) + 1);
    }
    expect(stream.sets[stream.sets.length - 1]?.watermark).toBe('3');
    const ids = stream.sets.flatMap((set) => set.activities.map((a) => a.id));
    expect(ids).toEqual([0, 1, 2].map((i) => `${t.conversationId}|000000${i}`));
    stream.ws.close();
  });

  it('resumes after a watermark on reconnect: nothing lost, nothing repeated', async () => {
    h = await startHarness();
    const t = await webChatToken(h);
    const first = new RecordingClient({ domain: h.base, token: t.token, webSocket: true });
    await first.post({ type: 'message', from: { id: t.userId }, text: 'prima' });
    await eventually(() => (first.texts('bot').length >= 2 ? true : undefined));
    // The watermark after the last activity seen: one past its index in the id.
    const lastId = first.received[first.received.length - 1]?.id ?? '';
    const watermark = String(Number(lastId.split('|')[1]) + 1);
    first.end();
    expect(watermark).toBe('3');

    // Meanwhile the conversation goes on (e.g. an operator or another tab).
    await request(`${h.base}/conversations/${t.conversationId}/activities`, {
      token: t.token,
      body: { type: 'message', text: 'mentre eri via' },
    });
    const reconnect = await request(`${h.base}/conversations/${t.conversationId}?watermark=${watermark}`, {
      token: t.token,
    });
    expect(reconnect.status).toBe(200);
    const body = reconnect.body as { streamUrl: string; token: string; conversationId: string };
    expect(body.conversationId).toBe(t.conversationId);
    expect(body.streamUrl).toContain(`watermark=${watermark}`);

    const second = new RecordingClient({
      domain: h.base,
      token: t.token,
      conversationId: t.conversationId,
      watermark,
      webSocket: true,
    });
    try {
      await eventually(() => (second.texts().length >= 2 ? true : undefined));
      await new Promise((r) => setTimeout(r, 100));
      expect(second.texts()).toEqual(['mentre eri via', 'Eco: mentre eri via']);
    } finally {
      second.end();
    }
  });

  it('replays the recent history to a stream from an old watermark when the oldest was dropped', async () => {
    // About 2,500 characters of history: the greeting and the first exchanges do not fit.
    h = await startHarness({ store: new MemoryDirectLineStore({ maxBytesPerConversation: 2500 }) });
    const t = await webChatToken(h);
    await request(`${h.base}/conversations`, { method: 'POST', token: t.token });
    for (let i = 0; i < 10; i++) {
      const posted = await request(`${h.base}/conversations/${t.conversationId}/activities`, {
        token: t.token,
        body: { type: 'message', text: `domanda ${i}` },
      });
      expect(posted.status).toBe(200);
    }
    // The greeting and 10 questions with their answers: watermark 21 once the last answer is stored.
    const answered = async () => (await h.store.read(t.conversationId, 20)).activities.length === 1;
    for (let tries = 0; !(await answered()); tries++) {
      if (tries > 500) throw new Error('the last answer was not stored');
      await new Promise((r) => setTimeout(r, 20));
    }

    // A page reload resumes the conversation from watermark 0.
    const reconnect = await request(`${h.base}/conversations/${t.conversationId}?watermark=0`, {
      token: t.token,
    });
    const stream = openStream((reconnect.body as { streamUrl: string }).streamUrl);
    try {
      await stream.opened;
      await eventually(() => (stream.sets.at(-1)?.watermark === '21' ? true : undefined));
      const activities = stream.sets.flatMap((set) => set.activities);
      const indexes = activities.map((a) => Number(a.id.split('|')[1]));
      // The oldest were dropped; what is kept arrives in order, ending with the last answer.
      expect(indexes[0]).toBeGreaterThan(0);
      expect(indexes).toEqual(Array.from({ length: indexes.length }, (_, i) => (indexes[0] ?? 0) + i));
      expect(indexes.at(-1)).toBe(20);
      expect(stream.texts().slice(-2)).toEqual(['domanda 9', 'Eco: domanda 9']);
      expect(stream.texts()).not.toContain('Benvenuto in Linea Amica!');
    } finally {
      stream.ws.close();
    }
  });

  it('refuses a stream without a valid token for that conversation', async () => {
    h = await startHarness();
    const a = await webChatToken(h);
    const b = await webChatToken(h);
    const wsBase = h.base.replace('http', 'ws');
    await expect(openStream(`${wsBase}/conversations/${a.conversationId}/stream`).opened).rejects.toThrow(
      'HTTP 401',
    );
    await expect(
      openStream(`${wsBase}/conversations/${a.conversationId}/stream?t=${b.token}`).opened,
    ).rejects.toThrow('HTTP 403');
    await expect(
      openStream(`${wsBase}/conversations/${a.conversationId}/stream?t=rubbish`).opened,
    ).rejects.toThrow('HTTP 403');
    await expect(openStream(`${wsBase}/conversations/nessuna/stream?t=${h.secret}`).opened).rejects.toThrow(
      'HTTP 404',
    );
    // Still serving streams.
    const ok = openStream(
      `${wsBase}/conversations/${a.conversationId}/stream?t=${encodeURIComponent(a.token)}`,
    );
    await ok.opened;
    ok.ws.close();
  });

  it('closes a stream when its token expires', async () => {
    h = await startHarness({ tokenTtlSeconds: 2 });
    const t = await webChatToken(h);
    const stream = openStream(
      `${h.base.replace('http', 'ws')}/conversations/${t.conversationId}/stream?t=${t.token}`,
    );
    await stream.opened;
    const closed = await eventually(() => stream.closed(), 8000);
    expect(closed).toEqual({ code: 1008, reason: 'Token expired' });
    expect(h.channel.openStreams).toBe(0);
  });

  it('closes streams on shutdown', async () => {
    h = await startHarness();
    const t = await webChatToken(h);
    const stream = openStream(
      `${h.base.replace('http', 'ws')}/conversations/${t.conversationId}/stream?t=${t.token}`,
    );
    await stream.opened;
    expect(h.channel.openStreams).toBe(1);
    await h.channel.close();
    const closed = await eventually(() => stream.closed());
    expect(closed.code).toBe(1001);
  });
});
