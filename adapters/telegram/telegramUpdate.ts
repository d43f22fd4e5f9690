import { z } from 'zod';

/**
 * The part of a Telegram `Update` the adapter reads. Updates come from the network, so they are
 * validated here once; unknown fields pass through untouched.
 */
const user = z.looseObject({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chat = z.looseObject({
  id: z.number(),
  type: z.string(),
  title: z.string().optional(),
});

const entity = z.looseObject({ type: z.string(), offset: z.number(), length: z.number() });

const file = z.looseObject({ file_id: z.string().optional(), file_name: z.string().optional() });

const message = z.looseObject({
  message_id: z.number(),
  date: z.number().optional(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entity).optional(),
  photo: z.array(file).optional(),
  voice: file.optional(),
  audio: file.optional(),
  video: file.optional(),
  video_note: file.optional(),
  animation: file.optional(),
  document: file.optional(),
  sticker: z.looseObject({ emoji: z.string().optional() }).optional(),
  location: z.looseObject({}).optional(),
  venue: z.looseObject({}).optional(),
  contact: z.looseObject({}).optional(),
  poll: z.looseObject({}).optional(),
  new_chat_members: z.array(user).optional(),
});

const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  data: z.string().optional(),
  message: z
    .looseObject({
      message_id: z.number(),
      chat,
      reply_markup: z
        .looseObject({
          inline_keyboard: z.array(
            z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() })),
          ),
        })
        .optional(),
    })
    .optional(),
});

/** The bot's own membership changed: in a private chat "kicked" means the citizen blocked it. */
const chatMemberUpdated = z.looseObject({
  chat,
  from: user,
  new_chat_member: z.looseObject({ status: z.string() }),
});

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int(),
  message: message.optional(),
  edited_message: message.optional(),
  callback_query: callbackQuery.optional(),
  my_chat_member: chatMemberUpdated.optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramMessage = z.infer<typeof message>;
export type TelegramUser = z.infer<typeof user>;
export type TelegramCallbackQuery = z.infer<typeof callbackQuery>;

/** The validated update, or undefined when the JSON is not a Telegram update. */
export function parseTelegramUpdate(raw: unknown): TelegramUpdate | undefined {
  const result = telegramUpdateSchema.safeParse(raw);
  return result.success ? result.data : undefined;
}

/** The chat an update belongs to: its updates must be handled one at a time, in order. */
export function chatIdOf(update: TelegramUpdate): number | undefined {
  return (
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.callback_query?.from.id ??
    update.my_chat_member?.chat.id
  );
}
