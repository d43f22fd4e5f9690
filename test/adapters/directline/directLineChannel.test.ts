import { ConnectionStatus, RecordingClient } from './directLineClient';
import { eventually, type Harness, startHarness, webChatToken } from './harness';

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
    expect(c.directLine.conversationId).toBe(conversationId);

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
