import {
  buttonPress,
  citizen,
  photoMessage,
  textMessage,
  voiceMessage,
} from '../adapters/telegram/telegramUpdates';
import type { FakeTelegramApi, Json, RecordedCall } from '../support/fakeTelegramApi';
import { eventually } from '../support/journey';

/** How the fake Bot API hands the citizen's updates to the app. */
export type TelegramDelivery = 'polling' | 'webhook';

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** A message the bot sent to the citizen's chat (sendMessage), as the citizen's client shows it. */
export interface ChatMessage {
  /** Position in the fake API's call log (compare with mark()). */
  index: number;
  messageId: number;
  /** The HTML the bot sent. */
  html: string;
  /** What the citizen reads: tags removed, entities decoded. */
  text: string;
  buttons: InlineButton[];
  replyMarkup: unknown;
}

/** What the citizen reads of a Telegram HTML text. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

function buttonsOf(markup: unknown): InlineButton[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  return Array.isArray(rows) ? (rows.flat() as InlineButton[]) : [];
}

/**
 * A citizen in a private Telegram chat with the bot, through the fake Bot API: sends raw updates
 * as Telegram would (by getUpdates or to the webhook) and reads what the bot sent to the chat.
 */
export class TelegramCitizen {
  /**
   * Webhook mode: the URL the next updates are POSTed to, when not the registered one (one of
   * several replicas behind a load balancer).
   */
  via?: string;

  constructor(
    readonly fake: FakeTelegramApi,
    readonly chatId: number,
    readonly delivery: TelegramDelivery,
    /** The `language_code` of the citizen's Telegram app. */
    readonly language = 'it',
  ) {}

  /** The sender of the citizen's updates. */
  private get user(): Json {
    return citizen(this.chatId, 'Mario', this.language);
  }

  /** Index to pass as `since` to look only at what the bot does from now on. */
  mark(): number {
    return this.fake.calls.length;
  }

  /** Hands one raw update to the app; returns it with its update_id. */
  async send(update: Json): Promise<Json> {
    if (this.delivery === 'polling') {
      const [queued] = this.fake.pushUpdates(update);
      if (!queued) throw new Error('update not queued');
      return queued;
    }
    const withId = { update_id: this.fake.updateId(), ...update };
    await this.deliver(withId);
    return withId;
  }

  /** Webhook mode: POSTs a raw update (with its update_id) as Telegram does, to `via` or the registered URL. */
  async deliver(update: Json): Promise<void> {
    let status: number;
    if (this.via) {
      const res = await fetch(this.via, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Telegram-Bot-Api-Secret-Token': this.fake.webhook?.secret ?? '',
        },
        body: JSON.stringify(update),
      });
      await res.text();
      status = res.status;
    } else status = await this.fake.deliverToWebhook(update);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  }

  say(text: string): Promise<Json> {
    return this.send(textMessage(this.chatId, text, { from: this.user }));
  }

  sendPhoto(caption?: string): Promise<Json> {
    return this.send(this.asUser(photoMessage(this.chatId, caption)));
  }

  sendVoice(): Promise<Json> {
    return this.send(this.asUser(voiceMessage(this.chatId)));
  }

  /** Presses the button titled `title` (exactly, or containing it) of `message`; returns the query id. */
  async press(message: ChatMessage, title: string): Promise<string> {
    const button =
      message.buttons.find((b) => b.text === title) ?? message.buttons.find((b) => b.text.includes(title));
    if (!button?.callback_data)
      throw new Error(`no "${title}" button in: ${message.buttons.map((b) => b.text).join(', ')}`);
    const press = buttonPress(this.chatId, button.callback_data, message.messageId, message.replyMarkup);
    const query = { ...(press.callback_query as Json), from: this.user };
    const update = await this.send({ callback_query: query });
    return String((update.callback_query as Json).id);
  }

  /** A raw message update sent by this citizen (with their language). */
  private asUser(update: Json): Json {
    return { message: { ...(update.message as Json), from: this.user } };
  }

  /** Messages the bot sent to this chat (answered by the API), from call index `since` on. */
  messages(since = 0): ChatMessage[] {
    const out: ChatMessage[] = [];
    this.fake.calls.forEach((call, index) => {
      if (index < since || call.method !== 'sendMessage' || !call.answered) return;
      if (String(call.payload.chat_id) !== String(this.chatId)) return;
      const result = call.result as { message_id?: number } | undefined;
      if (result?.message_id === undefined) return;
      const html = String(call.payload.text);
      out.push({
        index,
        messageId: result.message_id,
        html,
        text: plainText(html),
        buttons: buttonsOf(call.payload.reply_markup),
        replyMarkup: call.payload.reply_markup,
      });
    });
    return out;
  }

  /** The first message from `since` on that matches. */
  waitFor(
    match: (m: ChatMessage) => boolean,
    what: string,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ChatMessage> {
    return eventually(() => this.messages(options.since ?? 0).find(match), what, options.timeoutMs);
  }

  /** The first message from `since` on whose text contains `text` (or matches it). */
  waitForText(
    text: string | RegExp,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ChatMessage> {
    return this.waitFor(
      (m) => (typeof text === 'string' ? m.text.includes(text) : text.test(m.text)),
      `a message with ${String(text)}`,
      options,
    );
  }

  /** The first message from `since` on with a button titled (or containing) `title`. */
  waitForButton(title: string, options: { since?: number; timeoutMs?: number } = {}): Promise<ChatMessage> {
    return this.waitFor(
      (m) => m.buttons.some((b) => b.text === title || b.text.includes(title)),
      `a message with a "${title}" button`,
      options,
    );
  }

  /** Waits until the API received the answer to callback query `queryId`. */
  async waitForAnswered(queryId: string): Promise<RecordedCall> {
    return eventually(
      () =>
        this.fake
          .callsOf('answerCallbackQuery')
          .find((c) => String(c.payload.callback_query_id) === queryId && c.answered),
      `answerCallbackQuery for ${queryId}`,
    );
  }
}
