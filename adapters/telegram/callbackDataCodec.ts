import type { CallbackDataStore } from './callbackDataStore';

/** What a pressed button sends back to the bot, as Web Chat would: a text, a value, or both. */
export interface ButtonPayload {
  text?: string;
  value?: unknown;
}

export interface DecodedButton extends ButtonPayload {
  /** A suggested action (its keyboard is removed once used) rather than a card button. */
  ephemeral: boolean;
}

export interface CallbackDataCodecOptions {
  /** How long a stored payload stays pressable. */
  ttlMs?: number;
}

export const DEFAULT_CALLBACK_TTL_MS = 30 * 24 * 3600 * 1000;
export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * Maps a button payload to Telegram's `callback_data` (1-64 bytes) and back. A short text travels
 * inline ("s=Sì"); anything else (an object value, a long text) is kept in the store and only its
 * key travels ("s#Xk3…"). The first letter says whether the button was a suggested action.
 */
export class CallbackDataCodec {
  private readonly ttlMs: number;

  constructor(
    private readonly store: CallbackDataStore,
    options: CallbackDataCodecOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CALLBACK_TTL_MS;
  }

  async encode(payload: ButtonPayload, ephemeral: boolean): Promise<string> {
    const kind = ephemeral ? 's' : 'c';
    if (payload.value === undefined && payload.text !== undefined) {
      const inline = `${kind}=${payload.text}`;
      if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return inline;
    }
    const key = await this.store.put(JSON.stringify(payload), this.ttlMs);
    return `${kind}#${key}`;
  }

  /** The payload of a pressed button, or undefined when its data is unknown or has expired. */
  async decode(data: string): Promise<DecodedButton | undefined> {
    const kind = data[0];
    if (kind !== 's' && kind !== 'c') return undefined;
    const ephemeral = kind === 's';
    const body = data.slice(2);
    if (data[1] === '=') return { text: body, ephemeral };
    if (data[1] !== '#') return undefined;
    const raw = await this.store.get(body);
    if (raw === undefined) return undefined;
    const parsed = JSON.parse(raw) as ButtonPayload;
    return { ...parsed, ephemeral };
  }
}
