import type { App } from '../../../app/compose';
import { startTestApp, postJson } from '../../support/app';
import { FakeChannelServer } from '../../support/channelServer';

function activity(serviceUrl: string, conversationId: string, extra: Record<string, unknown>) {
  return {
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'user-1', name: 'Cittadino' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'it-IT',
    timestamp: new Date().toISOString(),
    ...extra,
  };
}

describe('POST /api/messages (Bot Framework, Emulator without app id)', () => {
  let app: App;
  const channel = new FakeChannelServer();
  let serviceUrl: string;

  beforeAll(async () => {
    serviceUrl = await channel.start();
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
    await channel.stop();
  });

  it('greets when the citizen joins and answers a message through the serviceUrl', async () => {
    const conv = `conv-${Date.now()}`;
    const join = await postJson(
      `${app.url()}/api/messages`,
      activity(serviceUrl, conv, { type: 'conversationUpdate', id: 'a1', membersAdded: [{ id: 'user-1' }] }),
    );
    expect(join.status).toBeLessThan(300);
    const [greeting] = await channel.waitForMessages(1);
    expect(greeting?.text).toMatch(/Provincia di Lecco/);
    expect(greeting?.text).toMatch(/operatore/);
    expect(greeting?.text).toMatch(/privacy/i);

    const msg = await postJson(
      `${app.url()}/api/messages`,
      activity(serviceUrl, conv, { type: 'message', id: 'a2', text: 'qual è il senso della vita?' }),
    );
    expect(msg.status).toBeLessThan(300);
    const all = await channel.waitForMessages(2);
    expect(all[1]?.conversation).toMatchObject({ id: conv });
    expect(all[1]?.replyToId).toBe('a2');
  });

  it('answers a knowledge question with the reply POSTed to the conversation at the question', async () => {
    const conv = `conv-kb-${Date.now()}`;
    const before = channel.received.length;
    const res = await postJson(
      `${app.url()}/api/messages`,
      activity(serviceUrl, conv, {
        type: 'message',
        id: 'q1',
        text: 'Come si ottiene la licenza di pesca dilettantistica?',
      }),
    );
    // The replies are delivered during the turn, before the 200.
    expect(res.status).toBe(200);
    const answer = channel.received.slice(before).find((r) => r.activity.type === 'message');
    expect(answer?.path).toBe(`/v3/conversations/${conv}/activities/q1`);
    expect(answer?.activity).toMatchObject({
      replyToId: 'q1',
      channelData: { procedureId: 'licenza-pesca' },
    });
  });

  it('returns the answer in the HTTP body for expectReplies and POSTs nothing to the channel', async () => {
    const before = channel.received.length;
    const res = await postJson(
      `${app.url()}/api/messages`,
      activity(serviceUrl, `conv-er-${Date.now()}`, {
        type: 'message',
        id: 'q2',
        deliveryMode: 'expectReplies',
        text: 'Come si ottiene la licenza di pesca dilettantistica?',
      }),
    );
    expect(res.status).toBe(200);
    const { activities } = res.body as { activities: Array<{ type: string; channelData?: unknown }> };
    expect(activities.filter((a) => a.type === 'message')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channelData: expect.objectContaining({ procedureId: 'licenza-pesca' }) }),
      ]),
    );
    expect(channel.received.length).toBe(before);
  });

  it('asks the "Mettiamoci la faccia" rating on the Emulator path, and a red face asks the reason', async () => {
    const conv = `conv-rate-${Date.now()}`;
    const before = channel.messages().length;
    await postJson(
      `${app.url()}/api/messages`,
      activity(serviceUrl, conv, { type: 'message', id: 'r1', text: 'grazie' }),
    );
    const afterThanks = await channel.waitForMessages(before + 1);
    const prompt = afterThanks[before];
    expect(prompt?.channelData).toMatchObject({ ratingPrompt: true });
    await postJson(
      `${app.url()}/api/messages`,
      activity(serviceUrl, conv, { type: 'message', id: 'r2', value: { rating: 'negative' } }),
    );
    const afterFace = await channel.waitForMessages(before + 2);
    expect(afterFace[before + 1]?.channelData).toMatchObject({ ratingReasonPrompt: true });
  });

  it('rejects a malformed activity with 400 and keeps serving', async () => {
    const bad = await postJson(`${app.url()}/api/messages`, '{"type": "message", ');
    expect(bad.status).toBe(400);
    const health = await fetch(`${app.url()}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('POST /api/messages with MicrosoftAppId set', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'x',
    });
  });
  afterAll(async () => app.stop());

  it('answers 401 to a request without a valid JWT', async () => {
    const res = await postJson(
      `${app.url()}/api/messages`,
      activity('http://127.0.0.1:9', 'c', { type: 'message', id: 'x', text: 'ciao' }),
    );
    expect(res.status).toBe(401);
    const forged = await postJson(
      `${app.url()}/api/messages`,
      activity('http://127.0.0.1:9', 'c', { type: 'message', id: 'y', text: 'ciao' }),
      { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
    );
    expect(forged.status).toBe(401);
  });
});
