import { TelegramHarness } from './telegramHarness';
import { textMessage } from './telegramUpdates';

describe('Telegram channel, long polling', () => {
  let h: TelegramHarness;
  beforeEach(async () => {
    h = await TelegramHarness.start({ mode: 'polling' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('removes any webhook, then polls with offset and timeout', async () => {
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'));
    const methods = h.fake.calls.map((c) => c.method);
    expect(methods.indexOf('getMe')).toBeLessThan(methods.indexOf('deleteWebhook'));
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
    const first = h.fake.callsOf('getUpdates')[0]?.payload;
    expect(first).toMatchObject({ offset: 0, timeout: 1 });
    expect(first?.allowed_updates).toEqual(['message', 'edited_message', 'callback_query', 'my_chat_member']);
    // Telegram clients show the commands in their menu.
    const menu = h.fake.callsOf('setMyCommands')[0]?.payload.commands as Array<{ command: string }>;
    expect(menu.map((c) => c.command)).toEqual(['start', 'aiuto', 'operatore', 'valuta', 'annulla']);
  });

  it('answers a text message with sendMessage to the same chat, and confirms the update', async () => {
    const [update] = h.fake.pushUpdates(textMessage(4242, 'Come rinnovo il tesserino venatorio?'));
    const [sent] = await h.fake.waitForCalls('sendMessage', 1);
    expect(sent?.payload).toMatchObject({
      chat_id: '4242',
      text: 'Hai scritto: Come rinnovo il tesserino venatorio?',
      parse_mode: 'HTML',
    });
    const [activity] = h.received;
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'telegram',
      text: 'Come rinnovo il tesserino venatorio?',
      conversation: { id: '4242', isGroup: false },
      from: { id: '4242', name: 'Mario Rossi' },
      recipient: { id: '7000001', name: 'LineaAmicaTestBot' },
      locale: 'it',
    });
    // The next poll starts after the update: Telegram may forget it.
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'getUpdates' && c.payload.offset === Number(update?.update_id) + 1),
    );
  });
});
