/** Raw updates exactly as the Bot API sends them (JSON), for the Telegram tests. */
import type { Json } from '../../support/fakeTelegramApi';

let messageId = 1;
const now = () => Math.floor(Date.now() / 1000);

export function citizen(chatId: number, first = 'Mario', language = 'it'): Json {
  return {
    id: chatId,
    is_bot: false,
    first_name: first,
    last_name: 'Rossi',
    username: `user${chatId}`,
    language_code: language,
  };
}

function privateChat(chatId: number): Json {
  return { id: chatId, first_name: 'Mario', last_name: 'Rossi', username: `user${chatId}`, type: 'private' };
}

export function textMessage(chatId: number, text: string, extra: Json = {}): Json {
  const message: Json = {
    message_id: messageId++,
    from: citizen(chatId),
    chat: privateChat(chatId),
    date: now(),
    text,
    ...extra,
  };
  if (text.startsWith('/')) {
    message.entities = [{ offset: 0, length: text.split(' ')[0]?.length ?? 1, type: 'bot_command' }];
  }
  return { message };
}

export function editedMessage(chatId: number, text: string): Json {
  return {
    edited_message: {
      message_id: messageId++,
      from: citizen(chatId),
      chat: privateChat(chatId),
      date: now(),
      edit_date: now(),
      text,
    },
  };
}

/** A press on a button of message `buttonMessageId`; `keyboard` is that message's inline keyboard. */
export function buttonPress(chatId: number, data: string, buttonMessageId: number, keyboard?: unknown): Json {
  return {
    callback_query: {
      id: `${chatId}${messageId++}`,
      from: citizen(chatId),
      message: {
        message_id: buttonMessageId,
        from: { id: 7000001, is_bot: true, first_name: 'Linea Amica' },
        chat: privateChat(chatId),
        date: now(),
        text: '…',
        ...(keyboard ? { reply_markup: keyboard } : {}),
      },
      chat_instance: '-123456789',
      data,
    },
  };
}

export function photoMessage(chatId: number, caption?: string): Json {
  return {
    message: {
      message_id: messageId++,
      from: citizen(chatId),
      chat: privateChat(chatId),
      date: now(),
      photo: [
        { file_id: 'AgACAgQAAxkBAAIB', file_unique_id: 'AQADa', file_size: 1234, width: 90, height: 90 },
        { file_id: 'AgACAgQAAxkBAAIC', file_unique_id: 'AQADb', file_size: 45678, width: 800, height: 800 },
      ],
      ...(caption ? { caption } : {}),
    },
  };
}

export function voiceMessage(chatId: number): Json {
  return {
    message: {
      message_id: messageId++,
      from: citizen(chatId),
      chat: privateChat(chatId),
      date: now(),
      voice: {
        duration: 3,
        mime_type: 'audio/ogg',
        file_id: 'AwACAgQAAxkBAAIBvoice',
        file_unique_id: 'AgADv',
        file_size: 9000,
      },
    },
  };
}

export function documentMessage(chatId: number, fileName: string): Json {
  return {
    message: {
      message_id: messageId++,
      from: citizen(chatId),
      chat: privateChat(chatId),
      date: now(),
      document: {
        file_name: fileName,
        mime_type: 'application/pdf',
        file_id: 'BQACAgQAAxkBAAIBdoc',
        file_unique_id: 'AgADd',
        file_size: 20000,
      },
    },
  };
}

export function locationMessage(chatId: number): Json {
  return {
    message: {
      message_id: messageId++,
      from: citizen(chatId),
      chat: privateChat(chatId),
      date: now(),
      location: { latitude: 45.85, longitude: 9.39 },
    },
  };
}

export function stickerMessage(chatId: number): Json {
  return {
    message: {
      message_id: messageId++,
      from: citizen(chatId),
      chat: privateChat(chatId),
      date: now(),
      sticker: {
        width: 512,
        height: 512,
        emoji: '👍',
        is_animated: false,
        is_video: false,
        type: 'regular',
        file_id: 'CAACAgIAAxkBstk',
        file_unique_id: 'AgADs',
      },
    },
  };
}

export function groupMessage(groupId: number, fromId: number, text: string): Json {
  return {
    message: {
      message_id: messageId++,
      from: citizen(fromId),
      chat: { id: groupId, title: 'Amici di Lecco', type: 'supergroup' },
      date: now(),
      text,
    },
  };
}

/** The citizen blocked ("kicked") or unblocked ("member") the bot in their private chat. */
export function membershipChange(chatId: number, status: 'kicked' | 'member'): Json {
  return {
    my_chat_member: {
      chat: privateChat(chatId),
      from: citizen(chatId),
      date: now(),
      old_chat_member: {
        user: { id: 7000001, is_bot: true, first_name: 'Linea Amica' },
        status: status === 'kicked' ? 'member' : 'kicked',
      },
      new_chat_member: {
        user: { id: 7000001, is_bot: true, first_name: 'Linea Amica' },
        status,
        ...(status === 'kicked' ? { until_date: 0 } : {}),
      },
    },
  };
}
