import { ActivityTypes, type ConversationReference, type TurnContext } from 'botbuilder';
import { postJson } from '../../support/app';
import { FakeChannelServer } from '../../support/channelServer';
import { activity, type BotFrameworkHarness, startBotFramework } from './harness';

/** The test bot: answers "Hai scritto: <text>" and records what the channel answered. */
const replyIds: string[] = [];
async function echo(context: TurnContext): Promise<void> {
  const text = context.activity.text ?? '';
  if (context.activity.type === ActivityTypes.Invoke) {
    if (context.activity.name === 'rating/submit')
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { ok: true } },
      });
    return;
  }
  if (text === 'modifica') {
    const sent = await context.sendActivity('prima versione');
    await context.updateActivity({ id: sent?.id, type: 'message', text: 'seconda versione' });
    await context.deleteActivity(sent?.id ?? '');
    return;
  }
  if (text === 'traccia') {
    await context.sendTraceActivity('debug', { step: 1 });
    await context.sendActivities([
      { type: 'delay', value: 1 },
      { type: 'message', text: 'dopo la pausa' },
    ]);
    return;
  }
  const response = await context.sendActivity(`Hai scritto: ${text}`);
  replyIds.push(response?.id ?? '');
}

describe('BotFrameworkAdapter on POST /api/messages', () => {
  const channel = new FakeChannelServer();
  let serviceUrl: string;
  let bot: BotFrameworkHarness;

  beforeAll(async () => {
    serviceUrl = await channel.start();
    bot = await startBotFramework(echo);
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  it('answers 200 with no body and POSTs the reply to the conversation at the activity it answers', async () => {
    const before = channel.requests.length;
    const res = await postJson(
      `${bot.url}/api/messages`,
      activity(serviceUrl, 'conv 1|a/b', { id: 'msg/7' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    const [reply] = channel.requests.slice(before);
    expect(reply).toMatchObject({
      method: 'POST',
      path: `/v3/conversations/${encodeURIComponent('conv 1|a/b')}/activities/${encodeURIComponent('msg/7')}`,
      body: {
        type: 'message',
        text: 'Hai scritto: ciao',
        replyToId: 'msg/7',
        conversation: { id: 'conv 1|a/b' },
        from: { id: 'bot' },
        recipient: { id: 'user-1' },
      },
    });
    // No app id: nothing signed.
    expect(reply?.authorization).toBeUndefined();
    // The channel's {"id"} is what the bot gets back.
    expect(replyIds.at(-1)).toBe(`reply-${channel.received.length}`);
  });

  it('keeps the serviceUrl path (Azure regions) and sends to /activities without a replyToId', async () => {
    const before = channel.requests.length;
    await postJson(`${bot.url}/api/messages`, activity(`${serviceUrl}/emea/`, 'conv-2', { id: undefined }));
    expect(channel.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /emea/v3/conversations/conv-2/activities',
    ]);
  });

  it('returns the replies in the body for expectReplies and POSTs nothing', async () => {
    const before = channel.requests.length;
    const res = await postJson(
      `${bot.url}/api/messages`,
      activity('', 'conv-3', { deliveryMode: 'expectReplies', serviceUrl: undefined, text: 'tutto qui?' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ activities: [{ type: 'message', text: 'Hai scritto: tutto qui?' }] });
    expect(channel.requests.length).toBe(before);
  });

  it('answers an invoke with the invoke response the bot set, and 501 when it set none', async () => {
    const handled = await postJson(
      `${bot.url}/api/messages`,
      activity(serviceUrl, 'conv-4', {
        type: 'invoke',
        name: 'rating/submit',
        value: { rating: 'positive' },
      }),
    );
    expect(handled.status).toBe(200);
    expect(handled.body).toEqual({ ok: true });
    const unknown = await postJson(
      `${bot.url}/api/messages`,
      activity(serviceUrl, 'conv-4', { type: 'invoke', name: 'something/else' }),
    );
    expect(unknown.status).toBe(501);
  });

  it('sends traces only to the Emulator, waits on delay without sending it, and keeps the order', async () => {
    const before = channel.requests.length;
    await postJson(`${bot.url}/api/messages`, activity(serviceUrl, 'conv-5', { text: 'traccia' }));
    expect(channel.requests.slice(before).map((r) => r.body?.type)).toEqual(['trace', 'message']);
    const teams = channel.requests.length;
    await postJson(
      `${bot.url}/api/messages`,
      activity(serviceUrl, 'conv-5', { text: 'traccia', channelId: 'msteams' }),
    );
    expect(channel.requests.slice(teams).map((r) => r.body?.text)).toEqual(['dopo la pausa']);
  });

  it('updates (PUT) and deletes (DELETE) an activity it sent', async () => {
    const before = channel.requests.length;
    const res = await postJson(
      `${bot.url}/api/messages`,
      activity(serviceUrl, 'conv-6', { text: 'modifica' }),
    );
    expect(res.status).toBe(200);
    const sent = channel.requests.slice(before);
    const id = `reply-${channel.received.length - 1}`;
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v3/conversations/conv-6/activities/act-1',
      `PUT /v3/conversations/conv-6/activities/${id}`,
      `DELETE /v3/conversations/conv-6/activities/${id}`,
    ]);
    expect(sent[1]?.body).toMatchObject({ text: 'seconda versione' });
  });

  it('reuses one kept-alive connection to the channel for successive turns', async () => {
    await postJson(`${bot.url}/api/messages`, activity(serviceUrl, 'conv-7'));
    const connections = channel.connections;
    const before = channel.requests.length;
    for (let i = 0; i < 5; i += 1) await postJson(`${bot.url}/api/messages`, activity(serviceUrl, 'conv-7'));
    expect(channel.requests.length - before).toBe(5);
    expect(channel.connections).toBe(connections);
  });

  it.each([
    ['an array', [activity('http://127.0.0.1:9', 'c')], /JSON object/],
    ['no type', { ...activity('http://127.0.0.1:9', 'c'), type: undefined }, /no type/],
    ['no conversation id', { ...activity('http://127.0.0.1:9', 'c'), conversation: {} }, /conversation\.id/],
    ['no serviceUrl', { ...activity('http://127.0.0.1:9', 'c'), serviceUrl: undefined }, /serviceUrl/],
    ['a serviceUrl that is not http', activity('file:///etc/passwd', 'c'), /serviceUrl/],
  ])(
    'answers 400 with a clear error to a body with %s, without running the bot',
    async (_what, body, message) => {
      const before = channel.requests.length;
      const res = await postJson(`${bot.url}/api/messages`, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: 'BadArgument', message: expect.stringMatching(message) },
      });
      expect(channel.requests.length).toBe(before);
    },
  );

  it('answers 400 to malformed JSON and a body that is not JSON', async () => {
    expect((await postJson(`${bot.url}/api/messages`, '{"type": "message", ')).status).toBe(400);
    const text = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'ciao',
    });
    expect(text.status).toBe(400);
  });

  it('delivers proactive messages (continueConversationAsync, continueConversation) to the channel', async () => {
    const reference: Partial<ConversationReference> = {
      channelId: 'emulator',
      serviceUrl,
      conversation: { id: 'conv-8', isGroup: false, conversationType: '', name: '' },
      user: { id: 'user-1', name: 'Cittadino' },
      bot: { id: 'bot', name: 'Bot' },
    };
    const before = channel.requests.length;
    await bot.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity("L'operatore ti risponde.");
    });
    await bot.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity('Un altro messaggio.');
    });
    const sent = channel.requests.slice(before);
    expect(sent.map((r) => r.body?.text)).toEqual(["L'operatore ti risponde.", 'Un altro messaggio.']);
    for (const r of sent) {
      expect(r.path).toMatch(/^\/v3\/conversations\/conv-8\/activities/);
      expect(r.body).toMatchObject({
        conversation: { id: 'conv-8' },
        recipient: { id: 'user-1' },
        from: { id: 'bot' },
      });
    }
  });
});

describe('BotFrameworkAdapter when the channel fails', () => {
  const channel = new FakeChannelServer();
  let serviceUrl: string;
  let bot: BotFrameworkHarness;

  beforeAll(async () => {
    serviceUrl = await channel.start();
    bot = await startBotFramework(echo);
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  it('runs onTurnError and answers 502 naming the channel when it answers 500; the next turn works', async () => {
    channel.failWith = 500;
    const res = await postJson(`${bot.url}/api/messages`, activity(serviceUrl, 'conv-err'));
    channel.failWith = undefined;
    expect(res.status).toBe(502);
    const host = new URL(serviceUrl).host;
    expect(res.body).toMatchObject({
      error: { code: 'ChannelUnavailable', message: expect.stringContaining(`${host} answered HTTP 500`) },
    });
    expect(bot.turnErrors.at(-1)?.message).toContain('HTTP 500');
    const next = await postJson(`${bot.url}/api/messages`, activity(serviceUrl, 'conv-err'));
    expect(next.status).toBe(200);
    expect(channel.messages().at(-1)?.text).toBe('Hai scritto: ciao');
  });

  it('answers 502 when the channel is unreachable', async () => {
    const closed = new FakeChannelServer();
    const closedUrl = await closed.start();
    await closed.stop();
    const res = await postJson(`${bot.url}/api/messages`, activity(closedUrl, 'conv-gone'));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/unreachable \(ECONNREFUSED\)/) },
    });
  });

  it('makes a proactive send fail when the channel refuses it, after onTurnError', async () => {
    channel.failWith = 404;
    const errors = bot.turnErrors.length;
    await expect(
      bot.adapter.continueConversationAsync(
        '',
        {
          channelId: 'emulator',
          serviceUrl,
          conversation: { id: 'gone', isGroup: false, conversationType: '', name: '' },
        },
        async (context) => {
          await context.sendActivity('Sei ancora lì?');
        },
      ),
    ).rejects.toThrow(/answered HTTP 404 to reply: ServiceError the channel is down/);
    channel.failWith = undefined;
    expect(bot.turnErrors.length).toBe(errors + 1);
  });
});
