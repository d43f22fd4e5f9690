import { ActivityTypes, TurnContext } from 'botbuilder';
import { DirectLineAdapter } from '../../../adapters/directline/directLineAdapter';
import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { RecordingClient } from './directLineClient';
import { eventually, startHarness, webChatToken } from './harness';

describe('DirectLineAdapter', () => {
  it('stores what the bot sends, in order, from the bot, with timestamps and replyToId', async () => {
    const store = new MemoryDirectLineStore();
    const adapter = new DirectLineAdapter(store, { botId: 'bot', botName: 'Linea Amica' });
    await store.createConversation({ id: 'c1', userId: 'dl_u', createdAt: new Date().toISOString() });
    const ids: string[] = [];
    await adapter.processActivity(
      {
        type: 'message',
        id: 'c1|0000000',
        text: 'ciao',
        channelId: 'directline',
        conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
        from: { id: 'dl_u', name: '' },
        recipient: { id: 'bot', name: 'Linea Amica' },
      },
      async (context) => {
        const responses = await context.sendActivities([
          { type: 'message', text: 'uno', id: 'ignored' },
          { type: 'delay', value: 10 },
          { type: 'message', text: 'due' },
          { type: ActivityTypes.Trace, name: 'debug' },
        ]);
        ids.push(...responses.map((r) => r.id));
      },
    );
    const stored = (await store.read('c1', 0)).activities.map(
      (a) => JSON.parse(a) as Record<string, unknown>,
    );
    expect(stored.map((a) => a.text)).toEqual(['uno', 'due']);
    expect(ids).toEqual(['c1|0000000', '', 'c1|0000001', '']);
    for (const a of stored) {
      expect(a).toMatchObject({
        from: { id: 'bot', role: 'bot' },
        recipient: { id: 'dl_u' },
        replyToId: 'c1|0000000',
        conversation: { id: 'c1' },
        channelId: 'directline',
      });
      expect(Number.isNaN(Date.parse(String(a.timestamp)))).toBe(false);
    }
    await store.close();
  });

  it('sends a proactive message (continueConversation) that reaches the client stream', async () => {
    const h = await startHarness();
    const t = await webChatToken(h);
    const client = new RecordingClient({ domain: h.base, token: t.token, webSocket: true });
    try {
      await eventually(() => (client.texts('bot').length >= 1 ? true : undefined));
      let reference = TurnContext.getConversationReference({
        channelId: 'directline',
        conversation: { id: t.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: t.userId, name: '' },
        recipient: h.adapter.bot,
      });
      // References are usually saved as JSON and loaded later (e.g. by the operator console).
      reference = JSON.parse(JSON.stringify(reference)) as typeof reference;
      await h.adapter.continueConversation(reference, async (context) => {
        await context.sendActivity('Sono Anna, operatrice di Linea Amica: come posso aiutarti?');
      });
      await eventually(() => (client.texts('bot').length >= 2 ? true : undefined));
      expect(client.texts('bot')[1]).toBe('Sono Anna, operatrice di Linea Amica: come posso aiutarti?');
      const proactive = client.received[client.received.length - 1];
      expect(proactive).toMatchObject({ recipient: { id: t.userId }, from: { role: 'bot' } });
    } finally {
      client.end();
      await h.close();
    }
  });

  it('supports continueConversationAsync as CloudAdapter callers use it', async () => {
    const store = new MemoryDirectLineStore();
    const adapter = new DirectLineAdapter(store);
    await store.createConversation({ id: 'c2', userId: 'dl_u', createdAt: '' });
    const reference = {
      channelId: 'directline',
      conversation: { id: 'c2', isGroup: false, conversationType: 'personal', name: '' },
      user: { id: 'dl_u', name: '' },
    };
    await adapter.continueConversationAsync('app-id', reference, async (context) => {
      await context.sendActivity('uno');
    });
    const texts = (await store.read('c2', 0)).activities.map((a) => (JSON.parse(a) as { text: string }).text);
    expect(texts).toEqual(['uno']);
    await store.close();
  });

  it('refuses to send to a conversation that does not exist', async () => {
    const store = new MemoryDirectLineStore();
    const adapter = new DirectLineAdapter(store);
    await expect(
      adapter.continueConversation(
        { conversation: { id: 'nessuna', isGroup: false, conversationType: '', name: '' } },
        (c) => c.sendActivity('x').then(() => undefined),
      ),
    ).rejects.toThrow('not found');
    await store.close();
  });
});
