import {
  type Activity,
  ActivityEventNames,
  ActivityTypes,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder-core';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { UnproxiedBotAdapter } from '../unproxiedBotAdapter';
import type { BotLogic } from '../../bots/botLogic';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import { ActivityRenderer, type ActivityRendererOptions, type RenderedMessage } from './activityRenderer';
import type { CallbackDataCodec } from './callbackDataCodec';
import type { TelegramApiCaller } from './telegramApiCaller';
import { TelegramBlockedError, TelegramRequestError } from './telegramErrors';
import { markdownToPlainText, markdownToTelegramHtml, splitText, TELEGRAM_TEXT_LIMIT } from './telegramText';
import type { TelegramUpdate } from './telegramUpdate';
import { type BotIdentity, UpdateTranslator, type UpdateTranslatorOptions } from './updateTranslator';

export interface TelegramAdapterOptions extends ActivityRendererOptions, UpdateTranslatorOptions {
  /** The reply to a message in a group chat; gets the bot's username. */
  groupReply?: (botUsername: string) => string;
  /** The answer to a button whose payload has expired. */
  expiredButtonText?: string;
  /** Called once when a citizen has blocked the bot (403): end that conversation. */
  onBlocked?: (chatId: string) => Promise<void> | void;
  metrics?: Metrics;
  /** Longest text of one Telegram message (tests lower it). */
  textLimit?: number;
}

export const DEFAULT_GROUP_REPLY = (username: string): string =>
  `Grazie! Per proteggere i tuoi dati rispondo solo in chat privata. Scrivimi in privato: https://t.me/${username}`;
export const DEFAULT_EXPIRED_BUTTON_TEXT = 'Questo pulsante non è più attivo: scrivi pure la tua domanda.';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Bot Framework adapter for Telegram: Telegram updates in, Activities to the bot; the bot's
 * Activities out, as Bot API calls through telegraf's client. No business logic lives here.
 */
export class TelegramAdapter extends UnproxiedBotAdapter {
  private identityPromise?: Promise<BotIdentity>;
  private translator?: UpdateTranslator;
  private readonly renderer: ActivityRenderer;
  private readonly textLimit: number;
  /** Chats that blocked the bot; cleared when the citizen writes again. */
  private readonly blocked = new Set<string>();

  constructor(
    private readonly api: TelegramApiCaller,
    private readonly codec: CallbackDataCodec,
    private readonly logger: Logger,
    private readonly options: TelegramAdapterOptions = {},
  ) {
    super();
    this.renderer = new ActivityRenderer(options);
    this.textLimit = options.textLimit ?? TELEGRAM_TEXT_LIMIT;
  }

  /** The bot's own account, asked once with getMe. */
  identity(): Promise<BotIdentity> {
    this.identityPromise ??= this.api.call('getMe', {}).then(
      (me) => ({ id: me.id, username: me.username }),
      (err: unknown) => {
        this.identityPromise = undefined;
        throw err;
      },
    );
    return this.identityPromise;
  }

  /** Handles one (validated, not yet seen) update: runs the bot, or answers on its own. */
  async processUpdate(update: TelegramUpdate, logic: BotLogic): Promise<void> {
    const identity = await this.identity();
    this.translator ??= new UpdateTranslator(identity, this.options);
    const translation = this.translator.translate(update);
    switch (translation.kind) {
      case 'ignore':
        if (translation.callbackQueryId) await this.answerButton(translation.callbackQueryId);
        return;
      case 'group':
        await this.api
          .call('sendMessage', {
            chat_id: translation.chatId,
            text: (this.options.groupReply ?? DEFAULT_GROUP_REPLY)(identity.username),
            reply_parameters: { message_id: translation.messageId, allow_sending_without_reply: true },
          })
          .catch((err: unknown) => {
            // Removed from the group, or not allowed to write there: nothing to end.
            if (!(err instanceof TelegramBlockedError)) throw err;
            this.logger.info({ chatId: translation.chatId }, 'cannot write in a group chat');
          });
        return;
      case 'button': {
        const { query, activity } = translation;
        const button =
          query.data !== undefined
            ? await this.codec.decode(query.data).catch((err: unknown) => {
                // The store is down: say so through the button rather than leave it spinning.
                this.logger.error({ err }, 'cannot read a button payload');
                return undefined;
              })
            : undefined;
        if (!button) {
          await this.answerButton(query.id, this.options.expiredButtonText ?? DEFAULT_EXPIRED_BUTTON_TEXT);
          return;
        }
        // Web Chat shows the chosen button as the citizen's message; Telegram gets a short notice.
        const pressed = query.message?.reply_markup?.inline_keyboard
          .flat()
          .find((b) => b.callback_data === query.data)?.text;
        await this.answerButton(query.id, pressed ? `✓ ${pressed}` : undefined);
        if (button.ephemeral && query.message) {
          // Suggested actions vanish once used, as in Web Chat; a second press would repeat the answer.
          await this.api
            .call('editMessageReplyMarkup', {
              chat_id: query.message.chat.id,
              message_id: query.message.message_id,
              reply_markup: { inline_keyboard: [] },
            })
            .catch((err: unknown) => this.logger.debug({ err }, 'could not remove a used keyboard'));
        }
        if (button.text !== undefined) activity.text = button.text;
        if (button.value !== undefined) activity.value = button.value;
        await this.run(activity, logic);
        return;
      }
      case 'membership':
        if (translation.blocked) await this.handleBlocked(translation.chatId, 'blocked by the user');
        else this.blocked.delete(translation.chatId);
        return;
      case 'activity':
        await this.run(translation.activity, logic);
        return;
    }
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const chatId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (!chatId || this.blocked.has(chatId)) {
        responses.push({ id: '' });
        continue;
      }
      try {
        responses.push({ id: await this.sendOne(chatId, activity) });
      } catch (err) {
        if (!(err instanceof TelegramBlockedError)) throw err;
        await this.handleBlocked(chatId, err.description);
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const chatId = activity.conversation?.id ?? context.activity.conversation?.id;
    const [message] = this.renderer.render(activity);
    if (!chatId || !activity.id || !message) return;
    await this.api.call('editMessageText', {
      chat_id: chatId,
      message_id: Number(activity.id),
      text: markdownToTelegramHtml(message.markdown, this.options.linkBase),
      parse_mode: 'HTML',
      reply_markup: await this.keyboard(message),
    });
  }

  override async deleteActivity(
    context: TurnContext,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    const chatId = reference.conversation?.id ?? context.activity.conversation?.id;
    if (!chatId || !reference.activityId) return;
    await this.api.call('deleteMessage', { chat_id: chatId, message_id: Number(reference.activityId) });
  }

  /** Proactive messages (an operator's reply): `logic` sends through a context for `reference`. */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const request = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, request), logic);
  }

  /** CloudAdapter's signature, so callers written for it work unchanged (no auth on Telegram). */
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('TelegramAdapter.continueConversationAsync(): logic is required');
    await this.continueConversation(reference, logic);
  }

  private async run(activity: Partial<Activity>, logic: BotLogic): Promise<void> {
    const chatId = activity.conversation?.id;
    if (chatId) this.blocked.delete(chatId);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Sends one activity; returns the id of the last Telegram message sent ('' when none). */
  private async sendOne(chatId: string, activity: Partial<Activity>): Promise<string> {
    switch (activity.type) {
      case ActivityTypes.Typing:
        await this.api.call('sendChatAction', { chat_id: chatId, action: 'typing' }).catch((err: unknown) => {
          if (err instanceof TelegramBlockedError) throw err;
          this.logger.debug({ err }, 'typing indicator not delivered');
        });
        return '';
      case 'delay':
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        return '';
      case ActivityTypes.Message:
      case undefined: {
        let lastId = '';
        for (const message of this.renderer.render(activity))
          lastId = await this.sendMessage(chatId, message);
        return lastId;
      }
      default:
        return '';
    }
  }

  private async sendMessage(chatId: string, message: RenderedMessage): Promise<string> {
    const chunks = splitText(message.markdown, this.textLimit);
    const keyboard = await this.keyboard(message);
    let lastId = '';
    for (const [i, chunk] of chunks.entries()) {
      const replyMarkup = i === chunks.length - 1 ? keyboard : undefined;
      try {
        const sent = await this.api.call('sendMessage', {
          chat_id: chatId,
          text: markdownToTelegramHtml(chunk, this.options.linkBase),
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: replyMarkup,
        });
        lastId = String(sent.message_id);
      } catch (err) {
        if (!(
          err instanceof TelegramRequestError &&
          err.code === 400 &&
          /pars|entit|tag/i.test(err.description)
        )) {
          throw err;
        }
        // Telegram refused our HTML: say the same thing as plain text rather than nothing.
        this.logger.warn({ description: err.description }, 'Telegram refused the HTML; sending plain text');
        const sent = await this.api.call('sendMessage', {
          chat_id: chatId,
          text: markdownToPlainText(chunk, this.options.linkBase),
          link_preview_options: { is_disabled: true },
          reply_markup: replyMarkup,
        });
        lastId = String(sent.message_id);
      }
    }
    return lastId;
  }

  private async keyboard(message: RenderedMessage): Promise<InlineKeyboardMarkup | undefined> {
    if (message.rows.length === 0) return undefined;
    const rows: InlineKeyboardButton[][] = [];
    for (const row of message.rows) {
      const out: InlineKeyboardButton[] = [];
      for (const button of row) {
        out.push(
          'url' in button
            ? { text: button.title, url: button.url }
            : {
                text: button.title,
                callback_data: await this.codec.encode(button.payload, button.ephemeral),
              },
        );
      }
      rows.push(out);
    }
    return { inline_keyboard: rows };
  }

  private async answerButton(callbackQueryId: string, text?: string): Promise<void> {
    await this.api
      .call('answerCallbackQuery', { callback_query_id: callbackQueryId, text })
      .catch((err: unknown) => this.logger.debug({ err }, 'answerCallbackQuery failed'));
  }

  private async handleBlocked(chatId: string, description: string): Promise<void> {
    if (this.blocked.has(chatId)) return;
    this.blocked.add(chatId);
    this.options.metrics?.errors.inc({ kind: 'telegram_blocked' });
    this.logger.warn(
      { chatId, description },
      'Telegram: the citizen blocked the bot; ending the conversation',
    );
    try {
      await this.options.onBlocked?.(chatId);
    } catch (callbackError) {
      this.logger.error({ err: callbackError, chatId }, 'onBlocked failed');
    }
  }
}
