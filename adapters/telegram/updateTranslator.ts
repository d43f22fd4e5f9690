import { type Activity, ActivityTypes, type ChannelAccount, type ConversationAccount } from 'botbuilder-core';
import type { TelegramCallbackQuery, TelegramMessage, TelegramUpdate, TelegramUser } from './telegramUpdate';

export const TELEGRAM_CHANNEL_ID = 'telegram';

/** The bot's own Telegram account (from getMe). */
export interface BotIdentity {
  id: number;
  username: string;
}

/** What the adapter must do with one update. */
export type Translation =
  | { kind: 'activity'; activity: Partial<Activity> }
  /** A pressed inline button: its callback_data must be decoded into `activity`. */
  | { kind: 'button'; query: TelegramCallbackQuery; activity: Partial<Activity> }
  /** A message in a group: the bot only answers "write to me privately". */
  | { kind: 'group'; chatId: number; messageId: number }
  /** The citizen blocked (true) or unblocked (false) the bot. */
  | { kind: 'membership'; chatId: string; blocked: boolean }
  | { kind: 'ignore'; reason: string; callbackQueryId?: string };

export interface UpdateTranslatorOptions {
  /** Slash commands and the text the bot receives for each (without the slash). */
  commands?: Record<string, string>;
  serviceUrl?: string;
}

/** Commands shown by Telegram clients, mapped to the words the bot already understands. */
export const DEFAULT_COMMANDS: Readonly<Record<string, string>> = {
  operatore: 'operatore',
  annulla: 'annulla',
  valuta: 'valuta',
  aiuto: 'aiuto',
  help: 'aiuto',
};

/** Kinds of content the bot cannot read, in the order they are looked for. */
const MEDIA_KINDS = [
  'photo',
  'voice',
  'audio',
  'video',
  'video_note',
  'animation',
  'document',
  'sticker',
  'location',
  'venue',
  'contact',
  'poll',
] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

function displayName(user: TelegramUser | undefined): string {
  if (!user) return '';
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || '';
}

/**
 * Turns a Telegram update into the Activity the bot would get from Web Chat. Pure: no I/O, so the
 * same update always gives the same activity.
 */
export class UpdateTranslator {
  private readonly commands: Record<string, string>;

  constructor(
    private readonly bot: BotIdentity,
    private readonly options: UpdateTranslatorOptions = {},
  ) {
    this.commands = { ...(options.commands ?? DEFAULT_COMMANDS) };
  }

  translate(update: TelegramUpdate): Translation {
    if (update.message) return this.fromMessage(update, update.message, false);
    if (update.edited_message) return this.fromMessage(update, update.edited_message, true);
    if (update.callback_query) return this.fromCallbackQuery(update, update.callback_query);
    const member = update.my_chat_member;
    if (member && member.chat.type === 'private') {
      const status = member.new_chat_member.status;
      if (status === 'kicked' || status === 'member') {
        return { kind: 'membership', chatId: String(member.chat.id), blocked: status === 'kicked' };
      }
    }
    return { kind: 'ignore', reason: 'update type' };
  }

  private fromMessage(update: TelegramUpdate, message: TelegramMessage, edited: boolean): Translation {
    if (message.chat.type !== 'private') return this.fromGroupMessage(message);
    if (!message.from || message.from.is_bot) return { kind: 'ignore', reason: 'no citizen' };
    const from = this.account(message.from);
    const base = this.base(update, message.chat.id, message.from, String(message.message_id), message.date);
    const channelData: Record<string, unknown> = { ...(base.channelData as Record<string, unknown>) };
    if (edited) channelData.edited = true;

    const text = message.text;
    if (text !== undefined) {
      const command = this.parseCommand(text);
      if (command?.name === 'start') {
        return {
          kind: 'activity',
          activity: {
            ...base,
            type: ActivityTypes.ConversationUpdate,
            membersAdded: [from],
            channelData: { ...channelData, command: 'start', startPayload: command.args || undefined },
          },
        };
      }
      if (command) {
        const mapped = this.commands[command.name];
        return {
          kind: 'activity',
          activity: {
            ...base,
            type: ActivityTypes.Message,
            text: mapped ?? text,
            channelData: { ...channelData, command: command.name },
          },
        };
      }
      return { kind: 'activity', activity: { ...base, type: ActivityTypes.Message, text, channelData } };
    }

    const kind = MEDIA_KINDS.find((k) => message[k] !== undefined);
    if (!kind) return { kind: 'ignore', reason: 'service message' };
    return {
      kind: 'activity',
      activity: {
        ...base,
        type: ActivityTypes.Message,
        text: message.caption ?? '',
        attachments: [
          { contentType: `application/vnd.telegram.${kind}`, name: this.mediaName(message, kind) },
        ],
        channelData: { ...channelData, unsupported: true, mediaKind: kind },
      },
    };
  }

  private fromGroupMessage(message: TelegramMessage): Translation {
    const addedMe = message.new_chat_members?.some((m) => m.id === this.bot.id) ?? false;
    if (message.text !== undefined || addedMe) {
      return { kind: 'group', chatId: message.chat.id, messageId: message.message_id };
    }
    return { kind: 'ignore', reason: 'group service message' };
  }

  private fromCallbackQuery(update: TelegramUpdate, query: TelegramCallbackQuery): Translation {
    const chat = query.message?.chat;
    if (chat && chat.type !== 'private')
      return { kind: 'ignore', reason: 'group button', callbackQueryId: query.id };
    const base = this.base(update, chat?.id ?? query.from.id, query.from, `cb:${query.id}`, undefined);
    return {
      kind: 'button',
      query,
      activity: {
        ...base,
        type: ActivityTypes.Message,
        channelData: {
          ...(base.channelData as Record<string, unknown>),
          callbackQueryId: query.id,
          buttonMessageId: query.message?.message_id,
        },
      },
    };
  }

  private parseCommand(text: string): { name: string; args: string } | undefined {
    const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
    if (!match) return undefined;
    const [, name = '', mention, args = ''] = match;
    if (mention && mention.toLowerCase() !== this.bot.username.toLowerCase()) return undefined;
    return { name: name.toLowerCase(), args: args.trim() };
  }

  private mediaName(message: TelegramMessage, kind: MediaKind): string {
    const file = kind === 'document' || kind === 'audio' || kind === 'video' ? message[kind] : undefined;
    return file?.file_name ?? kind;
  }

  private account(user: TelegramUser): ChannelAccount {
    return { id: String(user.id), name: displayName(user), role: 'user' };
  }

  private base(
    update: TelegramUpdate,
    chatId: number,
    user: TelegramUser,
    id: string,
    date: number | undefined,
  ): Partial<Activity> {
    const conversation: ConversationAccount = {
      id: String(chatId),
      name: displayName(user),
      isGroup: false,
      conversationType: 'personal',
    };
    const activity: Partial<Activity> = {
      id,
      channelId: TELEGRAM_CHANNEL_ID,
      serviceUrl: this.options.serviceUrl ?? 'https://api.telegram.org',
      timestamp: date !== undefined ? new Date(date * 1000) : new Date(),
      conversation,
      from: this.account(user),
      recipient: { id: String(this.bot.id), name: this.bot.username, role: 'bot' },
      channelData: { updateId: update.update_id, chatId },
    };
    if (user.language_code) activity.locale = user.language_code;
    return activity;
  }
}
