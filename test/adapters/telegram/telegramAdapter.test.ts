import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { BotLogic } from '../../../bots/botLogic';
import type { Json, RecordedCall } from '../../support/fakeTelegramApi';
import { echoLogic, type HarnessOptions, TelegramHarness } from './telegramHarness';
import {
  buttonPress,
  documentMessage,
  editedMessage,
  groupMessage,
  locationMessage,
  membershipChange,
  photoMessage,
  stickerMessage,
  textMessage,
  voiceMessage,
} from './telegramUpdates';

type Button = { text: string; callback_data?: string; url?: string };
const keyboardOf = (call: RecordedCall | undefined): Button[][] =>
  (call?.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? [];
const findButton = (call: RecordedCall | undefined, title: string): Button => {
  const button = keyboardOf(call)
    .flat()
    .find((b) => b.text === title);
  if (!button) throw new Error(`no button "${title}"`);
  return button;
};

const RATING_PROMPT: Partial<Activity> = {
  type: 'message',
  text: 'Ti è stata utile questa risposta?',
  channelData: { ratingPrompt: true },
  suggestedActions: {
    to: [],
    actions: [
      { type: 'postBack', title: '👍 Sì', value: { rating: 'positive' } },
      { type: 'postBack', title: '👎 No', value: { rating: 'negative' } },
      { type: 'imBack', title: 'Operatore', value: 'operatore' },
      {
        type: 'imBack',
        title: 'Domanda lunga',
        value: 'Quali documenti servono per il rinnovo del tesserino venatorio regionale?',
      },
    ],
  },
};

const CARD: Partial<Activity> = {
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Tesserino venatorio',
        text: 'Il tesserino si ritira in Provincia.',
        buttons: [
          { type: 'openUrl', title: 'Apri la pagina', value: 'https://www.provincia.lecco.it/caccia/' },
          {
            type: 'messageBack',
            title: 'Altre domande',
            text: 'altre domande',
            value: { followUp: 'tesserino-venatorio', step: 2 },
          },
        ],
      },
    },
  ],
};

describe('TelegramAdapter over HTTP (fake Bot API, long polling)', () => {
  let h: TelegramHarness;
  const start = async (options: Partial<HarnessOptions> = {}) => {
    h = await TelegramHarness.start({ mode: 'polling', ...options });
  };
  afterEach(async () => {
    await h.stop();
  });

  it('turns suggested actions into an inline keyboard and a press into the original value, answering the query', async () => {
    await start({
      logic: async (context) => {
        if (context.activity.text === 'valuta') await context.sendActivity(RATING_PROMPT);
        else await echoLogic(context);
      },
    });
    h.fake.pushUpdates(textMessage(501, 'valuta'));
    const [prompt] = await h.fake.waitForCalls('sendMessage', 1);
    expect(prompt?.payload.text).toBe('Ti è stata utile questa risposta?');
    const rows = keyboardOf(prompt);
    expect(rows.flat().map((b) => b.text)).toEqual(['👍 Sì', '👎 No', 'Operatore', 'Domanda lunga']);
    for (const b of rows.flat()) expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(64);
    const messageId = (prompt?.result as { message_id: number }).message_id;
    expect(messageId).toBeGreaterThan(0);

    const [press] = h.fake.pushUpdates(
      buttonPress(
        501,
        findButton(prompt, '👍 Sì').callback_data ?? '',
        messageId,
        prompt?.payload.reply_markup,
      ),
    );
    await h.waitForReceived(2);
    expect(h.received[1]).toMatchObject({
      type: 'message',
      value: { rating: 'positive' },
      conversation: { id: '501' },
    });
    expect(h.received[1]?.text).toBeUndefined();
    const queryId = (press?.callback_query as Json).id;
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === queryId),
    );
    // The citizen sees which button they pressed.
    expect(h.fake.callsOf('answerCallbackQuery')[0]?.payload.text).toBe('✓ 👍 Sì');
    // A used suggested-action keyboard is removed, as Web Chat hides suggested actions.
    await h.fake.waitForCalls('editMessageReplyMarkup', 1);
    expect(h.fake.callsOf('editMessageReplyMarkup')[0]?.payload).toMatchObject({
      chat_id: 501,
      message_id: messageId,
      reply_markup: { inline_keyboard: [] },
    });

    h.fake.pushUpdates(buttonPress(501, findButton(prompt, 'Operatore').callback_data ?? '', messageId));
    h.fake.pushUpdates(buttonPress(501, findButton(prompt, 'Domanda lunga').callback_data ?? '', messageId));
    await h.waitForReceived(4);
    expect(h.received[2]).toMatchObject({ type: 'message', text: 'operatore' });
    expect(h.received[3]).toMatchObject({
      type: 'message',
      text: 'Quali documenti servono per il rinnovo del tesserino venatorio regionale?',
    });
    await h.fake.waitForCalls('answerCallbackQuery', 3);
  });

  it('renders a hero card as text with url and callback buttons; a card button keeps its keyboard', async () => {
    await start({
      logic: async (context) => {
        if (context.activity.text === 'scheda') await context.sendActivity(CARD);
        else await echoLogic(context);
      },
    });
    h.fake.pushUpdates(textMessage(502, 'scheda'));
    const [card] = await h.fake.waitForCalls('sendMessage', 1);
    expect(card?.payload.text).toBe('<b>Tesserino venatorio</b>\n\nIl tesserino si ritira in Provincia.');
    expect(findButton(card, 'Apri la pagina')).toEqual({
      text: 'Apri la pagina',
      url: 'https://www.provincia.lecco.it/caccia/',
    });
    h.fake.pushUpdates(buttonPress(502, findButton(card, 'Altre domande').callback_data ?? '', 1));
    await h.waitForReceived(2);
    expect(h.received[1]).toMatchObject({
      text: 'altre domande',
      value: { followUp: 'tesserino-venatorio', step: 2 },
    });
    await h.fake.waitForCalls('answerCallbackQuery', 1);
    expect(h.fake.callsOf('editMessageReplyMarkup')).toHaveLength(0);
  });

  it('answers a button whose payload is unknown without running the bot', async () => {
    await start();
    h.fake.pushUpdates(buttonPress(503, 's#doesNotExist', 9));
    const [answer] = await h.fake.waitForCalls('answerCallbackQuery', 1);
    expect(String(answer?.payload.text)).toMatch(/non è più attivo/);
    expect(h.received).toHaveLength(0);
  });

  it('splits a text longer than 4,096 characters and puts the keyboard on the last piece', async () => {
    const paragraph = `${'Il procedimento richiede la domanda in bollo. '.repeat(20).trim()}\n\n`;
    const long = paragraph.repeat(12).trim();
    expect(long.length).toBeGreaterThan(10_000);
    await start({
      logic: async (context) => {
        await context.sendActivity({ ...RATING_PROMPT, text: long });
      },
    });
    h.fake.pushUpdates(textMessage(504, 'dimmi tutto'));
    await h.waitForReceived(1);
    await h.fake.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    const sent = h.fake.callsOf('sendMessage');
    expect(sent.length).toBe(3);
    for (const call of sent) expect(String(call.payload.text).length).toBeLessThanOrEqual(4096);
    expect(sent.map((c) => String(c.payload.text)).join('\n\n')).toBe(long);
    expect(keyboardOf(sent[0])).toEqual([]);
    expect(keyboardOf(sent[2]).flat()).toHaveLength(4);
  });

  it('escapes HTML and turns **bold**, _italic_ and links into Telegram HTML', async () => {
    await start({
      env: { PUBLIC_URL: 'https://chat.provincia.lecco.it' },
      logic: async (context) => {
        await context.sendActivity(
          'Scrivi <b>a</b> & "b" con **grassetto**, _corsivo_, snake_case, 2 * 3, ' +
            "[l'informativa](/privacy) e [il sito](https://www.provincia.lecco.it/?a=1&b=2)",
        );
      },
    });
    h.fake.pushUpdates(textMessage(505, 'ciao'));
    const [sent] = await h.fake.waitForCalls('sendMessage', 1);
    expect(sent?.payload.text).toBe(
      'Scrivi &lt;b&gt;a&lt;/b&gt; &amp; &quot;b&quot; con <b>grassetto</b>, <i>corsivo</i>, snake_case, 2 * 3, ' +
        '<a href="https://chat.provincia.lecco.it/privacy">l\'informativa</a> e ' +
        '<a href="https://www.provincia.lecco.it/?a=1&amp;b=2">il sito</a>',
    );
    expect(sent?.payload.parse_mode).toBe('HTML');
  });

  it('resends as plain text when Telegram refuses the HTML', async () => {
    await start({ logic: async (context) => void (await context.sendActivity('Orari: **lun-ven**')) });
    h.fake.failNext('sendMessage', 1, {
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: "Bad Request: can't parse entities: Unsupported start tag",
      },
    });
    h.fake.pushUpdates(textMessage(506, 'orari'));
    const calls = await h.fake.waitForCalls('sendMessage', 2);
    expect(calls[1]?.payload).toMatchObject({ text: 'Orari: lun-ven' });
    expect(calls[1]?.payload.parse_mode).toBeUndefined();
  });

  it('maps /start to a conversationUpdate (the bot greets) and the menu commands to words', async () => {
    await start();
    h.fake.pushUpdates(textMessage(507, '/start'));
    const [greeting] = await h.fake.waitForCalls('sendMessage', 1);
    expect(greeting?.payload.text).toBe('Benvenuto in <b>Linea Amica</b>!');
    expect(h.received[0]).toMatchObject({
      type: 'conversationUpdate',
      membersAdded: [{ id: '507', name: 'Mario Rossi' }],
      recipient: { id: '7000001' },
    });
    h.fake.pushUpdates(
      textMessage(507, '/operatore'),
      textMessage(507, '/annulla@LineaAmicaTestBot'),
      textMessage(507, '/valuta'),
      textMessage(507, '/aiuto'),
    );
    await h.waitForReceived(5);
    expect(h.received.slice(1).map((a) => [a.type, a.text, (a.channelData as Json).command])).toEqual([
      ['message', 'operatore', 'operatore'],
      ['message', 'annulla', 'annulla'],
      ['message', 'valuta', 'valuta'],
      ['message', 'aiuto', 'aiuto'],
    ]);
  });

  it('treats an edited message as a new message marked edited', async () => {
    await start();
    h.fake.pushUpdates(editedMessage(508, 'orari ufficio caccia'));
    await h.waitForReceived(1);
    expect(h.received[0]).toMatchObject({
      type: 'message',
      text: 'orari ufficio caccia',
      channelData: { edited: true },
    });
    await h.fake.waitForCalls('sendMessage', 1);
  });

  it('answers in a group with "write to me privately", without running the bot', async () => {
    await start();
    h.fake.pushUpdates(groupMessage(-100123, 509, '@LineaAmicaTestBot orari?'));
    const [reply] = await h.fake.waitForCalls('sendMessage', 1);
    expect(reply?.payload.chat_id).toBe(-100123);
    expect(String(reply?.payload.text)).toMatch(/Scrivimi in privato: https:\/\/t\.me\/LineaAmicaTestBot/);
    expect(h.received).toHaveLength(0);
  });

  it('passes photos, voice, documents, locations and stickers as unsupported attachments', async () => {
    await start();
    h.fake.pushUpdates(
      photoMessage(510, 'buca in strada'),
      voiceMessage(510),
      documentMessage(510, 'domanda.pdf'),
      locationMessage(510),
      stickerMessage(510),
    );
    await h.waitForReceived(5);
    expect(
      h.received.map((a) => [a.text, a.attachments?.[0]?.name, (a.channelData as Json).unsupported]),
    ).toEqual([
      ['buca in strada', 'photo', true],
      ['', 'voice', true],
      ['', 'domanda.pdf', true],
      ['', 'location', true],
      ['', 'sticker', true],
    ]);
    expect(h.received[0]?.attachments?.[0]?.contentType).toBe('application/vnd.telegram.photo');
    const replies = await h.fake.waitForCalls('sendMessage', 5);
    expect(replies.map((c) => c.payload.text)).toContain(
      'Non posso leggere domanda.pdf: scrivimi la domanda.',
    );
  });

  it('sends typing as sendChatAction', async () => {
    await start({
      logic: async (context) => {
        await context.sendActivities([{ type: 'typing' }, { type: 'message', text: 'Ecco.' }]);
      },
    });
    h.fake.pushUpdates(textMessage(511, 'ciao'));
    await h.fake.waitForCalls('sendMessage', 1);
    expect(h.fake.callsOf('sendChatAction')[0]?.payload).toMatchObject({ chat_id: '511', action: 'typing' });
    const methods = h.fake.calls.map((c) => c.method);
    expect(methods.indexOf('sendChatAction')).toBeLessThan(methods.indexOf('sendMessage'));
  });

  it('edits and deletes a sent message (updateActivity, deleteActivity)', async () => {
    await start({
      logic: async (context) => {
        const sent = await context.sendActivity('Cerco la risposta…');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'Ecco la **risposta**.' });
        await context.deleteActivity(sent?.id ?? '');
      },
    });
    h.fake.pushUpdates(textMessage(517, 'ciao'));
    const [edit] = await h.fake.waitForCalls('editMessageText', 1);
    const [sent] = h.fake.callsOf('sendMessage');
    const messageId = (sent?.result as { message_id: number }).message_id;
    expect(edit?.payload).toMatchObject({
      chat_id: '517',
      message_id: messageId,
      text: 'Ecco la <b>risposta</b>.',
    });
    const [deleted] = await h.fake.waitForCalls('deleteMessage', 1);
    expect(deleted?.payload).toMatchObject({ chat_id: '517', message_id: messageId });
  });

  it('delivers proactive messages (an operator writing) with continueConversation', async () => {
    let reference: Partial<ConversationReference> | undefined;
    await start({
      logic: async (context) => {
        reference = TurnContext.getConversationReference(context.activity);
        await context.sendActivity('Ti metto in contatto con un operatore.');
      },
    });
    h.fake.pushUpdates(textMessage(512, 'operatore'));
    await h.fake.waitForCalls('sendMessage', 1);
    if (!reference) throw new Error('no reference');
    await h.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity('**Anna (Linea Amica)**: buongiorno, come posso aiutarla?');
    });
    await h.adapter.continueConversationAsync('app-id', reference, async (context) => {
      await context.sendActivity('Il caso è chiuso.');
    });
    const sent = h.fake.callsOf('sendMessage');
    expect(sent.slice(1).map((c) => [c.payload.chat_id, c.payload.text])).toEqual([
      ['512', '<b>Anna (Linea Amica)</b>: buongiorno, come posso aiutarla?'],
      ['512', 'Il caso è chiuso.'],
    ]);
  });

  it('waits retry_after on a 429 and then delivers once', async () => {
    await start();
    h.fake.failNext('sendMessage', 1, {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    h.fake.pushUpdates(textMessage(513, 'ciao'));
    const [refused, delivered] = await h.fake.waitForCalls('sendMessage', 2, 5000);
    expect((delivered?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.callsOf('sendMessage')).toHaveLength(2);
  });

  it('retries network errors and 5xx with backoff', async () => {
    await start();
    h.fake.failNext('sendMessage', 1, 'network');
    h.fake.failNext('sendMessage', 1, { status: 502 });
    h.fake.pushUpdates(textMessage(514, 'ciao'));
    const calls = await h.fake.waitForCalls('sendMessage', 3);
    expect(calls.map((c) => c.payload.text)).toEqual([
      'Hai scritto: ciao',
      'Hai scritto: ciao',
      'Hai scritto: ciao',
    ]);
  });

  it('on 403 (bot blocked) logs, calls onBlocked once, sends nothing more to that chat, keeps serving others', async () => {
    const onBlocked = jest.fn();
    const twoReplies: BotLogic = async (context) => {
      await context.sendActivity(`Prima risposta a ${context.activity.text ?? ''}`);
      await context.sendActivity('Seconda risposta');
    };
    await start({ onBlocked, logic: twoReplies });
    h.fake.failNext('sendMessage', 1, {
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    h.fake.pushUpdates(textMessage(515, 'ciao'));
    await h.waitForReceived(1);
    await h.fake.waitForCalls('sendMessage', 1);
    h.fake.pushUpdates(textMessage(516, 'buongiorno'));
    await h.fake.waitForCalls('sendMessage', 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(onBlocked).toHaveBeenCalledTimes(1);
    expect(onBlocked).toHaveBeenCalledWith('515');
    expect(h.fake.sentTexts(515)).toHaveLength(1);
    expect(h.fake.sentTexts(516)).toEqual(['Prima risposta a buongiorno', 'Seconda risposta']);
    expect(h.logLines.some((l) => l.level === 40 && /blocked the bot/.test(String(l.msg)))).toBe(true);
    // No turn error: the bot did nothing wrong.
    expect(h.logLines.some((l) => Number(l.level) >= 50)).toBe(false);
  });

  it('ends the conversation as soon as the citizen blocks the bot, and writes again once unblocked', async () => {
    const onBlocked = jest.fn();
    let reference: Partial<ConversationReference> | undefined;
    await start({
      onBlocked,
      logic: async (context) => {
        reference = TurnContext.getConversationReference(context.activity);
        await echoLogic(context);
      },
    });
    h.fake.pushUpdates(textMessage(518, 'ciao'));
    await h.fake.waitForCalls('sendMessage', 1);
    h.fake.pushUpdates(membershipChange(518, 'kicked'));
    await h.fake.waitFor(() => onBlocked.mock.calls.length === 1, 5000, 'onBlocked');
    expect(onBlocked).toHaveBeenCalledWith('518');
    expect(h.received).toHaveLength(1);
    // An operator message to a blocked chat is not even attempted.
    if (!reference) throw new Error('no reference');
    await h.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity('Sei ancora lì?');
    });
    expect(h.fake.sentTexts(518)).toEqual(['Hai scritto: ciao']);
    const [unblock] = h.fake.pushUpdates(membershipChange(518, 'member'));
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'getUpdates' && Number(c.payload.offset) > Number(unblock?.update_id)),
    );
    await h.channel.idle();
    await h.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity('Bentornato');
    });
    expect(h.fake.sentTexts(518)).toEqual(['Hai scritto: ciao', 'Bentornato']);
  });
});
